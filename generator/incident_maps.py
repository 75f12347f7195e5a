"""Stage 5, maps: the incidents as Folium maps (site-wide and per profile) and as downloads."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator import maps
from generator.forked import Forked, made_in_shares
from generator.records import Attribution, Catalogue, Incident, Leader, Profile
from generator.tables import csv_text

log = logging.getLogger(__name__)
MAPS_FOLDER = "maps"
STRENGTH = {"claimed": 0, "attributed": 1, "suspected": 2, "denied": 3, "coded": 4}
# ACLED's own fields of an imported incident, in the downloads (empty for other incidents)
ACLED_COLUMNS = ["acled_event_id", "admin1", "admin2", "admin3", "acled_geo_precision",
                 "acled_time_precision", "acled_sources", "source_scale", "interaction",
                 "civilian_targeting", "tags", "acled_actor1", "acled_actor2",
                 "acled_sub_event_type", "acled_fatalities"]
# A profile's own map has a layer per ledger status: what the ledger says about that group
STATUS_LAYER = {"claimed": "Claimed by {}", "attributed": "Attributed to {}",
                "suspected": "Suspected: {}", "denied": "Denied by {}", "coded": "Coded by ACLED: {}"}
CSV_COLUMNS = ["id", "date", "date_precision", "title", "kind", "place", "latitude", "longitude",
               "geo_precision", "target", "killed", "wounded", "attribution", "summary", "sources",
               "page", *ACLED_COLUMNS]


@dataclass
class MapSet:
    """The files of the maps stage and what the pages need to embed them."""

    files: dict[str, bytes] = field(default_factory=dict)            # made by start_maps
    makers: dict[str, Callable[[], bytes]] = field(default_factory=dict)  # name -> its maker
    profile_incidents: dict[str, list[Incident]] = field(default_factory=dict)
    profile_maps: dict[str, str] = field(default_factory=dict)   # profile slug -> map file
    incident_maps: dict[str, str] = field(default_factory=dict)  # incident slug -> map file
    site_map: str = f"{MAPS_FOLDER}/incidents.html"   # Baghdad, framed on the city's districts
    iraq_map: str = f"{MAPS_FOLDER}/iraq.html"        # the same incidents, all Iraq in view


def position(incident: Incident, catalogue: Catalogue) -> tuple[float, float, int] | None:
    """(latitude, longitude, geo precision) from the gazetteer or the incident's own point."""
    if incident.place:
        place = catalogue.places[incident.place]
        precision = incident.geo_precision or place.geo_precision or 2
        return place.latitude, place.longitude, precision
    if incident.latitude is not None and incident.longitude is not None:
        return incident.latitude, incident.longitude, incident.geo_precision or 2
    return None


def actor_name(entry: Attribution, catalogue: Catalogue) -> str:
    """The profile's name, or the plain name the ledger gives ("Iraqi security forces")."""
    profile = catalogue.profile(entry.actor) if entry.actor else None
    return profile.name if profile else (entry.actor_name or maps.UNATTRIBUTED)


def layer_of(incident: Incident, catalogue: Catalogue) -> str:
    """The actor whose layer shows the incident: the strongest claim, attribution or suspicion,
    named even without a profile; "Unattributed" only where the ledger holds denials alone."""
    return _site_layer(incident, catalogue)[0]


def _site_layer(incident: Incident, catalogue: Catalogue) -> tuple[str, str]:
    standing = sorted((a for a in incident.attribution if a.status != "denied"
                       and not (a.status == "coded" and a.side == 2)),  # side 2: usually who was hit
                      key=lambda a: (STRENGTH[a.status], actor_name(a, catalogue)))
    if standing:
        return actor_name(standing[0], catalogue), standing[0].status
    return maps.UNATTRIBUTED, "denied" if incident.attribution else ""


def _focus_layer(incident: Incident, catalogue: Catalogue, focus: str) -> tuple[str, str]:
    """(layer, status) on the map of profile `focus`: what the ledger says about it, or about
    the groups the person led; never "Unattributed" for an incident the group denied."""
    led = ({org for org, _, _ in _tenures(catalogue.leaders[focus], catalogue)}
           if focus in catalogue.leaders else set())
    own = ([a for a in incident.attribution if a.actor == focus]
           or [a for a in incident.attribution if a.actor in led])
    if not own:
        return _site_layer(incident, catalogue)
    entry = min(own, key=lambda a: (STRENGTH[a.status], actor_name(a, catalogue)))
    return STATUS_LAYER[entry.status].format(actor_name(entry, catalogue)), entry.status


