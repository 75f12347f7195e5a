"""Fast unit tests for generator.maps (no browser)."""

from __future__ import annotations

import gzip
import json
import random
import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from generator import maps
from generator.basemap import BASEMAP_JS, BORDER_FILE, douglas_peucker, load_basemap, simplify
from generator.maps import Attribution, MapPoint, incidents_geojson, render_map

PREFIX = "../assets/maps/"
HOSTILE = [
    "</script><script>alert(1)</script>",
    "`${alert(1)}` {{ 7*7 }} {% raw %}",
    '<img src=x onerror="window.__xss=1">',
    "\u2028\u2029 line separators & <!-- comment",
]
GROUPS = [
    ("Kataib Hezbollah", "kataib-hezbollah"),
    ("Asaib Ahl al-Haq", "asaib-ahl-al-haq"),
    ("Harakat al-Nujaba", "harakat-al-nujaba"),
    ("Kataib Sayyid al-Shuhada", "kataib-sayyid-al-shuhada"),
    ("Islamic Resistance in Iraq", "islamic-resistance-in-iraq"),
    ("Iran-backed militias", None),
    ("Unattributed", None),
]
PLACES = ["Green Zone", "Sadr City", "Zayouna", "Dora", "Jadriya", "Karkh", "Rusafa",
          "Mansour", "Kadhimiya", "Adhamiya", "Baghdad airport", "Camp Taji"]
KINDS = ["rocket", "drone-strike", "ied", "mortar", "small-arms", "airstrike"]
STATUSES = ["claimed", "attributed", "suspected", "denied"]


def synthetic_points(n: int, seed: int = 7) -> list[MapPoint]:
    """Realistic-looking incidents scattered over Baghdad."""
    rng = random.Random(seed)
    start = date(2019, 10, 1)
    return [_synthetic_point(i, rng, start) for i in range(n)]


def _synthetic_point(i: int, rng: random.Random, start: date) -> MapPoint:
    day = (start + timedelta(days=rng.randrange(2200))).isoformat()
    kind, place = rng.choice(KINDS), rng.choice(PLACES)
    group, slug = rng.choice(GROUPS)
    incident_id = f"{day}-{kind}-{place.lower().replace(' ', '-')}-{i}"
    document = rng.randrange(300)  # sources are shared documents, as in real data
    attributions = () if group == "Unattributed" else (
        Attribution(group, f"../militias/{slug}/" if slug else None,
                    rng.choice(STATUSES), "US officials"),
    )
    return MapPoint(
        id=incident_id, title=f"{kind.title()} attack near {place} ({i})",
        date=day, kind=kind, lat=33.3 + rng.uniform(-0.12, 0.12),
        lon=44.38 + rng.uniform(-0.15, 0.15), geo_precision=rng.randint(1, 3),
        killed=str(rng.randint(0, 4)), wounded=rng.choice(["", "1", "2-3", "5"]),
        url=f"../incidents/{incident_id}/", layer=group, attributions=attributions,
        sources=((f"Monitoring report {document}", f"https://example.org/reports/{document}"),),
    )


def hostile_points() -> list[MapPoint]:
    points = []
    for i, text in enumerate(HOSTILE):
        points.append(MapPoint(
            id=f"2020-01-0{i + 1}-hostile-{i}", title=text, date=f"2020-01-0{i + 1}",
            kind=text, lat=33.30 + i / 100, lon=44.39, geo_precision=1, killed=text,
            wounded="", url="javascript:alert(1)", layer=text,
            attributions=(Attribution(text, "javascript:alert(2)", text, text),),
            sources=((text, "JaVa\tScRiPt:alert(3)"), (text, "data:text/html,<b>x</b>")),
        ))
    return points


def _local_points(n: int) -> list[MapPoint]:
    """Points without any absolute URL, to check the page itself is offline."""
    return [
        replace(p, sources=(("Local copy", f"../documents/doc-{i}/"),))
        for i, p in enumerate(synthetic_points(n))
    ]


def test_two_renders_are_byte_identical() -> None:
    points = synthetic_points(50)
    first = render_map(points, title="Baghdad", asset_prefix=PREFIX)
    second = render_map(list(reversed(points)), title="Baghdad", asset_prefix=PREFIX)
    assert first == second


def test_no_random_branca_ids() -> None:
    html = render_map(synthetic_points(5), title="t", asset_prefix=PREFIX)
    assert not re.search(r"[0-9a-f]{32}", html)
    # the patch is undone afterwards: plain branca elements get random ids again
    from branca.element import Element
    assert re.fullmatch(r"[0-9a-f]{32}", Element()._id)


