from desktop.core.ingest.dates import parse_date_line
from desktop.core.model import ArticleDate, DatePrecision


def test_formats_and_precision() -> None:
    cases = {
        "December 2, 2024, 5:25 pm": (ArticleDate(2024, 12, 2), DatePrecision.DAY),
        "2022 January": (ArticleDate(2022, 1), DatePrecision.MONTH),
        "Mon, 3 Apr 2023 14:05 HKT": (ArticleDate(2023, 4, 3), DatePrecision.DAY),
        "Updated on Sept. 9th, 2021": (ArticleDate(2021, 9, 9), DatePrecision.DAY),
        "2021/09/09": (ArticleDate(2021, 9, 9), DatePrecision.DAY),
    }
    for line, (date, precision) in cases.items():
        parsed = parse_date_line(line)
        assert parsed == date, line
        assert parsed.precision is precision


def test_sentences_and_impossible_dates_are_not_dates() -> None:
    for line in ["In 2023, HKSTP opened a branch.", "February 30, 2023", "2023", "Room 2024-12"]:
        assert parse_date_line(line) is None, line


def test_day_first_numbers_times_first_and_datelines() -> None:
    from desktop.core.ingest.dates import dateline_date, labelled_date

    assert parse_date_line("11-12-2023") == ArticleDate(2023, 12, 11)
    assert parse_date_line("Updated 12:25, 16-Sep-2019") == ArticleDate(2019, 9, 16)
    assert parse_date_line("Published: 11:31, September 19, 2025") == ArticleDate(2025, 9, 19)
    assert parse_date_line("Published Sat, Nov 6, 2021 · 05:50 AM") == ArticleDate(2021, 11, 6)
    assert parse_date_line("30/4/2024") == ArticleDate(2024, 4, 30)
    assert parse_date_line("4/30/2024") == ArticleDate(2024, 4, 30)
    assert parse_date_line("3/4/2024") is None  # March or April: no date, not a wrong one
    assert parse_date_line("December 2, 2024, the company said it would.") is None
    assert labelled_date(
        "By Li Wei in Shenzhen Source: Global Times Published: 2019/8/29 22:38"
    ) == (ArticleDate(2019, 8, 29))
    assert labelled_date("The rules were published in 2019 for all firms.") is None
    assert dateline_date("HONG KONG SAR - Media OutReach Newswire - 28 August 2024 - The") == (
        ArticleDate(2024, 8, 28)
    )


def test_a_dotted_day_an_update_time_and_a_byline_with_the_date() -> None:
    assert parse_date_line("Jun 17. 2016") == ArticleDate(2016, 6, 17)
    assert parse_date_line("2024-10-28 15:12 Last Updated At:15:28") == ArticleDate(2024, 10, 28)
    assert parse_date_line("Mia Tran Oct 15, 2019 10:00") == ArticleDate(2019, 10, 15)
    assert parse_date_line("Harbour Science Park March 3, 2024") is None  # no time: a heading


def test_a_source_then_the_time_and_date_is_a_date_line() -> None:
    assert parse_date_line("People's Daily Online) 09:13, June 25, 2024") == (
        ArticleDate(2024, 6, 25)
    )
    assert parse_date_line("Xinhua 09:13, Tuesday June 25, 2024") == ArticleDate(2024, 6, 25)
    # A sentence ending on a date says more than the date; a lower-case start is no source.
    assert parse_date_line("The park opened at 09:13, June 25, 2024.") is None
    assert parse_date_line("the launch is set for 09:13, June 25, 2024") is None


def test_a_labelled_date_may_be_followed_by_a_sections_name_only() -> None:
    from desktop.core.ingest.dates import label_first_date

    assert label_first_date("date 2024-06-25 We Are China") == ArticleDate(2024, 6, 25)
    assert label_first_date("Published: 3 May 2024 Technology") == ArticleDate(2024, 5, 3)
    assert label_first_date("2024-06-25 We Are China") is None  # no label: may be a title
    # More than a section's name after the date: a sentence, not a date line.
    assert label_first_date("Posted 3 May 2024 and the park said it would grow") is None


def test_a_date_between_separators_of_a_chrome_line() -> None:
    from desktop.core.ingest.dates import segment_date

    assert segment_date("孵化器 · 2026-05-19") == ArticleDate(2026, 5, 19)
    assert segment_date("Home | News | Tech") is None
    assert segment_date("Copyright · 2024") is None  # a year alone is no date
