"""Iraq's border polygon: the content check and the ACLED import tell Iraqi towns from their
neighbours across the border, which a rectangle could not."""

from __future__ import annotations

import json

import pytest

from generator.border import BORDER_FILE, inside_iraq
from generator.references import inside_iraq as validator_inside_iraq

IRAQI = {"Baghdad": (33.3152, 44.3661), "Al-Qaim": (34.3715, 41.0946),
         "Husaybah": (34.3949, 41.0092), "Zakho": (37.1436, 42.6819),
         "Amedi": (37.0928, 43.4872), "Erbil": (36.1911, 44.0092), "Basra": (30.5081, 47.7835),
         "Umm Qasr": (30.0362, 47.9195), "Rutba": (33.0381, 40.2848),
         "Sinjar": (36.3209, 41.8754), "Khanaqin": (34.3484, 45.3906),
         "Badra": (33.1069, 45.9353), "Halabja": (35.1779, 45.9864), "Penjwen": (35.6233, 45.9456)}
NEIGHBOURS = {"Al-Bukamal (Syria)": (34.4537, 40.9365), "Ahvaz (Iran)": (31.3183, 48.6706),
              "Cukurca (Turkey)": (37.2475, 43.6142), "Khorramshahr (Iran)": (30.4397, 48.1664),
              "Abadan (Iran)": (30.3392, 48.3043), "Qamishli (Syria)": (37.0522, 41.2267),
              "Mehran (Iran)": (33.1222, 46.1646), "Marivan (Iran)": (35.518, 46.176),
              "Qasr-e Shirin (Iran)": (34.516, 45.579), "Arar (Saudi Arabia)": (30.975, 41.038),
              "Abdali (Kuwait)": (29.9, 47.8), "London": (51.5, -0.12)}


@pytest.mark.parametrize("town", sorted(IRAQI))
def test_iraqi_towns_are_inside(town):
    assert inside_iraq(*IRAQI[town]) and validator_inside_iraq(*IRAQI[town])


@pytest.mark.parametrize("town", sorted(NEIGHBOURS))
def test_towns_across_the_border_are_outside(town):
    """All of these were inside the old 29-37.5N, 38.7-48.7E rectangle but London."""
    assert not inside_iraq(*NEIGHBOURS[town]) and not validator_inside_iraq(*NEIGHBOURS[town])


def test_the_border_file_is_small_and_says_where_it_comes_from():
    assert BORDER_FILE.stat().st_size < 10_000
    feature = json.loads(BORDER_FILE.read_text(encoding="utf-8"))["features"][0]
    assert "OCHA" in json.dumps(feature["properties"])
    readme = (BORDER_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert "CC BY 3.0 IGO" in readme and "iraq-border.geojson" in readme
