"""`import-acled`: turn an ACLED export into incident files and one source document.

This is the one part of the generator that writes into content/, and only because the user asks
for it explicitly. Every event of the export (of the countries asked for, Iraq by default)
becomes `incidents/<event_date>-acled-<id>.yml`; the export itself becomes
`documents/acled-export-<file stem>.md`, which every imported incident cites.

Each incident keeps ACLED's record in an `acled:` mapping; the fields outside it are derived from
it (title, kind, place, casualties, summary) and belong to the analysts once edited. ACLED's
actors are recorded as attribution entries of status `coded` (side 1 or 2), never as claims or
blame: ACLED's actor 1 and actor 2 imply no direction. Actor names become profiles through
content/acled-actors.yml (ACLED name -> militia slug, or null for none), else through a militia's
full name or alias; never a person, never by surname.

Re-importing a newer export shows per incident what ACLED revised; with `update` those revisions
are applied and every field an analyst edited is kept. Rows that cannot be read are reported by
line and skipped; after writing, the content is validated and, if it fails, everything written is
undone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.acled_fields import ACLED_KEYS, geo_precision_of, kind_of
from generator.acled_read import Event, Export, read_export, slugify
from generator.errors import ContentError, Problem, Problems
from generator.fields import SLUG, closest
from generator.load import parse_yaml
from generator.records import Catalogue
from generator.references import name_key

OUTLET = "ACLED (Armed Conflict Location & Event Data)"
BY = "ACLED"
CAVEAT = "ACLED codes actors without direction"
ACTORS_FILE = "acled-actors.yml"
# The fields the importer derives from ACLED's record; an analyst's edit of one is kept.
DERIVED = ("title", "date", "date_precision", "kind", "latitude", "longitude", "geo_precision",
           "target", "killed", "summary")
ORDER = ("title", "date", "date_precision", "kind", "place", "latitude", "longitude",
         "geo_precision", "target", "killed", "wounded", "attribution", "summary", "sources",
         "acled")
HEADER = ("# Imported from ACLED event {id} ({export}) by `make import-acled`.\n"
          "# The acled: block is ACLED's record; edit the fields above it. A re-import with\n"
          "# UPDATE=1 applies ACLED's revisions and keeps the fields you edited.\n")


# --- ACLED actor names -> profiles ---

class Actors:
    """content/acled-actors.yml first (a slug, or null for 'no profile'), then the full names
    and aliases of militia-kind profiles. People are never matched: ACLED's 'Sadr Movement' is
    not Muqtada al-Sadr, an '... Tribe' is not a leader who shares its name."""

    def __init__(self, table: dict[str, str | None], catalogue: Catalogue) -> None:
        self.table = {name_key(name): slug for name, slug in table.items()}
        self.names = {name_key(name): militia.slug for militia in catalogue.militias.values()
                      for name in militia.names}
        self.militia_names = {name: militia.slug for militia in catalogue.militias.values()
                              for name in militia.names}
        self.matched: Counter[tuple[str, str]] = Counter()
        self.unmatched: Counter[str] = Counter()

    def match(self, actor: str) -> tuple[str | None, bool]:
        """(profile slug or None, whether the name is known at all)."""
        key = name_key(actor)
        if key in self.table:
            return self.table[key], True
        for variant in _variants(actor):
            if name_key(variant) in self.names:
                return self.names[name_key(variant)], True
        return None, False

    def count(self, actor: str) -> None:
        slug, known = self.match(actor)
        if slug:
            self.matched[(actor, slug)] += 1
        elif not known:
            self.unmatched[actor] += 1

    def suggestion(self, actor: str) -> str:
        """A line to paste into content/acled-actors.yml for an unmatched name."""
        hint = closest(actor, list(self.militia_names), cutoff=0.75)
        value = f"{self.militia_names[hint]}   # like {hint!r}: check" if hint else "null"
        return f"{json.dumps(actor, ensure_ascii=False)}: {value}"


def _variants(actor: str) -> list[str]:
    """ACLED's spellings of one group: 'PMF: Popular Mobilization Forces' is both 'PMF' and
    'Popular Mobilization Forces'; a trailing '(Iraq)' or '(2018-2022)' is a qualifier."""
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", actor).strip()
    parts = [part.strip() for part in bare.split(":")] if ":" in bare else []
    return list(dict.fromkeys([actor, bare, *parts]))


def read_actor_table(content: Path, catalogue: Catalogue,
                     notes: list[str] | None = None) -> dict[str, str | None]:
    """content/acled-actors.yml as {ACLED name: militia slug or None}; problems by line (raised),
    and in `notes` the entries whose profile does not exist yet."""
    notes = [] if notes is None else notes
    path = content / ACTORS_FILE
    if not path.is_file():
        return {}
    problems = Problems()
    data = parse_yaml(path.read_text(encoding="utf-8"), path, problems)
    table: dict[str, str | None] = {}
    if data is not None and not isinstance(data, dict):
        problems.add(path, 1, "expected lines 'ACLED actor name: profile-slug' (or null)")
    for name, slug in (data or {}).items() if isinstance(data, dict) else ():
        line = data.line_of(name)
        if slug is not None and not (isinstance(slug, str) and SLUG.match(slug)):
            problems.add(path, line, f"{name!r}: {slug!r} is not a profile slug: write a "
                         f"militia's file name, like kataib-hezbollah, or null for none")
        elif slug in catalogue.leaders:
            problems.add(path, line, f"{name!r}: {slug!r} is a leader: ACLED actors name "
                         f"groups, never people; write a militia's slug or null")
        elif slug is not None and slug not in catalogue.militias:
            hint = closest(slug, list(catalogue.militias), cutoff=0.8)
            if hint:
                problems.add(path, line, f"{name!r}: {slug!r} is not a militia profile: did "
                             f"you mean {hint!r}?")
            else:   # a profile still to be written: the name stays plain until it exists
                notes.append(f"{Problems._show(path)}:{line}: {slug!r} has no profile yet, so "
                             f"{name!r} is kept as a plain name until content/militias/"
                             f"{slug}.md exists")
                table[str(name)] = None
        else:
            table[str(name)] = slug
    problems.raise_if_any()
    return table


# --- one incident per event ---

def title(event: Event) -> str:
    """'Shelling/artillery/missile attack' at 'Baghdad - Green Zone' →
    'Shelling, artillery or missile attack in Baghdad (Green Zone)'."""
    kind = event.get("sub_event_type") or event.get("event_type") or "Event"
    parts = [p.strip() for p in kind.split("/")]
    what = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} or {parts[-1]}"
    where = [p.strip() for p in event.get("location").split(" - ") if p.strip()]
    if not where:
        return what
    place = where[0] if len(where) == 1 else f"{where[0]} ({', '.join(where[1:])})"
    return f"{what} in {place}"


def coded(event: Event, actors: Actors, document: str) -> list[dict[str, Any]]:
    """ACLED's coding as attribution entries of status `coded`: every actor of side 1 (a
    profile, else the plain name), and the side-2 actors that are profiles (linked targets)."""
    entries: dict[tuple[str, str, int], None] = {}
    for side, names in ((1, event.side1), (2, event.side2)):
        for name in names:
            slug, _ = actors.match(name)
            if slug:
                entries[("actor", slug, side)] = None
            elif side == 1:
                entries[("actor_name", name, side)] = None
    return [{key: value, "status": "coded", "by": BY, "side": side,
             "sources": _Flow([document])} for key, value, side in entries]


def summary(event: Event, document: str) -> str:
    notes = event.get("notes").replace("[@", "[ @")  # never read as a citation
    return (f"{notes} [@{document}]" if notes else
            f"ACLED gives no notes for event {event.event_id} [@{document}].")


def derive(event: Event, actors: Actors, document: str) -> dict[str, Any]:
    """The incident ACLED's record gives, before any analyst's edit."""
    data: dict[str, Any] = {
        "title": title(event), "date": event.date, "date_precision": event.date_precision,
        "kind": kind_of(event.get("sub_event_type"), event.get("event_type"),
                        event.get("notes")),
        "latitude": event.latitude, "longitude": event.longitude,
        "geo_precision": geo_precision_of(event.geo_precision, event.get("location")),
    }
    if event.get("actor2"):
        data["target"] = event.get("actor2")
    if event.fatalities is not None:
        data["killed"] = event.fatalities
    entries = coded(event, actors, document)
    if entries:
        data["attribution"] = entries
    data["summary"] = _Folded(summary(event, document))
    data["sources"] = _Flow([document])
    data["acled"] = {key: _Flow(value) if isinstance(value, list) else value
                     for key, value in event.block().items()}
    return data


def merge(current: dict[str, Any], before: dict[str, Any], after: dict[str, Any],
          document: str) -> tuple[dict[str, Any], list[str]]:
    """ACLED's revision applied to an incident file: a derived field the analyst left as the
    import wrote it takes its new value; one they edited stays. Their own attribution entries
    stay; ACLED's coded ones are replaced. Returns the incident and the fields kept."""
    result = dict(current)
    kept = []
    for key in DERIVED:
        if _same(current.get(key), before.get(key)):
            result.pop(key, None)
            if after.get(key) is not None:
                result[key] = after[key]
        elif not _same(current.get(key), after.get(key)):
            kept.append(key)
    listed = current.get("attribution")
    entries: list[Any] = listed if isinstance(listed, list) else []
    own = [{**entry, "sources": _Flow(entry.get("sources") or [])} for entry in entries
           if isinstance(entry, dict) and entry.get("status") != "coded"]
    attribution = [*after.get("attribution", []), *own]
    result.pop("attribution", None)
    if attribution:
        result["attribution"] = attribution
    sources = list(current.get("sources") or [])
    result["sources"] = _Flow(sources + [document] if document not in sources else sources)
    result["acled"] = after["acled"]
    if isinstance(result.get("summary"), str):
        result["summary"] = _Folded(result["summary"])
    rank = {key: index for index, key in enumerate(ORDER)}
    ordered = dict(sorted(result.items(), key=lambda item: rank.get(item[0], len(ORDER))))
    return ordered, kept


