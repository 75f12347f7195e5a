"""Stage 2, model: validate source records into a catalogue, reporting every problem at once.

Every rule comes from the schema in generator/records.py: this module only walks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from generator import fields as f
from generator.errors import Problem, Problems
from generator.load import SourceRecord, YamlList, YamlMap
from generator.records import RECORDS, Catalogue, Spec, specs
from generator.references import check_references

Report = Callable[[int, str], None]
RESERVED_SLUGS = ("index",)  # the section's own page
PRECISION_OF_DATE = {4: "year", 7: "month", 10: "day"}  # an incident's default date_precision
# Keys that an older format had, and what to write instead.
MOVED = {("militia", "leaders"): "leadership is stated once, on the person's file: move each "
                                 "entry to content/leaders/<person>.md under 'roles' "
                                 "(organization, title, since, until, sources)"}


class RecordMemo:
    """What each loaded record read to, while the record is the same object (the live preview's
    FileCache hands back the same records for unchanged files)."""

    def __init__(self) -> None:
        self.entries: dict[int, tuple[SourceRecord, Any, list[Problem]]] = {}

    def read(self, record: SourceRecord, problems: Problems) -> Any:
        known = self.entries.get(id(record))
        if known is None or known[0] is not record:
            own = Problems()
            known = (record, record_item(record, read_record(record, own)), own.found)
            self.entries[id(record)] = known
        problems.found.extend(known[2])
        return known[1]

    def keep_only(self, records: list[SourceRecord]) -> None:
        alive = {id(record) for record in records}
        self.entries = {key: entry for key, entry in self.entries.items() if key in alive}


def build_catalogue(records: Iterable[SourceRecord], problems: Problems,
                    memo: RecordMemo | None = None) -> Catalogue:
    """Validate every record and every reference between records; raise all problems together.

    References are checked only between records that loaded cleanly, so one broken file never
    shows up again as a false "no such document" in the files that cite it: those citations
    are checked against every file that exists, broken or not."""
    catalogue = Catalogue()
    broken: dict[str, set[str]] = {kind: set() for kind in RECORDS}
    for record in records:
        before = len(problems.found)
        item = (memo.read(record, problems) if memo
                else record_item(record, read_record(record, problems)))
        if item is not None:
            _add(catalogue, record, item, problems)
        if len(problems.found) > before:
            broken[record.kind].add(record.slug)
    check_references(catalogue, problems, broken)
    problems.raise_if_any()
    return _sorted(catalogue)


def read_record(record: SourceRecord, problems: Problems) -> dict[str, Any] | None:
    def report(line: int, message: str) -> None:
        problems.add(record.path, line, message)
    if record.kind != "place":
        if not f.SLUG.match(record.slug):
            report(1, f"file name {record.path.name!r} is not a slug: rename it to lowercase "
                      f"ASCII words joined by hyphens, like 'kataib-hezbollah{record.path.suffix}'")
            return None
        if record.slug in RESERVED_SLUGS:
            report(1, f"{record.path.name!r} is a reserved name (the section's own index page): "
                      f"name the file after what it holds")
            return None
    return read_fields(record.meta, RECORDS[record.kind], report, record.kind)


def read_fields(meta: YamlMap, cls: type, report: Report, kind: str = "") -> dict[str, Any]:
    """Check every key of meta against the schema of cls; report problems by line; return
    {field name: converted value}."""
    declared = specs(cls)
    for key in meta:
        if key in declared:
            continue
        if (kind, key) in MOVED:
            report(meta.line_of(key), f"{key}: {MOVED[(kind, key)]}")
        else:
            report(meta.line_of(key), f"unknown field {key!r}: {f.did_you_mean(key, list(declared))}")
    values: dict[str, Any] = {}
    for key, (name, rule) in declared.items():
        raw = meta.get(key)
        line = meta.line_of(key)
        if rule.required and raw in (None, "", []):
            where = "the line is there but empty" if key in meta else "add a line"
            report(line, f"missing required field {key!r}: {where}; write '{key}: "
                         f"{rule.example or '...'}'")
        values[name] = read_value(key, raw, rule, line, report)
    return values


def read_value(key: str, raw: Any, rule: Spec, line: int, report: Report) -> Any:
    if rule.entry is None:
        try:
            return rule.convert(raw)
        except f.Invalid as error:
            report(line, f"{key}: {error}")
            return () if rule.many else None  # the rule's empty value, so later stages never crash
    if raw is None or raw == "":
        return () if rule.many else None
    if not rule.many:
        return _read_entry(key, raw, rule.entry, line, report)
    items = raw if isinstance(raw, list) else [raw]
    lines = raw.item_lines if isinstance(raw, YamlList) else [line] * len(items)
    entries = (_read_entry(key, item, rule.entry, item_line, report)
               for item, item_line in zip(items, lines, strict=False))
    return tuple(entry for entry in entries if entry is not None)


def _read_entry(key: str, raw: Any, cls: type, line: int, report: Report) -> Any:
    """One entry: a mapping read by the entry's own schema, or a bare value taken as its first
    field (so `status: active` and `pmu_brigades: [45]` read as entries without sources)."""
    declared = specs(cls)
    if isinstance(raw, YamlMap):
        values = read_fields(raw, cls, lambda at, message: report(at, f"{key}: {message}"))
        line = raw.line
    elif isinstance(raw, list):
        report(line, f"{key}: expected 'key: value' lines here, found a list")
        return None
    else:
        first_key, (first_name, first_rule) = next(iter(declared.items()))
        values = {name: read_value(k, None, rule, line, report)
                  for k, (name, rule) in declared.items()}
        values[first_name] = read_value(f"{key}", raw, first_rule, line, report)
    if any(values.get(name) in (None, "", ()) for name, rule in declared.values() if rule.required):
        return None  # already reported; a half entry would only add noise downstream
    return cls(**values, line=line)


def record_item(record: SourceRecord, values: dict[str, Any] | None) -> Any:
    """The record's object, or None where a required field is missing (already reported: a half
    record would only add noise)."""
    cls = RECORDS[record.kind]
    if values is None or any(values.get(name) in (None, "", ())
                             for name, rule in specs(cls).values() if rule.required):
        return None
    if record.kind == "incident" and values["date_precision"] is None:
        values = {**values, "date_precision": PRECISION_OF_DATE[len(values["date"])]}
    return cls(**values, **_context(record))


def _add(catalogue: Catalogue, record: SourceRecord, item: Any, problems: Problems) -> None:
    tables: dict[str, dict[str, Any]] = {
        "militia": catalogue.militias, "leader": catalogue.leaders,
        "document": catalogue.documents, "incident": catalogue.incidents,
        "place": catalogue.places}
    table = tables[record.kind]
    if item.slug in table:
        other = table[item.slug]
        problems.add(record.path, record.meta.line, f"{item.slug!r} is defined twice: also in "
                     f"{Problems._show(other.path)}:{getattr(other, 'line', 1)}; rename one of them")
        return
    table[item.slug] = item


def _context(record: SourceRecord) -> dict[str, Any]:
    """What a record knows beyond its fields: where it came from."""
    if record.kind == "place":
        return {"path": record.path, "line": record.meta.line, "lines": record.meta.key_lines}
    found = {"slug": record.slug, "path": record.path, "lines": record.meta.key_lines}
    if record.kind != "incident":
        found.update(body=record.body, body_line=record.body_line)
    return found


def _sorted(catalogue: Catalogue) -> Catalogue:
    return Catalogue(**{name: dict(sorted(getattr(catalogue, name).items()))
                        for name in ("militias", "leaders", "documents", "incidents", "places")})
