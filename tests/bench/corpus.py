"""A deterministic generator of news-like articles, so benchmarks run on libraries of any size.

Why synthetic: the bundled seeds are five articles; the speed targets are stated for 100,000.
The text must stress the index the way real scrapes do, so it has:

- a Zipf-distributed vocabulary: function words, a few hundred real news and I&T words (some
  British spellings and hyphenated words, which the analyzer treats specially), a few thousand
  English-like core words and a long tail of ~40,000 rare words. The tail matters: the number of
  distinct terms grows with the library (Heaps' law), and prefix completion and fuzzy matching
  cost what the term list costs, so a closed few-thousand-word vocabulary would flatter them;
- real entity names (HKSTP, Cyberport, ...) and invented organisations and people, some
  organisations defined with an acronym ("Pacific Robotics Institute (PRI)") so the library's
  alias table grows as it would;
- a date line in the formats scrapes use, sometimes a kicker above the title, sometimes
  sub-headings, numbers and quotes;
- Chinese sentences in ~4% of articles, site chrome lines ("Loading...", "Share this") in ~15%;
- ~2% near-duplicates of a recent article: the same text with other chrome lines (the library
  should skip it as the same article) or with a few words changed (indexed as its own article).

Article ``i`` depends only on ``(seed, i)``, so a 10,000-article corpus is the first 10,000 of
the 100,000 one. Files go to ``OUT/<i // 1000>/<i>.txt``.

Run: ``.venv/bin/python -m tests.bench.corpus OUT_DIR N [--seed S]``.
"""

from __future__ import annotations

import argparse
import itertools
import random
import time
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

FILES_PER_FOLDER = 1000
#: A hidden marker (the library skips hidden files) saying a corpus folder is complete.
COMPLETE_MARKER = ".complete"
DEFAULT_SEED = 2024


def word_list(text: str) -> list[str]:
    """The words of a long string (hundreds of words read better as prose than as a list)."""
    return text.split()


FUNCTION_WORDS = word_list(
    "the of and to in a is that for on with as by at from it was be are this has have an which "
    "its will their more also said not but they been were or new can into than over after these "
    "such between through about while other would most many who all both each where during "
    "under there could some only first two three our we he she his her one year years"
)

REAL_WORDS = word_list(
    "government company companies market markets people development research technology "
    "technologies innovation innovative science scientific park city cities support data "
    "industry industries business businesses project projects programme programmes services "
    "students university universities international global local digital smart start-ups "
    "startups investment investments funding talent talents ecosystem collaboration "
    "collaborations platform partnership partnerships growth economy economic policy policies "
    "public private sector report chief executive officer director centre centres laboratory "
    "laboratories artificial intelligence robotics biotechnology healthcare medical financial "
    "fintech green energy carbon climate sustainable sustainability manufacturing advanced "
    "materials semiconductor chips quantum computing cloud cybersecurity security blockchain "
    "mainland region regional cross-boundary boundary hub hubs infrastructure facilities "
    "incubation incubator incubators accelerator venture capital investors founders founder "
    "entrepreneurs entrepreneurship specialise specialises specialised organisation "
    "organisations programmes labour favour centre theatre analyse analysed commercialise "
    "commercialisation realise realised prioritise world-class high-tech AI-powered "
    "next-generation large-scale state-of-the-art long-term short-term cutting-edge "
    "application applications solution solutions product products customers patients "
    "hospital hospitals clinical trials drug drugs diagnostics devices sensors network "
    "networks mobile software hardware engineering engineers researchers professor professors "
    "academic academics graduates young youth scheme schemes subsidy subsidies grant grants "
    "million billion percent per cent quarter annual budget plan plans strategy strategic "
    "blueprint initiative initiatives announced launched opened signed agreement memorandum "
    "understanding cooperation exchange exchanges delegation visit visited forum summit "
    "conference exhibition expo award awards competition challenge challenges opportunity "
    "opportunities future vision mission leading leader leaders first-ever largest major key "
    "important significant strong rapid expanding expand expansion attract attracted "
    "attracting companies tenants campus office offices space spaces building buildings "
    "district districts land housing transport mobility logistics retail consumer consumers "
    "trade export exports manufacturing production supply chain chains enterprise "
    "enterprises small medium-sized SMEs listed listing stock exchange capital raise raised "
    "round series valuation unicorn unicorns commercial commercialisation transfer licensing "
    "patent patents intellectual property standards regulation regulatory sandbox pilot "
    "trial trials testing deployment adoption transformation upgrade upgrading automation "
    "robot robots drones autonomous vehicles electric batteries hydrogen solar wind water "
    "waste recycling circular food agriculture agritech aquaculture genomics genetic cells "
    "cell therapy vaccines vaccine infection disease diseases ageing elderly care wellness "
    "education schools school teachers training skills workforce jobs employment recruitment "
    "overseas foreign domestic national Chinese China Hong Kong Shenzhen Guangzhou Macao "
    "Singapore London Tokyo Seoul Beijing Shanghai Asia Asian Europe European American"
)