@pytest.mark.parametrize("count", [0, 1, 40])
def test_no_external_urls_without_tiles(count: int) -> None:
    html = render_map(_local_points(count), title="t", asset_prefix=PREFIX)
    assert "http://" not in html and "https://" not in html
    assert "//" not in re.sub(r"(?s)<script type=\"application/json\".*?</script>", "", html)
    for attr in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert attr.startswith(PREFIX) or attr == "data:,", attr


def test_assets_are_local_and_exist() -> None:
    files = maps.asset_files()
    html = render_map([], title="t", asset_prefix=PREFIX)
    for ref in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert ref == "data:," or ref[len(PREFIX):] in files
    assert "leaflet/images/layers.png" in files
    assert all(path.is_file() for path in files.values())


def test_tiles_only_when_given() -> None:
    tiles = "https://tiles.example.org/{z}/{x}/{y}.png"
    html = render_map(synthetic_points(3), title="t", asset_prefix=PREFIX, tiles_url=tiles)
    assert "L.tileLayer" in html and tiles in html
    assert "L.tileLayer" not in render_map(synthetic_points(3), title="t", asset_prefix=PREFIX)
    with pytest.raises(ValueError):
        render_map([], title="t", asset_prefix=PREFIX, tiles_url="javascript:alert(1)")
    with pytest.raises(ValueError):
        render_map([], title="t", asset_prefix="https://cdn.example.org/")


def test_hostile_strings_are_escaped() -> None:
    html = render_map(hostile_points(), title=HOSTILE[0], asset_prefix=PREFIX)
    assert "</script><script>" not in html
    assert "<img src=x" not in html
    assert "<!--" not in html
    assert "\u2028" not in html and "\u2029" not in html
    assert "javascript:" not in html.lower().replace("\t", "")
    assert "data:text/html" not in html
    assert "49" not in _data_block(html)  # {{ 7*7 }} was not evaluated by Jinja
    assert "{{ 7*7 }}" in json.loads(_data_block(html))["rows"][1][1]


def _data_block(html: str) -> str:
    match = re.search(r'<script type="application/json" id="incident-map-data">(.*?)</script>',
                      html, re.S)
    assert match
    return match.group(1)


def test_payload_round_trips_titles_and_layers() -> None:
    points = hostile_points() + synthetic_points(30)
    payload = json.loads(_data_block(render_map(points, title="t", asset_prefix=PREFIX)))
    assert sorted(row[1] for row in payload["rows"]) == sorted(p.title for p in points)
    layers = [name for name, _ in payload["layers"]]
    assert layers[-1] == "Unattributed" and sorted(layers) == sorted({p.layer for p in points})
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for _, colour in payload["layers"])


def test_layer_colours_are_deterministic() -> None:
    first = maps.layer_colours(["b", "a", "Unattributed"])
    assert first == maps.layer_colours(["Unattributed", "a", "b"])
    assert first["a"] == maps.PALETTE[0] and first["Unattributed"] == maps.UNATTRIBUTED_COLOUR


@pytest.mark.parametrize("url,expected", [
    ("../incidents/x/", "../incidents/x/"),
    ("https://example.org/a", "https://example.org/a"),
    ("javascript:alert(1)", ""),
    (" JAVA\nSCRIPT:alert(1)", ""),
    ("data:text/html,x", ""),
    ("vbscript:x", ""),
    (None, ""),
])
def test_safe_url(url: str | None, expected: str) -> None:
    assert maps.safe_url(url) == expected


def _point_from_feature(feature: dict) -> MapPoint:
    props = dict(feature["properties"])
    props["attributions"] = tuple(Attribution(**a) for a in props["attributions"])
    props["sources"] = tuple(tuple(s[k] for k in ("label", "url", "original") if k in s)
                             for s in props["sources"])
    props["launch"] = tuple(props["launch"]) if props["launch"] else None
    props["acled"] = tuple((props.get("acled") or {}).items())   # ACLED's fields, if imported
    lon, lat = feature["geometry"]["coordinates"]
    return MapPoint(lat=lat, lon=lon, **props)


