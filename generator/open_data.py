"""The data stage: the briefing as open data files under data/, for other tools to read.

data/briefing.ftm.json   FollowTheMoney entities, one a line (generator/ftm_export.py)
data/profiles.json       every profile as JSON, its fields as written in content/
data/profiles/<slug>.json  one profile, linked from its page
data/*.csv               roles, relations, designations, claims, documents: one row a fact

Each CSV's columns are declared once below, with the line that explains them on the data page.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.mentions import Links
from generator.records import Catalogue, Entry, Leader, Militia, specs
from generator.tables import csv_text

log = logging.getLogger(__name__)
FOLDER = "data"
FTM_FILE = f"{FOLDER}/briefing.ftm.json"
PROFILES_FILE = f"{FOLDER}/profiles.json"
# a role whose title names one of these is a leadership position: a Directorship
LEADERSHIP_WORDS = ("commander", "secretary-general", "secretary general", "leader", "chief",
                    "head", "founder", "chairman", "president", "director", "emir", "amir")
SOURCES_HELP = "the slugs of the documents that say it, separated by '; ' (see documents.csv)"


def profile_file(slug: str) -> str:
    return f"{FOLDER}/profiles/{slug}.json"


# {file: [(column, what it holds)]}: the header row, in order, and the data page's field list
CSV_FILES: dict[str, list[tuple[str, str]]] = {
    "roles.csv": [
        ("person", "the person's slug (their page is /leaders/<slug>/)"),
        ("person_name", "the person's name as the site spells it"),
        ("organization", "the group's slug (/militias/<slug>/)"),
        ("organization_name", "the group's name"),
        ("title", "the position, as the sources give it"),
        ("leadership", "yes for a leadership title (commander, secretary-general, leader, ...): "
                       "a Directorship in the FollowTheMoney file; no for a Membership"),
        ("since", "partial date: YYYY, YYYY-MM or YYYY-MM-DD"),
        ("until", "partial date; empty while it lasts (a person's death ends every role)"),
        ("sources", SOURCES_HELP),
    ],
    "relations.csv": [
        ("from", "the group's slug"),
        ("from_name", "its name"),
        ("kind", "ally | rival | splinter-of | front-for | claims-for | merged-into | part-of, or "
                 "parent (the `parent` field) and patron (the `patrons` field: from the patron)"),
        ("directed", "yes when the relation reads one way: <from> <kind> <to>"),
        ("to", "the other profile's slug"),
        ("to_name", "its name"),
        ("since", "partial date"),
        ("until", "partial date"),
        ("by", "who says so"),
        ("note", "one line in the analyst's words"),
        ("sources", SOURCES_HELP),
    ],
    "designations.csv": [
        ("profile", "the designated group's or person's slug"),
        ("profile_type", "militia or leader"),
        ("profile_name", "its name"),
        ("by", "the authority"),
        ("type", "what the designation is"),
        ("program", "the legal programme, where recorded"),
        ("date", "when it took effect (partial date)"),
        ("until", "when it was lifted; empty while in force"),
        ("sources", SOURCES_HELP),
    ],
    "claims.csv": [
        ("incident", "the incident's slug (/incidents/<slug>/)"),
        ("incident_title", "what happened"),
        ("date", "the incident's date (partial date)"),
        ("actor", "the slug of the group or person, when it has a profile"),
        ("actor_name", "the actor's name (the profile's, or as the sources give it)"),
        ("status", "claimed | attributed | suspected | denied | coded"),
        ("by", "who claimed, blamed, suspected or denied"),
        ("sources", SOURCES_HELP),
    ],
    "documents.csv": [
        ("slug", "the document's slug (/documents/<slug>/)"),
        ("title", "the headline, or a description for an item without one"),
        ("outlet", "who published it"),
        ("published", "partial date"),
        ("author", "as the document names it"),
        ("url", "the original's address (never made up; empty when there is none)"),
        ("via_outlet", "who republished the copy that was read"),
        ("via_url", "that copy's address"),
        ("archive_url", "an archived copy"),
        ("retrieved", "when the text was read"),
        ("language", "ISO 639-1 code of the original"),
        ("kind", "news | statement | report | analysis | note | dataset"),
        ("mentions", "the slugs of the profiles the text mentions, separated by '; '"),
    ],
}


@dataclass
class DataSet:
    """The data stage's files, and what the data page says about them."""

    files: dict[str, bytes] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)        # file -> rows (or entities)
    schemata: dict[str, int] = field(default_factory=dict)    # FollowTheMoney schema -> entities

    def size(self, name: str) -> int:
        return len(self.files.get(f"{FOLDER}/{name}", b""))


def is_leadership(title: str | None) -> bool:
    text = (title or "").casefold()
    return any(word in text for word in LEADERSHIP_WORDS)


def data_paths(catalogue: Catalogue) -> list[str]:
    """The files build_data writes, named without making them (pages link to them)."""
    return [FTM_FILE, PROFILES_FILE, *(profile_file(p.slug) for p in catalogue.profiles),
            *(f"{FOLDER}/{name}" for name in CSV_FILES)]