def map_point(incident: Incident, catalogue: Catalogue, prefix: str,
              focus: str | None = None) -> maps.MapPoint | None:
    """A point with links relative to a file `prefix` levels below the docs root; on the map
    of profile `focus` its layer says what the ledger says about that profile."""
    located = position(incident, catalogue)
    if located is None:
        return None
    up = "../" * prefix.count("/")
    attributions = tuple(
        maps.Attribution(actor_name(a, catalogue) if (a.actor or a.actor_name) else "",
                         f"{up}{_url_of(catalogue, a.actor)}" if a.actor else None,
                         status_label(a), a.by or "")
        for a in incident.attribution)
    sources = tuple(_source(catalogue, slug, up) for slug in incident.sources)
    layer, status = (_focus_layer(incident, catalogue, focus) if focus
                     else _site_layer(incident, catalogue))
    place = catalogue.places[incident.place].name if incident.place else ""
    launch = catalogue.places.get(incident.launch_place or "")
    return maps.MapPoint(incident.slug, incident.title, incident.date, incident.kind,
                         located[0], located[1], located[2], incident.killed or "",
                         incident.wounded or "", f"{up}{incident.url}", layer, attributions,
                         sources, status=status, place=place,
                         launch=(launch.latitude, launch.longitude, launch.name) if launch else None,
                         acled=acled_fields(incident))


def _url_of(catalogue: Catalogue, slug: str) -> str:
    found = catalogue.profile(slug)
    return found.url if found else ""


def status_label(entry: Any) -> str:
    """'claimed', ... or, for ACLED's coding, 'coded, side 1' (neither a claim nor blame)."""
    return f"coded, side {entry.side}" if entry.status == "coded" and entry.side else entry.status


def acled_fields(incident: Incident) -> tuple[tuple[str, str], ...]:
    """The ACLED columns of the downloads for one incident, as (column, text) pairs."""
    if not incident.acled:
        return ()
    block = dict(incident.acled)

    def text(key: str) -> str:
        value = block.get(key)
        return "; ".join(value) if isinstance(value, tuple) else "" if value is None else str(value)
    sides = {"acled_actor1": ("actor1", "assoc_actor_1"), "acled_actor2": ("actor2", "assoc_actor_2")}
    values = {"acled_event_id": text("event_id"), "acled_geo_precision": text("geo_precision"),
              "acled_time_precision": text("time_precision"), "acled_sources": text("source"),
              "acled_sub_event_type": text("sub_event_type"),
              "acled_fatalities": text("fatalities"),
              **{column: "; ".join(x for x in (text(a), text(b)) if x)
                 for column, (a, b) in sides.items()}}
    return tuple((column, values[column] if column in values else text(column))
                 for column in ACLED_COLUMNS)


def _source(catalogue: Catalogue, slug: str, up: str) -> tuple[str, ...]:
    """(label, the document's page, the original's URL where the document gives one)."""
    document = catalogue.documents[slug]
    label = f"{document.outlet}, {document.published}"
    page = f"{up}{document.url}"
    return (label, page, document.source_url) if document.source_url else (label, page)


def incidents_of(catalogue: Catalogue) -> dict[str, list[Incident]]:
    """Each profile's incidents: attributed to it, or (for a person) to a group they led then."""
    found: dict[str, set[str]] = {}
    for incident in catalogue.incidents.values():
        for entry in incident.attribution:
            if entry.actor:
                found.setdefault(entry.actor, set()).add(incident.slug)
    for leader in catalogue.leaders.values():
        for organization, since, until in _tenures(leader, catalogue):
            found.setdefault(leader.slug, set()).update(
                slug for slug in found.get(organization, set())
                if _within(catalogue.incidents[slug].date, since, until))
    return {slug: sorted((catalogue.incidents[i] for i in ids), key=lambda i: (i.date, i.slug),
                         reverse=True)
            for slug, ids in sorted(found.items()) if ids}


def _tenures(leader: Leader, catalogue: Catalogue) -> list[tuple[str, str | None, str | None]]:
    """(organization, since, until) for every group the person led; death ends every tenure."""
    return [(role.organization, role.since, role.until or leader.died_on) for role in leader.roles]


def _within(date: str, since: str | None, until: str | None) -> bool:
    """Partial dates compare on the precision both sides have."""
    after = since is None or date[: len(since)] >= since[: len(date)]
    before = until is None or date[: len(until)] <= until[: len(date)]
    return after and before