SYLLABLES = word_list(
    "ab ac ad al am an ar as at ba be bi bo bu ca ce ci co cu da de di do du el em en er es et "
    "fa fe fi fo ga ge gi go gra gre gri gro ha he hi ho hu il im in ir is ja jo ka ke ki la le "
    "li lo lu ma me mi mo mu na ne ni no nu ob oc of om on or os pa pe pi po pra pre pri pro pu "
    "qua que ra re ri ro ru sa se si so su sta ste sti sto stru ta te ti to tra tre tri tro tu "
    "ul um un ur us va ve vi vo za ze zo"
)
ENDINGS = word_list(
    "tion tions ment ments ity ities al ally ing ed er ers ive ous ness ance ence ic ics ist "
    "ists ure ures ate ated ates ize ized ism able ible ory ary ify ial"
)

REAL_ENTITIES = (
    "HKSTP",
    "Cyberport",
    "Greater Bay Area",
    "InnoHK",
    "GBA InnoExpress",
    "Hong Kong Science Park",
    "TechConnect",
    "Microsoft Hong Kong",
    "IDEA",
    "HKUST",
    "HKU",
    "CUHK",
    "PolyU",
    "CityU",
    "HKPC",
    "InvestHK",
    "Innovation and Technology Commission",
    "Innovation, Technology and Industry Bureau",
    "Hong Kong-Shenzhen Innovation and Technology Park",
    "Lok Ma Chau Loop",
    "Northern Metropolis",
    "Hetao",
    "Qianhai",
    "Nansha",
    "InnoCentre",
    "Data Technology Hub",
    "Advanced Manufacturing Centre",
    "Shenzhen branch",
    "SenseTime",
    "Alibaba Entrepreneurs Fund",
    "Tencent",
    "Huawei",
    "Hong Kong Monetary Authority",
    "Hong Kong Exchanges and Clearing",
    "Hong Kong Trade Development Council",
    "AI Supercomputing Centre",
    "Health@InnoHK",
    "AIR@InnoHK",
    "i2Cool",
    "Smart City Blueprint",
)
#: Real entities introduced with their acronym, so the library learns them as aliases.
DEFINED_ACRONYMS = (
    ("Hong Kong Science and Technology Parks Corporation", "HKSTP"),
    ("Hong Kong University of Science and Technology", "HKUST"),
    ("Greater Bay Area", "GBA"),
    ("Hong Kong Productivity Council", "HKPC"),
    ("Innovation and Technology Commission", "ITC"),
    ("International Data Group", "IDG"),
    ("artificial intelligence", "AI"),
)
ORG_QUALIFIERS = word_list(
    "Advanced Applied Pacific Harbour Kowloon Victoria Pearl River Eastern Global Lion Rock "
    "Tsing Yi Sha Tin Tai Po Oriental Northern Southern Asia Digital Smart Future Bright "
    "Jade Dragon Phoenix Orchid Bauhinia Aberdeen Stanley Lantau"
)
ORG_FIELDS = (
    "Robotics",
    "Materials",
    "Data Science",
    "Biomedical",
    "Quantum",
    "Fintech",
    "Microelectronics",
    "Climate",
    "Photonics",
    "Genomics",
    "Mobility",
    "Energy",
    "Neuroscience",
    "Medtech",
    "Agritech",
    "Aerospace",
    "Logistics",
    "Cybersecurity",
    "Learning",
    "Vision",
)
ORG_KINDS = word_list(
    "Institute Lab Centre Foundation Technologies Limited Holdings Group Research Ventures"
)
GIVEN_NAMES = word_list(
    "Albert Alice Andrew Angela Benjamin Carmen Charles Christine Daniel Eric Esther Frank "
    "Grace Henry Irene Ivan Jacky Janet Jason Karen Kelvin Kitty Lawrence Lily Michael Nancy "
    "Oscar Patrick Peggy Raymond Rebecca Samuel Sharon Stephen Teresa Vincent Wendy William "
    "Wai-ming Ka-yan Siu-fung Chi-kin Mei-ling Hoi-yan Tsz-wai"
)
SURNAMES = word_list(
    "Chan Wong Lee Cheung Lau Ng Leung Ho Tsang Yip Lam Chow Tang Fung Kwok Lai Mak Poon Siu "
    "Tse Yeung Yuen Au Chu Ko Law Li Lo Ma Tam Wu Zhang Liu Chen Smith Taylor Brown Patel"
)
TITLES = ("Dr.", "Professor", "Ir", "Mr", "Ms", "")
ROLES = (
    "chief executive officer of",
    "chairman of",
    "director of",
    "head of research at",
    "founder of",
    "a professor at",
    "chief technology officer of",
)

