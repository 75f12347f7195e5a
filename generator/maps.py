"""Offline incident maps: standalone Leaflet pages built with Folium.

Each map is one HTML document (shown in an <iframe>) that loads Leaflet,
Leaflet.markercluster, the basemap (``data/basemap.js``, built by ``generator.basemap``
from open geographic data) and our own small script/stylesheet from relative paths
under ``ASSET_DIR``.  All incident data is embedded once, as one JSON document
in a ``<script type="application/json">`` element; the browser builds markers,
clusters, popups, tooltips and the legend from it with DOM calls and
``textContent`` (see ``data/incident_map.js``).  No untrusted string ever goes
through a Folium template: Folium/branca re-parse macro output as Jinja
templates and do not HTML-escape.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import branca.element
import folium
from branca.element import Element, MacroElement
from jinja2 import Template
from xstatic.pkg import leaflet as xs_leaflet
from xstatic.pkg import leaflet_markercluster as xs_markercluster

from generator.basemap import BASEMAP_JS, load_basemap

logger = logging.getLogger(__name__)

ASSET_DIR = "assets/maps"

DATA_DIR = Path(__file__).resolve().parent / "data"
BASEMAP_FILE = BASEMAP_JS
MAP_JS = "incident_map.js"
MAP_CSS = "incident_map.css"
DATA_ELEMENT_ID = "incident-map-data"

MAX_ZOOM = 18
MIN_ZOOM = 4
FIT_MAX_ZOOM = 15
# A view never spans less than this (degrees, about 7 km): one incident is shown in its city
MIN_SPAN = 0.065
VIEWS = ("auto", "baghdad", "iraq")
STATUSES = ("claimed", "attributed", "suspected", "denied", "")
UNATTRIBUTED = "Unattributed"
UNATTRIBUTED_COLOUR = "#7f7f7f"
PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
    "#e377c2", "#17becf", "#bcbd22", "#393b79", "#ad494a", "#637939",
)

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")
_JSON_HTML_ESCAPES = {
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
    "\u2028": "\\u2028", "\u2029": "\\u2029",
}
_JSON_HTML_RE = re.compile("[<>&\u2028\u2029]")
_ID_LOCK = threading.Lock()


@dataclass(frozen=True)
class Attribution:
    actor: str
    actor_url: str | None
    status: str
    by: str


@dataclass(frozen=True)
class MapPoint:
    id: str
    title: str
    date: str
    kind: str
    lat: float
    lon: float
    geo_precision: int
    killed: str
    wounded: str
    url: str
    layer: str
    attributions: tuple[Attribution, ...] = ()
    sources: tuple[tuple[str, ...], ...] = ()   # (label, page URL[, original URL])
    status: str = ""                             # what the ledger says for this layer
    place: str = ""                              # the gazetteer name, "" for bare coordinates
    launch: tuple[float, float, str] | None = None   # launch site (lat, lon, name)
    acled: tuple[tuple[str, str], ...] = ()   # ACLED's fields (downloads only, not the maps)


# ---------------------------------------------------------------- assets


def asset_files() -> dict[str, Path]:
    """Files the generator copies under ASSET_DIR: {relative path: source file}."""
    leaflet = Path(xs_leaflet.BASE_DIR)
    cluster = Path(xs_markercluster.BASE_DIR)
    files = {
        "leaflet/leaflet.js": leaflet / "leaflet.js",
        "leaflet/leaflet.css": leaflet / "leaflet.css",
        "markercluster/leaflet.markercluster.js": cluster / "leaflet.markercluster.js",
        "markercluster/MarkerCluster.css": cluster / "MarkerCluster.css",
        "markercluster/MarkerCluster.Default.css": cluster / "MarkerCluster.Default.css",
        MAP_JS: DATA_DIR / MAP_JS,
        MAP_CSS: DATA_DIR / MAP_CSS,
        BASEMAP_JS.name: BASEMAP_JS,
    }
    for image in sorted((leaflet / "images").glob("*.png")):
        files[f"leaflet/images/{image.name}"] = image
    return files


def _asset_links(prefix: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    js = [
        ("leaflet", prefix + "leaflet/leaflet.js"),
        ("markercluster", prefix + "markercluster/leaflet.markercluster.js"),
        ("basemap", prefix + BASEMAP_JS.name),
        ("incident_map", prefix + MAP_JS),
    ]
    css = [
        ("leaflet_css", prefix + "leaflet/leaflet.css"),
        ("markercluster_css", prefix + "markercluster/MarkerCluster.css"),
        ("markercluster_default_css", prefix + "markercluster/MarkerCluster.Default.css"),
        ("incident_map_css", prefix + MAP_CSS),
    ]
    return js, css


def _check_prefix(asset_prefix: str) -> str:
    """asset_prefix must be a plain relative path; it is written into src/href."""
    if _SCHEME.match(asset_prefix) or asset_prefix.startswith("//"):
        raise ValueError(f"asset_prefix must be relative, got {asset_prefix!r}")
    if re.search(r"[\"'<>\s\\`]", asset_prefix):
        raise ValueError(f"asset_prefix has unsafe characters: {asset_prefix!r}")
    return asset_prefix if asset_prefix.endswith("/") or not asset_prefix else asset_prefix + "/"


# ---------------------------------------------------------------- escaping


def safe_url(url: str | None) -> str:
    """The URL if it is relative or http(s), else "" (javascript:, data:, ...)."""
    if not url:
        return ""
    bare = _INVISIBLE.sub("", url)
    if _SCHEME.match(bare) and not bare.lower().startswith(("http:", "https:")):
        logger.debug("dropping unsafe URL %r", url)
        return ""
    return url


def json_for_html(value: Any) -> str:
    """Compact JSON that is inert inside a <script> element (no '</', no U+2028)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_HTML_RE.sub(lambda m: _JSON_HTML_ESCAPES[m.group(0)], text)


