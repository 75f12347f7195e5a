"""Stage 2, second half: check references between records (sources, slugs, names, places)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import unicodedata
from typing import Any

from generator.errors import Problems
from generator.fields import closest
from generator.records import Catalogue, Incident, Leader, Militia, Place, Profile

IRAQ_LATITUDE = (29.0, 37.5)
IRAQ_LONGITUDE = (38.7, 48.7)
CITATION = re.compile(r"\[@([^\]\s]*)\]")
# What profile prose (trusted-but-checked Markdown) may never carry: it would run in readers' browsers.
UNSAFE_TAG = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style|frame|frameset|applet|base|"
                        r"meta|link|form)\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"(?<![\w-])(on[a-z]+)\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"(javascript|vbscript):|data:text/html", re.IGNORECASE)


def check_references(catalogue: Catalogue, problems: Problems) -> None:
    sources = Citations(catalogue, problems)
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


class Citations:
    """Checks that cited documents exist and that facts cite something."""

    def __init__(self, catalogue: Catalogue, problems: Problems) -> None:
        self.documents = catalogue.documents
        self.problems = problems

    def check(self, record: Any, line: int, sources: tuple[str, ...], what: str) -> None:
        if not sources:
            self.problems.add(record.path, line, f"{what} cites no source: add "
                              f"'sources: [document-slug]' naming a file in content/documents/")
        for slug in sources:
            if slug not in self.documents:
                self.problems.add(record.path, line, f"source {slug!r} is not a document: "
                                  f"add content/documents/{slug}.md or fix the slug")

    def check_prose(self, record: Profile | Incident, text: str | None, first_line: int) -> None:
        for number, line in enumerate((text or "").splitlines(), start=first_line):
            for slug in CITATION.findall(line):
                if slug not in self.documents:
                    self.problems.add(record.path, number, f"citation [@{slug}] names no "
                                      f"document: add content/documents/{slug}.md or fix it")


# Fields that state nothing to cite: a profile with only these is a draft (as `make new` writes it)
NOT_FACTS = {"slug", "path", "name", "kind", "look_alikes", "tags", "sources", "body", "body_line",
             "lines"}


def is_draft(profile: Profile) -> bool:
    """True while a profile holds nothing but its name: no fact yet, so no source needed yet."""
    return not profile.body.strip() and not any(
        getattr(profile, item.name) not in (None, "", ())
        for item in dataclasses.fields(profile) if item.name not in NOT_FACTS)


def _check_profile(profile: Profile, sources: Citations) -> None:
    if profile.sources or not is_draft(profile):
        sources.check(profile, profile.lines.get("sources", 1), profile.sources,
                      f"the profile {profile.slug!r}")
    for designation in profile.designations:
        sources.check(profile, designation.line, designation.sources, "this designation")
    sources.check_prose(profile, profile.summary, profile.lines.get("summary", 1))
    sources.check_prose(profile, profile.body, profile.body_line)
    check_markup(profile, profile.body, profile.body_line, sources.problems)


def check_markup(record: Any, text: str, first_line: int, problems: Problems) -> None:
    """Report each line of Markdown prose that would put a script, frame or style in the page."""
    before = ""  # the end of the previous lines, for a URL scheme split across lines
    for number, line in enumerate(text.splitlines(), start=first_line):
        found = unsafe_markup(line, before)
        if found:
            problems.add(record.path, number, f"{found} is not allowed in profile prose: it "
                         f"could run in readers' browsers; write plain Markdown instead")
        before = (before + _as_url(line))[-16:]


def unsafe_markup(line: str, before: str = "") -> str | None:
    """What in one line of Markdown is unsafe (a tag, an on...= handler, a script URL), if any."""
    if tag := UNSAFE_TAG.search(line):
        return f"a raw <{tag.group(1).lower()}> tag"
    if handler := EVENT_HANDLER.search(line):
        return f"an event handler ({handler.group(1).lower()}=)"
    url = SCRIPT_URL.search(before + _as_url(line))
    return f"a {url.group(0).lower()} URL" if url and url.end() > len(before) else None


def _as_url(text: str) -> str:
    """Text as a browser reads a URL: entities decoded, control characters and spaces dropped."""
    return re.sub(r"[\x00-\x20]+", "", html.unescape(text))


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
    for leadership in militia.leaders:
        if leadership.person not in catalogue.leaders:
            _unknown(problems, militia, leadership.line, "person", leadership.person,
                     catalogue.leaders)
        sources.check(militia, leadership.line, leadership.sources, "this leader entry")
        _in_order(problems, militia, leadership.line, leadership.since, leadership.until)
    for relation in militia.relations:
        if catalogue.profile(relation.to) is None or relation.to == militia.slug:
            _unknown(problems, militia, relation.line, "relation", relation.to,
                     catalogue.militias)
        sources.check(militia, relation.line, relation.sources, "this relation")


def _check_leader(leader: Leader, catalogue: Catalogue, sources: Citations,
                  problems: Problems) -> None:
    _check_profile(leader, sources)
    if leader.slug in catalogue.militias:
        problems.add(leader.path, 1, f"the slug {leader.slug!r} is also a militia "
                     f"({Problems._show(catalogue.militias[leader.slug].path)}): rename one")
    _in_order(problems, leader, leader.lines.get("died", 1), leader.born, leader.died)
    for role in leader.roles:
        if role.organization not in catalogue.militias:
            _unknown(problems, leader, role.line, "organization", role.organization,
                     catalogue.militias)
        sources.check(leader, role.line, role.sources, "this role")
        _in_order(problems, leader, role.line, role.since, role.until)


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
        sources.check(incident, entry.line, entry.sources, "this attribution")


def _check_location(incident: Incident, places: dict[str, Place], problems: Problems) -> None:
    line = incident.lines.get("place", incident.lines.get("latitude", 1))
    has_point = incident.latitude is not None or incident.longitude is not None
    if incident.place and has_point:
        problems.add(incident.path, line, "give either 'place' or 'latitude'/'longitude', "
                     "not both")
    elif incident.place and incident.place not in places:
        _unknown(problems, incident, line, "place", incident.place, places,
                 "add it to content/places.yml")
    elif has_point:
        if incident.latitude is None or incident.longitude is None:
            problems.add(incident.path, line, "give both 'latitude' and 'longitude'")
        else:
            _check_coordinates(incident, incident.latitude, incident.longitude, problems)


def inside_iraq(latitude: float, longitude: float) -> bool:
    return (IRAQ_LATITUDE[0] <= latitude <= IRAQ_LATITUDE[1]
            and IRAQ_LONGITUDE[0] <= longitude <= IRAQ_LONGITUDE[1])


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
    """How two names compare for collisions: case, accents, apostrophes and hyphens ignored."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    kept = re.sub(r"['’ʿʻ`‘]", "", kept)
    return " ".join(re.sub(r"[-_]", " ", kept).split())


def _check_names(catalogue: Catalogue, problems: Problems) -> None:
    owners: dict[str, Profile] = {}
    for profile in catalogue.profiles:
        for name in dict.fromkeys(name_key(n) for n in profile.names):
            other = owners.setdefault(name, profile)
            if other is not profile:
                problems.add(profile.path, profile.lines.get("aliases", 1),
                             f"the name {name!r} also names {other.section}/{other.slug} "
                             f"({Problems._show(other.path)}): a name must point to one profile")
