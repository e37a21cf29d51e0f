from desktop.core.entities.acronyms import find_acronyms


def test_definitions_in_running_text() -> None:
    text = (
        "The Hong Kong Productivity Council (HKPC) and the Applied Science and Technology "
        "Research Institute (ASTRI) signed a deal with City University (Hong Kong) in 2023 (HK)."
    )
    assert find_acronyms(text) == [
        ("Hong Kong Productivity Council", "HKPC"),
        ("Applied Science and Technology Research Institute", "ASTRI"),
    ]


def test_letters_inside_words_and_small_words_may_make_an_acronym() -> None:
    assert find_acronyms("the Kowloon Stock Exchange (KSEX) said") == [
        ("Kowloon Stock Exchange", "KSEX")
    ]
    assert find_acronyms("the Ministry of Trade (MOT) said") == [("Ministry of Trade", "MOT")]
    assert find_acronyms("he joined the team (THE) later") == []


def test_a_filings_definitions_in_quotes_after_the_or_before_a_comma() -> None:
    text = (
        "The Kowloon Monetary Authority (the “KMA”) and the Harbour Exchange (“HEX”) met the "
        "Tide Robotics Council (TRC, the regulator) about the frequently asked questions "
        "(the “FAQs”)."
    )
    assert find_acronyms(text) == [
        ("Kowloon Monetary Authority", "KMA"),
        ("Harbour Exchange", "HEX"),
        ("Tide Robotics Council", "TRC"),
    ]


def test_a_campus_city_in_brackets_is_a_word_of_the_long_form() -> None:
    assert find_acronyms(
        "It sits within the Harbour University of Penang (Ipoh) Research Centre (HUPRC), "
        "which opened in 2013."
    ) == [("Harbour University of Penang (Ipoh) Research Centre", "HUPRC")]
    assert find_acronyms("the Hong Kong University of Science and Technology (Guangzhou)") == []