CJK_PHRASES = (
    "香港科技園",
    "數碼港",
    "創新科技",
    "大灣區",
    "人工智能",
    "初創企業",
    "研究",
    "發展",
    "合作",
    "深圳",
    "政府",
    "投資",
    "人才",
    "生態圈",
    "金融科技",
    "生物科技",
    "智慧城市",
    "大學",
    "推動",
    "計劃",
    "宣布",
    "今年",
    "未來",
    "國際",
    "企業",
    "創業",
    "資助",
    "產業",
    "數據",
    "機械人",
)

CHROME_TOP = ("Loading...", "Skip to main content", "Menu", "Advertisement", "Loading…")
CHROME_BOTTOM = (
    "Share this",
    "Share on Facebook",
    "Read more",
    "Tweet this",
    "Print this article",
    "Related articles",
    "Tags: innovation, startups, technology",
    "Photo: HKSTP",
    "© 2024 InnoNews. All rights reserved.",
    "Advertisement",
)

DATE_FORMATS = (
    "{month} {day}, {year}",
    "{day} {month} {year}",
    "{iso}",
    "Published: {mon}. {day}, {year}",
    "{weekday}, {day} {mon} {year}",
    "{year}年{m}月{day}日",
    "Updated on {month} {day}, {year}, {hour}:{minute:02d} pm",
    "{year}/{m:02d}/{day:02d}",
    "Posted on {day} {month} {year} | Hong Kong",
)

#: Share of articles with each feature.
NEAR_DUPLICATE_SHARE = 0.02
CJK_SHARE = 0.04
CHROME_SHARE = 0.15
KICKER_SHARE = 0.08
HEADINGS_SHARE = 0.2
#: The vocabulary's sizes and the Zipf exponent of word frequencies.
CORE_WORDS = 4000
TAIL_WORDS = 40_000
ZIPF_EXPONENT = 1.05
#: Size of the inverse-CDF table: sampling is then a uniform choice (fast, C-level).
TABLE_SIZE = 1 << 20


def _pseudo_words(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """English-looking invented words (syllables plus a common ending), all distinct."""
    words: list[str] = []
    while len(words) < count:
        parts = [rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))]
        if rng.random() < 0.6:
            parts.append(rng.choice(ENDINGS))
        word = "".join(parts)
        if len(word) >= 3 and word not in taken:
            taken.add(word)
            words.append(word)
    return words


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    """Every word in frequency-rank order (the same for every seed, so queries carry over)."""
    rng = random.Random("innoatlas-vocabulary")
    taken = set(FUNCTION_WORDS)
    real = list(dict.fromkeys(w for w in REAL_WORDS if w not in taken))
    taken.update(real)
    core = _pseudo_words(rng, CORE_WORDS - len(real), taken)
    # Real words spread over the top of the ranking, invented ones around and after them.
    mixed = real + core[: len(real)]
    rng.shuffle(mixed)
    rest = core[len(real) :]
    tail = _pseudo_words(rng, TAIL_WORDS, taken)
    return tuple(FUNCTION_WORDS + mixed + rest + tail)


@lru_cache(maxsize=1)
def _word_table() -> tuple[str, ...]:
    """Each word repeated in proportion to its Zipf weight (at least once)."""
    words = vocabulary()
    weights = [1.0 / (rank**ZIPF_EXPONENT) for rank in range(1, len(words) + 1)]
    total = sum(weights)
    table: list[str] = []
    for word, weight in zip(words, weights, strict=True):
        table.extend([word] * max(1, round(weight / total * TABLE_SIZE)))
    return tuple(table)


@lru_cache(maxsize=1)
def _title_table() -> tuple[str, ...]:
    """The word table without function words (titles are made of content words)."""
    function_words = set(FUNCTION_WORDS)
    return tuple(w for w in _word_table() if w not in function_words)