# ---------------------------------------------------------------- data


def _sorted_points(points: Sequence[MapPoint]) -> list[MapPoint]:
    good = [p for p in points if _valid_position(p)]
    if len(good) != len(points):
        logger.warning("skipping %d map points without a valid position", len(points) - len(good))
    return sorted(good, key=lambda p: (p.date, p.id))


def _valid_position(point: MapPoint) -> bool:
    lat, lon = point.lat, point.lon
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def layer_colours(layers: Sequence[str]) -> dict[str, str]:
    """Deterministic colours: palette by sorted layer name, grey for Unattributed."""
    names = sorted(set(layers) - {UNATTRIBUTED})
    colours = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}
    if UNATTRIBUTED in layers:
        colours[UNATTRIBUTED] = UNATTRIBUTED_COLOUR
    return colours


class _Table:
    """Values sent once and referenced by index, most frequent first (small indices)."""

    def __init__(self, values: Sequence[Any]) -> None:
        counts = Counter(values)
        first = {value: i for i, value in reversed(list(enumerate(values)))}
        self.items = sorted(counts, key=lambda value: (-counts[value], first[value]))
        self._index = {value: i for i, value in enumerate(self.items)}

    def __getitem__(self, value: Any) -> int:
        return self._index[value]


def _url_template(points: Sequence[MapPoint]) -> tuple[str, str] | None:
    """The most common (prefix, suffix) such that url == prefix + id + suffix."""
    counts = Counter(
        (p.url[: p.url.index(p.id)], p.url[p.url.index(p.id) + len(p.id):])
        for p in points if p.id and p.id in p.url and safe_url(p.url)
    )
    return counts.most_common(1)[0][0] if counts else None


def _compact_id(point: MapPoint) -> str | list[str]:
    head = point.date + "-"
    return point.id[len(head):] if point.id.startswith(head) else [point.id]


def _compact_url(point: MapPoint, template: tuple[str, str] | None) -> str | int:
    if template and point.url == template[0] + point.id + template[1] and safe_url(point.url):
        return 0
    return safe_url(point.url)


def _attribution(a: Attribution) -> tuple[str, str, str, str]:
    return (a.actor, safe_url(a.actor_url), a.status, a.by)


def _source(source: tuple[str, ...]) -> tuple[str, ...]:
    return (source[0], *(safe_url(url) for url in source[1:]))


class _Tables:
    """String, attribution and source tables shared by all rows of one map."""

    def __init__(self, points: Sequence[MapPoint]) -> None:
        self.strings = _Table([v for p in points
                               for v in (p.date, p.kind, p.killed, p.wounded, p.status, p.place)])
        self.attributions = _Table([_attribution(a) for p in points for a in p.attributions])
        self.sources = _Table([_source(s) for p in points for s in p.sources])
        self.url_template = _url_template(points)

    def as_json(self) -> dict[str, Any]:
        return {
            "strings": self.strings.items,
            "attributions": [list(a) for a in self.attributions.items],
            "sources": [list(s) for s in self.sources.items],
            "urlTemplate": list(self.url_template) if self.url_template else None,
        }


def _row(point: MapPoint, layer: int, tables: _Tables) -> list[Any]:
    strings = tables.strings
    row: list[Any] = [
        _compact_id(point), point.title, strings[point.date], strings[point.kind],
        round(point.lat, 5), round(point.lon, 5), int(point.geo_precision),
        strings[point.killed], strings[point.wounded],
        _compact_url(point, tables.url_template), layer,
    ]
    attrs = [tables.attributions[_attribution(a)] for a in point.attributions]
    sources = [tables.sources[_source(s)] for s in point.sources]
    launch = ([round(point.launch[0], 5), round(point.launch[1], 5), point.launch[2]]
              if point.launch else 0)
    return [*row, attrs, sources, strings[point.status], strings[point.place], launch]


