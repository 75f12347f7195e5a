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
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.errors import BriefingError, Problems
from generator.fields import SLUG, Invalid, full_date
from generator.load import load_content
from generator.records import RECORDS, specs

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
    text: str = TEMPLATES[kind](name=_scalar(name), date=date, source=source,
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
    if value is None or value > today.isoformat():
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
DOCUMENT_NOTE = (
    "# A source document: one article, statement or report by one outlet. Below the closing '---'",
    "# write a digest of what it says, in your own words; it is shown as text (HTML never runs).",
)
INCIDENT_NOTE = (
    "# An incident: fill in what the sources say, leave the rest empty (unknown is better than",
    "# made up). Entries in a list start with '- ': uncomment the example lines to use them.",
)


def _from_schema(kind: str, filled: dict[str, str]) -> list[tuple[str, str] | str]:
    """Every field of a kind, from the schema: a key line with its help, and for lists of entries
    commented example lines to uncomment; values only where the contributor gave them."""
    rows: list[tuple[str, str] | str] = []
    for key, (_, rule) in specs(RECORDS[kind]).items():
        if key in ("slug",) or rule.tool:
            continue
        if rule.entry is None:
            empty = "[]" if rule.many else ""
            rows.append((f"{key}: {filled.get(key, empty)}".rstrip(), rule.help))
            continue
        rows.append((f"{key}:", rule.help))
        for index, (sub, (_, sub_rule)) in enumerate(specs(rule.entry).items()):
            lead = ("#  - " if index == 0 else "#    ") if rule.many else "#  "
            rows.append((f"{lead}{sub}: {sub_rule.example}".rstrip(), sub_rule.help))
    return rows


def _profile(kind: str, name: str, source: str | None) -> str:
    filled = {"name": name, "sources": f"[{source}]" if source else "[]"}
    if kind == "militia":
        filled["kind"] = "militia"
    return _lines("---", *PROFILE_NOTE, PROSE_NOTE, *_from_schema(kind, filled), "---")


def _document(name: str, date: str, outlet: str, **_: object) -> str:
    filled = {"title": name, "outlet": outlet, "published": date}
    return _lines("---", *DOCUMENT_NOTE, *_from_schema("document", filled), "---")


def _incident(name: str, date: str, source: str, **_: object) -> str:
    filled = {"title": name, "date": date, "kind": "other", "sources": f"[{source}]"}
    return _lines(*INCIDENT_NOTE, *_from_schema("incident", filled))


TEMPLATES: dict[str, Callable[..., str]] = {
    "militia": lambda name, source, **_: _profile("militia", name, source),
    "leader": lambda name, source, **_: _profile("leader", name, source),
    "document": _document, "incident": _incident}