@lru_cache(maxsize=1)
def invented_organisations() -> tuple[tuple[str, str], ...]:
    """(name, acronym) of made-up organisations, e.g. ("Pacific Robotics Institute", "PRI")."""
    rng = random.Random("innoatlas-organisations")
    names: dict[str, str] = {}
    while len(names) < 400:
        name = f"{rng.choice(ORG_QUALIFIERS)} {rng.choice(ORG_FIELDS)} {rng.choice(ORG_KINDS)}"
        names.setdefault(name, "".join(w[0] for w in name.split() if w[0].isupper()))
    return tuple(names.items())


@lru_cache(maxsize=1)
def invented_people() -> tuple[str, ...]:
    """Made-up people's names, some with an honorific ("Dr. Ka-yan Chan")."""
    rng = random.Random("innoatlas-people")
    people: dict[str, None] = {}
    while len(people) < 600:
        title = rng.choice(TITLES)
        name = f"{rng.choice(GIVEN_NAMES)} {rng.choice(SURNAMES)}"
        people[f"{title} {name}".strip()] = None
    return tuple(people)


def _skewed(rng: random.Random, items: Sequence[str]) -> str:
    """A few items are mentioned often, most rarely."""
    return items[int(len(items) * rng.random() ** 2.5)]


class _Writer:
    """Builds one article's text from its own random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.table = _word_table()
        self.orgs = invented_organisations()
        self.people = invented_people()
        self.defined: set[str] = set()

    def entity(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.45:
            return _skewed(rng, REAL_ENTITIES)
        if roll < 0.55:
            long, short = rng.choice(DEFINED_ACRONYMS)
        elif roll < 0.8:
            long, short = self.orgs[int(len(self.orgs) * rng.random() ** 2)]
            if rng.random() < 0.5:
                return "the " + long
        else:
            return _skewed(rng, self.people)
        if short in self.defined:
            return short if rng.random() < 0.7 else long
        self.defined.add(short)
        return f"{long} ({short})"

    def number(self) -> str:
        rng = self.rng
        return rng.choice(
            (
                f"in {rng.randint(2000, 2030)}",
                f"HK${rng.randint(1, 999)} million",
                f"HK${rng.randint(1, 50)}.{rng.randint(1, 9)} billion",
                f"{rng.randint(2, 95)} per cent",
                f"{rng.randint(2, 95)}%",
                f"more than {rng.randint(2, 90) * 10} companies",
                f"{rng.randint(2, 40)},{rng.randint(100, 999)} square feet",
            )
        )

    def sentence(self) -> str:
        rng = self.rng
        words = rng.choices(self.table, k=rng.randint(8, 28))
        if rng.random() < 0.35:
            words.insert(rng.randrange(len(words) + 1), self.entity())
        if rng.random() < 0.12:
            words.insert(rng.randrange(len(words) + 1), self.number())
        if len(words) > 10 and rng.random() < 0.4:
            cut = rng.randrange(3, len(words) - 3)
            words[cut] += ","
        text = " ".join(words)
        text = text[0].upper() + text[1:]
        if rng.random() < 0.05:
            person = _skewed(rng, self.people)
            org = self.orgs[int(len(self.orgs) * rng.random() ** 2)][0]
            return f"\u201c{text},\u201d said {person}, {rng.choice(ROLES)} {org}."
        return text + rng.choice((".", ".", ".", ".", ".", ".", "?", "!"))

    def cjk_sentence(self) -> str:
        rng = self.rng
        return "".join(rng.choices(CJK_PHRASES, k=rng.randint(3, 8))) + "。"

    def title(self) -> str:
        rng = self.rng
        words = rng.choices(_title_table(), k=rng.randint(4, 9))
        if rng.random() < 0.5:
            words.insert(0, rng.choice(REAL_ENTITIES))
        return " ".join(w if w[0].isupper() else w[0].upper() + w[1:] for w in words)

    def date_line(self) -> str:
        rng = self.rng
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(11 * 365))
        month = day.strftime("%B")
        return rng.choice(DATE_FORMATS).format(
            month=month,
            mon=month[:3],
            m=day.month,
            day=day.day,
            year=day.year,
            iso=day.isoformat(),
            weekday=day.strftime("%A"),
            hour=rng.randint(1, 11),
            minute=rng.randrange(60),
        )

    def paragraphs(self) -> list[str]:
        rng = self.rng
        target = rng.randint(400, 900)
        count = rng.randint(4, 12)
        per = target // count
        out: list[str] = []
        for _ in range(count):
            sentences: list[str] = []
            words = 0
            while words < per - 9:  # half a sentence short: the last one overshoots
                sentence = self.sentence()
                words += sentence.count(" ") + 1
                sentences.append(sentence)
            out.append(" ".join(sentences))
        if rng.random() < CJK_SHARE:
            for _ in range(rng.randint(1, 3)):
                where = rng.randrange(len(out) - 1)  # never the last: not a comment form
                if rng.random() < 0.5:
                    out[where] += " " + self.cjk_sentence()
                else:
                    out.insert(where + 1, "".join(self.cjk_sentence() for _ in range(3)))
        if rng.random() < HEADINGS_SHARE:
            for _ in range(rng.randint(1, 2)):
                out.insert(rng.randrange(1, len(out)), self.title())
        return out

    def article(self) -> list[str]:
        """The lines of a fresh article (without chrome)."""
        rng = self.rng
        lines: list[str] = []
        if rng.random() < KICKER_SHARE:
            lines.append(rng.choice(("Startups", "Science Park", "Policy", "Feature", "Events")))
        lines.append(self.title())
        date_line = self.date_line()
        body = self.paragraphs()
        if rng.random() < 0.05:
            return [*lines, *_blank_between(rng, body), date_line]
        return [*lines, date_line, *_blank_between(rng, body)]


def _blank_between(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Paragraph lines, with blank lines between them in most files."""
    if rng.random() < 0.7:
        return list(itertools.chain.from_iterable((p, "") for p in paragraphs))[:-1]
    return paragraphs


