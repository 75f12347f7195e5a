"""Iraq's border as a polygon (generator/data/iraq-border.geojson), and a point-in-polygon test.

The polygon is small (about 400 vertices), so an even-odd ray cast over its edges is fast enough
for every incident and every row of an ACLED export; a bounding-box check skips most far points.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

BORDER_FILE = Path(__file__).resolve().parent / "data" / "iraq-border.geojson"
Ring = tuple[tuple[float, float], ...]   # (longitude, latitude), first point repeated last


@functools.cache
def iraq_rings() -> tuple[Ring, ...]:
    """The outer ring(s) of Iraq's border, as (longitude, latitude) pairs."""
    data = json.loads(BORDER_FILE.read_text(encoding="utf-8"))
    rings: list[Ring] = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
                    else geometry["coordinates"])
        rings += [tuple((float(x), float(y)) for x, y in polygon[0]) for polygon in polygons]
    return tuple(rings)


@functools.cache
def _boxes() -> tuple[tuple[float, float, float, float], ...]:
    return tuple((min(x for x, _ in r), min(y for _, y in r), max(x for x, _ in r),
                  max(y for _, y in r)) for r in iraq_rings())


def in_ring(longitude: float, latitude: float, ring: Ring) -> bool:
    """Even-odd rule: a ray from the point towards +longitude crosses the ring an odd number of
    times exactly when the point is inside."""
    inside = False
    x0, y0 = ring[0]
    for x1, y1 in ring[1:]:
        if (y0 > latitude) != (y1 > latitude):
            crossing = x0 + (latitude - y0) * (x1 - x0) / (y1 - y0)
            if longitude < crossing:
                inside = not inside
        x0, y0 = x1, y1
    return inside


def inside_iraq(latitude: float, longitude: float) -> bool:
    """True if the point lies within Iraq's border (to within about a kilometre)."""
    for ring, (west, south, east, north) in zip(iraq_rings(), _boxes(), strict=True):
        if west <= longitude <= east and south <= latitude <= north and in_ring(
                longitude, latitude, ring):
            return True
    return False
