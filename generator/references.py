"""Stage 2, second half: check references between records (sources, slugs, names, places)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from generator import border
from generator.errors import Problems
from generator.fields import closest
from generator.normalize import normalize_name
from generator.records import Catalogue, Incident, Leader, Militia, Place, Profile
from generator.sanitize import removed_markup

CITATION = re.compile(r"\[@([^\]\s]*)\]")


def check_references(catalogue: Catalogue, problems: Problems,
                     broken: dict[str, set[str]] | None = None) -> None:
    """Check references between records. `broken` names the records that exist but failed to
    load: a reference to one of them is not reported again (its own error says what is wrong)."""
    broken = broken or {}
    sources = Citations(catalogue, problems, broken.get("document", set()))
    for militia in catalogue.militias.values():
        _check_militia(militia, catalogue, sources, problems)
    for leader in catalogue.leaders.values():
        _check_leader(leader, catalogue, sources, problems)
    for incident in catalogue.incidents.values():
        _check_incident(incident, catalogue, sources, problems)
    for place in catalogue.places.values():
        _check_coordinates(place, place.latitude, place.longitude, problems)
    for document in catalogue.documents.values():
        _not_future(document, "published", document.published, problems)
    _check_names(catalogue, problems)
    _check_cycles(catalogue, problems)


class Citations:
    """Checks that cited documents exist and that facts cite something."""

    def __init__(self, catalogue: Catalogue, problems: Problems,
                 broken: set[str] | None = None) -> None:
        self.documents = catalogue.documents
        self.problems = problems
        self.broken = broken or set()

    def check(self, record: Any, line: int, sources: tuple[str, ...], what: str) -> None:
        if not sources:
            self.problems.add(record.path, line, f"{what} cites no source: add "
                              f"'sources: [document-slug]' naming a file in content/documents/")
        for slug in sources:
            if slug not in self.documents and slug not in self.broken:
                self.problems.add(record.path, line, f"source {slug!r} is not a document: "
                                  f"add content/documents/{slug}.md or fix the slug")

    def check_prose(self, record: Profile | Incident, text: str | None, first_line: int) -> None:
        for number, line in enumerate((text or "").splitlines(), start=first_line):
            for slug in CITATION.findall(line):
                if slug not in self.documents and slug not in self.broken:
                    self.problems.add(record.path, number, f"citation [@{slug}] names no "
                                      f"document: add content/documents/{slug}.md or fix it")


# Fields that state nothing to cite: a profile with only these is a draft (as `make new` writes it)
NOT_FACTS = {"reviewed", "pseudonymous", "slug", "path", "name", "kind", "look_alikes", "tags",
             "sources", "body", "body_line", "lines"}


def is_draft(profile: Profile) -> bool:
    """True while a profile holds nothing but its name: no fact yet, so no source needed yet."""
    return not profile.body.strip() and not any(
        getattr(profile, item.name) not in (None, "", ())
        for item in dataclasses.fields(profile) if item.name not in NOT_FACTS)


def _check_profile(profile: Profile, sources: Citations) -> None:
    if profile.sources or not is_draft(profile):
        sources.check(profile, profile.lines.get("sources", 1), profile.sources,
                      f"the profile {profile.slug!r}")
    sources.check_prose(profile, profile.summary, profile.lines.get("summary", 1))
    sources.check_prose(profile, profile.body, profile.body_line)
    check_markup(profile, profile.body, profile.body_line, sources.problems)


def check_markup(record: Any, text: str, first_line: int, problems: Problems) -> None:
    """Report, at its line, everything in Markdown prose that the sanitiser would remove."""
    for offset, found in removed_markup(text):
        problems.add(record.path, first_line + offset, f"{found} is not allowed in profile "
                     f"prose: it would be removed from the page; write plain Markdown instead")


def _check_militia(militia: Militia, catalogue: Catalogue, sources: Citations,
                   problems: Problems) -> None:
    _check_profile(militia, sources)
    if militia.parent and militia.parent not in catalogue.militias:
        _unknown(problems, militia, militia.lines.get("parent", 1), "parent", militia.parent,
                 catalogue.militias)
    for patron in militia.patrons:
        if patron not in catalogue.militias:
            _unknown(problems, militia, militia.lines.get("patrons", 1), "patron", patron,
                     catalogue.militias)
    for relation in militia.relations:
        if catalogue.profile(relation.to) is None or relation.to == militia.slug:
            _unknown(problems, militia, relation.line, "relation", relation.to,
                     catalogue.militias)
        _in_order(problems, militia, relation.line, relation.since, relation.until)
    for area in militia.areas:
        if area.place not in catalogue.places:
            _unknown(problems, militia, area.line, "place", area.place, catalogue.places,
                     "add it to a file in content/places/")
    _check_sourced_entries(militia, sources)


MUST_CITE = ("roles", "designations", "relations")  # statements about people: never unsourced


def _check_sourced_entries(profile: Profile, sources: Citations) -> None:
    """Every dated or sourced entry of a profile (roles, status, estimates...) cites documents
    that exist; an entry with no source at all is a gap the curator's report lists."""
    for name, entries in sourced_entries(profile):
        for entry in entries:
            if name in MUST_CITE:
                sources.check(profile, entry.line, entry.sources, f"this {name} entry")
            for slug in entry.sources:
                if slug not in sources.documents and slug not in sources.broken:
                    sources.problems.add(profile.path, entry.line, f"{name}: source {slug!r} is "
                                         f"not a document: add content/documents/{slug}.md or "
                                         f"fix the slug")
            since = getattr(entry, "since", None) or getattr(entry, "date", None)
            _in_order(sources.problems, profile, entry.line, since, getattr(entry, "until", None))