def _layer_order(points: Sequence[MapPoint]) -> list[str]:
    names = sorted({p.layer for p in points} - {UNATTRIBUTED})
    return names + ([UNATTRIBUTED] if any(p.layer == UNATTRIBUTED for p in points) else [])


def map_payload(points: Sequence[MapPoint]) -> dict[str, Any]:
    """The single JSON document the map script reads (layout: data/incident_map.js)."""
    ordered = _sorted_points(points)
    layers = _layer_order(ordered)
    colours = layer_colours(layers)
    index = {name: i for i, name in enumerate(layers)}
    tables = _Tables(ordered)
    rows = [_row(p, index[p.layer], tables) for p in ordered]
    return {
        "version": 3,
        "layers": [[name, colours[name]] for name in layers],
        **tables.as_json(),
        "places": _places(ordered),
        "rows": rows,
    }


def _places(points: Sequence[MapPoint]) -> list[list[Any]]:
    """The named places the incidents use (impact and launch sites): labelled on the map."""
    found = {(p.place, round(p.lat, 5), round(p.lon, 5)) for p in points if p.place}
    found |= {(p.launch[2], round(p.launch[0], 5), round(p.launch[1], 5))
              for p in points if p.launch and p.launch[2]}
    return [list(place) for place in sorted(found)]


@functools.lru_cache(maxsize=1)
def view_bounds() -> dict[str, list[list[float]]]:
    """{"baghdad": the city's districts, "iraq": the country}, from the shipped basemap."""
    views: dict[str, list[list[float]]] = load_basemap()["properties"]["views"]
    return views


def _bounds(points: Sequence[MapPoint], view: str = "auto") -> list[list[float]]:
    """The view: Baghdad's districts, all Iraq, or ("auto") the points' extent, launch sites
    included, never narrower than MIN_SPAN so that one incident shows its surroundings."""
    if view in ("baghdad", "iraq"):
        return view_bounds()[view]
    good = [p for p in points if _valid_position(p)]
    if not good:
        return view_bounds()["baghdad"]
    lats = [p.lat for p in good] + [p.launch[0] for p in good if p.launch]
    lons = [p.lon for p in good] + [p.launch[1] for p in good if p.launch]
    (south, north), (west, east) = _span(min(lats), max(lats)), _span(min(lons), max(lons))
    return [[south, west], [north, east]]


def _span(low: float, high: float) -> list[float]:
    """(low, high) widened around its middle to at least MIN_SPAN."""
    middle, half = (low + high) / 2, max(high - low, MIN_SPAN) / 2
    return [round(middle - half, 5), round(middle + half, 5)]


# ---------------------------------------------------------------- folium


class _JsonScript(Element):
    """An inert JSON data block.  Rendered by a fixed template, never re-parsed."""

    _template = Template(
        '<script type="application/json" id="{{ this.dom_id }}">{{ this.payload }}</script>'
    )

    def __init__(self, dom_id: str, payload: str) -> None:
        super().__init__()
        self._name = "JsonScript"
        self.dom_id = dom_id
        self.payload = payload


class _IncidentLayers(MacroElement):
    """Calls our map script; its output holds no data, only element names and fixed words."""

    _template = Template(
        "{% macro script(this, kwargs) %}\n"
        "IncidentMap.init({{ this._parent.get_name() }}, "
        "{{ this.data_id|tojson }}, {{ this.view|tojson }});\n"
        "{% endmacro %}"
    )

    def __init__(self, view: str) -> None:
        super().__init__()
        self._name = "IncidentLayers"
        self.data_id = DATA_ELEMENT_ID
        self.view = view


def _template_for(source: str) -> Template | _Verbatim:
    """branca compiles a Jinja template from a string for every element it creates (seven per
    map, half the maps stage): a string without Jinja's marks is its own output, and the others
    recur, so each is compiled once."""
    if "\r" in source or any(mark in source for mark in ("{{", "{%", "{#")):
        return _compiled_once(source)
    return _Verbatim(source)


@functools.lru_cache(maxsize=256)
def _compiled_once(source: str) -> Template:
    return _JINJA_TEMPLATE(source)


class _Verbatim:
    """What Jinja makes of a template without its marks: the text, less one final newline."""

    def __init__(self, source: str) -> None:
        self.text = source[:-1] if source.endswith("\n") else source

    def render(self, *args: object, **kwargs: object) -> str:
        return self.text


_JINJA_TEMPLATE = branca.element.Template


