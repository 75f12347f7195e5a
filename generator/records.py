"""The typed records of the catalogue: plain frozen data, each knowing its own page address."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MILITIA_KINDS = ("militia", "umbrella", "party", "state-force", "patron")
STATUSES = ("active", "inactive", "dissolved", "unknown")
RELATION_KINDS = ("ally", "rival", "splinter-of", "front-for", "merged-into")
DOCUMENT_KINDS = ("news", "statement", "report", "analysis", "note")
INCIDENT_KINDS = ("rocket", "drone-strike", "ied", "storming", "shooting", "assassination",
                  "crackdown", "raid", "protest", "other")
ATTRIBUTION_STATUSES = ("claimed", "attributed", "suspected", "denied")
DATE_PRECISIONS = ("day", "week", "month", "year")
PLACE_KINDS = ("landmark", "district", "square", "bridge", "base", "airport", "village", "city")
Sources = tuple[str, ...]


def key_lines() -> Any:
    """The line of each front-matter key, for error messages; never compared."""
    return field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Designation:
    by: str
    type: str
    date: str | None
    sources: Sources
    line: int = 0


@dataclass(frozen=True)
class Leadership:
    person: str
    role: str | None
    since: str | None
    until: str | None
    sources: Sources
    line: int = 0


@dataclass(frozen=True)
class Relation:
    to: str
    kind: str
    since: str | None
    note: str | None
    sources: Sources
    line: int = 0


@dataclass(frozen=True)
class Role:
    organization: str
    title: str | None
    since: str | None
    until: str | None
    sources: Sources
    line: int = 0


@dataclass(frozen=True)
class Profile:
    """What militias and leaders share: names, summary, prose and sources."""

    slug: str
    path: Path
    name: str
    arabic: str | None
    aliases: tuple[str, ...]
    look_alikes: tuple[str, ...]   # names containing ours that mean someone else (Sadr City)
    designations: tuple[Designation, ...]
    summary: str | None
    sources: Sources
    tags: tuple[str, ...]
    body: str
    body_line: int
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
        found = [self.name, *self.aliases]
        if self.arabic:
            found.append(self.arabic)
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Militia(Profile):
    kind: str = "militia"
    founded: str | None = None
    parent: str | None = None
    pmu_brigades: tuple[int, ...] = ()
    leaders: tuple[Leadership, ...] = ()
    patrons: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = ()
    status: str | None = None

    section = "militias"
    kind_label = "militia"


@dataclass(frozen=True)
class Leader(Profile):
    short_names: tuple[str, ...] = ()
    born: str | None = None
    birthplace: str | None = None
    died: str | None = None
    roles: tuple[Role, ...] = ()

    section = "leaders"
    kind_label = "leader"


@dataclass(frozen=True)
class Document:
    slug: str
    path: Path
    title: str
    outlet: str
    published: str
    body: str
    body_line: int
    author: str | None = None
    source_url: str | None = None
    language: str | None = None
    kind: str | None = None
    lines: dict[str, int] = key_lines()

    @property
    def url(self) -> str:
        return f"documents/{self.slug}/"

    @property
    def page(self) -> str:
        return f"documents/{self.slug}.md"


@dataclass(frozen=True)
class Place:
    slug: str
    path: Path
    line: int
    name: str
    latitude: float
    longitude: float
    arabic: str | None = None
    kind: str | None = None
    district: str | None = None
    geo_precision: int | None = None
    lines: dict[str, int] = key_lines()


@dataclass(frozen=True)
class Attribution:
    actor: str | None          # a militia or leader slug
    actor_name: str | None     # a plain name where there is no profile
    status: str
    by: str | None
    sources: Sources
    line: int = 0


@dataclass(frozen=True)
class Incident:
    slug: str
    path: Path
    title: str
    date: str
    date_precision: str
    kind: str
    place: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    target: str | None
    killed: str | None
    wounded: str | None
    attribution: tuple[Attribution, ...]
    summary: str | None
    sources: Sources
    lines: dict[str, int] = key_lines()
    launch_place: str | None = None   # where it was launched from (rockets, drones): a place slug
    launch_sources: Sources = ()

    @property
    def url(self) -> str:
        return f"incidents/{self.slug}/"

    @property
    def page(self) -> str:
        return f"incidents/{self.slug}.md"


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

    @property
    def profiles(self) -> list[Militia | Leader]:
        return [*self.militias.values(), *self.leaders.values()]

    def newest_date(self) -> str:
        """The date the content reaches: its newest document or incident (check refuses future
        dates), so builds of the same content agree on it whatever the day."""
        dates = [d.published for d in self.documents.values()]
        dates += [i.date for i in self.incidents.values()]
        return max(dates, default="")