def _same(one: Any, other: Any) -> bool:
    return _norm(one) == _norm(other)


def _norm(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_norm(item) for item in value]
    if isinstance(value, dict):
        return {key: _norm(item) for key, item in value.items()}
    return value


def revisions(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """ACLED's fields that changed between two `acled:` blocks, one line each."""
    lines = []
    for key in ACLED_KEYS:
        if not _same(old.get(key), new.get(key)):
            lines.append(f"{key}: {_short(old.get(key))} → {_short(new.get(key))}")
    return lines


def _short(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(none)"
    text = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
    return repr(text if len(text) <= 70 else text[:67] + "...")


def incident_text(data: dict[str, Any], event_id: str, export: str) -> str:
    return HEADER.format(id=event_id, export=export) + dump_yaml(data)


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


def document_text(path: Path, events: list[Event], export: Export | None = None) -> str:
    meta = {"title": f"ACLED export {path.name}", "outlet": OUTLET,
            "published": min(published(events), dt.date.today()), "language": "en",
            "kind": "report"}
    first, last = min(e.date for e in events), max(e.date for e in events)
    counts = Counter(source for e in events for source in e.sources)
    kinds = Counter(e.get("sub_event_type") or e.get("event_type") or "unknown" for e in events)
    lines = [
        f"An export of the ACLED (Armed Conflict Location & Event Data) dataset, saved as the "
        f"file {path.name} and imported with the briefing's import-acled command. It holds "
        f"{len(events)} event{'s' if len(events) != 1 else ''} dated {first.isoformat()} to "
        f"{last.isoformat()}; each became an incident file named after its date and its ACLED "
        f"event ID (event_id_cnty), which ACLED keeps when it revises an event"
        f"{f'. The file is in ACLED{chr(39)}s {export.layout}' if export else ''}.",
        "",
        f"{CAVEAT}: actor 1 and actor 2 are the two sides of an event, not attacker and "
        f"target, so the imported incidents record them as 'coded by ACLED' (side 1 or 2), "
        f"which is neither a claim nor an attribution of blame. "
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


def _ranked(counts: Counter[Any]) -> list[tuple[Any, int]]:
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
    options: dict[str, Any] = dict(sort_keys=False, allow_unicode=True, width=96,
                                   default_flow_style=False)
    text = yaml.dump(data, Dumper=_Dumper, **options)
    if yaml.load(text, Loader=_Loader) != _plain(data):   # libyaml's loader: 10x faster
        text = yaml.safe_dump(_plain(data), **options)
    return text


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return str(value) if isinstance(value, _Folded) else value


# --- writing, with undo if the content no longer validates ---

@dataclass
class ImportReport:
    """What an import did; `summary()` is what the command prints, `problems` the rows skipped."""

    export: str
    described: str = ""
    rows: int = 0
    events: int = 0
    countries: str = "Iraq"
    left_out: list[tuple[str, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)    # not applied
    updated: list[tuple[str, list[str]]] = field(default_factory=list)    # applied
    removed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    document: str = ""
    document_status: str = ""
    matched: list[tuple[str, str, int]] = field(default_factory=list)
    unmatched: list[tuple[str, int]] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)      # actor table entries without a profile

    def summary(self) -> str:
        out = "out of" if self.left_out else "of"
        lines = [f"ACLED export {self.export} ({self.described}): {self.rows} rows; "
                 f"{self.events} events {out} {self.countries}"]
        if self.left_out:
            total = sum(count for _, count in self.left_out)
            shown = ", ".join(f"{name} {count:,}" for name, count in self.left_out[:8])
            more = ", ..." if len(self.left_out) > 8 else ""
            lines.append(f"left out: {total:,} rows of other countries or outside Iraq "
                         f"({shown}{more}); --country (make import-acled COUNTRY=...) changes "
                         f"which countries are read")
        if self.problems:
            lines.append(f"skipped: {len(self.problems)} row problem"
                         f"{'s' if len(self.problems) != 1 else ''}, each listed as FILE:line")
        lines.append(f"{len(self.written)} incident files written, {len(self.unchanged)} "
                     f"unchanged, {len(self.changed)} revised by ACLED and not applied, "
                     f"{len(self.updated)} updated")
        lines.append(f"source document {self.document}: {self.document_status}")
        if self.changed:
            lines.append("revised by ACLED since they were imported (run again with --update, "
                         "make import-acled ... UPDATE=1, to apply; your edits are kept):")
            lines += _listed_changes(self.changed)
        if self.updated:
            lines.append("updated with ACLED's revisions:")
            lines += _listed_changes(self.updated)
        if self.removed:
            lines.append("removed, replaced by a file with the event's new date:")
            lines += [f"  {path}" for path in self.removed]
        if self.deleted:
            lines.append(f"no longer in ACLED's data ({len(self.deleted)}: in this export's "
                         f"countries and dates but missing from it; ACLED deletes events it "
                         f"finds wrong or duplicated). Review and remove them by hand:")
            lines += [f"  {path}" for path in self.deleted]
        if self.matched:
            lines.append("actors matched to profiles (ACLED name -> profile, events):")
            lines += [f"  {name} -> {slug} ({count})" for name, slug, count in self.matched]
        if self.notes:
            lines.append("the actor table names profiles that do not exist yet:")
            lines += [f"  {note}" for note in self.notes]
        if self.unmatched:
            lines.append(f"unmatched actors ({len(self.unmatched)}; events):")
            lines += [f"  {name} ({count})" for name, count in self.unmatched]
            lines.append(f"suggested entries for content/{ACTORS_FILE} (a militia slug, or null "
                         f"for a name with no profile):")
            lines += [f"  {line}" for line in self.suggestions]
        return "\n".join(lines)


def _listed_changes(changes: list[tuple[str, list[str]]]) -> list[str]:
    return [line for path, diff in changes for line in [f"  {path}", *(f"    {d}" for d in diff)]]


def import_acled(export: Path, content: Path, update: bool = False,
                 countries: tuple[str, ...] = ("Iraq",)) -> ImportReport:
    """Write one incident per event and the export's source document, then validate content/."""
    from generator.pipeline import load_catalogue

    read = read_export(export, countries)
    report = ImportReport(export=export.name, described=read.describe(), rows=read.rows,
                          events=len(read.events), countries=", ".join(countries),
                          left_out=_ranked(read.left_out), problems=list(read.skipped))
    if not read.events:
        raise ContentError([*read.skipped, Problem(Problems._show(export), 1,
                            f"the export holds no events of {report.countries} that could be "
                            f"read: nothing was imported")])
    catalogue = load_catalogue(content)  # the content must be valid before anything is added
    actors = Actors(read_actor_table(content, catalogue, report.notes), catalogue)
    document = document_slug(export, read.events)
    plan: dict[Path, str | None] = {}  # path -> new text, or None to remove
    _plan_document(content, export, read, document, update, plan, report)
    existing = _existing(content / "incidents")
    for event in read.events:
        for name in (*event.side1, *event.side2):
            actors.count(name)
        _plan_incident(event, content, existing.get(slugify(event.event_id), []), actors,
                       document, export.name, update, plan, report)
    report.deleted = _deleted(read, existing)
    report.matched = [(name, slug, count) for (name, slug), count in _ranked(actors.matched)]
    report.unmatched = _ranked(actors.unmatched)
    report.suggestions = [actors.suggestion(name) for name, _ in report.unmatched]
    _apply(plan, content, export)
    return report


def _plan_document(content: Path, export: Path, read: Export, document: str, update: bool,
                   plan: dict[Path, str | None], report: ImportReport) -> None:
    doc_path = content / "documents" / f"{document}.md"
    doc_text = document_text(export, read.events, read)
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


def _plan_incident(event: Event, content: Path, others: list[Path], actors: Actors,
                   document: str, export: str, update: bool, plan: dict[Path, str | None],
                   report: ImportReport) -> None:
    path = content / "incidents" / f"{event.slug}.yml"
    shown = Problems._show(path)
    after = derive(event, actors, document)
    if not others:
        plan[path] = incident_text(after, event.event_id, export)
        report.written.append(shown)
        return
    source = path if path in others else others[0]
    try:
        current = yaml.load(source.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        current = None
    if not isinstance(current, dict):
        report.problems.append(Problem(Problems._show(source), 1, "this incident file cannot "
                               "be read as YAML, so ACLED's revision was not compared: run "
                               "make check and fix it first"))
        return
    old_block = current.get("acled") if isinstance(current.get("acled"), dict) else None
    if old_block is None:   # written by the importer before it kept ACLED's record
        merged, kept = after, list[str]()
        diff = ["written before the import kept ACLED's fields: --update rewrites it whole"]
    else:
        cited = _cited(current, document)
        try:
            before = derive(Event.from_block(old_block), actors, cited)
        except (ValueError, TypeError):   # an acled: block edited by hand: keep every field
            before = {}
        diff = revisions(old_block, after["acled"])
        if not diff:   # the same record from another export: it keeps citing the first one
            after, document = derive(event, actors, cited), cited
            diff = ["ACLED's actors now match content/acled-actors.yml or the profiles "
                    "differently"]
        merged, kept = merge(current, before, after, document)
    if _same(_plain(merged), current) and source == path and len(others) == 1:
        report.unchanged.append(shown)
        return
    text = incident_text(merged, event.event_id, export)
    if kept:
        diff = [*diff, f"kept your edits of: {', '.join(kept)}"]
    if not update:
        report.changed.append((Problems._show(source), diff))
        return
    plan[path] = text
    report.updated.append((shown, diff))
    for other in others:
        if other != path:
            plan[other] = None
            report.removed.append(Problems._show(other))


def _cited(incident: dict[str, Any], default: str) -> str:
    """The export document an incident cites (its summary's citation), for re-deriving it."""
    for slug in incident.get("sources") or []:
        if str(slug).startswith("acled-export-"):
            return str(slug)
    return default


_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}-acled-(.+)\.ya?ml$")


def _existing(folder: Path) -> dict[str, list[Path]]:
    """Incident files of ACLED events by event id slug, whatever date they carry (ACLED revises
    dates)."""
    found: dict[str, list[Path]] = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        match = _FILE.match(path.name)
        if match:
            found.setdefault(match.group(1), []).append(path)
    return found


def _deleted(read: Export, existing: dict[str, list[Path]]) -> list[str]:
    """Imported incidents of the export's countries and dates whose events it no longer holds."""
    ids = {slugify(event.event_id) for event in read.events}
    first, last = (min(e.date for e in read.events).isoformat(),
                   max(e.date for e in read.events).isoformat())
    gone = []
    for key, paths in existing.items():
        if key in ids:
            continue
        for path in paths:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
            block = data.get("acled") if isinstance(data, dict) else None
            if not isinstance(block, dict):
                continue
            date, country = str(block.get("event_date", "")), str(block.get("country", "Iraq"))
            if first <= date <= last and read.covers(country):
                gone.append(Problems._show(path))
    return sorted(gone)


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> str | None:
    if not path.is_file():
        return None
    return path.read_bytes().decode("utf-8", errors="replace")


def _apply(plan: dict[Path, str | None], content: Path, export: Path) -> None:
    if not plan:
        return
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
