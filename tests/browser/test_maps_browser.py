"""Incident maps in headless Chromium with the network cut off."""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import pytest
from map_probes import READY, RENDERED

from generator.maps import ASSET_DIR, Attribution, MapPoint, asset_files, render_map

pytestmark = pytest.mark.browser

HOSTILE = [
    "</script><script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "`${window.__xss=1}` {{ 7*7 }}",
    "\"'><svg onload=window.__xss=1>",
]
MAP_DIR = "maps/test"



def _point(i: int, rng: random.Random, title: str, layer: str) -> MapPoint:
    day = f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}"
    return MapPoint(
        id=f"{day}-incident-{i}", title=title, date=day, kind="rocket",
        lat=33.25 + rng.uniform(0, 0.15), lon=44.30 + rng.uniform(0, 0.18),
        geo_precision=1 + i % 3, killed=str(i % 4), wounded="",
        url=f"../../incidents/{day}-incident-{i}/", layer=layer,
        attributions=(Attribution(layer, "../../militias/x/", "suspected", "US officials"),),
        sources=((f"Report {i}", f"https://example.org/r/{i}"),),
    )


def hostile_point(i: int, text: str) -> MapPoint:
    return MapPoint(
        id=f"2021-05-0{i + 1}-hostile-{i}", title=text, date=f"2021-05-0{i + 1}", kind=text,
        lat=33.300 + 0.01 * i, lon=44.420, geo_precision=2, killed=text, wounded=text,
        url="javascript:window.__xss=1", layer=text,
        attributions=(Attribution(text, "javascript:window.__xss=1", text, text),),
        sources=((text, "JaVaScRiPt:window.__xss=1"), (text, "../../documents/ok/", text)),
        place=text, launch=(33.31 + 0.01 * i, 44.43, text),
    )


def map_points(n: int, seed: int = 3) -> list[MapPoint]:
    rng = random.Random(seed)
    layers = ["Kataib Hezbollah", "Asaib Ahl al-Haq", "Harakat al-Nujaba", "Unattributed"]
    return [_point(i, rng, f"Rocket attack {i}", layers[i % len(layers)]) for i in range(n)]


def write_site(root: Path, points: list[MapPoint], tiles_url: str | None = None) -> str:
    """Assets and one map page under root; returns the page path relative to root."""
    for rel, source in asset_files().items():
        target = root / ASSET_DIR / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    page_dir = root / MAP_DIR
    page_dir.mkdir(parents=True, exist_ok=True)
    html = render_map(points, title="Test map", asset_prefix="../../assets/maps/",
                      tiles_url=tiles_url)
    (page_dir / "index.html").write_text(html, encoding="utf-8")
    return f"{MAP_DIR}/index.html"


def open_map(page, static_server, root: Path, path: str) -> None:
    page.goto(static_server(root) + path)
    page.wait_for_function(READY)


def rendered_count(page) -> int:
    """Markers on screen: unclustered circle markers plus the counts on cluster icons."""
    return page.evaluate(RENDERED)


def wait_rendered(page, expected: int) -> None:
    """Wait until the count has shown `expected` for 400 ms on end (old and new cluster icons
    overlap while they animate, and a late zoom can start one more), then let the caller assert."""
    page.wait_for_timeout(200)
    try:
        page.wait_for_function(f"""() => {{
            const now = performance.now();
            if (({RENDERED})() !== {expected}) {{ window.__steadySince = null; return false; }}
            window.__steadySince = window.__steadySince || now;
            return now - window.__steadySince > 400;
        }}""", timeout=15000, polling=100)
    except Exception:  # noqa: BLE001 - the caller's assertion reports the numbers
        pass


def assert_clean(page) -> None:
    assert page.evaluate("() => window.__xss") is None
    assert page.page_errors == []
    assert page.console_errors == []
    assert page.blocked_requests == []


def click_incident(page, title: str) -> None:
    """Zoom to the incident's marker and click it like a user."""
    box = page.locator(".folium-map").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] - 5)
    page.evaluate("""(title) => {
        const {map, groups} = window.IncidentMap.instance;
        map.closePopup();
        for (const g of groups) for (const m of g.getLayers()) {
            if (m.incidentRow[1] === title) { map.setView(m.getLatLng(), 18, {animate: false}); return; }
        }
        throw new Error('no marker for ' + title);
    }""", title)
    page.wait_for_function("() => document.querySelectorAll('path.im-marker').length > 0"
                           " && !document.querySelector('.leaflet-popup')")
    page.wait_for_timeout(250)  # cluster and fade animations
    popup = page.locator(".leaflet-popup-content .im-title")
    for _ in range(4):   # an animation can swallow a click, or a neighbour's area take it
        x, y = page.evaluate("""(title) => {
            const {map, groups} = window.IncidentMap.instance;
            const m = groups.flatMap(g => g.getLayers()).find(m => m.incidentRow[1] === title);
            const drawn = m._path || m._icon;
            if (!drawn) { const c = map.latLngToContainerPoint(m.getLatLng()),
                                r = map.getContainer().getBoundingClientRect();
                          return [r.x + c.x, r.y + c.y]; }
            const r = drawn.getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2];
        }""", title)
        page.mouse.click(x, y)
        try:
            popup.wait_for(timeout=2000)
        except Exception:  # noqa: BLE001 - retried, then reported below
            page.wait_for_timeout(250)
            continue
        if title in popup.inner_text():
            return
        page.evaluate("() => window.IncidentMap.instance.map.closePopup()")
        page.wait_for_timeout(250)
    raise AssertionError(f"no popup of {title!r} opened")