def _add_chrome(rng: random.Random, lines: list[str]) -> list[str]:
    top = [rng.choice(CHROME_TOP)] if rng.random() < 0.5 else []
    bottom = rng.sample(CHROME_BOTTOM, rng.randint(1, 3))
    return [*top, *lines, "", *bottom]


def _edit_words(rng: random.Random, lines: list[str]) -> list[str]:
    """A few words changed in one long paragraph (a corrected or re-published copy)."""
    long_lines = [i for i, line in enumerate(lines) if line.count(" ") > 40]
    if not long_lines:
        return lines
    where = rng.choice(long_lines)
    words = lines[where].split(" ")
    for _ in range(rng.randint(1, 3)):
        words[rng.randrange(len(words))] = rng.choice(vocabulary()[60:2000])
    return [*lines[:where], " ".join(words), *lines[where + 1 :]]


def article_lines(seed: int, number: int, depth: int = 0) -> list[str]:
    """The lines of article ``number``: a function of ``(seed, number)`` only."""
    rng = random.Random(f"{seed}:{number}")
    if number >= 10 and depth < 3 and rng.random() < NEAR_DUPLICATE_SHARE:
        original = rng.randrange(max(0, number - 500), number)
        lines = [line for line in article_lines(seed, original, depth + 1) if line]
        lines = [line for line in lines if line not in CHROME_TOP and line not in CHROME_BOTTOM]
        if rng.random() < 0.5:
            lines = _edit_words(rng, lines)
        return _add_chrome(rng, lines)
    lines = _Writer(rng).article()
    return _add_chrome(rng, lines) if rng.random() < CHROME_SHARE else lines


def article_text(seed: int, number: int) -> str:
    """The text of article ``number``, as written to its file."""
    return "\n".join(article_lines(seed, number)) + "\n"


def article_path(out_dir: Path, number: int) -> Path:
    """Where article ``number`` lives: 1,000 files per folder."""
    return out_dir / f"{number // FILES_PER_FOLDER:04d}" / f"{number:07d}.txt"


def generate(out_dir: Path, count: int, seed: int = DEFAULT_SEED) -> Path:
    """Write ``count`` articles under ``out_dir`` and mark the folder complete."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / COMPLETE_MARKER).unlink(missing_ok=True)
    for number in range(count):
        path = article_path(out_dir, number)
        if number % FILES_PER_FOLDER == 0:
            path.parent.mkdir(exist_ok=True)
        path.write_text(article_text(seed, number), "utf-8")
    (out_dir / COMPLETE_MARKER).write_text(f"{count} {seed}\n", "utf-8")
    return out_dir


def cached_corpus(workdir: Path, count: int, seed: int = DEFAULT_SEED) -> Path:
    """The corpus of ``count`` articles in ``workdir``, generated only if not already there."""
    out_dir = workdir / f"corpus-{count}-seed{seed}"
    marker = out_dir / COMPLETE_MARKER
    if marker.exists() and marker.read_text("utf-8").split() == [str(count), str(seed)]:
        return out_dir
    return generate(out_dir, count, seed)


def main(argv: Sequence[str] | None = None) -> None:
    """The command line: write N articles to OUT_DIR."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.corpus", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    generate(args.out_dir, args.count, args.seed)
    seconds = time.perf_counter() - started
    print(f"{args.count} articles in {args.out_dir} ({seconds:.1f} s, seed {args.seed})")


if __name__ == "__main__":
    main()