def build_maps(catalogue: Catalogue, tiles_url: str | None = None) -> MapSet:
    """Every map file, made now."""
    return start_maps(catalogue, tiles_url)()


def start_maps(catalogue: Catalogue, tiles_url: str | None = None) -> Callable[[], MapSet]:
    """Start making every map file in a forked child (a build links the documents meanwhile,
    and the linker leaves a core idle while it builds its matcher); call what is returned for
    the maps, once they are done."""
    result = plan_maps(catalogue, tiles_url)
    making = Forked(lambda: made_in_shares(result.makers, "maps"), "maps")

    def done() -> MapSet:
        result.files = making.result()
        log.info("built %d maps", 2 + len(result.profile_maps) + len(result.incident_maps))
        return result
    return done


def plan_maps(catalogue: Catalogue, tiles_url: str | None = None) -> MapSet:
    """Which map files there are, each with the function that makes it (the live preview makes
    only those a reader opens)."""
    result = MapSet(profile_incidents=incidents_of(catalogue))
    prefix = f"{MAPS_FOLDER}/x"
    makers = result.makers

    def everything() -> list[maps.MapPoint]:
        return [p for i in catalogue.incidents.values() if (p := map_point(i, catalogue, prefix))]
    makers[result.site_map] = lambda: _render(everything(), "Incidents in Baghdad", tiles_url,
                                              view="baghdad")
    makers[result.iraq_map] = lambda: _render(everything(), "Incidents across Iraq", tiles_url,
                                              view="iraq")
    def profile_map(profile: Profile, incidents: list[Incident]) -> bytes:
        points = [p for i in incidents
                  if (p := map_point(i, catalogue, prefix, focus=profile.slug))]
        return _render(points, f"Incidents: {profile.name}", tiles_url,
                       legend=f"What the ledger says: {profile.name}")
    for slug, incidents in result.profile_incidents.items():
        profile = catalogue.profile(slug)
        if profile is not None and any(position(i, catalogue) for i in incidents):
            name = f"{MAPS_FOLDER}/{profile.section}-{slug}.html"
            makers[name] = functools.partial(profile_map, profile, incidents)
            result.profile_maps[slug] = name
    def incident_map(incident: Incident) -> bytes:
        return _render([p for p in [map_point(incident, catalogue, prefix)] if p],
                       f"Map: {incident.title}", tiles_url)
    for incident in catalogue.incidents.values():
        if position(incident, catalogue):
            name = f"{MAPS_FOLDER}/incident-{incident.slug}.html"
            makers[name] = functools.partial(incident_map, incident)
            result.incident_maps[incident.slug] = name
    for relative, source in maps.asset_files().items():
        makers[f"{maps.ASSET_DIR}/{relative}"] = source.read_bytes
    for name, make in download_makers(catalogue).items():
        makers[name] = make
    return result


def _render(points: list[maps.MapPoint], title: str, tiles_url: str | None,
            view: str = "auto", legend: str = "Incidents by group") -> bytes:
    html = maps.render_map(points, title=title, asset_prefix=f"../{maps.ASSET_DIR}/",
                           tiles_url=tiles_url, view=view, legend=legend)
    return html.encode("utf-8")


def download_makers(catalogue: Catalogue) -> dict[str, Callable[[], bytes]]:
    """incidents.geojson and incidents.csv, links given relative to the site's root."""
    def geojson() -> bytes:
        points = [p for i in catalogue.incidents.values() if (p := map_point(i, catalogue, ""))]
        return maps.incidents_geojson(points).encode("utf-8")
    return {"incidents/incidents.geojson": geojson,
            "incidents/incidents.csv": lambda: incidents_csv(catalogue).encode("utf-8")}


def incidents_csv(catalogue: Catalogue) -> str:
    rows = []
    for incident in catalogue.incidents.values():
        located = position(incident, catalogue)
        attribution = "; ".join(
            f"{actor_name(a, catalogue)} | {status_label(a)} | "
            f"{a.by or ''}" for a in incident.attribution)
        rows.append([incident.slug, incident.date, incident.date_precision, incident.title,
                     incident.kind, incident.place or "", *(located or ("", "", "")),
                     incident.target or "", incident.killed or "", incident.wounded or "",
                     attribution, incident.summary or "", "; ".join(incident.sources),
                     incident.url,
                     *(dict(acled_fields(incident)).get(column, "") for column in ACLED_COLUMNS)])
    return csv_text(CSV_COLUMNS, rows)

