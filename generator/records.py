"""The schema: every record kind and every front-matter field, declared once.

Each field that a contributor writes carries a `spec(...)`: how its value is checked, whether it is
required, a help line and an example. Validation (generator/model.py), the `make new` scaffolds,
the field list in CONTRIBUTING.md and the did-you-mean are all derived from these declarations, so
adding a field is one line here and one line in the template that shows it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from generator import fields as f
from generator.acled_fields import acled_block

MILITIA_KINDS = ("militia", "umbrella", "party", "state-force", "patron", "front")
STATUSES = ("active", "inactive", "dissolved", "unknown")
# directed: the first profile is the subject ("X front-for Y", "X splinter-of Y")
RELATION_KINDS = ("ally", "rival", "splinter-of", "front-for", "claims-for", "merged-into",
                  "part-of")
DIRECTED_RELATIONS = ("splinter-of", "front-for", "claims-for", "merged-into", "part-of")
DOCUMENT_KINDS = ("news", "statement", "report", "analysis", "note", "dataset")
INCIDENT_KINDS = ("rocket", "drone-strike", "air-strike", "missile", "shelling", "ied", "storming",
                  "shooting", "clash", "assassination", "abduction", "crackdown", "raid", "protest",
                  "other",
                  # ACLED's sub-event types (generator/acled_fields.py maps them)
                  "armed-clash", "remote-explosive", "attack", "violent-demonstration",
                  "peaceful-protest", "grenade", "suicide-bomb", "looting", "arrests")
# `coded`: an actor ACLED codes on side 1 or 2 of an event; neither a claim nor blame
ATTRIBUTION_STATUSES = ("claimed", "attributed", "suspected", "denied", "coded")
DATE_PRECISIONS = ("day", "week", "month", "year")
PLACE_KINDS = ("landmark", "district", "square", "bridge", "base", "airport", "village", "city",
               "residence", "governorate", "road", "border-crossing")
REPORT_SUBJECTS = ("killed", "wounded", "munitions")
GEO_PRECISIONS = {1: "the exact site", 2: "a district or area", 3: "a town or city"}
Sources = tuple[str, ...]


@dataclass(frozen=True)
class Spec:
    """How one front-matter key is read and explained."""

    convert: f.Convert = f.text
    required: bool = False
    help: str = ""
    example: str = ""
    entry: type | None = None     # a record class whose own specs read each entry (a mapping)
    many: bool = False            # a list of entries (or values) rather than one
    key: str | None = None        # the key in the file when it differs from the field name
    tool: bool = False            # written by a tool (make import-acled), not by hand


def spec(convert: f.Convert = f.text, *, required: bool = False, help: str = "",
         example: str = "", entry: type | None = None, many: bool = False,
         key: str | None = None, tool: bool = False) -> Any:
    metadata = {"spec": Spec(convert, required, help, example, entry, many, key, tool)}
    if required:  # always given once validated (a record missing one is never built)
        return field(metadata=metadata)
    return field(default=() if many else None, metadata=metadata)


def sources_spec(help: str = "the documents that say it") -> Any:
    return spec(f.list_of(f.slug), many=True, help=help, example="[document-slug]")


def key_lines() -> Any:
    """The line of each front-matter key, for error messages; never compared."""
    return field(default_factory=dict, compare=False, hash=False, repr=False)


def specs(cls: type) -> dict[str, tuple[str, Spec]]:
    """{key in the file: (field name, spec)} for a record class, in declaration order."""
    if cls not in _SPECS:
        found = {}
        for item in fields(cls):
            declared = item.metadata.get("spec")
            if declared is not None:
                found[declared.key or item.name] = (item.name, declared)
        _SPECS[cls] = found
    return _SPECS[cls]


_SPECS: dict[type, dict[str, tuple[str, Spec]]] = {}   # worked out once per class


# ---- entries: the parts of a record that are lists of dated, sourced facts ----------------------

@dataclass(frozen=True, kw_only=True)
class Entry:
    line: int = 0


@dataclass(frozen=True, kw_only=True)
class SourcedDate(Entry):
    date: str = spec(f.partial_date, required=True, help="partial date", example='"2007"')
    sources: Sources = sources_spec()


@dataclass(frozen=True, kw_only=True)
class SourcedText(Entry):
    value: str = spec(required=True, help="the fact, in a few words",
                             example="Sadr City, Baghdad")
    sources: Sources = sources_spec()


@dataclass(frozen=True, kw_only=True)
class Designation(Entry):
    by: str = spec(required=True, help="the authority", example="United States Department of State")
    type: str = spec(required=True, help="what it is", example="Foreign Terrorist Organization")
    program: str | None = spec(help="the legal programme (optional)", example="E.O. 13224")
    date: str | None = spec(f.partial_date, help="when it took effect", example="2009-07-02")
    until: str | None = spec(f.partial_date, help="when it was lifted (empty while in force)")
    sources: Sources = sources_spec()


@dataclass(frozen=True, kw_only=True)
class Role(Entry):
    organization: str = spec(f.slug, required=True, help="a militia slug",
                                    example="asaib-ahl-al-haq")
    title: str | None = spec(help="the position", example="secretary-general")
    since: str | None = spec(f.partial_date, help="partial date", example='"2006"')
    until: str | None = spec(f.partial_date, help="empty while it lasts")
    sources: Sources = sources_spec()


@dataclass(frozen=True, kw_only=True)
class Status(Entry):
    value: str = spec(f.one_of(*STATUSES), required=True, help=" | ".join(STATUSES),
                             example="active")
    since: str | None = spec(f.partial_date, help="partial date", example='"2007"')
    sources: Sources = sources_spec()


@dataclass(frozen=True, kw_only=True)
class Brigade(Entry):
    brigade: int = spec(f.integer, required=True, help="PMU brigade number", example="45")
    since: str | None = spec(f.partial_date, help="partial date", example='"2014"')
    until: str | None = spec(f.partial_date, help="empty while it lasts")
    sources: Sources = sources_spec()


@dataclass(frozen=True, kw_only=True)
class Estimate(Entry):
    low: int = spec(f.integer, required=True, help="the lowest figure", example="7000")
    high: int | None = spec(f.integer, help="the highest figure (empty for one figure)",
                            example="10000")
    date: str | None = spec(f.partial_date, help="when the estimate was made", example='"2019"')
    by: str | None = spec(help="who estimated it", example="US officials")
    sources: Sources = sources_spec()


@dataclass(frozen=True, kw_only=True)
class Statement(Entry):
    text: str = spec(required=True, help="one line, your own words",
                            example="Follows Iran's Supreme Leader under wilayat al-faqih")
    since: str | None = spec(f.partial_date, help="partial date (optional)")
    until: str | None = spec(f.partial_date, help="partial date (optional)")
    sources: Sources = sources_spec()


@dataclass(frozen=True, kw_only=True)
class Area(Entry):
    place: str = spec(f.slug, required=True, help="a gazetteer slug (content/places/)",
                             example="jurf-al-sakhar")
    since: str | None = spec(f.partial_date, help="partial date (optional)")
    until: str | None = spec(f.partial_date, help="partial date (optional)")
    sources: Sources = sources_spec()


@dataclass(frozen=True, kw_only=True)
class Wing(Entry):
    name: str = spec(required=True, help="the party or bloc", example="Sadiqun bloc")
    since: str | None = spec(f.partial_date, help="partial date (optional)")
    until: str | None = spec(f.partial_date, help="partial date (optional)")
    sources: Sources = sources_spec()


@dataclass(frozen=True, kw_only=True)
class Seats(Entry):
    election: str = spec(f.partial_date, required=True, help="the election year",
                                example='"2018"')
    seats: int = spec(f.integer, required=True, help="seats won", example="15")
    list: str | None = spec(help="the electoral list (optional)", example="Fatah Alliance")
    sources: Sources = sources_spec()


@dataclass(frozen=True, kw_only=True)
class Relation(Entry):
    to: str = spec(f.slug, required=True, help="a militia slug", example="kataib-hezbollah")
    kind: str = spec(f.one_of(*RELATION_KINDS), required=True,
                            help=" | ".join(RELATION_KINDS), example="front-for")
    since: str | None = spec(f.partial_date, help="partial date (optional)", example='"2019"')
    until: str | None = spec(f.partial_date, help="partial date (optional)")
    by: str | None = spec(help="who says so (optional)", example="Militia Spotlight")
    note: str | None = spec(help="one line, your own words (optional)")
    sources: Sources = sources_spec()

    @property
    def directed(self) -> bool:
        return self.kind in DIRECTED_RELATIONS


@dataclass(frozen=True, kw_only=True)
class Attribution(Entry):
    actor: str | None = spec(f.slug, help="a militia or leader slug ...", example="kataib-hezbollah")
    actor_name: str | None = spec(help="... or a plain name where there is no profile")
    status: str = spec(f.one_of(*ATTRIBUTION_STATUSES), required=True,
                              help=" | ".join(ATTRIBUTION_STATUSES), example="suspected")
    by: str | None = spec(help="who claimed, blamed or denied", example="US officials")
    sources: Sources = sources_spec()
    side: int | None = spec(f.integer, help="with status coded: ACLED's actor 1 or 2 side")


@dataclass(frozen=True, kw_only=True)
class Report(Entry):
    about: str = spec(f.one_of(*REPORT_SUBJECTS), required=True,
                             help=" | ".join(REPORT_SUBJECTS), example="wounded")
    count: str = spec(f.count, required=True, help="a number or a range", example="6")
    by: str | None = spec(help="who gave this figure", example="Iraqi security officials")
    sources: Sources = sources_spec()


@dataclass(frozen=True, kw_only=True)
class Via(Entry):
    outlet: str = spec(required=True, help="who republished it", example="Al Arabiya English")
    url: str | None = spec(f.web_url, help="the copy's address")


# ---- records -----------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Profile:
    """What militias and leaders share: names, summary, prose and sources."""

    slug: str
    path: Path
    name: str = spec(required=True, help="the spelling the site uses",
                            example="Kataib Hezbollah")
    arabic: str | None = spec(help="the name in Arabic script", example="كتائب حزب الله")
    aliases: tuple[str, ...] = spec(f.list_of(f.text), many=True,
                                    help="every other spelling readers use; search and linking "
                                         "use them", example="[Kata'ib Hizballah, KH]")
    look_alikes: tuple[str, ...] = spec(f.list_of(f.text), many=True,
                                        help="names that contain ours but mean something else",
                                        example="[Sadr City]")
    designations: tuple[Designation, ...] = spec(entry=Designation, many=True,
                                                 help="sanctions and terrorist listings")
    summary: str | None = spec(help="two or three sentences, your own words")
    sources: Sources = sources_spec("documents behind the names and the summary")
    reviewed: str | None = spec(f.partial_date, help="when a person last checked this profile "
                                "against its sources", example="2026-12-01")
    tags: tuple[str, ...] = spec(f.list_of(f.text), many=True, help="optional", example="[iraq]")
    body: str = ""
    body_line: int = 1
    lines: dict[str, int] = key_lines()

    section = ""
    kind_label = ""

    @property
    def url(self) -> str:
        return f"{self.section}/{self.slug}/"

    @property
    def page(self) -> str:
        return f"{self.section}/{self.slug}.md"

    @property
    def names(self) -> tuple[str, ...]:
        """Every name this profile is known by, in the order written."""
        found = [self.name or self.slug, *self.aliases]
        if self.arabic:
            found.append(self.arabic)
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True, kw_only=True)
class Militia(Profile):
    kind: str = spec(f.one_of(*MILITIA_KINDS), required=True,
                            help=" | ".join(MILITIA_KINDS), example="militia")
    founded: SourcedDate | None = spec(entry=SourcedDate, help="when it was founded")
    status: tuple[Status, ...] = spec(entry=Status, many=True,
                                      help="over time; the newest entry is the current status")
    parent: str | None = spec(f.slug, help="slug of the umbrella it belongs to (optional)",
                              example="popular-mobilization-units")
    patrons: tuple[str, ...] = spec(f.list_of(f.slug), many=True,
                                    help="slugs of patron profiles (optional)",
                                    example="[irgc-quds-force]")
    pmu_brigades: tuple[Brigade, ...] = spec(entry=Brigade, many=True,
                                             help="PMU brigade numbers over time")
    strength: tuple[Estimate, ...] = spec(entry=Estimate, many=True,
                                          help="size estimates, each with its date and author")
    ideology: tuple[Statement, ...] = spec(entry=Statement, many=True,
                                           help="ideology and allegiance")
    areas: tuple[Area, ...] = spec(entry=Area, many=True, help="areas of operation")
    political_wing: tuple[Wing, ...] = spec(entry=Wing, many=True,
                                            help="its party or parliamentary bloc")
    seats: tuple[Seats, ...] = spec(entry=Seats, many=True, help="parliamentary seats by election")
    funding: tuple[Statement, ...] = spec(entry=Statement, many=True, help="who funds it")
    relations: tuple[Relation, ...] = spec(entry=Relation, many=True,
                                           help="ties to other groups over time")

    section = "militias"
    kind_label = "militia"

    @property
    def current_status(self) -> Status | None:
        dated = sorted(self.status, key=lambda s: s.since or "")
        return dated[-1] if dated else None


@dataclass(frozen=True, kw_only=True)
class Leader(Profile):
    short_names: tuple[str, ...] = spec(f.list_of(f.text), many=True,
                                        help="surname-only forms; linked only where unambiguous",
                                        example="[Khazali]")
    kunyas: tuple[str, ...] = spec(f.list_of(f.text), many=True,
                                   help="a kunya or given name used alone; linked only once the "
                                        "document has named the person in full",
                                   example="[Abu Mahdi, أبو مهدي]")
    pseudonymous: bool | None = spec(f.boolean, help="true for a nom de guerre whose holder is "
                                     "not publicly identified")
    born: SourcedDate | None = spec(entry=SourcedDate, help="date of birth")
    birthplace: SourcedText | None = spec(entry=SourcedText, help="place of birth")
    died: SourcedDate | None = spec(entry=SourcedDate, help="date of death")
    roles: tuple[Role, ...] = spec(entry=Role, many=True,
                                   help="what they hold or held: leadership is stated here only")

    section = "leaders"
    kind_label = "leader"

    @property
    def died_on(self) -> str | None:
        return self.died.date if self.died else None


@dataclass(frozen=True, kw_only=True)
class Document:
    slug: str
    path: Path
    title: str = spec(required=True, help="the real headline, as published",
                             example="Rocket hits US embassy in Baghdad")
    title_is_descriptive: bool | None = spec(f.boolean, help="true only for an item with no "
                                             "headline: the title is then a description")
    outlet: str = spec(required=True, help="who published the original", example="Reuters")
    published: str = spec(f.partial_date, required=True,
                                 help="YYYY-MM-DD, or YYYY-MM / YYYY when only that is known",
                                 example="2020-01-27")
    author: str | None = spec(help="optional, as the article names it")
    source_url: str | None = spec(f.web_url, key="url", help="the original's address; never "
                                  "made up", example="https://www.reuters.com/...")
    via: Via | None = spec(entry=Via, help="a republished copy that was read (outlet and url)")
    archive_url: str | None = spec(f.web_url, help="an archived copy (optional)")
    retrieved: str | None = spec(f.partial_date, help="the date the text was read",
                                 example="2026-12-01")
    language: str | None = spec(help="ISO 639-1 of the original: en, ar, fa, ...", example="en")
    kind: str | None = spec(f.one_of(*DOCUMENT_KINDS), help=" | ".join(DOCUMENT_KINDS),
                            example="news")
    body: str = ""
    body_line: int = 1
    lines: dict[str, int] = key_lines()

    @property
    def url(self) -> str:
        return f"documents/{self.slug}/"

    @property
    def page(self) -> str:
        return f"documents/{self.slug}.md"


@dataclass(frozen=True, kw_only=True)
class Place:
    slug: str = spec(f.slug, required=True, help="lowercase words joined by hyphens",
                            example="us-embassy")
    path: Path
    line: int
    name: str = spec(required=True, help="the place's name", example="US Embassy compound")
    arabic: str | None = spec(help="optional")
    latitude: float = spec(f.number, required=True, help="decimal degrees", example="33.2989")
    longitude: float = spec(f.number, required=True, help="decimal degrees",
                                   example="44.3961")
    kind: str | None = spec(f.one_of(*PLACE_KINDS), help=" | ".join(PLACE_KINDS), example="landmark")
    district: str | None = spec(help="the Baghdad district or area (optional)")
    governorate: str | None = spec(help="the governorate", example="Baghdad")
    geo_precision: int | None = spec(f.precision, help="1 the exact site, 2 a district or area, "
                                     "3 a town or city", example="1")
    coordinates_source: str | None = spec(help="where the coordinates come from (a gazetteer "
                                          "page and its address)")
    lines: dict[str, int] = key_lines()


@dataclass(frozen=True, kw_only=True)
class Incident:
    slug: str
    path: Path
    title: str = spec(required=True, help="what happened, in a few words")
    date: str = spec(f.partial_date, required=True, help="YYYY-MM-DD (or YYYY-MM, YYYY)",
                            example="2020-01-26")
    date_precision: str | None = spec(f.one_of(*DATE_PRECISIONS), help=" | ".join(DATE_PRECISIONS),
                                      example="day")
    kind: str = spec(f.one_of(*INCIDENT_KINDS), required=True,
                            help=" | ".join(INCIDENT_KINDS), example="rocket")
    place: str | None = spec(f.slug, help="a slug of content/places/ ...", example="us-embassy")
    latitude: float | None = spec(f.number, help="... or coordinates, like 33.2989")
    longitude: float | None = spec(f.number, help="and 44.3961")
    geo_precision: int | None = spec(f.precision, help="1 the exact site, 2 a district or area, "
                                     "3 a town or city (default: the place's)")
    launch_place: str | None = spec(f.slug, help="where it was fired from, a gazetteer slug "
                                    "(optional)")
    launch_sources: Sources = sources_spec("the documents that say where it was fired from")
    target: str | None = spec(help="who or what was hit (optional)")
    killed: str | None = spec(f.count, help="a number, a range like 5-7, or empty if unknown")
    wounded: str | None = spec(f.count, help="a number, a range like 5-7, or empty if unknown")
    munitions: str | None = spec(f.count, help="rockets, drones or missiles fired (optional)")
    reports: tuple[Report, ...] = spec(entry=Report, many=True,
                                       help="who gave which figure, where sources disagree")
    attribution: tuple[Attribution, ...] = spec(entry=Attribution, many=True,
                                                help="who claimed it, was blamed or denied it")
    summary: str | None = spec(help="what happened, in your own words")
    sources: Sources = sources_spec("the documents behind this incident")
    acled: tuple[tuple[str, Any], ...] = spec(acled_block, many=True, tool=True,
                                              help="ACLED's own fields, as imported (written by "
                                                   "make import-acled; never edited by hand)")
    lines: dict[str, int] = key_lines()

    @property
    def url(self) -> str:
        return f"incidents/{self.slug}/"

    @property
    def page(self) -> str:
        return f"incidents/{self.slug}.md"


RECORDS: dict[str, type] = {"militia": Militia, "leader": Leader, "document": Document,
                            "incident": Incident, "place": Place}


@dataclass(frozen=True)
class Leadership:
    """One person's role in one group: the group-side view of a leader's `roles`."""

    person: Leader
    role: Role

    @property
    def current(self) -> bool:
        return self.role.until is None and self.person.died is None


@dataclass(frozen=True)
class Catalogue:
    """Every validated record, by kind and slug, each dict sorted by slug."""

    militias: dict[str, Militia] = field(default_factory=dict)
    leaders: dict[str, Leader] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    incidents: dict[str, Incident] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)

    def profile(self, slug: str) -> Militia | Leader | None:
        return self.militias.get(slug) or self.leaders.get(slug)

    def name_of(self, slug: str) -> str:
        """A profile's name, or the slug itself where there is no such profile."""
        found = self.profile(slug)
        return found.name if found else slug

    @property
    def profiles(self) -> list[Militia | Leader]:
        return [*self.militias.values(), *self.leaders.values()]

    def leadership(self, militia: str) -> list[Leadership]:
        """Who held which role in a group, the current holders first, then the newest."""
        return list(self._leadership.get(militia, ()))

    @functools.cached_property
    def _leadership(self) -> dict[str, list[Leadership]]:
        """Every group's leadership, gathered in one pass over the people."""
        found: dict[str, list[Leadership]] = {}
        for leader in self.leaders.values():
            for role in leader.roles:
                found.setdefault(role.organization, []).append(Leadership(leader, role))
        return {militia: sorted(held, key=lambda h: (not h.current, _descending(h.role.since),
                                                     h.person.slug))
                for militia, held in found.items()}

    def newest_date(self) -> str:
        """The date the content reaches: its newest document or incident (check refuses future
        dates), so builds of the same content agree on it whatever the day."""
        dates = [d.published or "" for d in self.documents.values()]
        dates += [i.date or "" for i in self.incidents.values()]
        return max(dates, default="")


def _descending(date: str | None) -> str:
    """A sort key that puts later dates first (and undated last)."""
    return "".join(chr(0x7F - ord(c)) for c in date) if date else "\x7f"
