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
