"""The offline basemap: open geographic data cut to Iraq and Baghdad, simplified and rounded.

Run once by a maintainer when the sources change (generator/data/README.md says where they
come from); the build only copies its output, ``generator/data/basemap.js`` (one GeoJSON
FeatureCollection assigned to ``window.IncidentBasemap``) and ``iraq-border.geojson``.

    python -m generator.basemap --cod DIR --natural-earth DIR

DIR for --cod holds OCHA's Iraq COD-AB GeoJSON (irq_admbnda_adm{0,1,3}_..._20190603.geojson);
DIR for --natural-earth holds ne_10m_rivers_lake_centerlines.json and
ne_10m_populated_places_simple.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
BASEMAP_JS = DATA_DIR / "basemap.js"
BORDER_FILE = DATA_DIR / "iraq-border.geojson"
JS_PREFIX = "window.IncidentBasemap="
IRAQ_BOX = (38.7, 29.0, 48.7, 37.5)           # west, south, east, north
BAGHDAD_BOX = (44.0, 33.0, 44.8, 33.8)
# The city's own districts: the Baghdad view frames these whatever else the map holds.
CITY_DISTRICTS = ("Markaz Al-Adhamiya", "Markaz Al-Kadhimiya", "Markaz Al-Karkh", "Al-Mansour",
                  "Al-Karrada Al-Sharqia", "Baghdad Al-Jedeeda", "Markaz Al-Thawra")
RIVERS = {"Tigris": "Tigris", "Euphrates": "Euphrates", "Al Furat": "Euphrates",
          "Shatt al Arab": "Shatt al-Arab", "Gharraf Canal": "Gharraf canal",
          "Shatt al Hillah": "Shatt al-Hillah", "Hindiyah Channel": "Hindiya channel"}
ATTRIBUTION = "Boundaries \u00a9 OCHA, Iraq CSO (CC BY 3.0 IGO) \u00b7 Natural Earth"
# (tolerance in degrees, decimals kept): about 40 m for the city, 500 m for the country
CITY_DETAIL = (0.0004, 4)
COUNTRY_DETAIL = (0.005, 3)

Point = tuple[float, float]


# ---------------------------------------------------------------- simplification


def _distance(p: Point, a: Point, b: Point) -> float:
    """Distance from p to the segment a-b, in degrees (fine at this scale)."""
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """The points a line needs to stay within `tolerance` of the original (iterative)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, worst = 0, -1.0
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > worst:
                index, worst = i, d
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _line(points: Sequence[Sequence[float]], detail: tuple[float, int]) -> list[list[float]]:
    tolerance, digits = detail
    simple = douglas_peucker([(p[0], p[1]) for p in points], tolerance)
    rounded = [[round(x, digits), round(y, digits)] for x, y in simple]
    return [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]