def build_data(catalogue: Catalogue, links: Links) -> DataSet:
    # imported here: followthemoney takes about a second to load, which `make check` and the
    # pages that only need the file names should not wait for
    from generator.ftm_export import briefing_entities
    data = DataSet()
    export = briefing_entities(catalogue, links)
    data.files[FTM_FILE] = b"".join(export.lines)
    data.rows["briefing.ftm.json"] = len(export.lines)
    data.schemata = dict(sorted(export.schemata.items()))
    profiles = [profile_data(catalogue, p) for p in catalogue.profiles]
    data.files[PROFILES_FILE] = _json(profiles)
    data.rows["profiles.json"] = len(profiles)
    for profile in profiles:
        data.files[profile_file(profile["slug"])] = _json(profile)
    rows = {"roles.csv": _roles(catalogue), "relations.csv": _relations(catalogue),
            "designations.csv": _designations(catalogue), "claims.csv": _claims(catalogue),
            "documents.csv": _documents(catalogue, links)}
    for name, produced in rows.items():
        table = list(produced)
        data.files[f"{FOLDER}/{name}"] = csv_text([c for c, _ in CSV_FILES[name]],
                                                  table).encode("utf-8")
        data.rows[name] = len(table)
    log.info("built %d data files", len(data.files))
    return data


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def plain_value(value: Any) -> Any:
    """A record's field as JSON: entries become objects of their declared fields."""
    if isinstance(value, Entry):
        return {name: plain_value(getattr(value, name)) for _, (name, _spec) in specs(
            type(value)).items() if getattr(value, name) not in (None, ())}
    if isinstance(value, tuple | list):
        return [plain_value(item) for item in value]
    return value


def profile_data(catalogue: Catalogue, profile: Militia | Leader) -> dict[str, Any]:
    """A profile as JSON: its slug, type and page, then every field that is filled in, keyed
    as in the content files (docs/fields.md), the derived leadership of a group, and its prose."""
    result: dict[str, Any] = {"slug": profile.slug, "type": profile.kind_label,
                              "page": profile.url}
    for key, (name, _spec) in specs(type(profile)).items():
        value = getattr(profile, name)
        if value not in (None, ()):
            result[key] = plain_value(value)
    if isinstance(profile, Militia):
        result["leadership"] = [
            {"person": held.person.slug, "person_name": held.person.name,
             **plain_value(held.role), "current": held.current}
            for held in catalogue.leadership(profile.slug)]
    result["prose"] = profile.body.strip()
    return result


def _sources(slugs: tuple[str, ...]) -> str:
    return "; ".join(slugs)


def _name(catalogue: Catalogue, slug: str | None) -> str:
    profile = catalogue.profile(slug or "")
    return profile.name if profile and profile.name else slug or ""


def _roles(catalogue: Catalogue) -> Iterator[list[object]]:
    for leader in catalogue.leaders.values():
        for role in leader.roles:
            yield [leader.slug, leader.name, role.organization, _name(catalogue, role.organization),
                   role.title, _yes(is_leadership(role.title)), role.since, role.until,
                   _sources(role.sources)]


def _relations(catalogue: Catalogue) -> Iterator[list[object]]:
    for militia in catalogue.militias.values():
        for r in militia.relations:
            yield [militia.slug, militia.name, r.kind, _yes(r.directed), r.to,
                   _name(catalogue, r.to), r.since, r.until, r.by, r.note, _sources(r.sources)]
        if militia.parent:
            yield [militia.slug, militia.name, "parent", "yes", militia.parent,
                   _name(catalogue, militia.parent), "", "", "", "", _sources(militia.sources)]
        for patron in militia.patrons:
            yield [patron, _name(catalogue, patron), "patron", "yes", militia.slug, militia.name,
                   "", "", "", "", _sources(militia.sources)]


def _designations(catalogue: Catalogue) -> Iterator[list[object]]:
    for profile in catalogue.profiles:
        for d in profile.designations:
            yield [profile.slug, profile.kind_label, profile.name, d.by, d.type, d.program, d.date,
                   d.until, _sources(d.sources)]


def _claims(catalogue: Catalogue) -> Iterator[list[object]]:
    for incident in catalogue.incidents.values():
        for a in incident.attribution:
            name = _name(catalogue, a.actor) if a.actor else a.actor_name
            yield [incident.slug, incident.title, incident.date, a.actor, name, a.status, a.by,
                   _sources(a.sources)]


def _documents(catalogue: Catalogue, links: Links) -> Iterator[list[object]]:
    for d in catalogue.documents.values():
        linked = links.documents.get(d.slug)
        mentioned = sorted(slug for slug, _ in linked.counts) if linked else []
        yield [d.slug, d.title, d.outlet, d.published, d.author, d.source_url,
               d.via.outlet if d.via else "", d.via.url if d.via else "", d.archive_url,
               d.retrieved, d.language, d.kind, "; ".join(mentioned)]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
