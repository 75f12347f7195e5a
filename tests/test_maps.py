"""Fast unit tests for generator.maps (no browser)."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from generator import maps
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
    props["sources"] = tuple((s["label"], s["url"]) for s in props["sources"])
    props["acled"] = tuple((props.get("acled") or {}).items())   # ACLED's fields, if imported
    lon, lat = feature["geometry"]["coordinates"]
    return MapPoint(lat=lat, lon=lon, **props)


def test_geojson_round_trips() -> None:
    points = synthetic_points(25) + hostile_points()
    text = incidents_geojson(points)
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    back = [_point_from_feature(f) for f in collection["features"]]
    assert back == sorted(points, key=lambda p: (p.date, p.id))
    assert text == incidents_geojson(list(reversed(points)))


def test_basemap_is_small_and_approximate() -> None:
    data = json.loads(maps.BASEMAP_FILE.read_text(encoding="utf-8"))
    assert data["properties"]["approximate"] is True
    kinds = {f["properties"]["kind"] for f in data["features"]}
    assert kinds == {"river", "district", "landmark"}
    names = {f["properties"]["name"] for f in data["features"]}
    assert {"Green Zone", "Sadr City", "Tahrir Square", "Camp Taji"} <= names
    assert maps.BASEMAP_FILE.stat().st_size < 20_000


def test_twenty_thousand_points_under_three_megabytes() -> None:
    html = render_map(synthetic_points(20_000), title="All incidents", asset_prefix=PREFIX)
    size = len(html.encode("utf-8"))
    assert size < 3_000_000, size
    assert html.count("L.circleMarker") == 0  # markers are built client-side from one array