def _ring(points: Sequence[Sequence[float]], detail: tuple[float, int]) -> list[list[float]] | None:
    ring = _line(points, detail)
    if len(ring) < 4:   # a ring smaller than the tolerance: not worth drawing
        return None
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def simplify(geometry: dict[str, Any], detail: tuple[float, int]) -> dict[str, Any] | None:
    """A (Multi)Polygon or (Multi)LineString simplified and rounded; None if nothing is left."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        line = _line(coords, detail)
        return {"type": kind, "coordinates": line} if len(line) > 1 else None
    if kind == "MultiLineString":
        lines = [line for part in coords if len(line := _line(part, detail)) > 1]
        return {"type": kind, "coordinates": lines} if lines else None
    polygons = [coords] if kind == "Polygon" else coords
    kept = []
    for polygon in polygons:
        rings = [_ring(ring, detail) for ring in polygon]
        if rings and rings[0]:
            kept.append([r for r in rings if r])
    if not kept:
        return None
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def _points(geometry: dict[str, Any]) -> list[Sequence[float]]:
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return [coords]
    if kind == "LineString":
        return list(coords)
    if kind in ("MultiLineString", "Polygon"):
        return [p for part in coords for p in part]
    return [p for polygon in coords for ring in polygon for p in ring]


def bounds(geometries: Sequence[dict[str, Any]]) -> list[list[float]]:
    """[[south, west], [north, east]] of the geometries, as Leaflet takes them."""
    points = [p for g in geometries for p in _points(g)]
    return [[min(p[1] for p in points), min(p[0] for p in points)],
            [max(p[1] for p in points), max(p[0] for p in points)]]


def _touches(geometry: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    return any(west <= p[0] <= east and south <= p[1] <= north for p in _points(geometry))


# ---------------------------------------------------------------- sources


def _feature(kind: str, name: str, geometry: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"kind": kind, "name": name, **extra},
            "geometry": geometry}


def _read(path: Path) -> list[dict[str, Any]]:
    features: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["features"]
    return features


def _district_name(official: str) -> str:
    """'Markaz Al-Karkh' (the district's centre) reads as 'Al-Karkh' on a city map."""
    return official.removeprefix("Markaz ")


def cod_features(cod: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Governorates (Iraq-wide), Baghdad's sub-districts, and the border geometry."""
    border = simplify(_read(next(cod.glob("*adm0*.geojson")))[0]["geometry"], COUNTRY_DETAIL)
    assert border is not None
    features = [_feature("border", "Iraq", border)]
    for item in sorted(_read(next(cod.glob("*adm1*.geojson"))),
                       key=lambda f: f["properties"]["ADM1_EN"]):
        props = item["properties"]
        if (geometry := simplify(item["geometry"], COUNTRY_DETAIL)) is not None:
            features.append(_feature("governorate", props["ADM1_EN"], geometry,
                                     arabic=props["ADM1_AR"]))
    for item in sorted(_read(next(cod.glob("*adm3*.geojson"))),
                       key=lambda f: f["properties"]["ADM3_EN"]):
        props = item["properties"]
        if props["ADM1_EN"] != "Baghdad":
            continue
        if (geometry := simplify(item["geometry"], CITY_DETAIL)) is not None:
            city = props["ADM3_EN"] in CITY_DISTRICTS
            features.append(_feature("district", _district_name(props["ADM3_EN"]), geometry,
                                     arabic=props["ADM3_AR"], city=city))
    return features, border


def natural_earth_features(folder: Path) -> list[dict[str, Any]]:
    """Rivers crossing Iraq (finer in Baghdad) and Iraq's cities, largest first."""
    features = []
    for item in _read(folder / "ne_10m_rivers_lake_centerlines.json"):
        name = RIVERS.get(item["properties"].get("name") or "")
        geometry = item["geometry"]
        if name and geometry and _touches(geometry, IRAQ_BOX):
            detail = CITY_DETAIL if _touches(geometry, BAGHDAD_BOX) else COUNTRY_DETAIL
            if (simple := simplify(geometry, detail)) is not None:
                features.append(_feature("river", name, simple))
    cities = [item for item in _read(folder / "ne_10m_populated_places_simple.json")
              if item["properties"].get("adm0name") == "Iraq" and item["geometry"]]
    cities.sort(key=lambda f: (-(f["properties"].get("pop_max") or 0), f["properties"]["name"]))
    for rank, item in enumerate(cities):
        lon, lat = item["geometry"]["coordinates"]
        features.append(_feature("city", item["properties"]["name"],
                                 {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
                                 rank=rank))
    return features


def build(cod: Path, natural_earth: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(basemap FeatureCollection, Iraq border FeatureCollection)."""
    features, border = cod_features(cod)
    features += natural_earth_features(natural_earth)
    city = [f["geometry"] for f in features if f["properties"].get("city")]
    basemap = {
        "type": "FeatureCollection",
        "properties": {"attribution": ATTRIBUTION,
                       "views": {"baghdad": bounds(city), "iraq": bounds([border])}},
        "features": features,
    }
    border_collection = {"type": "FeatureCollection", "features": [
        _feature("border", "Iraq", border, source="OCHA COD-AB Iraq 2019 (CC BY 3.0 IGO)")]}
    return basemap, border_collection


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write(cod: Path, natural_earth: Path, out: Path = DATA_DIR) -> None:
    basemap, border = build(cod, natural_earth)
    (out / BASEMAP_JS.name).write_text(JS_PREFIX + _dump(basemap) + ";\n", encoding="utf-8")
    (out / BORDER_FILE.name).write_text(_dump(border) + "\n", encoding="utf-8")
    log.info("wrote %s (%d features)", out / BASEMAP_JS.name, len(basemap["features"]))


def load_basemap(path: Path = BASEMAP_JS) -> dict[str, Any]:
    """The basemap FeatureCollection shipped with the site."""
    text = path.read_text(encoding="utf-8").strip()
    data: dict[str, Any] = json.loads(text.removeprefix(JS_PREFIX).removesuffix(";"))
    return data


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m generator.basemap", description=__doc__)
    parser.add_argument("--cod", type=Path, required=True)
    parser.add_argument("--natural-earth", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    write(args.cod, args.natural_earth, args.out)


if __name__ == "__main__":
    main()