@contextlib.contextmanager
def _stable_ids() -> Iterator[None]:
    """branca gives every element a random id; number them per render instead."""
    counter = itertools.count(1)
    original = branca.element.Element.__dict__["_generate_id"]
    with _ID_LOCK:
        branca.element.Element._generate_id = classmethod(  # type: ignore[method-assign,assignment]
            lambda cls: f"{next(counter):d}"
        )
        branca.element.Template = _template_for  # type: ignore[assignment,misc]
        try:
            yield
        finally:
            branca.element.Element._generate_id = original  # type: ignore[method-assign]
            branca.element.Template = _JINJA_TEMPLATE  # type: ignore[misc]


def _new_map(bounds: list[list[float]], prefix: str, height: str) -> folium.Map:
    centre = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]
    fmap = folium.Map(
        location=centre, tiles=None, zoom_start=11, max_zoom=MAX_ZOOM, height=height,
        control_scale=True, attribution_control=True,
    )
    # folium only hands min/max zoom to tile layers; MarkerCluster needs maxZoom on the
    # map, and every zoom level below MIN_ZOOM would cost clustering time for nothing.
    fmap.options.update(max_zoom=MAX_ZOOM, min_zoom=MIN_ZOOM)
    fmap.default_js, fmap.default_css = _asset_links(prefix)  # per instance: no CDN
    return fmap


def _add_tiles(fmap: folium.Map, tiles_url: str) -> None:
    folium.TileLayer(
        tiles=tiles_url, attr="Map tiles: see the site credits", name="Tiles",
        max_zoom=MAX_ZOOM, control=False,
    ).add_to(fmap)


def _build(points: Sequence[MapPoint], title: str, prefix: str, tiles_url: str | None,
           height: str, view: str, legend: str) -> folium.Map:
    bounds = _bounds(points, view)
    fmap = _new_map(bounds, prefix, height)
    if tiles_url:
        _add_tiles(fmap, tiles_url)
    figure: Any = fmap.get_root()  # a branca Figure: title, header and html
    figure.title = _escape_text(title)
    figure.header.add_child(Element('<link rel="icon" href="data:,">'), name="no_favicon")
    figure.html.add_child(Element(f'<h1 class="im-visually-hidden">{_escape_text(title)}</h1>'),
                          name="heading")
    payload = json_for_html({**map_payload(points), "legend": legend})
    figure.html.add_child(_JsonScript(DATA_ELEMENT_ID, payload), name="incident_data")
    _IncidentLayers(view).add_to(fmap)
    folium.FitBounds(bounds, padding=(8, 8), max_zoom=FIT_MAX_ZOOM).add_to(fmap)
    return fmap


def _accessible(html: str) -> str:
    """folium's page has no language, forbids zooming and has no landmark: fix all three."""
    html = html.replace("<html>", '<html lang="en">', 1)
    html = re.sub(r",\s*maximum-scale=1\.0, user-scalable=no", "", html, count=1)
    return html.replace("<body>", "<body>\n<main>", 1).replace("</body>", "</main>\n</body>", 1)


def _escape_text(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def render_map(points: Sequence[MapPoint], *, title: str, asset_prefix: str,
               tiles_url: str | None = None, height: str = "100%", view: str = "auto",
               legend: str = "Incidents by group") -> str:
    """A complete standalone HTML document showing the points (for an <iframe>).

    view: "baghdad" frames the city's districts, "iraq" the country, "auto" the points.
    """
    prefix = _check_prefix(asset_prefix)
    if tiles_url and not safe_url(tiles_url):
        raise ValueError(f"tiles_url must be http(s) or relative, got {tiles_url!r}")
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}, got {view!r}")
    with _stable_ids():
        fmap = _build(points, title, prefix, tiles_url, height, view, legend)
        html = _accessible(fmap.get_root().render())
    logger.debug("rendered map %r: %d points, %d bytes", title, len(points), len(html))
    return html


# ---------------------------------------------------------------- GeoJSON


def _feature(point: MapPoint) -> dict[str, Any]:
    properties = asdict(point)
    del properties["lat"], properties["lon"]
    properties["sources"] = [dict(zip(("label", "url", "original"), source, strict=False))
                             for source in point.sources]
    properties["acled"] = dict(point.acled) or None
    return {
        "type": "Feature",
        "id": point.id,
        "geometry": {"type": "Point", "coordinates": [point.lon, point.lat]},
        "properties": properties,
    }


def incidents_geojson(points: Sequence[MapPoint]) -> str:
    """A FeatureCollection of the points, sorted by date then id, all attributes kept.

    Strings are exported as they are (not sanitised): consumers must escape them.
    Points without a valid position are left out, as on the map.
    """
    ordered = _sorted_points(points)
    collection = {"type": "FeatureCollection", "features": [_feature(p) for p in ordered]}
    return json.dumps(collection, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
