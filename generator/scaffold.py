"""`make new`: write a commented file with every field of its kind, in the format of CONTRIBUTING.md.

What it writes passes `make check` as written, and holds no made-up text: the name you gave, the
kind you chose, empty values, and comments. A profile that holds nothing but its name is a draft
that needs no source yet (generator/references.py); an incident or a document states facts from the
first line, so it needs what makes it checkable: a source document, or an outlet and a date.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import yaml

from generator.errors import BriefingError, Problems
from generator.fields import SLUG, Invalid, full_date
from generator.load import load_content

KINDS = ("militia", "leader", "document", "incident")
FOLDERS = {"militia": "militias", "leader": "leaders", "document": "documents",
           "incident": "incidents"}
APOSTROPHES = re.compile(r"['’ʿʻ`‘ʼ]")
COLUMN = 40  # where the comments start, as in CONTRIBUTING.md


def slugify(name: str) -> str:
    """ASCII-fold a name into a slug: "Qays al-Khaz'ali" -> "qays-al-khazali"."""
    decomposed = unicodedata.normalize("NFKD", APOSTROPHES.sub("", name.casefold()))
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_only))


def scaffold(content: Path, kind: str, name: str, date: str | None = None,
             source: str | None = None, outlet: str | None = None,
             today: dt.date | None = None) -> Path:
    """Write the new file under content/ and return its path; never overwrite."""
    if kind not in KINDS:
        raise BriefingError(f"KIND={kind!r} is not a kind: use one of {', '.join(KINDS)}")
    name = " ".join((name or "").split())
    slug = slugify(name)
    if not name or not SLUG.match(slug):
        raise BriefingError('NAME must hold Latin letters or digits to make the file name from, '
                            'like NAME="Qais al-Khazali"')
    date = _date(date, kind, today or dt.date.today())
    if source is not None:
        _check_source(content, source)
    if kind == "document" and not (outlet and date):
        raise BriefingError('a document needs its outlet and publication date: make new '
                            'KIND=document NAME="..." OUTLET="..." DATE=YYYY-MM-DD')
    if kind == "incident" and not source:
        raise BriefingError('an incident needs the document it comes from: make new '
                            'KIND=incident NAME="..." SOURCE=<document-slug> [DATE=YYYY-MM-DD]')
    folder = content / FOLDERS[kind]
    filename = f"{date}-{slug}.yml" if kind == "incident" else f"{slug}.md"
    path = folder / filename
    other = {"leader": "militias", "militia": "leaders"}.get(kind)
    if other and (content / other / f"{slug}.md").exists():
        raise BriefingError(f"{content / other / f'{slug}.md'} already uses the slug {slug!r}: "
                            f"a militia and a person need different names")
    if path.exists():
        raise BriefingError(f"{path} already exists: edit it, or choose another NAME")
    if kind in ("militia", "leader"):
        _check_name_free(content, name)
    text = TEMPLATES[kind](name=_scalar(name), date=date, source=source,
                          outlet=_scalar(outlet) if outlet else "")
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise BriefingError(f"{path} already exists: edit it, or choose another NAME") from None
    return path


def _date(date: str | None, kind: str, today: dt.date) -> str | None:
    if not date:
        return today.isoformat() if kind == "incident" else None
    try:
        value = full_date(date.strip())
    except Invalid as error:
        raise BriefingError(f"DATE: {error}") from None
    if value > today.isoformat():
        raise BriefingError(f"DATE: {value} is in the future")
    return value


def _check_name_free(content: Path, name: str) -> None:
    """A name must point to one profile: refuse one that an existing profile already uses."""
    from generator.references import name_key
    wanted = name_key(name)
    for record in load_content(content, Problems()):
        if record.kind in ("militia", "leader"):
            names = [record.meta.get("name")]
            for key in ("aliases", "short_names"):
                value = record.meta.get(key) or []
                names.extend(value if isinstance(value, list) else [value])
            if any(isinstance(other, str) and name_key(other) == wanted for other in names):
                raise BriefingError(f"{record.path} already has the name {name!r}: edit that "
                                    f"profile, or add a spelling to its aliases")


def _check_source(content: Path, source: str) -> None:
    documents = content / "documents"
    if not any((documents / f"{source}{suffix}").is_file() for suffix in (".md", ".txt")):
        raise BriefingError(f"SOURCE={source!r} is not a document: no {documents}/{source}.md; "
                            f"scaffold it first with make new KIND=document")


def _scalar(text: str) -> str:
    """A YAML value for the text: plain where YAML reads it back unchanged, else quoted."""
    plain = re.fullmatch(r"[A-Za-z0-9\u0080-\uffff][^:#\n]*", text) is not None
    try:
        plain = plain and yaml.safe_load(text) == text
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _lines(*rows: tuple[str, str] | str) -> str:
    """Rows of (YAML, comment) aligned at COLUMN like CONTRIBUTING.md; a plain string as is."""
    out = []
    for row in rows:
        if isinstance(row, str):
            out.append(row)
            continue
        value, comment = row
        out.append(f"{value:<{COLUMN - 1}} # {comment}".rstrip() if comment else value)
    return "\n".join(out) + "\n"


def _sources(source: str | None) -> str:
    return f"sources: [{source}]" if source else "sources: []"


PROFILE_NOTE = (
    "# Fill in what your sources say and leave the rest empty: unknown is better than made up.",
    "# While it holds nothing but its name this profile is a draft and needs no source; from the",
    "# first fact on, `sources` must name the documents behind it (files in content/documents/).",
    "# Entries in a list start with '- ': uncomment the example lines and replace their values.",
)
PROSE_NOTE = ("# Below the closing '---': the analyst's prose in Markdown, citing documents like "
              "[@document-slug].")
DESIGNATIONS = (
    ("designations:", "sanctions and terrorist listings, each with sources"),
    "#  - by: United States Department of State",
    "#    type: Foreign Terrorist Organization",
    ("#    date: 2009-07-02", "partial date"),
    "#    sources: [document-slug]",
)


def _militia(name: str, source: str | None, **_: object) -> str:
    return _lines(
        "---", *PROFILE_NOTE, PROSE_NOTE,
        (f"name: {name}", "the spelling the site uses"),
        ("arabic:", "the name in Arabic script"),
        ("aliases: []", "every other spelling readers use; search and linking use them"),
        ("look_alikes: []", "names that contain ours but mean something else"),
        ("kind: militia", "militia | umbrella | party | state-force | patron"),
        ("founded:", 'partial date: YYYY, YYYY-MM or YYYY-MM-DD (quote a bare year: "2007")'),
        ("parent:", "slug of the umbrella it belongs to (optional)"),
        ("pmu_brigades: []", "PMU brigade numbers, like [45, 46] (optional)"),
        ("patrons: []", "slugs of patron profiles (optional)"),
        ("status:", "active | inactive | dissolved | unknown"),
        ("leaders:", "who leads it, with sources"),
        ("#  - person: leader-slug", "a slug in content/leaders/"),
        "#    role: founder and commander",
        '#    since: "2007"',
        ("#    until:", "empty while it lasts"),
        "#    sources: [document-slug]",
        ("relations:", "ties to other profiles"),
        ("#  - to: militia-slug", "a militia slug"),
        ("#    kind: ally", "ally | rival | splinter-of | front-for | merged-into"),
        ('#    since: "2014"', "optional"),
        ("#    note: one line, your own words", "optional"),
        "#    sources: [document-slug]",
        *DESIGNATIONS,
        ("summary:", "two or three sentences, your own words (write 'summary: >-' for several lines)"),
        (_sources(source), "documents behind the fields above (name, founded, ...)"),
        ("tags: []", "optional"),
        "---",
    )


def _leader(name: str, source: str | None, **_: object) -> str:
    return _lines(
        "---", *PROFILE_NOTE, PROSE_NOTE,
        (f"name: {name}", "the spelling the site uses"),
        ("arabic:", "the name in Arabic script"),
        ("aliases: []", "every other spelling readers use; search and linking use them"),
        ("short_names: []", "surname-only forms; linked only where unambiguous"),
        ("look_alikes: []", "names that contain ours but mean something else"),
        ("", "(for Muqtada al-Sadr: Sadr City, Mohammed Sadiq al-Sadr)"),
        ("born:", 'partial date: YYYY, YYYY-MM or YYYY-MM-DD (quote a bare year: "1974")'),
        ("birthplace:", "optional"),
        ("died:", "partial date (optional)"),
        ("roles:", "what they hold or held, with sources"),
        ("#  - organization: militia-slug", "a militia slug"),
        "#    title: secretary-general",
        '#    since: "2006"',
        ("#    until:", "empty while it lasts"),
        "#    sources: [document-slug]",
        *DESIGNATIONS,
        ("summary:", "two or three sentences, your own words (write 'summary: >-' for several lines)"),
        (_sources(source), "documents behind the fields above (born, birthplace, ...)"),
        ("tags: []", "optional"),
        "---",
    )


def _document(name: str, date: str, outlet: str, **_: object) -> str:
    return _lines(
        "---",
        "# A source document: the text below the closing '---' is shown as text (HTML never runs).",
        "# Paste the article or statement, or write a digest of what it says, in its own words.",
        (f"title: {name}", "the title, or for a digest a plain description of what it covers"),
        (f"outlet: {outlet}", "who published it"),
        (f"published: {date}", "full date YYYY-MM-DD"),
        ("author:", "optional"),
        ("url:", "optional; never made up"),
        ("language:", "optional, ISO 639-1: en, ar, fa, ..."),
        ("kind:", "news | statement | report | analysis | note"),
        "---",
    )


def _incident(name: str, date: str, source: str, **_: object) -> str:
    return _lines(
        "# An incident: fill in what the sources say, leave the rest empty (unknown is better than",
        "# made up). Entries in a list start with '- ': uncomment the example lines to use them.",
        (f"title: {name}", "what happened, in a few words"),
        (f"date: {date}", "YYYY-MM-DD (or YYYY-MM, YYYY if that is all the sources give)"),
        ("date_precision: day", "day | week | month | year"),
        ("kind: other", "rocket | drone-strike | ied | storming | shooting | assassination"),
        ("", "| crackdown | raid | protest | other"),
        ("place:", "a slug of content/places.yml ..."),
        ("# latitude:", "... or coordinates, like 33.2989"),
        ("# longitude:", "44.3961"),
        ("geo_precision:", "1 exact place, 2 near / part of a district, 3 wider area"),
        ("target:", "who or what was hit (optional)"),
        ("killed:", "a number, a range like 5-7, or empty if unknown"),
        ("wounded:", "a number, a range like 5-7, or empty if unknown"),
        ("attribution:", "who claimed it or was blamed, with sources"),
        ("#  - actor: militia-slug", "a militia or leader slug ..."),
        ("#    status: suspected", "claimed | attributed | suspected | denied"),
        "#    by: who claimed, blamed or denied",
        "#    sources: [document-slug]",
        ("#  - actor_name: a plain name", "... or a plain name where there is no profile"),
        "#    status: attributed",
        "#    by: who said so",
        "#    sources: [document-slug]",
        ("summary:", "what happened, in your own words (write 'summary: >-' for several lines)"),
        (_sources(source), "the documents behind this incident"),
    )


TEMPLATES = {"militia": _militia, "leader": _leader, "document": _document,
             "incident": _incident}
