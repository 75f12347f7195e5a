"""`make site ENGINE=zensical`: Material's successor builds the same site from mkdocs.yml."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from generator.pipeline import build_site

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.slow]


def test_zensical_is_installed_for_the_slow_group():
    assert importlib.util.find_spec("zensical") is not None, \
        "zensical is missing: `make test` installs it (pip install -e '.[zensical]')"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("zensical")
    build_site(ROOT / "content", work / "docs", work / "site", engine="zensical")
    return work / "site"


def test_profile_page_shows_arabic_name_and_aliases(zensical_site: Path) -> None:
    page = zensical_site / "militias" / "kataib-hezbollah" / "index.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    assert "كتائب حزب الله" in html
    for alias in ("Kata&#39;ib Hizballah", "Hezbollah Brigades"):
        assert alias in html or alias.replace("&#39;", "'") in html


def test_search_data_exists(zensical_site: Path) -> None:
    index = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    locations = {item["location"] for item in index["items"]}
    assert any(location.startswith("militias/kataib-hezbollah/") for location in locations)


def test_site_ships_its_own_assets(zensical_site: Path) -> None:
    html = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html
    assert (zensical_site / "assets" / "briefing.css").is_file()