def sourced_entries(profile: Profile) -> list[tuple[str, tuple[Any, ...]]]:
    """(field name, its entries) for every field of a profile whose entries carry sources."""
    found = []
    for item in dataclasses.fields(profile):
        value = getattr(profile, item.name)
        entries = value if isinstance(value, tuple) else (value,)
        if entries and all(hasattr(e, "sources") and hasattr(e, "line") for e in entries):
            found.append((item.name, entries))
    return found


def _check_cycles(catalogue: Catalogue, problems: Problems) -> None:
    """A group cannot be, through 'parent' or 'part-of' relations, part of itself."""
    above: dict[str, set[str]] = {}
    for militia in catalogue.militias.values():
        ups = {r.to for r in militia.relations if r.kind == "part-of"}
        if militia.parent:
            ups.add(militia.parent)
        above[militia.slug] = ups
    for militia in catalogue.militias.values():
        seen, todo = set(), list(above[militia.slug])
        while todo:
            slug = todo.pop()
            if slug == militia.slug:
                problems.add(militia.path, militia.lines.get("parent", 1), f"{militia.slug!r} "
                             f"is, through 'parent' or 'part-of', part of itself: remove the link "
                             f"that closes the circle")
                break
            if slug not in seen:
                seen.add(slug)
                todo.extend(above.get(slug, ()))


def _check_leader(leader: Leader, catalogue: Catalogue, sources: Citations,
                  problems: Problems) -> None:
    _check_profile(leader, sources)
    if leader.slug in catalogue.militias:
        problems.add(leader.path, 1, f"the slug {leader.slug!r} is also a militia "
                     f"({Problems._show(catalogue.militias[leader.slug].path)}): rename one")
    born, died = (leader.born.date if leader.born else None), leader.died_on
    _in_order(problems, leader, leader.lines.get("died", 1), born, died)
    for role in leader.roles:
        if role.organization not in catalogue.militias:
            _unknown(problems, leader, role.line, "organization", role.organization,
                     catalogue.militias)
        if died and role.until is None:
            problems.add(leader.path, role.line, f"{leader.name} died on {died}, so this role "
                         f"ended: add 'until: {died}' (or the date it ended)")
    _check_sourced_entries(leader, sources)