def hover_incident(page, title: str) -> None:
    """Close the popup, centre the incident's marker again and rest the mouse on it."""
    box = page.locator(".folium-map").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] - 5)
    page.evaluate("""(title) => {
        const {map, groups} = window.IncidentMap.instance;
        map.closePopup();
        const marker = groups.flatMap(g => g.getLayers()).find(m => m.incidentRow[1] === title);
        map.setView(marker.getLatLng(), 18, {animate: false});
    }""", title)
    page.wait_for_timeout(250)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.fixture
def small_map(tmp_path: Path) -> tuple[Path, str, list[MapPoint]]:
    points = map_points(26) + [hostile_point(i, text) for i, text in enumerate(HOSTILE)]
    return tmp_path, write_site(tmp_path, points), points


def test_map_loads_offline_and_shows_every_point(page, static_server, small_map) -> None:
    root, path, points = small_map
    open_map(page, static_server, root, path)
    assert page.evaluate("() => typeof window.L === 'object' && L.version") == "1.9.3"
    total = page.evaluate("() => window.IncidentMap.instance.groups"
                          ".reduce((n, g) => n + g.getLayers().length, 0)")
    assert total == len(points)
    wait_rendered(page, len(points))
    assert rendered_count(page) == len(points)
    assert page.locator("path.im-bm-district").count() == 21        # the offline basemap
    assert page.locator("path.im-bm-border").count() == 1
    assert page.locator(".im-label-district:not(.im-label-hidden)").count() >= 5
    first_layer = page.evaluate("() => window.IncidentMap.instance.groups[0].getLayers().length")
    page.locator(".leaflet-control-layers").hover()
    page.locator(".leaflet-control-layers-overlays input").first.click()
    wait_rendered(page, len(points) - first_layer)
    assert rendered_count(page) == len(points) - first_layer
    assert_clean(page)


def test_popups_and_legend_show_hostile_text_as_text(page, static_server, small_map) -> None:
    root, path, _ = small_map
    open_map(page, static_server, root, path)
    legend = page.locator(".im-legend").inner_text()
    page.locator(".leaflet-control-layers").hover()
    control = page.locator(".leaflet-control-layers-overlays").inner_text()
    for text in HOSTILE:
        assert text in legend and text in control
    for text in HOSTILE:
        click_incident(page, text)
        assert page.locator(".leaflet-popup-content .im-title").inner_text() == text
        assert page.locator(".leaflet-popup-content .im-title a").count() == 0  # javascript: URL
        hover_incident(page, text)   # the popup's auto-pan may have moved the marker away
        assert page.locator(".leaflet-tooltip .im-tooltip").inner_text() == text
    assert page.locator("a[href*='script:' i]").count() == 0
    assert page.locator("img[src='x'], svg[onload]").count() == 0
    assert_clean(page)


def test_popup_links_use_safe_urls(page, static_server, small_map) -> None:
    root, path, points = small_map
    open_map(page, static_server, root, path)
    click_incident(page, "Rocket attack 9")   # an exact point (precision 1) of Asaib's layer
    popup = page.locator(".leaflet-popup-content")
    assert popup.locator(".im-title a").get_attribute("href") == points[9].url
    assert popup.locator(".im-title a").get_attribute("target") == "_top"
    assert popup.locator(".im-sources a").get_attribute("href") == "https://example.org/r/9"
    assert "Asaib Ahl al-Haq \u2014 suspected (by US officials)" in popup.inner_text()
    assert_clean(page)


def test_network_guard_records_tile_requests(page, static_server, tmp_path: Path) -> None:
    """The guard itself works: a map with a remote tile layer gets its requests blocked."""
    path = write_site(tmp_path, map_points(5), tiles_url="https://tiles.example.org/{z}/{x}/{y}.png")
    open_map(page, static_server, tmp_path, path)
    page.wait_for_function("() => document.querySelectorAll('img.leaflet-tile').length > 0")
    page.wait_for_timeout(200)
    assert page.blocked_requests
    assert all(url.startswith("https://tiles.example.org/") for url in page.blocked_requests)
    # the basemap's land lets the tiles show through
    assert page.evaluate("() => document.querySelector('.leaflet-container')"
                         ".classList.contains('im-with-tiles')")


def test_twenty_thousand_points_open(page, static_server, tmp_path: Path, capsys) -> None:
    points = map_points(20_000, seed=11)
    path = write_site(tmp_path, points)
    size = (tmp_path / path).stat().st_size
    started = time.perf_counter()
    open_map(page, static_server, tmp_path, path)
    page.wait_for_selector(".im-cluster")
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n20,000-point map: {size / 1e6:.2f} MB HTML, opened with clusters in {elapsed:.2f} s")
    wait_rendered(page, len(points))   # old and new cluster icons overlap while they animate
    assert rendered_count(page) == len(points)
    assert_clean(page)
