"""`import-acled`: turn an ACLED CSV export into incident files and one source document.

This is the one part of the generator that writes into content/, and only because the user asks
for it explicitly. Every event of the export becomes `incidents/<event_date>-acled-<id>.yml`; the
export itself becomes `documents/acled-export-<file stem>.md`, which every imported incident cites.

ACLED's `actor1`/`actor2` imply no direction (who attacked whom is not coded). The first side's
actors are listed as `attributed` by ACLED (a profile where one matches, else the plain name); the
second side, usually who was hit, becomes the target. The summary names both sides and says so.
Actors of either side that match no profile are reported, so analysts can add aliases.

Problems in the export are reported together as `FILE:line: message`; after writing, the content
is validated and, if it fails, everything written is undone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ContentError, Problem, Problems
from generator.link import Linker
from generator.load import decode_utf8
from generator.references import inside_iraq

OUTLET = "ACLED (Armed Conflict Location & Event Data)"
BY = "ACLED"
CAVEAT = "ACLED codes actors without direction"
# The columns the importer reads; the other columns of an export (and any new ones) are ignored.
CORE_COLUMNS = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
                "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "location", "latitude",
                "longitude", "geo_precision", "source", "notes", "fatalities")
TIME_PRECISIONS = {"1": "day", "2": "week", "3": "month"}
SUB_EVENT_KINDS = {
    "shelling/artillery/missile attack": "rocket",
    "air/drone strike": "drone-strike",
    "remote explosive/landmine/ied": "ied",
    "attack": "shooting",
    "armed clash": "shooting",
    "abduction/forced disappearance": "other",
    "excessive force against protesters": "crackdown",
    "protest with intervention": "crackdown",
    "violent demonstration": "protest",
    "peaceful protest": "protest",
}
EVENT_KINDS = {"protests": "protest", "riots": "protest", "battles": "shooting"}
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


@dataclass(frozen=True)
class Event:
    """One valid row of the export, with the values the incident needs."""

    line: int
    event_id: str
    date: dt.date
    date_precision: str
    event_type: str
    sub_event_type: str
    side1: tuple[str, ...]        # actor1, then assoc_actor_1 split at semicolons
    side2: tuple[str, ...]        # actor2, then assoc_actor_2
    actor2: str
    location: str
    latitude: float
    longitude: float
    geo_precision: int | None
    fatalities: int | None
    notes: str
    sources: tuple[str, ...]
    modified: dt.date | None      # from `timestamp`, the last time ACLED changed the event

    @property
    def slug(self) -> str:
        return f"{self.date.isoformat()}-acled-{slugify(self.event_id)}"


@dataclass
class ImportReport:
    """What an import did; `summary()` is what the command prints."""

    export: str
    events: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    document: str = ""
    document_status: str = ""
    unmatched: list[tuple[str, int]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"ACLED export {self.export}: {self.events} events; {len(self.written)} incident "
                 f"files written, {len(self.unchanged)} unchanged, {len(self.skipped)} skipped",
                 f"source document {self.document}: {self.document_status}"]
        if self.skipped:
            lines.append("skipped, the file already exists (run again with --update to replace "
                         "it, losing any edits made to it):")
            lines += [f"  {path}" for path in self.skipped]
        if self.removed:
            lines.append("removed, replaced by a file with the event's new date:")
            lines += [f"  {path}" for path in self.removed]
        if self.unmatched:
            lines.append("unmatched actors:")
            lines += [f"  {name} ({count})" for name, count in self.unmatched]
            lines.append("(no profile name or alias matches these ACLED actors; where one names "
                         "a profile, add it to that profile's aliases)")
        return "\n".join(lines)


# --- reading the export ---

def read_export(path: Path) -> list[Event]:
    """Every event of the export; raises ContentError with every problem found."""
    problems = Problems()
    events = list(_read_rows(path, problems))
    seen: dict[str, int] = {}
    for event in events:
        key = slugify(event.event_id)
        if key in seen:
            problems.add(path, event.line, f"event_id_cnty {event.event_id!r} appears twice "
                         f"(also on line {seen[key]}): an export holds each event once")
        seen.setdefault(key, event.line)
    problems.raise_if_any()
    return events


def _read_rows(path: Path, problems: Problems) -> Iterator[Event]:
    if not path.is_file():
        problems.add(path, 1, "ACLED export not found")
        return
    text = decode_utf8(path, problems, "export the data again as UTF-8 CSV", "utf-8-sig")
    if text is None:
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            problems.add(path, 1, "the file is empty: expected an ACLED CSV export with a header "
                                  "line")
            return
        columns = [cell.strip().lower() for cell in header]
        missing = [name for name in CORE_COLUMNS if name not in columns]
        if missing:
            problems.add(path, 1, f"missing ACLED columns: {', '.join(missing)}")
            return
        index = {name: columns.index(name) for name in (*CORE_COLUMNS, "timestamp")
                 if name in columns}
        previous = reader.line_num
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # a blank line
            if len(cells) != len(columns):
                problems.add(path, line, f"the row has {len(cells)} fields but the header has "
                                         f"{len(columns)}: check the quoting of this row")
                continue
            row = {name: cells[i].strip() for name, i in index.items()}
            event = _event(row, line, lambda message, n=line: problems.add(path, n, message))
            if event is not None:
                yield event
    except csv.Error as error:
        problems.add(path, reader.line_num or 1, f"not a readable CSV file: {error}")


def _event(row: dict[str, str], line: int, report: Any) -> Event | None:
    known = [0]

    def bad(message: str) -> None:
        known[0] += 1
        report(message)

    event_id = row["event_id_cnty"]
    if not slugify(event_id):
        bad(f"event_id_cnty {event_id!r} is empty or has no letters or digits")
    date = _parse_date(row["event_date"])
    if date is None:
        bad(f"event_date {row['event_date']!r} is not a date: ACLED writes YYYY-MM-DD or "
            f"'01 January 2020'")
    elif date > dt.date.today():
        bad(f"event_date {date.isoformat()} is in the future")
    precision = TIME_PRECISIONS.get(row["time_precision"])
    if precision is None:
        bad(f"time_precision {row['time_precision']!r} is not 1 (day), 2 (week) or 3 (month)")
    latitude, longitude = _number(row["latitude"]), _number(row["longitude"])
    if latitude is None or longitude is None:
        bad(f"bad coordinates: latitude {row['latitude']!r}, longitude {row['longitude']!r} "
            f"must be decimal degrees like 33.3406, 44.4009")
    elif not inside_iraq(latitude, longitude):
        bad(f"coordinates ({latitude}, {longitude}) are outside Iraq: the briefing covers "
            f"events in Iraq only")
    geo_precision = _whole(row["geo_precision"])
    if row["geo_precision"] and geo_precision not in (1, 2, 3):
        bad(f"geo_precision {row['geo_precision']!r} is not 1, 2 or 3")
    fatalities = _whole(row["fatalities"])
    if row["fatalities"] and fatalities is None:
        bad(f"fatalities {row['fatalities']!r} is not a whole number")
    modified = None
    if row.get("timestamp"):
        seconds = _number(row["timestamp"])
        if seconds is None or seconds < 0:
            bad(f"timestamp {row['timestamp']!r} is not a time in seconds since 1970")
        else:
            modified = dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    if known[0]:
        return None
    assert date is not None and precision is not None
    assert latitude is not None and longitude is not None
    return Event(line=line, event_id=event_id, date=date, date_precision=precision,
                 event_type=_clean(row["event_type"]), sub_event_type=_clean(row["sub_event_type"]),
                 side1=_actors(row["actor1"], row["assoc_actor_1"]),
                 side2=_actors(row["actor2"], row["assoc_actor_2"]),
                 actor2=_clean(row["actor2"]), location=_clean(row["location"]),
                 latitude=latitude, longitude=longitude, geo_precision=geo_precision,
                 fatalities=fatalities, notes=_clean(row["notes"]),
                 sources=_actors("", row["source"]), modified=modified)


def _parse_date(raw: str) -> dt.date | None:
    text = " ".join(raw.split())
    for form in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def _number(raw: str) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _whole(raw: str) -> int | None:
    return int(raw) if re.fullmatch(r"\d+", raw) else None


def _clean(text: str) -> str:
    return " ".join(text.split())


def _actors(actor: str, associated: str) -> tuple[str, ...]:
    names = [_clean(actor), *(_clean(name) for name in associated.split(";"))]
    return tuple(dict.fromkeys(name for name in names if name))


# --- one incident per event ---

def title(event: Event) -> str:
    """'Shelling/artillery/missile attack' at 'Baghdad - Green Zone' →
    'Shelling, artillery or missile attack in Baghdad (Green Zone)'."""
    parts = [p.strip() for p in (event.sub_event_type or event.event_type or "Event").split("/")]
    what = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} or {parts[-1]}"
    where = [p.strip() for p in event.location.split(" - ") if p.strip()]
    if not where:
        return what
    place = where[0] if len(where) == 1 else f"{where[0]} ({', '.join(where[1:])})"
    return f"{what} in {place}"


def kind(event: Event) -> str:
    return (SUB_EVENT_KINDS.get(event.sub_event_type.lower())
            or EVENT_KINDS.get(event.event_type.lower(), "other"))


def match_actor(name: str, linker: Linker) -> list[str]:
    """The profiles an ACLED actor string names, through their names, aliases and Arabic."""
    return list(dict.fromkeys(mention.slug for mention in linker.find(name)))


def attribution(event: Event, linker: Linker, document: str,
                unmatched: Counter[str]) -> list[dict[str, Any]]:
    """The first side's actors (profiles, else plain names), `attributed` by ACLED.

    ACLED codes no direction, but the second side is usually who was hit (a strike *on* a
    militia), so it becomes the target and is never recorded as attributed.
    """
    who: list[tuple[str, str]] = []  # ("actor", slug) or ("actor_name", name), in column order
    for actor in event.side1:
        found = match_actor(actor, linker)
        who += [("actor", slug) for slug in found] or [("actor_name", actor)]
    for actor in (*event.side1, *event.side2):
        if not match_actor(actor, linker):
            unmatched[actor] += 1
    return [{key: value, "status": "attributed", "by": BY, "sources": _Flow([document])}
            for key, value in dict.fromkeys(who)]


def summary(event: Event, document: str) -> str:
    one = f"on one side {_listed(event.side1)}" if event.side1 else "no actor 1"
    other = f"on the other {_listed(event.side2)}" if event.side2 else "no other side given"
    notes = event.notes.replace("[@", "[ @")  # never read as a citation
    caveat = (f"{CAVEAT}, so the attribution names the actors it records, not who acted: "
              f"{one}; {other}. ACLED event {event.event_id} [@{document}].")
    return f"{notes} {caveat}" if notes else caveat


def _listed(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def incident(event: Event, linker: Linker, document: str,
             unmatched: Counter[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": title(event),
        "date": event.date,
        "date_precision": event.date_precision,
        "kind": kind(event),
        "latitude": event.latitude,
        "longitude": event.longitude,
    }
    if event.geo_precision is not None:
        data["geo_precision"] = event.geo_precision
    if event.actor2:
        data["target"] = event.actor2
    if event.fatalities is not None:
        data["killed"] = event.fatalities
    entries = attribution(event, linker, document, unmatched)
    if entries:
        data["attribution"] = entries
    data["summary"] = _Folded(summary(event, document))
    data["sources"] = _Flow([document])
    return data


def incident_text(event: Event, linker: Linker, document: str, export: str,
                  unmatched: Counter[str]) -> str:
    header = (f"# Imported from ACLED event {event.event_id} ({export}) by `make import-acled`.\n"
              f"# Importing again leaves this file alone unless --update is given.\n")
    return header + dump_yaml(incident(event, linker, document, unmatched))


# --- the source document for the export ---

def document_slug(path: Path, events: list[Event]) -> str:
    stem = slugify(path.stem)
    if not stem and events:
        stem = max(e.date for e in events).isoformat()
    return f"acled-export-{stem or 'file'}"


def published(events: list[Event]) -> dt.date:
    """The newest `timestamp` (last modification), else the newest event date."""
    stamps = [e.modified for e in events if e.modified is not None]
    return max(stamps) if stamps else max(e.date for e in events)


def document_text(path: Path, events: list[Event]) -> str:
    meta = {"title": f"ACLED export {path.name}", "outlet": OUTLET,
            "published": min(published(events), dt.date.today()), "language": "en",
            "kind": "report"}
    first, last = min(e.date for e in events), max(e.date for e in events)
    counts = Counter(source for e in events for source in e.sources)
    kinds = Counter(e.sub_event_type or e.event_type or "unknown" for e in events)
    lines = [
        f"An export of the ACLED (Armed Conflict Location & Event Data) dataset, saved as the "
        f"file {path.name} and imported with the briefing's import-acled command. It holds "
        f"{len(events)} event{'s' if len(events) != 1 else ''} dated {first.isoformat()} to "
        f"{last.isoformat()}; each became an incident file named after its date and its ACLED "
        f"event ID (event_id_cnty), which ACLED keeps when it revises an event.",
        "",
        f"{CAVEAT}: actor 1 and actor 2 are the two sides of an event, not attacker and "
        f"target, so the imported attributions say which actors ACLED records, not who acted. "
        f"ACLED codes events from the reports of other outlets, named in its source field; "
        f"they are listed below.",
        "",
        "Event types in this export:",
        "",
        *(f"- {name}: {count}" for name, count in _ranked(kinds)),
        "",
        "Sources ACLED cites for these events, with the number of events citing each:",
        "",
        *(f"- {name}: {count}" for name, count in _ranked(counts)),
    ]
    if not counts:
        lines.append("- none given")
    return f"---\n{dump_yaml(meta)}---\n" + "\n".join(lines) + "\n"


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


# --- YAML written by hand-tuned safe_dump: block lists indented, `sources: [a]`, `>-` prose ---

class _Flow(list):
    """A list written inline: [a, b]."""


class _Folded(str):
    """Text written as a folded block (>-)."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence(
    "tag:yaml.org,2002:seq", list(v), flow_style=True))