def _check_incident(incident: Incident, catalogue: Catalogue, sources: Citations,
                    problems: Problems) -> None:
    sources.check(incident, incident.lines.get("sources", 1), incident.sources,
                  f"the incident {incident.slug!r}")
    sources.check_prose(incident, incident.summary, incident.lines.get("summary", 1))
    _not_future(incident, "date", incident.date, problems)
    _check_location(incident, catalogue.places, problems)
    if incident.launch_place:
        line = incident.lines.get("launch_place", 1)
        if incident.launch_place not in catalogue.places:
            _unknown(problems, incident, line, "launch_place", incident.launch_place,
                     catalogue.places, "add it to content/places/")
        sources.check(incident, incident.lines.get("launch_sources", line),
                      incident.launch_sources, "the launch site")
    for entry in incident.attribution:
        if bool(entry.actor) == bool(entry.actor_name):
            problems.add(incident.path, entry.line, "an attribution needs exactly one of "
                         "'actor: <profile slug>' or 'actor_name: <plain name>'")
        elif entry.actor and catalogue.profile(entry.actor) is None:
            _unknown(problems, incident, entry.line, "actor", entry.actor,
                     {**catalogue.militias, **catalogue.leaders})
        if entry.side not in (None, 1, 2) or (entry.side and entry.status != "coded"):
            problems.add(incident.path, entry.line, f"side {entry.side}: write 'side: 1' or "
                         f"'side: 2', and only with 'status: coded' (ACLED's actor 1 or 2)")
        sources.check(incident, entry.line, entry.sources, "this attribution")
    for report in incident.reports:
        sources.check(incident, report.line, report.sources, "this report")
    if incident.launch_place:
        if incident.launch_place not in catalogue.places:
            _unknown(problems, incident, incident.lines.get("launch_place", 1), "launch_place",
                     incident.launch_place, catalogue.places, "add it to a file in content/places/")
        sources.check(incident, incident.lines.get("launch_place", 1), incident.launch_sources,
                      "the launch site")


def _check_location(incident: Incident, places: dict[str, Place], problems: Problems) -> None:
    line = incident.lines.get("place", incident.lines.get("latitude", 1))
    has_point = incident.latitude is not None or incident.longitude is not None
    if incident.place and has_point:
        problems.add(incident.path, line, "give either 'place' or 'latitude'/'longitude', "
                     "not both")
    elif incident.place and incident.place not in places:
        _unknown(problems, incident, line, "place", incident.place, places,
                 "add it to a file in content/places/")
    elif has_point:
        if incident.latitude is None or incident.longitude is None:
            problems.add(incident.path, line, "give both 'latitude' and 'longitude'")
        else:
            _check_coordinates(incident, incident.latitude, incident.longitude, problems)


def inside_iraq(latitude: float, longitude: float) -> bool:
    """Within Iraq's border polygon (generator/border.py), as the ACLED import checks too."""
    return border.inside_iraq(latitude, longitude)


def _check_coordinates(record: Any, latitude: float, longitude: float, problems: Problems) -> None:
    if not inside_iraq(latitude, longitude):
        line = record.lines.get("latitude", getattr(record, "line", 1))
        problems.add(record.path, line, f"coordinates ({latitude}, {longitude}) are outside "
                     f"Iraq: check the order (latitude first, about 33.3 for Baghdad) and sign")


def _unknown(problems: Problems, record: Any, line: int, what: str, slug: str,
             known: dict[str, Any], fix: str = "") -> None:
    hint = closest(slug, list(known))
    advice = f"did you mean {hint!r}?" if hint else (fix or "check the slug")
    problems.add(record.path, line, f"{what} {slug!r} is not known: {advice}")


def _in_order(problems: Problems, record: Any, line: int, start: str | None,
              end: str | None) -> None:
    if start and end and end < start[: len(end)]:
        problems.add(record.path, line, f"the end date {end} is before the start date {start}")


def _not_future(record: Any, key: str, value: str, problems: Problems) -> None:
    if value > dt.date.today().isoformat()[: len(value)]:
        problems.add(record.path, record.lines.get(key, 1), f"{key}: {value} is in the future")


def name_key(name: str) -> str:
    """How two names compare, for collisions, scaffolds and the ACLED actor table: the linker's
    own key (case, accents, harakat, apostrophes and ayn marks, every kind of dash, quotes and
    brackets, Arabic letter forms), so two names check-equal exactly when they link-equal."""
    return normalize_name(name)


def _check_names(catalogue: Catalogue, problems: Problems) -> None:
    owners: dict[str, Profile] = {}
    for profile in catalogue.profiles:
        for name in dict.fromkeys(name_key(n) for n in profile.names):
            other = owners.setdefault(name, profile)
            if other is not profile:
                problems.add(profile.path, profile.lines.get("aliases", 1),
                             f"the name {name!r} also names {other.section}/{other.slug} "
                             f"({Problems._show(other.path)}): a name must point to one profile")