def test_geojson_round_trips() -> None:
    points = synthetic_points(25) + hostile_points()
    points[0] = replace(points[0], status="claimed", place="Dora", launch=(33.3, 44.3, "X"),
                        sources=(("AFP", "../d/", "https://example.org/a"),))
    text = incidents_geojson(points)
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    back = [_point_from_feature(f) for f in collection["features"]]
    assert back == sorted(points, key=lambda p: (p.date, p.id))
    assert text == incidents_geojson(list(reversed(points)))


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Ray casting: is the point inside the ring?"""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_basemap_is_real_small_and_credited() -> None:
    data = load_basemap()
    features = data["features"]
    kinds = {f["properties"]["kind"] for f in features}
    assert kinds == {"border", "governorate", "district", "river", "city"}
    names = {f["properties"]["kind"]: set() for f in features}
    for f in features:
        names[f["properties"]["kind"]].add(f["properties"]["name"])
    assert len(names["governorate"]) == 18 and {"Baghdad", "Al-Anbar", "Erbil"} <= names["governorate"]
    assert {"Al-Karkh", "Al-Thawra", "Al-Adhamiya", "Al-Kadhimiya", "Al-Mansour"} <= names["district"]
    assert {"Tigris", "Euphrates"} <= names["river"]
    assert {"Baghdad", "Mosul", "Basra"} <= names["city"]
    assert "OCHA" in data["properties"]["attribution"]
    assert "Natural Earth" in data["properties"]["attribution"]
    raw = BASEMAP_JS.read_bytes()
    assert len(raw) < 150_000 and len(gzip.compress(raw, 9)) < 40_000


def test_iraq_border_holds_baghdad_and_not_tehran() -> None:
    border = json.loads(BORDER_FILE.read_text(encoding="utf-8"))
    [feature] = border["features"]
    assert feature["geometry"]["type"] == "Polygon"
    ring = feature["geometry"]["coordinates"][0]
    assert _inside(44.39, 33.31, ring) and _inside(47.81, 30.51, ring)   # Baghdad, Basra
    assert not _inside(51.39, 35.69, ring) and not _inside(36.29, 33.51, ring)  # Tehran, Damascus


def test_views_frame_baghdads_districts_and_iraq() -> None:
    (south, west), (north, east) = maps.view_bounds()["baghdad"]
    assert south < 33.25 < 33.42 < north and west < 44.30 < 44.52 < east   # Dora .. Sadr City
    assert north - south < 0.4                                           # the city, not Iraq
    (south, west), (north, east) = maps.view_bounds()["iraq"]
    assert south < 29.5 and north > 37.0 and west < 39.0 and east > 48.4


def _fit(html: str) -> list[list[float]]:
    match = re.search(r"fitBounds\(\s*(\[\[.*?\]\])", html, re.S)
    assert match
    return json.loads(match.group(1))


def test_baghdad_view_ignores_incidents_elsewhere() -> None:
    far = [replace(p, lat=36.34, lon=43.13) for p in synthetic_points(5)]   # Mosul
    html = render_map(synthetic_points(20) + far, title="t", asset_prefix=PREFIX, view="baghdad")
    assert _fit(html) == maps.view_bounds()["baghdad"]
    assert _fit(render_map(far, title="t", asset_prefix=PREFIX, view="iraq")) == \
        maps.view_bounds()["iraq"]
    with pytest.raises(ValueError):
        render_map(far, title="t", asset_prefix=PREFIX, view="world")


@pytest.mark.parametrize("count", [1, 3])
def test_auto_view_never_narrower_than_a_few_kilometres(count: int) -> None:
    points = [replace(p, lat=33.3, lon=44.4 + i * 0.001) for i, p in
              enumerate(synthetic_points(count))]
    (south, west), (north, east) = _fit(render_map(points, title="t", asset_prefix=PREFIX))
    assert north - south >= maps.MIN_SPAN - 1e-9 and east - west >= maps.MIN_SPAN - 1e-9
    assert south < 33.3 < north and west < 44.4 < east


def test_auto_view_takes_in_the_launch_site() -> None:
    point = replace(synthetic_points(1)[0], lat=33.22, lon=44.23, launch=(33.45, 44.5, "X"))
    (south, west), (north, east) = _fit(render_map([point], title="t", asset_prefix=PREFIX))
    assert south <= 33.22 and north >= 33.45 and west <= 44.23 and east >= 44.5


def test_the_page_has_a_language_a_landmark_and_can_zoom() -> None:
    html = render_map(synthetic_points(3), title="<Map>", asset_prefix=PREFIX)
    assert '<html lang="en">' in html
    assert "user-scalable=no" not in html and "maximum-scale" not in html
    assert html.count("<main>") == 1 and html.count("</main>") == 1
    assert '<h1 class="im-visually-hidden">&lt;Map&gt;</h1>' in html


def test_rows_carry_status_place_precision_and_launch() -> None:
    point = replace(synthetic_points(1)[0], status="suspected", place="Hay al-Jihad",
                    geo_precision=2, launch=(33.27, 44.3, "Launch <site>"),
                    sources=(("AFP, 2020-09-29", "../d/", "https://example.org/afp"),))
    payload = json.loads(_data_block(render_map([point], title="t", asset_prefix=PREFIX)))
    [row] = payload["rows"]
    strings = payload["strings"]
    assert strings[row[13]] == "suspected" and strings[row[14]] == "Hay al-Jihad"
    assert row[6] == 2 and row[15] == [33.27, 44.3, "Launch <site>"]
    assert payload["sources"][row[12][0]] == ["AFP, 2020-09-29", "../d/", "https://example.org/afp"]
    assert ["Hay al-Jihad", 33.22, 44.23] not in payload["places"]
    assert ["Launch <site>", 33.27, 44.3] in payload["places"]


def test_douglas_peucker_keeps_shape_and_drops_noise() -> None:
    line = [(0.0, 0.0), (1.0, 0.0001), (2.0, -0.0001), (3.0, 0.0), (4.0, 2.0), (5.0, 0.0)]
    assert douglas_peucker(line, 0.01) == [(0.0, 0.0), (3.0, 0.0), (4.0, 2.0), (5.0, 0.0)]
    assert douglas_peucker(line, 0.0) == line
    assert douglas_peucker(line[:2], 1.0) == line[:2]


def test_simplify_drops_rings_smaller_than_the_tolerance() -> None:
    tiny = [[[44.0, 33.0], [44.0001, 33.0], [44.0001, 33.0001], [44.0, 33.0]]]
    big = [[[44.0, 33.0], [44.1, 33.0], [44.1, 33.1], [44.0, 33.1], [44.0, 33.0]]]
    result = simplify({"type": "MultiPolygon", "coordinates": [tiny, big]}, (0.001, 3))
    assert result == {"type": "Polygon", "coordinates": big}
    assert simplify({"type": "Polygon", "coordinates": tiny}, (0.001, 3)) is None


def test_twenty_thousand_points_under_three_megabytes() -> None:
    html = render_map(synthetic_points(20_000), title="All incidents", asset_prefix=PREFIX)
    size = len(html.encode("utf-8"))
    assert size < 3_000_000, size
    assert html.count("L.circleMarker") == 0  # markers are built client-side from one array


# ---------------------------------------------------------------- the ledger on the bundled content


@pytest.fixture(scope="module")
def catalogue():
    from pathlib import Path

    from generator.pipeline import load_catalogue
    return load_catalogue(Path(__file__).resolve().parent.parent / "content")


def test_an_incident_denied_by_all_is_unattributed_site_wide_and_denied_on_its_maps(catalogue):
    from generator.incident_maps import map_point
    embassy = catalogue.incidents["2020-01-26-us-embassy-rockets"]
    site = map_point(embassy, catalogue, "maps/x")
    assert (site.layer, site.status) == ("Unattributed", "denied")
    own = map_point(embassy, catalogue, "maps/x", focus="kataib-hezbollah")
    assert (own.layer, own.status) == ("Denied by Kataib Hezbollah", "denied")


def test_actors_without_a_profile_are_named(catalogue):
    from generator.incident_maps import map_point
    rockets = catalogue.incidents["2020-09-28-radwaniyah-rocket-deaths"]
    point = map_point(rockets, catalogue, "maps/x")
    assert (point.layer, point.status) == ("criminal gangs and groups of outlaws", "attributed")
    assert point.place == "Albu Shaban" and point.geo_precision == 2 and point.killed == "5-7"
    assert point.launch is not None and point.launch[2] == "Hay al-Jihad"


def test_every_located_incident_has_its_own_map_and_there_are_two_site_maps(catalogue):
    from generator.incident_maps import build_maps, position
    result = build_maps(catalogue)
    located = {slug for slug, i in catalogue.incidents.items() if position(i, catalogue)}
    assert set(result.incident_maps) == located
    assert {result.site_map, result.iraq_map} <= set(result.files)
    assert all(name in result.files for name in result.incident_maps.values())


def test_the_data_readme_records_every_source_and_licence() -> None:
    readme = (BASEMAP_JS.parent / "README.md").read_text(encoding="utf-8")
    for needed in ("OCHA", "Central Statistics Office", "CC BY 3.0 IGO", "Natural Earth",
                   "public domain", "python -m generator.basemap"):
        assert needed in readme, needed
    for kind in ("border", "governorate", "district", "river", "city"):
        assert f"`kind: {kind}" in readme or f"`{kind}`" in readme, kind
