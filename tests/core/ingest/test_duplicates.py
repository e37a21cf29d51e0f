import random
import time

from desktop.core.ingest.duplicates import (
    DuplicateFinder,
    Fingerprint,
    containment,
    find_duplicates,
    fingerprint,
    is_near_duplicate,
)

STORY = """Science Park Opens Robotics Hub in Sha Tin

The Hong Kong Science and Technology Parks Corporation opened a robotics hub on Tuesday, giving
thirty start-ups shared laboratories, test floors and access to advanced manufacturing equipment.

The hub sits beside the park's existing robotics catalysis centre and will host companies working
on warehouse automation, elderly care robots and inspection drones for the city's infrastructure.

Each company admitted to the hub can apply for up to HK$6 million in matching funds over three
years, the corporation said, and will be paired with an industry mentor from one of its forty
partner firms.

A second phase, due to open in 2026, will add a clean room and a robot safety certification
laboratory run with two local universities.
"""

SYNDICATED = (
    "HKSTP unveils robot centre for start-ups\n\nHarbour Wire | Share this | Loading...\n\n"
    + STORY.split("\n", 2)[2]
    + "\nRead more at Harbour Tech News. Subscribe to our newsletter.\n"
)

SAME_TOPIC = """Robotics Hub Draws Start-ups to Science Park

Thirty start-ups will move into a new robotics hub at the Hong Kong Science Park, where the
Hong Kong Science and Technology Parks Corporation is offering laboratories and mentors.

Founders said the matching funds of up to HK$6 million would help them hire engineers, while
the corporation expects the hub to strengthen the city's robotics industry.

Warehouse automation and elderly care robots are among the fields the park hopes to attract,
alongside drones that inspect bridges, tunnels and other infrastructure.

A clean room and a robot safety laboratory are planned for a second phase in 2026, with two
local universities as partners.
"""


def test_syndicated_copy_with_other_chrome_and_first_line_is_a_duplicate() -> None:
    assert containment(fingerprint(STORY), fingerprint(SYNDICATED)) >= 0.9
    assert find_duplicates([("story.txt", STORY), ("wire.html", SYNDICATED)]) == {
        "wire.html": "story.txt"
    }


def test_two_articles_on_the_same_topic_are_not_duplicates() -> None:
    assert containment(fingerprint(STORY), fingerprint(SAME_TOPIC)) < 0.2
    assert find_duplicates([("a", STORY), ("b", SAME_TOPIC)]) == {}


def test_exact_copy_differing_only_in_case_spacing_and_quotes() -> None:
    copy = STORY.upper().replace("'", "\u2019").replace("\n", "  \n ")
    assert fingerprint(copy).exact == fingerprint(STORY).exact
    assert find_duplicates([("a", STORY), ("b", copy), ("c", STORY)]) == {"b": "a", "c": "a"}


def test_a_short_text_quoted_in_a_long_one_is_not_a_copy_of_it() -> None:
    first_paragraph = STORY.split("\n\n")[1]
    assert not is_near_duplicate(fingerprint(first_paragraph), fingerprint(STORY))


def test_chinese_copies_are_found() -> None:
    text = (
        "數碼港今日宣佈推出新的培育計劃，支持本地初創企業發展金融科技，"
        "每間公司最多獲五十萬港元資助。"
    )
    other = (
        "香港科技園公司宣布機器人中心開幕，為三十家初創企業提供實驗室和測試場地，並配對業界導師。"
    )
    assert find_duplicates([("a", text), ("b", "轉載：" + text), ("c", other)]) == {"b": "a"}


def test_copies_of_copies_point_to_the_first_original() -> None:
    finder: DuplicateFinder[int] = DuplicateFinder()
    assert finder.add(1, fingerprint(STORY)) is None
    assert finder.add(2, fingerprint(SYNDICATED)) == 1
    assert finder.add(3, fingerprint(SYNDICATED + " Updated.")) == 1


def test_fingerprints_round_trip_through_json() -> None:
    print_ = fingerprint(STORY * 3)
    assert Fingerprint.from_json(print_.to_json()) == print_


def test_fast_on_a_thousand_articles() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(5000)]
    texts = [" ".join(rng.choices(vocabulary, k=600)) for _ in range(1000)]
    items = [(i, t) for i, t in enumerate(texts)] + [(1000, "Copy: " + texts[10])]
    started = time.perf_counter()
    assert find_duplicates(items) == {1000: 10}
    assert time.perf_counter() - started < 3
