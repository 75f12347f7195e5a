"""Synthetic content for scale tests: `make corpus SCALE=N` writes build/corpus-<N>/.

The tree holds the bundled content (copied byte for byte) plus N-1 synthetic "worlds", each the
size of the bundled content: as many militias, leaders, documents, incidents and places. A world's
profiles have syllable-built names with transliteration variants, Arabic names, kunyas, acronyms
and surname forms; its documents (300-900 words) mention them by any of those names, and every
profile, designation, role and attribution cites documents of its own world. Documents mention
profiles of their own world and, now and then, of the previous one, so the number of documents
that mention a profile stays about the same at every scale, as it would in a real archive.

Deterministic: each world has its own seeded random.Random, worlds are built in order, and
nothing depends on hash order, so the same scale and seed give the same bytes on every run
(and corpus-10 holds the first ten worlds of corpus-100).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import BriefingError, Problems
from generator.folders import guard, mark
from generator.load import load_content
from generator.references import name_key

ROOT = Path(__file__).resolve().parent.parent
SEED = 20240601

SYLLABLES = [
    ("ba", "با"), ("bar", "بار"), ("da", "دا"), ("dar", "دار"), ("fa", "فا"), ("far", "فار"),
    ("ha", "حا"), ("ham", "حام"), ("ja", "جا"), ("jab", "جاب"), ("ka", "كا"), ("kar", "كار"),
    ("la", "لا"), ("lam", "لام"), ("ma", "ما"), ("mar", "مار"), ("na", "نا"), ("nas", "ناص"),
    ("qa", "قا"), ("qas", "قاس"), ("ra", "را"), ("ras", "راس"), ("sa", "سا"), ("sal", "سال"),
    ("sha", "شا"), ("shar", "شار"), ("ta", "تا"), ("tam", "تام"), ("wa", "وا"), ("wad", "واد"),
    ("za", "زا"), ("zar", "زار"), ("di", "دي"), ("ri", "ري"), ("mi", "مي"), ("ki", "كي"),
    ("hu", "حو"), ("ru", "رو"), ("bu", "بو"), ("su", "سو"), ("dun", "دون"), ("rin", "رين"),
    ("lim", "ليم"), ("ghad", "غاد"), ("khal", "خال"), ("thar", "ثار"), ("nu", "نو"), ("tul", "طول"),
]
GIVEN = [
    ("Mohammed", "محمد", ["Muhammad", "Mohamed"]), ("Ali", "علي", []),
    ("Hassan", "حسن", ["Hasan"]), ("Hussein", "حسين", ["Husayn", "Hussain"]),
    ("Abbas", "عباس", []), ("Jafar", "جعفر", ["Ja'far"]), ("Karim", "كريم", ["Kareem"]),
    ("Mahdi", "مهدي", ["Mehdi"]), ("Haidar", "حيدر", ["Haider", "Hayder"]),
    ("Qasim", "قاسم", ["Qassim", "Kasim"]), ("Yasir", "ياسر", ["Yasser"]),
    ("Mustafa", "مصطفى", ["Mostafa"]), ("Ahmed", "أحمد", ["Ahmad"]), ("Hamid", "حامد", ["Hamed"]),
    ("Salih", "صالح", ["Saleh"]), ("Kadhim", "كاظم", ["Kazim", "Kadhem"]),
    ("Sami", "سامي", []), ("Faris", "فارس", ["Fares"]),
]
PREFIXES = [  # (transliteration, Arabic, variant spellings, English gloss with {w})
    ("Kataib", "كتائب", ["Kata'ib", "Katai'b"], "{w} Brigades"),
    ("Saraya", "سرايا", ["Saraya'", "Sarayat"], "Companies of {w}"),
    ("Liwa", "لواء", ["Liwaa", "Liwa'"], "{w} Brigade"),
    ("Harakat", "حركة", ["Harakah", "Haraka"], "{w} Movement"),
    ("Asaib", "عصائب", ["Asa'ib", "Asayib"], "League of {w}"),
    ("Ansar", "أنصار", ["Ansaar"], "Supporters of {w}"),
    ("Jund", "جند", ["Jond"], "Soldiers of {w}"),
    ("Quwat", "قوات", ["Quwwat"], "{w} Forces"),
]
OUTLETS = [
    ("Reuters", "reuters"), ("Associated Press", "ap"), ("Agence France-Presse", "afp"),
    ("Rudaw", "rudaw"), ("Kurdistan24", "kurdistan24"), ("Al-Monitor", "al-monitor"),
    ("The National", "the-national"), ("Shafaq News", "shafaq-news"),
    ("Middle East Eye", "middle-east-eye"), ("The New Arab", "the-new-arab"),
    ("Asharq Al-Awsat", "asharq-al-awsat"), ("Al Arabiya", "al-arabiya"),
    ("Voice of America", "voa"), ("The Washington Post", "washington-post"),
    ("US Department of the Treasury", "us-treasury"), ("Baghdad Today", "baghdad-today"),
]
PLACE_KINDS = [("Square", "square", "ساحة"), ("Bridge", "bridge", "جسر"),
               ("Camp", "base", "معسكر"), ("Hayy", "district", "حي"), ("Market", "landmark", "سوق")]
INCIDENT_KINDS = ["rocket", "drone-strike", "ied", "storming", "shooting", "assassination",
                  "crackdown", "raid", "protest", "other"]
KIND_LABELS = {"ied": "Roadside bomb", "drone-strike": "Drone strike", "rocket": "Rocket attack",
               "other": "Attack"}
STATUSES = ["claimed", "attributed", "suspected", "denied"]
BLAMERS = ["US officials", "Iraqi security officials", "the Security Media Cell",
           "a coalition spokesman", "the interior ministry", "local officials"]
TITLES = [
    "{m} denies role in rocket attack near {p}", "Officials blame {m} for drone strike on {p}",
    "{l} calls for the withdrawal of foreign forces", "Clashes near {p} leave several dead",
    "US sanctions {l} over attacks on protesters", "{m} announces a truce with the government",
    "Security forces raid {m} site near {p}", "Funeral for {m} fighters draws crowds in {p}",
    "{l} meets commanders of {m}", "Rockets land near {p}; nobody claims the attack",
]
SENTENCES = [
    "{M} said in a statement that it had no role in the attack near {P}.",
    "Security officials in Baghdad blamed {M} for the rocket fire that struck near {P} on {D}.",
    "{L}, who leads {M}, told supporters that the group would answer any provocation.",
    "According to two officials who spoke on condition of anonymity, {L} met commanders of {M} "
    "near {P} earlier in the week.",
    "A spokesman for {M} rejected the accusation and called it an attempt to divide the "
    "armed factions.",
    "{L} was seen at the funeral of fighters killed in the strike, the report said.",
    "Analysts describe {M} as one of the smaller factions, with a few hundred fighters at most.",
    "The United States has accused {M} of acting on behalf of Tehran.",
    "In a televised speech, {L} called on the government to set a timetable for the withdrawal "
    "of foreign troops.",
    "Residents of {P} said armed men in unmarked pickup trucks had set up checkpoints overnight.",
    "{M} and {M2} have been rivals since a dispute over checkpoints near {P}.",
    "{L} has denied any link to the killings, the report added.",
    "Officials said {L} had travelled to Tehran twice since {Y}.",
]
FILLER = [
    "Casualty figures could not be independently verified.",
    "The government did not respond to a request for comment.",
    "The attack was the latest in a series targeting sites used by foreign forces.",
    "Witnesses described hearing several loud explosions shortly after nightfall.",
    "Protesters have gathered in the area almost daily since October.",
    "The interior ministry said an investigation had been opened.",
    "Hospital sources gave a higher toll than the one announced by the authorities.",
    "The report relies on accounts from residents, officials and a medical source.",
    "Traffic through the district was diverted for several hours.",
    "No group claimed responsibility in the hours after the attack.",
    "The prime minister's office said those responsible would be held to account.",
    "Security forces closed the roads leading to the Green Zone as a precaution.",
    "Diplomats in Baghdad said they were watching the situation closely.",
    "The claims could not be confirmed, and several details remain disputed.",
]
BAGHDAD_LATITUDE = (33.22, 33.42)
BAGHDAD_LONGITUDE = (44.20, 44.50)


def corpus_path(scale: int) -> Path:
    return ROOT / "build" / f"corpus-{scale}"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class Names:
    """Every name key and slug handed out so far: synthetic names never collide."""

    keys: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    slugs: set[str] = field(default_factory=set)

    def take(self, name: str) -> bool:
        key = name_key(name)
        if key in self.keys:
            return False
        self.keys.add(key)
        return True

    def slug(self, base: str) -> str:
        slug, number = base, 2
        while slug in self.slugs:
            slug, number = f"{base}-{number}", number + 1
        self.slugs.add(slug)
        return slug


@dataclass
class Profile:
    slug: str
    kind: str                     # militia kind, or "leader"
    name: str
    arabic: str
    aliases: list[str]
    short: list[str] = field(default_factory=list)
    organization: str = ""        # leaders: slug of their militia
    title: str = ""
    documents: list[str] = field(default_factory=list)


@dataclass
class World:
    number: int
    militias: list[Profile] = field(default_factory=list)
    leaders: list[Profile] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)   # (slug, name)
    documents: list[tuple[str, str]] = field(default_factory=list)  # (slug, date)

    @property
    def profiles(self) -> list[Profile]:
        return [*self.militias, *self.leaders]


class WorldBuilder:
    """One synthetic world: its own random stream, sharing only the registry of names."""

    def __init__(self, number: int, names: Names, counts: dict[str, int], seed: int,
                 previous: World | None) -> None:
        self.rng = random.Random(seed * 1_000_003 + number)
        self.names = names
        self.counts = counts
        self.world = World(number)
        self.previous = previous
        self.place_rows: list[str] = []   # places.yml entries, in order

    # names --------------------------------------------------------------------------------
    def word(self) -> tuple[str, str]:
        """A fresh capitalised word and its Arabic spelling, never handed out before."""
        while True:
            parts = self.rng.sample(SYLLABLES, self.rng.choice((2, 2, 3)))
            latin = "".join(p[0] for p in parts).capitalize()
            if latin not in self.names.words and name_key(latin) not in self.names.keys:
                self.names.words.add(latin)
                return latin, "".join(p[1] for p in parts)

    def variants(self, word: str) -> list[str]:
        """Transliteration variants of a word, as readers write it."""
        found = []
        if "q" in word.lower():
            found.append(word.replace("Q", "K").replace("q", "k"))
        if "a" in word[1:]:
            index = word.index("a", 1)
            found.append(word[:index] + "e" + word[index + 1:])
        if "u" in word[1:]:
            found.append(word.replace("u", "ou"))
        if word.endswith("i"):
            found.append(word[:-1] + "y")
        return found

    def militia(self, kind: str) -> Profile:
        while True:
            prefix, prefix_ar, prefix_variants, gloss = self.rng.choice(PREFIXES)
            word, word_ar = self.word()
            name = f"{prefix} al-{word}"
            if self.names.take(name):
                break
        arabic = f"{prefix_ar} ال{word_ar}"
        candidates = [f"{prefix} {word}", *(f"{v} al-{word}" for v in prefix_variants),
                      *(f"{prefix} al-{v}" for v in self.variants(word)),
                      gloss.format(w=word), f"{prefix} el-{word}"]
        if self.rng.random() < 0.6:
            candidates.append(f"{prefix[0]}{word[0]}" + self.rng.choice(("", "I", "B")))
        aliases = [alias for alias in dict.fromkeys(candidates) if self.names.take(alias)]
        self.names.take(arabic)
        slug = self.names.slug(slugify(name))
        return Profile(slug, kind, name, arabic, aliases)

    def leader(self, organization: Profile) -> Profile:
        given, given_ar, given_variants = self.rng.choice(GIVEN)
        word, word_ar = self.word()
        surname, surname_ar = f"{word}i", f"ال{word_ar}ي"
        name = f"{given} al-{surname}"
        candidates = [f"{given} {surname}", *(f"{g} al-{surname}" for g in given_variants),
                      *(f"{given} al-{v}" for v in self.variants(surname))]
        if self.rng.random() < 0.5:
            kunya, kunya_ar = self.word()
            kunya_name = f"Abu {kunya} al-{surname}"
            if self.rng.random() < 0.4:  # known by the kunya: it becomes the name
                name, candidates = kunya_name, [f"{given} al-{surname}", *candidates]
            else:
                candidates.append(kunya_name)
            candidates.append(f"Abu {kunya}")
        self.names.take(name)
        aliases = [alias for alias in dict.fromkeys(candidates)
                   if alias != name and self.names.take(alias)]
        arabic = f"{given_ar} {surname_ar}"
        self.names.take(arabic)
        title = self.rng.choice(("secretary-general", "commander", "spokesman",
                                 "military commander", "deputy commander", "political leader"))
        return Profile(self.names.slug(slugify(name)), "leader", name, arabic, aliases,
                       short=[surname], organization=organization.slug, title=title)

    # the world ----------------------------------------------------------------------------
    def build(self) -> tuple[World, dict[str, str]]:
        kinds = ["umbrella", "patron", "party"] + ["militia"] * max(0, self.counts["militias"] - 3)
        w = self.world
        w.militias = [self.militia(kind) for kind in kinds[: self.counts["militias"]]]
        armed = [m for m in w.militias if m.kind in ("militia", "party")] or w.militias
        w.leaders = [self.leader(armed[i % len(armed)]) for i in range(self.counts["leaders"])]
        w.places = [self.place() for _ in range(self.counts["places"])]
        files: dict[str, str] = {}
        for index in range(self.counts["documents"]):
            slug, text = self.document(index)
            files[f"documents/{slug}.md"] = text
        for profile in w.militias:
            files[f"militias/{profile.slug}.md"] = self.militia_file(profile)
        for profile in w.leaders:
            files[f"leaders/{profile.slug}.md"] = self.leader_file(profile)
        for _ in range(self.counts["incidents"]):
            slug, text = self.incident()
            files[f"incidents/{slug}.yml"] = text
        return w, files

    def place(self) -> tuple[str, str]:
        label, kind, label_ar = self.rng.choice(PLACE_KINDS)
        word, word_ar = self.word()
        name = f"{label} {word}" if label in ("Camp", "Hayy") else f"{word} {label}"
        slug = self.names.slug(slugify(name))
        latitude = round(self.rng.uniform(*BAGHDAD_LATITUDE), 4)
        longitude = round(self.rng.uniform(*BAGHDAD_LONGITUDE), 4)
        self.place_rows.append(
            f"- slug: {slug}\n  name: {q(name)}\n  arabic: {q(f'{label_ar} {word_ar}')}\n"
            f"  latitude: {latitude}\n  longitude: {longitude}\n  kind: {kind}\n"
            f"  geo_precision: {self.rng.choice((1, 2))}\n")
        return slug, name

    def date(self, start: int = 2014, end: int = 2024) -> str:
        return (f"{self.rng.randint(start, end)}-{self.rng.randint(1, 12):02d}-"
                f"{self.rng.randint(1, 28):02d}")

    def mention(self, profile: Profile) -> str:
        roll = self.rng.random()
        if roll < 0.45 or not profile.aliases:
            return profile.name
        if roll < 0.55:
            return f"{profile.name} ({profile.arabic})"
        if roll < 0.7 and profile.short:
            return profile.short[0]
        return self.rng.choice(profile.aliases)

    def document(self, index: int) -> tuple[str, str]:
        rng, w = self.rng, self.world
        profiles = w.profiles
        cast = [profiles[index % len(profiles)],
                *rng.sample(profiles, min(len(profiles), rng.randint(1, 4)))]
        if self.previous and rng.random() < 0.15:
            cast.append(rng.choice(self.previous.profiles))
        cast = [p for i, p in enumerate(cast) if all(p is not c for c in cast[:i])]
        militias = [p for p in cast if p.kind != "leader"] or w.militias[:1]
        leaders = [p for p in cast if p.kind == "leader"] or w.leaders[:1]
        outlet, outlet_slug = rng.choice(OUTLETS)
        published = self.date()
        place = rng.choice(w.places)[1]
        title = rng.choice(TITLES).format(m=militias[0].name, l=leaders[0].name, p=place)
        topic = "-".join(slugify(title).split("-")[:7])
        slug = self.names.slug(f"{outlet_slug}-{published}-{topic}")
        for profile in cast:
            profile.documents.append(slug)
        target = rng.randint(300, 900)
        words = 0
        paragraphs = [f"This digest covers a report by {outlet} published on {published} about "
                      f"events in and around {place}, Baghdad."]
        words += len(paragraphs[0].split())
        while words < target:
            sentences = []
            for _ in range(rng.randint(3, 6)):
                if rng.random() < 0.45:
                    sentence = rng.choice(FILLER)
                else:
                    sentence = rng.choice(SENTENCES).format(
                        M=self.mention(rng.choice(militias)), L=self.mention(rng.choice(leaders)),
                        M2=self.mention(rng.choice(w.militias)), P=rng.choice(w.places)[1],
                        D=self.date(), Y=rng.randint(2010, 2020))
                sentences.append(sentence)
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        w.documents.append((slug, published))
        text = (f"---\ntitle: {q(title)}\noutlet: {q(outlet)}\npublished: {published}\n"
                f"author:\nurl:\nlanguage: en\nkind: {rng.choice(('news', 'news', 'report', 'analysis'))}\n"
                f"---\n" + "\n\n".join(paragraphs) + "\n")
        return slug, text

    def sources(self, profile: Profile) -> list[str]:
        own = profile.documents[:4] or [self.rng.choice(self.world.documents)[0]]
        return own

    def designations(self, profile: Profile, sources: list[str]) -> str:
        if self.rng.random() > 0.4:
            return ""
        by = self.rng.choice(("United States Department of State",
                              "United States Department of the Treasury"))
        kind = self.rng.choice(("Specially Designated Global Terrorist",
                                "sanctions under Executive Order 13818"))
        return (f"designations:\n  - by: {by}\n    type: {kind}\n    date: {self.date(2015)}\n"
                f"    sources: [{sources[0]}]\n")

    def prose(self, profile: Profile, sources: list[str], related: list[Profile]) -> str:
        paragraphs = []
        for index, source in enumerate(sources[:3]):
            other = related[index % len(related)] if related else profile
            sentences = [
                f"{profile.name} appears in reporting on events in Baghdad [@{source}].",
                self.rng.choice(FILLER),
                f"Reports link {profile.name} to {other.name}, a tie not independently "
                f"confirmed [@{source}].",
            ]
            if self.rng.random() < 0.5:
                sentences.append(self.rng.choice(FILLER))
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs) + "\n"

    def common(self, profile: Profile) -> str:
        aliases = "".join(f"  - {q(alias)}\n" for alias in profile.aliases)
        return (f"name: {q(profile.name)}\narabic: {q(profile.arabic)}\n"
                f"aliases:\n{aliases}" if aliases else
                f"name: {q(profile.name)}\narabic: {q(profile.arabic)}\naliases: []\n")

    def militia_file(self, profile: Profile) -> str:
        rng, w = self.rng, self.world
        sources = self.sources(profile)
        umbrella = next((m for m in w.militias if m.kind == "umbrella"), None)
        patron = next((m for m in w.militias if m.kind == "patron"), None)
        lines = [self.common(profile), f"kind: {profile.kind}\n",
                 f"founded: \"{rng.randint(2003, 2018)}\"\n"]
        if profile.kind in ("militia", "party") and umbrella:
            lines.append(f"parent: {umbrella.slug}\n")
            if rng.random() < 0.5:
                lines.append(f"pmu_brigades: [{rng.randint(1, 70)}]\n")
        if profile.kind in ("militia", "party") and patron:
            lines.append(f"patrons: [{patron.slug}]\n")
        lines.append(f"status: {rng.choice(('active', 'active', 'inactive', 'unknown'))}\n")
        leaders = [p for p in w.leaders if p.organization == profile.slug]
        others = [m for m in w.militias if m is not profile]
        if others and rng.random() < 0.7:
            other = rng.choice(others)
            lines.append(f"relations:\n  - to: {other.slug}\n"
                         f"    kind: {rng.choice(('ally', 'rival', 'splinter-of'))}\n"
                         f"    sources: [{sources[-1]}]\n")
        lines.append(self.designations(profile, sources))
        lines.append(f"summary: >-\n  {profile.name} is a synthetic {profile.kind} profile for "
                     f"scale tests, known also as {', '.join(profile.aliases[:2]) or 'nothing else'}."
                     f" It is active around Baghdad [@{sources[0]}].\n")
        lines.append("sources:\n" + "".join(f"  - {s}\n" for s in sources))
        lines.append("tags: [synthetic]\n")
        body = self.prose(profile, sources, leaders or others)
        return "---\n" + "".join(lines) + "---\n" + body

    def leader_file(self, profile: Profile) -> str:
        rng = self.rng
        sources = self.sources(profile)
        organization = next(m for m in self.world.militias if m.slug == profile.organization)
        lines = [self.common(profile)]
        lines.append("short_names:\n" + "".join(f"  - {q(s)}\n" for s in profile.short))
        if rng.random() < 0.5:
            lines.append(f"born: \"{rng.randint(1950, 1985)}\"\n")
        lines.append(f"roles:\n  - organization: {organization.slug}\n    title: {profile.title}\n"
                     f"    since: \"{rng.randint(2003, 2020)}\"\n    sources: [{sources[0]}]\n")
        lines.append(self.designations(profile, sources))
        lines.append(f"summary: >-\n  {profile.name} ({profile.arabic}) is the {profile.title} of "
                     f"{organization.name} [@{sources[0]}].\n")
        lines.append("sources:\n" + "".join(f"  - {s}\n" for s in sources))
        return "---\n" + "".join(lines) + "---\n" + self.prose(profile, sources, [organization])

    def incident(self) -> tuple[str, str]:
        rng, w = self.rng, self.world
        kind = rng.choice(INCIDENT_KINDS)
        document, published = rng.choice(w.documents)
        date, precision = published, "day"
        if rng.random() < 0.1:
            date, precision = published[:7], "month"
        label = KIND_LABELS.get(kind, kind.replace("-", " ").capitalize())
        if rng.random() < 0.8:
            place_slug, place = rng.choice(w.places)
            where = f"place: {place_slug}\n"
        else:
            place_slug, place = "baghdad", "Baghdad"
            where = (f"latitude: {round(rng.uniform(*BAGHDAD_LATITUDE), 4)}\n"
                     f"longitude: {round(rng.uniform(*BAGHDAD_LONGITUDE), 4)}\n")
        lines = [f"title: {q(f'{label} near {place}, {date}')}\n", f"date: {date}\n",
                 f"date_precision: {precision}\n", f"kind: {kind}\n", where]
        lines.append(f"geo_precision: {rng.choice((1, 2, 3))}\n")
        killed = rng.choice(("0", "1", "2", "3-5", ""))
        wounded = rng.choice(("0", "2", "4-7", ""))
        lines.append(f"target: {q(place)}\nkilled: {killed}\nwounded: {wounded}\nattribution:\n")
        militias = [m for m in w.militias if m.kind in ("militia", "party")] or w.militias
        for actor in rng.sample(militias, rng.randint(1, 2)):
            lines.append(f"  - actor: {actor.slug}\n    status: {rng.choice(STATUSES)}\n"
                         f"    by: {q(rng.choice(BLAMERS))}\n    sources: [{document}]\n")
        if rng.random() < 0.2:
            lines.append(f"  - actor_name: \"unidentified gunmen\"\n    status: suspected\n"
                         f"    by: {q(rng.choice(BLAMERS))}\n    sources: [{document}]\n")
        lines.append(f"summary: >-\n  A synthetic {kind} incident near {place} [@{document}].\n"
                     f"sources: [{document}]\n")
        slug = self.names.slug(f"{date}-{place_slug}-{kind}")
        return slug, "".join(lines)


def bundled_counts_and_names(content: Path) -> tuple[dict[str, int], Names]:
    """How many records of each kind the bundled content has, and the names it already uses."""
    problems = Problems()
    records = load_content(content, problems)
    problems.raise_if_any()
    counts = {"militias": 0, "leaders": 0, "documents": 0, "incidents": 0, "places": 0}
    names = Names()
    for record in records:
        counts[record.kind + "s"] += 1
        names.slugs.add(record.slug)
        for key in ("name", "arabic"):
            if isinstance(record.meta.get(key), str):
                names.take(record.meta[key])
        for alias in record.meta.get("aliases") or []:
            names.take(str(alias))
    return counts, names


def write_corpus(content: Path, scale: int, out: Path | None = None, seed: int = SEED) -> Path:
    """Write the bundled content plus scale-1 synthetic worlds under out; return out."""
    if scale < 1:
        raise BriefingError(f"SCALE={scale} is not a scale: give 1 or more, like SCALE=10")
    out = out or corpus_path(scale)
    counts, names = bundled_counts_and_names(content)
    files: dict[str, str] = {}
    previous = None
    for number in range(1, scale):
        builder = WorldBuilder(number, names, counts, seed, previous)
        previous, world_files = builder.build()
        files.update(world_files)
        if builder.place_rows:  # one gazetteer file a world: no file outgrows load.MAX_NODES
            files[f"places/synthetic-{number:03d}.yml"] = (
                "# Synthetic places (generator/corpus.py)\n" + "\n".join(builder.place_rows) + "\n")
    guard(out, content, "corpus")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(content, out)
    mark(out)
    folders: set[str] = set()
    for name, text in files.items():
        path = out / name
        if path.parent.name not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent.name)
        path.write_bytes(text.encode("utf-8"))
    return out


# --- a synthetic ACLED export, for the ACLED scale test and `make bench` ---

ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
                "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
                "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
                "location,latitude,longitude,geo_precision,source,source_scale,notes,"
                "fatalities,tags,timestamp")
ACLED_EVENTS = [  # (disorder_type, event_type, sub_event_type)
    ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Political violence", "Battles", "Armed clash"),
    ("Political violence", "Violence against civilians", "Attack"),
    ("Political violence", "Violence against civilians", "Abduction/forced disappearance"),
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Demonstrations", "Riots", "Violent demonstration"),
    ("Strategic developments", "Strategic developments", "Arrests"),
]
ACLED_ACTORS = ["Kataib Hezbollah", "Asaib Ahl al-Haq", "Badr Organization",
                "PMF: Popular Mobilization Forces", "Islamic Resistance in Iraq",
                "Unidentified Armed Group (Iraq)", "Military Forces of Iraq (2022-)",
                "Islamic State (Iraq)", "Protesters (Iraq)", "Militia (Pro-Government)",
                "Civilians (Iraq)", "Sadr Movement"]
ACLED_PLACES = [  # (admin1, location, latitude, longitude): towns inside Iraq
    ("Baghdad", "Baghdad", 33.3406, 44.4009), ("Baghdad", "Baghdad - Dora", 33.25, 44.39),
    ("Basra", "Basra", 30.5081, 47.7835), ("Ninewa", "Mosul", 36.34, 43.13),
    ("Al Anbar", "Ramadi", 33.4258, 43.2994), ("Diyala", "Baquba", 33.7466, 44.6437),
    ("Erbil", "Erbil", 36.1911, 44.0092), ("Salah al-Din", "Tikrit", 34.6071, 43.6782),
    ("Kirkuk", "Kirkuk", 35.4681, 44.3922), ("Babil", "Hilla", 32.4721, 44.4217)]


def write_acled_export(path: Path, rows: int, seed: int = SEED, first_year: int = 2019,
                       years: int = 5) -> Path:
    """A synthetic ACLED export (2023+ layout) of `rows` events in Iraq, spread over `years`
    years; deterministic for a seed. Made-up events: for tests and benchmarks only."""
    rng = random.Random(seed)
    lines = [ACLED_HEADER]
    start = dt.date(first_year, 1, 1).toordinal()
    for number in range(rows):
        disorder, event_type, sub = rng.choice(ACLED_EVENTS)
        one, two = rng.sample(ACLED_ACTORS, 2)
        admin1, location, lat, lon = rng.choice(ACLED_PLACES)
        date = dt.date.fromordinal(start + rng.randrange(365 * years))
        killed = rng.choice([0, 0, 0, 1, 2, 5])
        notes = (f"On {date.day} {date:%B %Y}, {one} and {two} were involved in an incident "
                 f"({sub.lower()}) in {location}. {killed} fatalities were reported.")
        lines.append(",".join([
            f"IRQ{990000 + number}", date.isoformat(), str(date.year), "1", disorder,
            event_type, sub, q_csv(one), "", "Political militia", q_csv(two), "",
            "Political militia", "Political militia-Political militia", "", "368",
            "Middle East", "Iraq", admin1, "", "", location, f"{lat:.4f}", f"{lon:.4f}",
            str(rng.choice([1, 2])), "Shafaq News; Rudaw", "National", q_csv(notes),
            str(killed), "", str(1_700_000_000 + number)]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def q_csv(text: str) -> str:
    return f'"{text}"' if any(mark in text for mark in ',;"') else text
