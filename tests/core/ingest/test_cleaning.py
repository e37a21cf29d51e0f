"""Cleaning rules on small hand-written scrapes (not the seeds), so they stay general."""

from desktop.core.ingest.cleaning import clean_lines

SCRAPE = """\
Skip to content
Home > News > Technology
Please wait...

Cyberport Opens a New Incubation Hub in Kowloon

Photo: Cyberport handout
Cyberport said on Tuesday it would open a new incubation hub for fintech startups next year.
The hub will host up to 80 companies and offer mentoring from industry partners.
Cyberport said on Tuesday it would open a new incubation hub for fintech startups next year.
The hub will host up to 80 companies and offer mentoring from industry partners.
Share this article
Tags: fintech, Cyberport
© 2024 Example News. All rights reserved.
"""


def kept_and_removed(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    lines, removals = clean_lines(text)
    return [line.text for line in lines], [(r.rule, r.text) for r in removals]


def test_chrome_lines_go_and_every_content_line_stays() -> None:
    kept, removed = kept_and_removed(SCRAPE)
    assert kept == [
        "Cyberport Opens a New Incubation Hub in Kowloon",
        "Cyberport said on Tuesday it would open a new incubation hub for fintech startups "
        "next year.",
        "The hub will host up to 80 companies and offer mentoring from industry partners.",
    ]
    assert removed == [
        ("chrome", "Skip to content"),
        ("chrome", "Home > News > Technology"),
        ("chrome", "Please wait..."),
        ("chrome", "Photo: Cyberport handout"),
        (
            "repeat",
            "Cyberport said on Tuesday it would open a new incubation hub for fintech "
            "startups next year.",
        ),
        (
            "repeat",
            "The hub will host up to 80 companies and offer mentoring from industry partners.",
        ),
        ("chrome", "Share this article"),
        ("chrome", "Tags: fintech, Cyberport"),
        ("chrome", "© 2024 Example News. All rights reserved."),
    ]


def test_short_repeated_lines_are_kept() -> None:
    kept, removed = kept_and_removed("A Title\nYes.\nSome body text here.\nYes.\n")
    assert kept == ["A Title", "Yes.", "Some body text here.", "Yes."]
    assert removed == []


def test_comment_form_in_english_is_dropped() -> None:
    text = (
        "A Title\nThe body of the article, long enough to be a paragraph of text.\n"
        "Leave a Reply\nYour email address will not be published. Required fields are marked *\n"
        "Comment *\nName *\nEmail *\nWebsite\nPost Comment\n"
    )
    kept, removed = kept_and_removed(text)
    assert kept == ["A Title", "The body of the article, long enough to be a paragraph of text."]
    assert {rule for rule, _ in removed} == {"comment-form"}
    assert len(removed) == 7


def test_comment_form_in_traditional_chinese_is_dropped() -> None:
    text = (
        "A Title\nThe body of the article, long enough to be a paragraph of text.\n"
        "發表評論\n您的電子郵件地址不會被公開。 必填欄位標示為 *\n"
    )
    kept, removed = kept_and_removed(text)
    assert kept[-1] == "The body of the article, long enough to be a paragraph of text."
    assert [rule for rule, _ in removed] == ["comment-form", "comment-form"]


def test_foreign_script_trailer_without_known_phrases_is_dropped() -> None:
    text = "A Title\nA paragraph of English text that is the article.\n留下您的想法\n提交\n"
    kept, removed = kept_and_removed(text)
    assert kept == ["A Title", "A paragraph of English text that is the article."]
    assert len(removed) == 2


def test_a_single_short_closing_line_is_not_a_comment_form() -> None:
    text = "A Title\nA paragraph of English text that is the article.\nThe End\n"
    kept, _removed = kept_and_removed(text)
    assert kept[-1] == "The End"


def test_chinese_article_keeps_its_chinese_lines() -> None:
    text = (
        "香港科技園公司宣佈新計劃\n"
        "香港科技園公司今日宣佈推出新的培育計劃，支持本地初創企業。\n"
        "計劃將於明年開始。\n"
    )
    kept, removed = kept_and_removed(text)
    assert len(kept) == 3
    assert removed == []


def test_site_notice_only_at_the_edges() -> None:
    notice = "Please bear with us while we update the site."
    body = "\n".join(f"Paragraph {i} of the story, told in full sentences." for i in range(6))
    middle = f"Title\n{body}\n{notice}\n{body.replace('story', 'tale')}\n"
    kept, _ = kept_and_removed(middle)
    assert notice in kept
    kept, removed = kept_and_removed(f"{notice}\nTitle\n{body}\n")
    assert notice not in kept
    assert removed[0][0] == "site-notice"


NEWS_PAGE = """\
Subscribe to eNewsletter
English | 繁體中文 | 简体中文
Harbour Robotics Raises Money For Its Arms
By Jane Doe in Hong Kong
The Kowloon firm said on Monday it had raised funds from investors for its robot arms.
Read more: Another start-up opens a lab in Sha Tin
Its founder said the money would pay for a factory. More information is available at
|||||
Telephone: (852) 1234 5678
Address: 1 Example Road, Wan Chai
The arms will reach hospitals in the region next year, the company said in a statement.
Latest News
Kowloon bakery wins prize 30-4-2024
A bakery in Kowloon won a regional prize for its buns, judges said, after a long contest...
"""


def test_bylines_links_contacts_and_other_stories_go() -> None:
    kept, removed = kept_and_removed(NEWS_PAGE)
    assert kept == [
        "Harbour Robotics Raises Money For Its Arms",
        "The Kowloon firm said on Monday it had raised funds from investors for its robot arms.",
        "Its founder said the money would pay for a factory.",
        "The arms will reach hospitals in the region next year, the company said in a statement.",
    ]
    assert {rule for rule, _ in removed} == {"chrome", "byline", "link-prompt", "other-stories"}
    assert ("link-prompt", "More information is available at") in removed
    assert ("byline", "By Jane Doe in Hong Kong") in removed


def test_a_running_header_goes_but_a_capitalised_title_stays() -> None:
    kept, removed = kept_and_removed(
        "THE UNIVERSITY OF\nHONG KONG\nANNUAL REPORT 2024\nTECH TRANSFER AND KNOWLEDGE EXCHANGE\n"
        "The university launched an academy with partners in the region this year.\n"
    )
    assert kept[0] == "TECH TRANSFER AND KNOWLEDGE EXCHANGE"
    assert [rule for rule, _ in removed] == ["running-header"] * 3


def test_a_weather_bar_and_its_clock_go() -> None:
    kept, _ = kept_and_removed(
        "Friday, 28 November 2025\n27.5 C\nSingapore\n26.2 C\nThailand\n"
        "Hong Kong Hosts A Big Event\nThe event drew thousands of visitors to the city on Monday.\n"
    )
    assert kept == [
        "Hong Kong Hosts A Big Event",
        "The event drew thousands of visitors to the city on Monday.",
    ]


def test_other_stories_need_an_article_before_them() -> None:
    """A "Latest News" line at the top is a section name, not the start of other stories."""
    kept, _ = kept_and_removed(
        "Latest News\nA Lab Opens\n"
        "The lab opened on Monday with forty researchers and a budget for three years of work.\n"
    )
    assert (
        "The lab opened on Monday with forty researchers and a budget for three years of work."
        in kept
    )


def test_a_contact_block_goes_with_its_heading_and_meta_lines_go() -> None:
    kept, _ = kept_and_removed(
        "Kowloon Lab Opens\nWritten by Li Wei Published on 2 mins read\n"
        "The lab opened on Monday with forty researchers and a budget for three years.\n"
        "Lab Team, Kowloon Science Office\nTelephone: (852) 1234 5678\n"
    )
    assert kept == [
        "Kowloon Lab Opens",
        "The lab opened on Monday with forty researchers and a budget for three years.",
    ]


def test_the_date_of_a_removed_byline_is_the_articles() -> None:
    from desktop.core.ingest.reader import article_from_text

    article = article_from_text(
        "A Lab Opens\nAuthor: Jane Zhang / Li Wei Date: 2022-05-07\n"
        "The lab opened on Monday with forty researchers and a budget for three years.\n",
        "x.txt",
    )
    assert article.date is not None and article.date.iso() == "2022-05-07"
    assert all("Jane Zhang" not in b.text for b in article.blocks)


def test_captions_authors_sign_offs_and_bylines_with_their_source() -> None:
    kept, _ = kept_and_removed(
        "Harbour Firms Raise Money For Robot Arms This Year\n"
        "Jane Doe\nPublished Sat, Nov 6, 2021\n"
        "By Li Wei and Amy Lo in Kowloon Source: Harbour Times Published: 2021/11/6 10:00\n"
        "The Kowloon firm said on Monday it had raised funds from investors for its robot arms. "
        "HTV reporter Tom Ha shows us more.\n"
        "Led by Prof. Amy Lo (3rd from left), the team of researchers from the university "
        "posed with the prize and the judges after the ceremony in the hall on Friday night.\n"
        "Amy Lo, Head of Ventures, SeaBank.\n"
        "The arms will reach hospitals in the region next year, the company said in a statement.\n"
    )
    assert kept == [
        "Harbour Firms Raise Money For Robot Arms This Year",
        "Published Sat, Nov 6, 2021",
        "The Kowloon firm said on Monday it had raised funds from investors for its robot arms.",
        "The arms will reach hospitals in the region next year, the company said in a statement.",
    ]


def test_a_sentence_naming_a_person_and_post_is_not_a_caption() -> None:
    kept, _ = kept_and_removed(
        "A Park Grows\nJane Lee, chief executive of Harbour Park, said the park would grow.\n"
    )
    assert "Jane Lee, chief executive of Harbour Park, said the park would grow." in kept


def test_a_line_of_fields_buttons_breadcrumbs_and_site_addresses_go() -> None:
    from desktop.core.ingest.reader import article_from_text

    article = article_from_text(
        "A Lab Opens In Kowloon\nHOME>Special Report\n"
        "2021-05-20 12:00:00 Source:Harbour Weekly Author:staff reporter ZHOU LIN\n"
        "【Close】 【Print】 BigMiddleSmall\nLast Updated: 28 November 2016\n"
        "The lab opened on Monday with forty researchers and a budget for three years.\n"
        "• Related Posts\nReturn to site\n"
        "Harbour Weekly Online --- http://www.harbourweekly.example/english/\n",
        "x.txt",
    )
    assert [b.text for b in article.blocks] == [
        "The lab opened on Monday with forty researchers and a budget for three years."
    ]
    assert article.date is not None and article.date.iso() == "2021-05-20"
    assert article.authors == ("Zhou Lin",)


def test_the_page_title_with_the_sites_name_goes_and_the_headline_stays() -> None:
    kept, removed = kept_and_removed(
        "Harbour lab opens its doors to robotics start-ups - Daily Wire\n"
        "Harbour lab opens its doors to robotics start-ups\n"
        "The Harbour lab opened on Monday to twenty robotics start-ups from across the city.\n"
    )
    assert kept[0] == "Harbour lab opens its doors to robotics start-ups"
    assert removed == [
        ("page-title", "Harbour lab opens its doors to robotics start-ups - Daily Wire")
    ]


def test_a_menu_in_another_script_at_the_top_goes_but_not_the_story() -> None:
    kept, removed = kept_and_removed(
        "切換選單 搜尋\nHarbour Lab Opens\nThe lab opened on Monday to twenty robotics firms.\n"
        "It is called 海港實驗室 in Chinese, its director said at the ceremony on Monday.\n"
    )
    assert removed == [("chrome", "切換選單 搜尋")]
    assert len(kept) == 3
    story = "海港實驗室是一個新的實驗室。\n它在星期一開幕，歡迎二十家機械人公司。\nHKSTP\n"
    assert kept_and_removed(story)[1] == []  # a Latin name atop a Chinese story stays


def test_sign_in_prompts_privacy_notices_and_paywalls_at_the_top_go() -> None:
    kept, removed = kept_and_removed(
        "If you have a member number, please enter it here so we can link your account. "
        "(optional)\n"
        "The Journal values your privacy. By submitting your information, you are gaining "
        "access to the Journal and subscribing to our weekly newsletter. We use the "
        "information you provide to make your reading better, and we will never sell your "
        "data to third parties.\n"
        "ENJOY UNLIMITED ACCES TO THE JOURNAL\n"
        "Harbour Lab Opens\n"
        "The lab opened on Monday to twenty robotics firms, its director said.\n"
    )
    assert [rule for rule, _text in removed] == ["site-notice"] * 3
    assert kept == [
        "Harbour Lab Opens",
        "The lab opened on Monday to twenty robotics firms, its director said.",
    ]


def test_agency_credited_captions_image_sizes_and_blog_badges_go() -> None:
    kept, removed = kept_and_removed(
        "top of page\n"
        "• Writer's pictureHarbour Webmaster\n"
        "Updated harbour blog banner visual 600 200 21\n"
        "Harbour Lab Opens\n"
        "A visitor tries a robot arm in the lab in Kowloon, Jan. 18, 2026. (Xinhua/Li Wei)\n"
        "The lab opened on Monday to twenty robotics firms (Harbour/Kowloon), its chief said.\n"
        "bottom of page\n"
    )
    assert kept == [
        "Harbour Lab Opens",
        "The lab opened on Monday to twenty robotics firms (Harbour/Kowloon), its chief said.",
    ]
    assert len(removed) == 5


def test_the_publication_under_a_byline_goes_with_it() -> None:
    kept, removed = kept_and_removed(
        "Harbour Lab Opens\nBy Jane Doe, Li Wei\nFrom Harbour Magazine (vol. 541 )\n"
        "From Monday the lab hosts twenty robotics firms, its director said on the day.\n"
    )
    assert removed == [
        ("byline", "By Jane Doe, Li Wei"),
        ("chrome", "From Harbour Magazine (vol. 541 )"),
    ]
    assert kept[-1].startswith("From Monday")


def test_market_quotes_share_rows_and_print_buttons_go() -> None:
    body = "The fund said on Monday it would invest in the start-up, which makes lab robots."
    text = (
        "Please enable JavaScript in your browser.\n"
        "Friendly Print :\n"
        "Please Press Ctrl + P to switch on the print function\n"
        "Font Setting :\n"
        "Harbour Fund Backs Lab Robots\n"
        "Facebook Twitter\n"
        "21,988.68\n"
        "+46.52 (+0.21%)\n"
        f"{body}\n"
        "Its shares rose 3.5% after the news.\n"
    )
    kept, removed = kept_and_removed(text)
    assert kept == ["Harbour Fund Backs Lab Robots", body, "Its shares rose 3.5% after the news."]
    assert len(removed) == 7


def test_a_ticker_above_the_story_a_source_line_and_a_press_release_preamble_go() -> None:
    body = "The fund said on Monday it had struck a deal with a biotech firm from the north."
    names = ("S&P 500", "Dow", "Nasdaq", "Crude Oil", "FTSE", "Bitcoin CAD", "10-Yr Bond", "Gold")
    ticker = ["U.S. markets close in 5 hours 36 minutes", *(f"• {name}" for name in names)]
    listed = ["• Wet labs", "• Clean rooms", "• Offices", "• Parking"]
    text = "\n".join(
        [
            *ticker,
            "Harbour Fund Signs Biotech Deal",
            "From: Publicity Department of Harbour City",
            "The following is issued on behalf of the Harbour Monetary Authority:",
            body,
            *listed,
            "Photo of the signing: Harbour_quote (1).jpg",
        ]
    )
    kept, removed = kept_and_removed(text)
    assert kept == ["Harbour Fund Signs Biotech Deal", body, *listed]
    assert len(removed) == len(ticker) + 3


def test_a_row_of_share_buttons_beside_the_date_is_no_author() -> None:
    from desktop.core.ingest.reader import article_from_text

    article = article_from_text(
        "Harbour Start-ups Find Their Feet\nJun 17. 2016\nFacebook Twitter\n"
        "Start-ups in the harbour district found investors this year, a survey of them said.\n",
        "x.txt",
    )
    assert article.authors == ()


def test_a_short_list_or_one_after_a_colon_above_the_first_paragraph_stays() -> None:
    body = "Each team gets HK$100,000 and a desk at the park for a year, the judges said."
    shortlist = ["• Harbour Robotics", "• Tide Lab", "• Coral AI", "• Aqua Health"]
    kept, _ = kept_and_removed("\n".join(["Shortlisted start-ups", *shortlist, body]))
    assert kept == ["Shortlisted start-ups", *shortlist, body]
    agenda = [f"• {hour}:00 Talk {hour}" for hour in range(9, 18)]
    kept, _ = kept_and_removed("\n".join(["The day's agenda:", *agenda, body]))
    assert kept == ["The day's agenda:", *agenda, body]


def test_a_sentence_about_keyboard_shortcuts_is_no_site_notice() -> None:
    text = "To copy a passage, users press Ctrl + C and paste it anywhere they like."
    kept, _ = kept_and_removed(f"{text}\nThe app is free and works offline on every laptop.")
    assert kept[0] == text


def test_a_caption_goes_by_its_shape_however_long() -> None:
    kept, removed = kept_and_removed(
        "From left to right: Li Wei, founder and CEO of Harbour Robotics, Amy Lo, head of "
        "growth at SeaBank, and Tom Ha, executive president at Harbour Robotics. Photo: Handout\n"
        "The robot arms, built in Kowloon and tested in three hospitals over two years, will "
        "reach clinics in the region next year, the firm said. Photo: Harbour Times\n"
        "The firm said on Monday it had raised HK$50 million from investors (Photo credits go "
        "to the team) and would hire 20 engineers.\n"
    )
    assert kept == [
        "The firm said on Monday it had raised HK$50 million from investors (Photo credits go "
        "to the team) and would hire 20 engineers."
    ]
    assert {rule for rule, _ in removed} == {"caption"}


def test_a_reading_time_line_goes_even_glued_to_its_neighbours() -> None:
    text = (
        "Harbour Lab Doubles Its Start-ups\n"
        "12 hours ago7 min read0 comments\n"
        "Harbour Lab said on Friday it would double the start-ups in its programme this year.\n"
        "Reading it takes a 5 min read of the terms, and the lab said each start-up gets a "
        "mentor, a desk and a grant for its first two years in the programme, from the fund "
        "the city set up in 2022 for young firms in science and technology.\n"
    )
    kept, removed = kept_and_removed(text)
    assert removed == [("chrome", "12 hours ago7 min read0 comments")]
    assert len(kept) == 3  # a long paragraph that mentions a reading time stays


def test_a_fields_label_alone_and_section_prompts_go() -> None:
    text = (
        "What's New\n"
        "Date\n"
        "24 September 2017\n"
        "Cyberport to Focus on Fintech\n"
        "Full Article\n"
        "Cyberport will focus on the financial technology sector in the next three years.\n"
        "The date of the launch is not set, its chief executive said on Friday.\n"
    )
    kept, removed = kept_and_removed(text)
    assert [r for r in removed if r[0] == "chrome"] == [
        ("chrome", "What's New"),
        ("chrome", "Date"),
        ("chrome", "Full Article"),
    ]
    assert kept[0] == "24 September 2017" and len(kept) == 4
