"""Stage 5, maps: the incidents as Folium maps (site-wide and per profile) and as downloads."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from generator import maps
from generator.records import Catalogue, Incident, Leader
from generator.tables import csv_text

log = logging.getLogger(__name__)
MAPS_FOLDER = "maps"
STRENGTH = {"claimed": 0, "attributed": 1, "suspected": 2, "denied": 3}
CSV_COLUMNS = ["id", "date", "date_precision", "title", "kind", "place", "latitude", "longitude",
               "geo_precision", "target", "killed", "wounded", "attribution", "summary", "sources",
               "page"]


@dataclass
class MapSet:
    """The files of the maps stage and what the pages need to embed them."""

    files: dict[str, bytes] = field(default_factory=dict)
    profile_incidents: dict[str, list[Incident]] = field(default_factory=dict)
    profile_maps: dict[str, str] = field(default_factory=dict)   # profile slug -> map file
    site_map: str = f"{MAPS_FOLDER}/incidents.html"


def position(incident: Incident, catalogue: Catalogue) -> tuple[float, float, int] | None:
    """(latitude, longitude, geo precision) from the gazetteer or the incident's own point."""
    if incident.place:
        place = catalogue.places[incident.place]
        precision = incident.geo_precision or place.geo_precision or 2
        return place.latitude, place.longitude, precision
    if incident.latitude is not None and incident.longitude is not None:
        return incident.latitude, incident.longitude, incident.geo_precision or 2
    return None


def layer_of(incident: Incident, catalogue: Catalogue) -> str:
    """The group whose layer shows the incident: the strongest non-denied attribution."""
    named = sorted((STRENGTH[a.status], catalogue.profile(a.actor).name)
                   for a in incident.attribution if a.actor and a.status != "denied")
    return named[0][1] if named else maps.UNATTRIBUTED


def map_point(incident: Incident, catalogue: Catalogue, prefix: str) -> maps.MapPoint | None:
    """A point with links relative to a file `prefix` levels below the docs root."""
    located = position(incident, catalogue)
    if located is None:
        return None
    up = "../" * prefix.count("/")
    attributions = tuple(
        maps.Attribution(catalogue.profile(a.actor).name if a.actor else a.actor_name or "",
                         f"{up}{catalogue.profile(a.actor).url}" if a.actor else None,
                         a.status, a.by or "")
        for a in incident.attribution)
    sources = tuple((f"{catalogue.documents[s].outlet}, {catalogue.documents[s].published}",
                     f"{up}{catalogue.documents[s].url}") for s in incident.sources)
    return maps.MapPoint(incident.slug, incident.title, incident.date, incident.kind,
                         located[0], located[1], located[2], incident.killed or "",
                         incident.wounded or "", f"{up}{incident.url}",
                         layer_of(incident, catalogue), attributions, sources)


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
    result = MapSet(profile_incidents=incidents_of(catalogue))
    prefix = f"{MAPS_FOLDER}/x"
    everything = [p for i in catalogue.incidents.values() if (p := map_point(i, catalogue, prefix))]
    result.files[result.site_map] = _render(everything, "Incidents in Baghdad", tiles_url)
    for slug, incidents in result.profile_incidents.items():
        profile = catalogue.profile(slug)
        points = [p for i in incidents if (p := map_point(i, catalogue, prefix))]
        if points and profile is not None:
            name = f"{MAPS_FOLDER}/{profile.section}-{slug}.html"
            result.files[name] = _render(points, f"Incidents: {profile.name}", tiles_url)
            result.profile_maps[slug] = name
    for relative, source in maps.asset_files().items():
        result.files[f"{maps.ASSET_DIR}/{relative}"] = source.read_bytes()
    result.files.update(downloads(catalogue))
    log.info("built %d maps", 1 + len(result.profile_maps))
    return result


def _render(points: list[maps.MapPoint], title: str, tiles_url: str | None) -> bytes:
    html = maps.render_map(points, title=title, asset_prefix=f"../{maps.ASSET_DIR}/",
                           tiles_url=tiles_url)
    return html.encode("utf-8")


def downloads(catalogue: Catalogue) -> dict[str, bytes]:
    """incidents.geojson and incidents.csv, links given relative to the site's root."""
    points = [p for i in catalogue.incidents.values() if (p := map_point(i, catalogue, ""))]
    return {"incidents/incidents.geojson": maps.incidents_geojson(points).encode("utf-8"),
            "incidents/incidents.csv": incidents_csv(catalogue).encode("utf-8")}


def incidents_csv(catalogue: Catalogue) -> str:
    rows = []
    for incident in catalogue.incidents.values():
        located = position(incident, catalogue)
        attribution = "; ".join(
            f"{catalogue.profile(a.actor).name if a.actor else a.actor_name} | {a.status} | "
            f"{a.by or ''}" for a in incident.attribution)
        rows.append([incident.slug, incident.date, incident.date_precision, incident.title,
                     incident.kind, incident.place or "", *(located or ("", "", "")),
                     incident.target or "", incident.killed or "", incident.wounded or "",
                     attribution, incident.summary or "", "; ".join(incident.sources),
                     incident.url])
    return csv_text(CSV_COLUMNS, rows)
