"""Stage 4, render: catalogue + links → Markdown pages through the Jinja2 templates in site_templates/."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator.charts import incidents_chart, network_svg
from generator.citations import CITATION, SourceList
from generator.cited_by import cited_by
from generator.curation import curator_report
from generator.field_reference import field_reference
from generator.incident_maps import MapSet
from generator.markdown_text import (
    escape,
    escape_meta,
    human_date,
    mark_arabic,
    paragraphs,
    relative,
    relative_url,
    safe_url,
)
from generator.mentions import Links
from generator.network import Neighbours, graph, layout, most_connected
from generator.open_data import CSV_FILES, FTM_FILE, DataSet, profile_file
from generator.records import ATTRIBUTION_STATUSES, Catalogue, Document, Incident, Leader, Profile
from generator.search import groups_of, page_filters
from generator.settings import Settings
from generator.timeline import incidents_by_month, timeline

TEMPLATES = Path(__file__).resolve().parent.parent / "site_templates"
CONTRIBUTING = TEMPLATES.parent / "CONTRIBUTING.md"
CHART = "assets/charts/incidents-per-month.svg"


@dataclass
class RenderContext:
    """Everything a template can read: the catalogue, cross-links, maps and settings."""

    catalogue: Catalogue
    settings: Settings
    links: Links = field(default_factory=Links)
    maps: MapSet = field(default_factory=MapSet)
    extras: dict[str, Any] = field(default_factory=dict)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["t"] = lambda text: mark_arabic(escape(text))  # text shown on the page
    env.filters["attr"] = escape                             # text in an attribute or <option>
    env.filters["yaml"] = lambda value: json.dumps(escape_meta(uncited(value)), ensure_ascii=False)
    env.filters["paragraphs"] = paragraphs
    env.filters["safe_url"] = safe_url
    env.filters["date"] = human_date
    env.filters["by_date"] = by_date
    return env


class PageRenderer:
    """Renders one template for one page path, with links relative to that page."""

    def __init__(self, env: jinja2.Environment, context: RenderContext) -> None:
        self.env = env
        self.context = context

    def render(self, template: str, page: str, **values: Any) -> str:
        sources = SourceList(page, self.context.catalogue.documents)
        helpers: dict[str, Any] = {
            "link": lambda target: relative(page, _page_of(target)),
            "url": lambda path: relative_url(page, path),
            "cite": sources.cite,
            "prose": sources.prose,
            "cited": sources.text,
            "edit_url": lambda record: self.edit_url(record),
            "name_of": self.name_of,
            "linked": lambda paragraph, mentions: self.linked(page, paragraph, mentions),
            "profile_of": self.context.catalogue.profile,
            "chart": CHART,
            "chart_numbers": lambda: incidents_by_month(self.context.catalogue),
            "involved": self.involved,
            "ledger_cap": LEDGER_CAP,
            "profile_cap": PROFILE_CAP,
            "home_list": HOME_LIST,
            "claims": self.claims,
            "as_of": self.as_of,
            "search_meta": self.search_meta,
            "most_mentioned": self.most_mentioned,
            "network_picture": lambda centre=None: self.network_picture(page, centre),
            "neighbourhood_edges": lambda centre: self.neighbours.of(centre)[1],
            "timeline_events": lambda: timeline(self.context.catalogue),
            "overview": self.overview,
            "field_reference": field_reference,
            "csv_files": CSV_FILES,
            "ftm_file": FTM_FILE,
            "profile_file": profile_file,
            "csv_purpose": CSV_PURPOSE,
            "ftm_purpose": FTM_PURPOSE,
            "size": file_size,
        }
        return self.env.get_template(template).render(
            page=page, sources=sources, catalogue=self.context.catalogue, links=self.context.links,
            maps=self.context.maps,
            settings=self.context.settings, extras=self.context.extras, **helpers, **values)

    def linked(self, page: str, paragraph: str, mentions: tuple[Any, ...]) -> str:
        """A paragraph of untrusted text, escaped, with each profile's first mention linked."""
        pieces, position, seen = [], 0, set()
        for mention in mentions:
            target = self.context.catalogue.profile(mention.slug)
            if mention.slug in seen or target is None:
                continue
            seen.add(mention.slug)
            pieces.append(escape(paragraph[position:mention.start]))
            pieces.append(f"[{escape(mention.text)}]({relative(page, target.page)})")
            position = mention.end
        pieces.append(escape(paragraph[position:]))
        return mark_arabic("".join(pieces))

    @property
    def claims(self) -> dict[str, dict[str, list[tuple[Any, Any]]]]:
        """The attribution ledger: {profile slug: {status: [(incident, attribution)]}}."""
        return self.context.extras["claims"]

    @functools.cached_property
    def as_of(self) -> str:
        """The date the content reaches: SOURCE_DATE_EPOCH if set, else the newest record."""
        return self.context.settings.as_of or self.context.catalogue.newest_date()

    def most_mentioned(self, newest: int) -> list[tuple[Profile, int, Any]]:
        """Profiles by how many of the newest documents mention them, with the latest one."""
        documents = sorted(self.context.catalogue.documents.values(),
                           key=lambda d: (d.published, d.slug), reverse=True)[:newest]
        recent = {d.slug for d in documents}
        ranked = []
        for slug, backlinks in self.context.links.backlinks.items():
            hits = [b for b in backlinks if b.document.slug in recent]
            profile = self.context.catalogue.profile(slug)
            if hits and profile is not None:
                ranked.append((profile, len(hits), hits[0].document))
        return sorted(ranked, key=lambda r: (-r[1], r[0].name))

    def involved(self, events: tuple[Any, ...]) -> list[Profile]:
        """The profiles some of these timeline events concern, by name (the filter's choices)."""
        slugs = {slug for event in events for slug in event.groups}
        found = (self.context.catalogue.profile(slug) for slug in slugs)
        return sorted((p for p in found if p is not None), key=lambda p: p.name.casefold())

    @functools.cached_property
    def graph(self) -> tuple[list[Any], list[Any]]:
        """The relations graph, built once per build (each profile page draws its part)."""
        return graph(self.context.catalogue)

    @functools.cached_property
    def neighbours(self) -> Neighbours:
        return Neighbours(*self.graph)

    @functools.cached_property
    def overview(self) -> tuple[list[Any], list[Any]]:
        """The part of the graph the network page draws: its best-connected profiles."""
        return most_connected(*self.graph, limit=NETWORK_LIMIT)

    def network_picture(self, page: str, centre: str | None = None) -> str:
        """The relations as an inline SVG whose nodes link to their profiles."""
        nodes, edges = self.overview
        if centre is not None:
            nodes, edges = self.neighbours.of(centre)
            if not edges:
                return ""
        positions = layout(nodes, edges, centre, size=480 if centre else 760)
        href = {n.slug: relative_url(page, n.page[: -len(".md")] + "/") for n in nodes}
        return network_svg(nodes, edges, positions, href, size=480 if centre else 760)

    def search_meta(self, record: Any) -> dict[str, object]:
        """Kind, groups and year of a record's page, for the full-text index's filters."""
        catalogue = self.context.catalogue
        if isinstance(record, Incident):
            actors = (catalogue.profile(a.actor) for a in record.attribution if a.actor)
            groups = [n for p in actors if p is not None for n in groups_of(p, catalogue)]
            return page_filters("incident", groups, record.date or "")
        if isinstance(record, Document):
            linked = self.context.links.documents.get(record.slug)
            mentioned = (catalogue.profile(slug) for slug, _ in (linked.counts if linked else ()))
            groups = [p.name for p in mentioned if p is not None and not isinstance(p, Leader)]
            return page_filters("document", groups, record.published or "")
        kind = "person" if isinstance(record, Leader) else "group"
        return page_filters(kind, groups_of(record, catalogue))

    def name_of(self, slug: str) -> str:
        profile = self.context.catalogue.profile(slug)
        return profile.name if profile else slug

    def edit_url(self, record: Any) -> str | None:
        base = self.context.settings.edit_base
        if not base:
            return None
        return safe_url(f"{base.rstrip('/')}/{self.context.settings.content_prefix}/"
                        f"{record.path.parent.name}/{record.path.name}")


