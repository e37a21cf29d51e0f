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
