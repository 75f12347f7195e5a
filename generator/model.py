"""Stage 2, model: validate source records into a catalogue, reporting every problem at once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator import fields as f
from generator.errors import Problems
from generator.fields import Field
from generator.load import SourceRecord
from generator.records import (
    ATTRIBUTION_STATUSES,
    DATE_PRECISIONS,
    DOCUMENT_KINDS,
    INCIDENT_KINDS,
    MILITIA_KINDS,
    PLACE_KINDS,
    RELATION_KINDS,
    STATUSES,
    Attribution,
    Catalogue,
    Designation,
    Document,
    Incident,
    Leader,
    Leadership,
    Militia,
    Place,
    Relation,
    Role,
)
from generator.references import check_references

SOURCES = Field(f.list_of(f.slug))
DESIGNATION = {"by": Field(f.text, True), "type": Field(f.text, True),
               "date": Field(f.partial_date), "sources": SOURCES}
PROFILE = {"name": Field(f.text, True), "arabic": Field(f.text),
           "aliases": Field(f.list_of(f.text)), "look_alikes": Field(f.list_of(f.text)),
           "summary": Field(f.text),
           "designations": Field(f.text, items=DESIGNATION), "sources": SOURCES,
           "tags": Field(f.list_of(f.text))}
MILITIA = {
    **PROFILE,
    "kind": Field(f.one_of(*MILITIA_KINDS), True), "founded": Field(f.partial_date),
    "parent": Field(f.slug), "pmu_brigades": Field(f.list_of(f.integer)),
    "patrons": Field(f.list_of(f.slug)), "status": Field(f.one_of(*STATUSES)),
    "leaders": Field(f.text, items={"person": Field(f.slug, True), "role": Field(f.text),
                                    "since": Field(f.partial_date),
                                    "until": Field(f.partial_date), "sources": SOURCES}),
    "relations": Field(f.text, items={"to": Field(f.slug, True),
                                      "kind": Field(f.one_of(*RELATION_KINDS), True),
                                      "since": Field(f.partial_date), "note": Field(f.text),
                                      "sources": SOURCES}),
}
LEADER = {
    **PROFILE,
    "short_names": Field(f.list_of(f.text)), "born": Field(f.partial_date),
    "birthplace": Field(f.text), "died": Field(f.partial_date),
    "roles": Field(f.text, items={"organization": Field(f.slug, True), "title": Field(f.text),
                                  "since": Field(f.partial_date),
                                  "until": Field(f.partial_date), "sources": SOURCES}),
}
DOCUMENT = {"title": Field(f.text, True), "outlet": Field(f.text, True),
            "published": Field(f.full_date, True), "author": Field(f.text),
            "url": Field(f.text), "language": Field(f.text),
            "kind": Field(f.one_of(*DOCUMENT_KINDS))}
PLACE = {"slug": Field(f.slug, True), "name": Field(f.text, True), "arabic": Field(f.text),
         "latitude": Field(f.number, True), "longitude": Field(f.number, True),
         "kind": Field(f.one_of(*PLACE_KINDS)), "district": Field(f.text),
         "geo_precision": Field(f.integer)}
INCIDENT = {
    "title": Field(f.text, True), "date": Field(f.partial_date, True),
    "date_precision": Field(f.one_of(*DATE_PRECISIONS)),
    "kind": Field(f.one_of(*INCIDENT_KINDS), True), "place": Field(f.slug),
    "latitude": Field(f.number), "longitude": Field(f.number), "geo_precision": Field(f.integer),
    "target": Field(f.text), "killed": Field(f.count), "wounded": Field(f.count),
    "attribution": Field(f.text, items={"actor": Field(f.slug), "actor_name": Field(f.text),
                                        "status": Field(f.one_of(*ATTRIBUTION_STATUSES), True),
                                        "by": Field(f.text), "sources": SOURCES}),
    "summary": Field(f.text), "sources": SOURCES,
    "launch_place": Field(f.slug), "launch_sources": SOURCES,
}
RULES = {"militia": MILITIA, "leader": LEADER, "document": DOCUMENT, "incident": INCIDENT,
         "place": PLACE}


def build_catalogue(records: Iterable[SourceRecord], problems: Problems) -> Catalogue:
    """Validate every record and every reference between records; raise all problems together."""
    catalogue = Catalogue()
    for record in records:
        values = read_record(record, problems)
        if values is not None:
            _add(catalogue, record, values, problems)
    check_references(catalogue, problems)
    problems.raise_if_any()
    return _sorted(catalogue)


def read_record(record: SourceRecord, problems: Problems) -> dict[str, Any] | None:
    def report(line: int, message: str) -> None:
        problems.add(record.path, line, message)
    if record.kind != "place" and not f.SLUG.match(record.slug):
        report(1, f"file name {record.path.name!r} is not a slug: rename it to lowercase "
                  f"ASCII words joined by hyphens, like 'kataib-hezbollah{record.path.suffix}'")
        return None
    return f.read_fields(record.meta, RULES[record.kind], report)


def _add(catalogue: Catalogue, record: SourceRecord, values: dict[str, Any],
         problems: Problems) -> None:
    builders = {"militia": (catalogue.militias, _militia), "leader": (catalogue.leaders, _leader),
                "document": (catalogue.documents, _document),
                "incident": (catalogue.incidents, _incident), "place": (catalogue.places, _place)}
    table, build = builders[record.kind]
    if None in (values.get(key) for key, rule in RULES[record.kind].items() if rule.required):
        return  # already reported as a missing field; a half record would only add noise
    item = build(record, values)
    if item.slug in table:
        other = table[item.slug]
        problems.add(record.path, record.meta.line, f"{item.slug!r} is defined twice: also in "
                     f"{_where(other)}; rename one of them")
        return
    table[item.slug] = item


def _where(item: Any) -> str:
    line = getattr(item, "line", 1)
    return f"{Problems._show(item.path)}:{line}"


def _entries(cls: type, values: tuple[dict[str, Any], ...]) -> tuple[Any, ...]:
    return tuple(cls(**{k: v for k, v in entry.items() if k != "_line"}, line=entry["_line"])
                 for entry in values if all(entry.get(k) is not None for k in _required(cls)))


def _required(cls: type) -> tuple[str, ...]:
    return {Designation: ("by", "type"), Leadership: ("person",), Relation: ("to", "kind"),
            Role: ("organization",), Attribution: ("status",)}[cls]


def _profile_values(record: SourceRecord, values: dict[str, Any]) -> dict[str, Any]:
    return dict(slug=record.slug, path=record.path, name=values["name"],
                arabic=values["arabic"], aliases=values["aliases"],
                look_alikes=values["look_alikes"],
                designations=_entries(Designation, values["designations"]),
                summary=values["summary"], sources=values["sources"], tags=values["tags"],
                body=record.body, body_line=record.body_line, lines=record.meta.key_lines)


def _militia(record: SourceRecord, values: dict[str, Any]) -> Militia:
    return Militia(**_profile_values(record, values), kind=values["kind"],
                   founded=values["founded"], parent=values["parent"],
                   pmu_brigades=values["pmu_brigades"],
                   leaders=_entries(Leadership, values["leaders"]), patrons=values["patrons"],
                   relations=_entries(Relation, values["relations"]), status=values["status"])


def _leader(record: SourceRecord, values: dict[str, Any]) -> Leader:
    return Leader(**_profile_values(record, values), short_names=values["short_names"],
                  born=values["born"], birthplace=values["birthplace"], died=values["died"],
                  roles=_entries(Role, values["roles"]))


def _document(record: SourceRecord, values: dict[str, Any]) -> Document:
    return Document(slug=record.slug, path=record.path, title=values["title"],
                    outlet=values["outlet"], published=values["published"], body=record.body,
                    body_line=record.body_line, author=values["author"],
                    source_url=values["url"], language=values["language"],
                    kind=values["kind"], lines=record.meta.key_lines)


def _place(record: SourceRecord, values: dict[str, Any]) -> Place:
    fields = {key: values[key] for key in PLACE}
    return Place(**fields, path=record.path, line=record.meta.line, lines=record.meta.key_lines)


def _incident(record: SourceRecord, values: dict[str, Any]) -> Incident:
    fields = {key: values[key] for key in INCIDENT if key != "attribution"}
    fields["date_precision"] = fields["date_precision"] or "day"
    return Incident(**fields, slug=record.slug, path=record.path,
                    attribution=_entries(Attribution, values["attribution"]),
                    lines=record.meta.key_lines)


def _sorted(catalogue: Catalogue) -> Catalogue:
    return Catalogue(**{name: dict(sorted(getattr(catalogue, name).items()))
                        for name in ("militias", "leaders", "documents", "incidents", "places")})