CSV_PURPOSE = {
    "roles.csv": "who holds or held which position in which group, with dates",
    "relations.csv": "ties between groups (allies, rivals, fronts, splinters, umbrellas, patrons)",
    "designations.csv": "sanctions and terrorist listings of groups and people",
    "claims.csv": "the attribution ledger: who claimed, was blamed for or denied each incident",
    "documents.csv": "every source document: outlet, date, address, and the profiles it mentions",
}
FTM_PURPOSE = {
    "Address": "a place of the gazetteer, or an incident's own coordinates",
    "Article": "a source document, with its text",
    "Directorship": "a leadership role (commander, secretary-general, leader, ...)",
    "Event": "an incident",
    "Membership": "any other role in a group",
    "Mention": "a document that mentions a profile, with the spellings found",
    "Organization": "a group: militia, umbrella, party, state force, patron or front",
    "Person": "a person",
    "Sanction": "a designation or listing",
    "UnknownLink": "a relation between groups, or an attribution of an incident (its role is "
                   "the relation's kind or the attribution's status)",
}


def file_size(size: int) -> str:
    """A file's size as a reader reads it."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size / 1000:.1f} kB" if size >= 1000 else f"{size} bytes"


def attribution_ledger(catalogue: Catalogue) -> dict[str, dict[str, list[tuple[Any, Any]]]]:
    """Per profile, its incidents by attribution status (claimed first), newest first."""
    ledger: dict[str, dict[str, list[tuple[Any, Any]]]] = {}
    for incident in sorted(catalogue.incidents.values(), key=lambda i: (i.date, i.slug),
                           reverse=True):
        for entry in incident.attribution:
            if entry.actor:
                ledger.setdefault(entry.actor, {}).setdefault(entry.status, []).append(
                    (incident, entry))
    order = {status: rank for rank, status in enumerate(ATTRIBUTION_STATUSES)}
    return {slug: dict(sorted(by_status.items(), key=lambda item: order[item[0]]))
            for slug, by_status in sorted(ledger.items())}


def by_date(entries: Any, attribute: str, reverse: bool = False) -> list[Any]:
    """Entries sorted by a partial-date attribute; undated ones first (or last, reversed)."""
    return sorted(entries, key=lambda entry: getattr(entry, attribute) or "", reverse=reverse)


def fronts_of(catalogue: Catalogue) -> dict[str, list[tuple[Any, Any]]]:
    """{group: [(front, relation)]}: the fronts and claim channels said to stand for a group."""
    found: dict[str, list[tuple[Any, Any]]] = {}
    for militia in catalogue.militias.values():
        for relation in militia.relations:
            if relation.kind in ("front-for", "claims-for"):
                found.setdefault(relation.to, []).append((militia, relation))
    return found


def uncited(text: object) -> str:
    """Plain text without its [@slug] citation marks (for descriptions and titles)."""
    return CITATION.sub("", "" if text is None else str(text))


def _page_of(target: Any) -> str:
    return target if isinstance(target, str) else target.page


READS_DATA = ("data/index.md",)   # the pages that show the data stage's figures


class Extras(dict):
    """What templates share beyond the catalogue; the costly parts are made on first use, so
    the live preview, rendering one page when it is asked for, makes only what that page reads."""

    def __init__(self, given: dict[str, Any], makers: dict[str, Callable[[], Any]]) -> None:
        super().__init__(given)
        self.makers = {key: make for key, make in makers.items() if key not in given}

    def __missing__(self, key: str) -> Any:
        if key not in self.makers:
            raise KeyError(key)
        value = self[key] = self.makers.pop(key)()
        return value

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default


def page_makers(context: RenderContext, more_extras: dict[str, Callable[[], Any]] | None = None
                ) -> dict[str, Callable[[], str]]:
    """Every generated page, each with the function that renders it (`more_extras`: extras
    made only if a page reads them)."""
    renderer = PageRenderer(environment(), context)
    catalogue = context.catalogue
    context.extras = Extras(context.extras, {
        "fronts": lambda: fronts_of(catalogue),
        "cited_by": lambda: cited_by(catalogue),
        "curator": lambda: curator_report(catalogue, renderer.as_of),
        "claims": lambda: attribution_ledger(catalogue),
        "data": DataSet, **(more_extras or {})})
    render = renderer.render
    contributing = CONTRIBUTING.read_text("utf-8")
    makers: dict[str, Callable[[], str]] = {}
    for militia in catalogue.militias.values():
        makers[militia.page] = functools.partial(render, "militia.md.j2", militia.page,
                                                 profile=militia)
    for leader in catalogue.leaders.values():
        makers[leader.page] = functools.partial(render, "leader.md.j2", leader.page,
                                                profile=leader)
    for document in catalogue.documents.values():
        makers[document.page] = functools.partial(render, "document.md.j2", document.page,
                                                  doc=document)
    for incident in catalogue.incidents.values():
        makers[incident.page] = functools.partial(render, "incident.md.j2", incident.page,
                                                  incident=incident)
    for template, page in SECTION_PAGES:
        makers[page] = functools.partial(render, template, page, contributing=contributing)
    for template, section, rows, grouping in paged_sections(context, renderer):
        archive = paginate(section, rows, grouping, grouping.size)
        for listing in archive:
            makers[listing.page] = functools.partial(render, template, listing.page,
                                                     listing=listing, archive=archive[1:])
    makers[CHART] = lambda: incidents_chart(incidents_by_month(catalogue))
    return makers


NETWORK_LIMIT = 60  # profiles in the network overview; each profile draws its own neighbourhood
HOME_LIST = 20  # groups and people listed on the home page, each linking to the full index
CLAIMS_PAGE = 20  # profiles on a claims page: each brings up to LEDGER_CAP rows per status
LEDGER_CAP = 25  # incidents per status and profile on the claims pages
PROFILE_CAP = 100  # incidents (and per status) on a profile page; its map and the CSV hold all
PAGE_SIZE = 50  # rows on a collection's index page; the rest go to per-year pages of this size


@dataclass(frozen=True)
class Listing:
    """One page of a paginated collection index: the section index or one year (or part)."""

    page: str
    label: str            # "" on the section index, else "2020" or "2020 (2)"
    rows: tuple[Any, ...]
    group: str = ""       # "2020" on every page of 2020; "" on the section index
    part: int = 1         # 2 on "2020 (2)"


def paged_sections(context: RenderContext,
                   renderer: PageRenderer) -> list[tuple[str, str, list[Any], Grouping]]:
    """(template, section, rows in page order, how rows group into pages) per paginated list."""
    catalogue = context.catalogue
    by_name = sorted(catalogue.profiles, key=lambda p: p.name.casefold())
    return [
        ("documents_index.md.j2", "documents",
         sorted(catalogue.documents.values(), key=lambda d: d.published, reverse=True),
         BY_YEAR(lambda d: d.published)),
        ("incidents_index.md.j2", "incidents",
         sorted(catalogue.incidents.values(), key=lambda i: i.date, reverse=True),
         BY_YEAR(lambda i: i.date)),
        ("timeline.md.j2", "timeline", list(reversed(timeline(catalogue))),
         BY_YEAR(lambda e: e.date)),
        ("militias_index.md.j2", "militias",
         sorted(catalogue.militias.values(), key=lambda p: p.name.casefold()), BY_LETTER),
        ("leaders_index.md.j2", "leaders",
         sorted(catalogue.leaders.values(), key=lambda p: p.name.casefold()), BY_LETTER),
        ("claims.md.j2", "claims",
         [(p.slug, renderer.claims[p.slug]) for p in by_name if p.slug in renderer.claims],
         Grouping("by-letter", lambda row: _letter(catalogue.name_of(row[0])), lead=False,
                  size=CLAIMS_PAGE)),
    ]


@dataclass(frozen=True)
class Grouping:
    """How a long list splits into pages: a folder, each row's group, and whether the section's
    index shows the first rows (the newest, for dated lists) or only links to the groups."""

    folder: str
    key: Callable[[Any], str]
    lead: bool = True
    size: int = PAGE_SIZE       # rows a page


def BY_YEAR(date_of: Callable[[Any], str]) -> Grouping:  # noqa: N802 - reads as a constant
    return Grouping("by-year", lambda row: date_of(row)[:4])


def _letter(name: str) -> str:
    first = name[:1].upper()
    return first if "A" <= first <= "Z" else "other"


BY_LETTER = Grouping("by-letter", lambda profile: _letter(profile.name), lead=False)


def paginate(section: str, rows: list[Any], grouping: Grouping,
             size: int = PAGE_SIZE) -> list[Listing]:
    """The section index and, when there are more than `size` rows, one page per group split
    into parts of `size` rows, at <section>/<folder>/<group>[-<part>].md, so that no page grows
    with the collection (no slug contains '/', so these never clash with a record's page)."""
    if len(rows) <= size:
        return [Listing(f"{section}/index.md", "", tuple(rows))]
    pages = [Listing(f"{section}/index.md", "", tuple(rows[:size]) if grouping.lead else ())]
    groups: dict[str, list[Any]] = {}
    for row in rows:
        groups.setdefault(grouping.key(row), []).append(row)
    for group, items in groups.items():
        for part, start in enumerate(range(0, len(items), size), start=1):
            name, label = (group, group) if part == 1 else (f"{group}-{part}", f"{group} ({part})")
            pages.append(Listing(f"{section}/{grouping.folder}/{name.lower()}.md", label,
                                 tuple(items[start:start + size]), group, part))
    return pages


SECTION_PAGES = [
    ("home.md.j2", "index.md"),
    ("about_sources.md.j2", "about/sources.md"),
    ("fields.md.j2", "contribute/fields.md"),
    ("data.md.j2", "data/index.md"),
    ("network.md.j2", "network.md"),
    ("contribute.md.j2", "contribute.md"),
]