_Dumper.add_representer(_Folded, lambda d, v: d.represent_scalar(
    "tag:yaml.org,2002:str", str(v), style=">"))


def dump_yaml(data: dict[str, Any]) -> str:
    """YAML that reads back to exactly `data`; plain safe_dump style if the tuned one would not."""
    options = dict(sort_keys=False, allow_unicode=True, width=96, default_flow_style=False)
    text = yaml.dump(data, Dumper=_Dumper, **options)
    if yaml.safe_load(text) != _plain(data):
        text = yaml.safe_dump(_plain(data), **options)
    return text


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return str(value) if isinstance(value, _Folded) else value


# --- writing, with undo if the content no longer validates ---

def import_acled(export: Path, content: Path, update: bool = False) -> ImportReport:
    """Write one incident per event and the export's source document, then validate content/."""
    from generator.mentions import make_linker
    from generator.pipeline import load_catalogue

    events = read_export(export)
    if not events:
        raise ContentError([Problem(Problems._show(export), 1, "the export holds no events")])
    catalogue = load_catalogue(content)  # the content must be valid before anything is added
    linker = make_linker(catalogue)
    report = ImportReport(export=export.name, events=len(events))
    document = document_slug(export, events)
    unmatched: Counter[str] = Counter()
    plan: dict[Path, str | None] = {}  # path -> new text, or None to remove

    doc_path = content / "documents" / f"{document}.md"
    doc_text = document_text(export, events)
    report.document = Problems._show(doc_path)
    old = _read(doc_path)
    if old is None:
        plan[doc_path], report.document_status = doc_text, "written"
    elif old == doc_text:
        report.document_status = "unchanged"
    elif update:
        plan[doc_path], report.document_status = doc_text, "updated"
    else:
        report.document_status = ("kept as it was (it differs from this export; run again "
                                  "with --update to replace it)")

    incidents = content / "incidents"
    for event in events:
        path = incidents / f"{event.slug}.yml"
        text = incident_text(event, linker, document, export.name, unmatched)
        others = [p for p in _same_event(incidents, event) if p != path]
        old = _read(path)
        shown = Problems._show(path)
        if old == text and not others:
            report.unchanged.append(shown)
        elif (old is None and not others) or update:
            plan[path] = text
            report.written.append(shown)
            for other in others:
                plan[other] = None
                report.removed.append(Problems._show(other))
        else:
            report.skipped.append(Problems._show(others[0] if old is None else path))
    report.unmatched = _ranked(unmatched)
    _apply(plan, content, export)
    return report


def _same_event(folder: Path, event: Event) -> list[Path]:
    """Incident files of the same ACLED event, whatever date they carry (ACLED revises dates)."""
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"^\d{{4}}-\d{{2}}-\d{{2}}-acled-{re.escape(slugify(event.event_id))}"
                         rf"\.ya?ml$")
    return sorted(p for p in folder.iterdir() if pattern.match(p.name))


def _read(path: Path) -> str | None:
    if not path.is_file():
        return None
    return path.read_bytes().decode("utf-8", errors="replace")


def _apply(plan: dict[Path, str | None], content: Path, export: Path) -> None:
    from generator.pipeline import load_catalogue

    backups = {path: path.read_bytes() if path.exists() else None for path in plan}
    try:
        for path, text in plan.items():
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text.encode("utf-8"))
        load_catalogue(content)
    except ContentError as error:
        _undo(backups)
        note = Problem(Problems._show(export), 1, "the imported files did not validate, so "
                       "they were removed again; nothing was imported")
        raise ContentError([*error.problems, note]) from None
    except BaseException:
        _undo(backups)
        raise


def _undo(backups: dict[Path, bytes | None]) -> None:
    for path, data in backups.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)
