"""The bundled site's maps, in headless Chromium with every request off the loopback blocked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from map_probes import READY, RENDERED, VIEW, click_centre_until, labels_never_clash, screenshot

from generator.maps import view_bounds
from generator.pipeline import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser
SHOW_ALL = """() => {
    const {map, groups} = window.IncidentMap.instance;
    const bounds = L.latLngBounds([]);
    groups.forEach(g => g.getLayers().forEach(m => bounds.extend(m.getLatLng())));
    map.fitBounds(bounds, {animate: false});
}"""
BACKGROUND = """() => getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor"""


@pytest.fixture
def site_url(bundled_site: Path, static_server) -> str:
    return static_server(bundled_site)


def map_frame(page, url: str, title: str | None = None):
    """The map iframe of a page (the one with this title where a page has several)."""
    page.goto(url)
    selector = f'iframe.briefing-map[title="{title}"]' if title else "iframe.briefing-map"
    page.locator(selector).scroll_into_view_if_needed()
    page.frame_locator(selector).locator(".folium-map").wait_for()
    handle = page.query_selector(selector).content_frame()
    handle.wait_for_function(READY)
    return handle


def luminance(css_colour: str) -> float:
    red, green, blue = (int(part) for part in css_colour[css_colour.index("(") + 1:-1].split(",")[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_the_incidents_page_shows_baghdad_and_all_iraq(page, site_url, bundled_site):
    located = json.loads((bundled_site / "incidents" / "incidents.geojson").read_text("utf-8"))
    baghdad = map_frame(page, site_url + "incidents/", "Map of incidents in Baghdad")
    view = baghdad.evaluate(VIEW, view_bounds()["baghdad"])
    assert view["holds"] and view["latSpan"] < 0.6, view        # the districts, not Iraq
    assert baghdad.locator("path.im-bm-district").count() == 21
    baghdad.evaluate(SHOW_ALL)
    baghdad.wait_for_function(f"() => ({RENDERED})() === {len(located['features'])}")
    iraq = map_frame(page, site_url + "incidents/", "Map of incidents across Iraq")
    view = iraq.evaluate(VIEW, view_bounds()["iraq"])
    assert view["holds"] and view["latSpan"] < 15, view
    assert iraq.locator("path.im-bm-governorate").count() == 18
    assert not page.blocked_requests and not page.page_errors


def test_a_popup_tells_place_precision_casualties_ledger_and_sources(page, site_url):
    frame = map_frame(page, site_url + "incidents/", "Map of incidents in Baghdad")
    frame.evaluate("""() => {
        const {map, groups} = window.IncidentMap.instance;
        const marker = groups.flatMap(g => g.getLayers())
            .find(m => m.incidentRow[1].startsWith('Security analyst Hisham al-Hashimi'));
        map.setView(marker.getLatLng(), 18, {animate: false});
    }""")
    frame.wait_for_function("() => document.querySelectorAll('path.im-marker').length > 0")
    frame.wait_for_timeout(300)
    box = page.locator('iframe[title="Map of incidents in Baghdad"]').bounding_box()
    popup = frame.locator(".leaflet-popup-content")
    assert click_centre_until(page, box, popup), "no popup opened"
    text = popup.inner_text()
    assert "Security analyst Hisham al-Hashimi shot dead" in text
    assert "2020-07-06" in text and "assassination" in text
    assert "Place: Zayouna (district or area, within about 1.5 km)" in text
    assert "Killed: " in text and "Wounded: " in text
    assert "Kataib Hezbollah" in text and "suspected" in text
    assert popup.locator(".im-attributions a[href*='militias/kataib-hezbollah/']").count() == 1
    assert popup.locator(".im-sources a[href*='documents/']").count() >= 1
    assert frame.locator("path.im-area").count() >= 1                      # drawn as an area


def test_a_groups_own_map_says_what_the_ledger_says_about_it(page, site_url):
    frame = map_frame(page, site_url + "militias/kataib-hezbollah/")
    total = frame.evaluate("() => window.IncidentMap.instance.groups"
                           ".reduce((n, g) => n + g.getLayers().length, 0)")
    rows = page.locator("h2#incidents ~ div table").first.locator("tbody tr").count()
    unmapped = sum(1 for incident in load_catalogue(ROOT / "content").incidents.values()
                   if incident.place is None and incident.latitude is None
                   and any(a.actor == "kataib-hezbollah" for a in incident.attribution))
    assert total == rows - unmapped > 0   # incidents outside Iraq (Tower 22) are listed, not drawn
    layers = frame.evaluate("() => window.IncidentMap.instance.layers.map(l => l[0])")
    assert "Denied by Kataib Hezbollah" in layers and "Unattributed" not in layers
    view = frame.evaluate(VIEW, [[33.2, 44.3], [33.4, 44.5]])
    assert view["latSpan"] > 0.05 and view["zoom"] <= 13, view             # never a 300 m view
    assert not page.blocked_requests and not page.page_errors


def test_every_incident_page_has_its_own_small_map(page, site_url):
    frame = map_frame(page, site_url + "incidents/2020-09-28-radwaniyah-rocket-deaths/")
    assert frame.evaluate("() => window.IncidentMap.instance.count") == 1
    assert frame.locator("path.im-launch-line").count() == 1               # launch to impact
    assert frame.locator("path.im-area").count() == 1                      # geo_precision 2
    assert frame.evaluate(VIEW, [[33.23, 44.24], [33.28, 44.28]])["holds"]   # impact and launch
    assert page.locator("iframe.briefing-map--small").count() == 1
    screenshot(page, "incident-radwaniyah")
    assert not page.blocked_requests and not page.page_errors


def test_the_map_follows_the_sites_dark_scheme(page, site_url):
    page.emulate_media(color_scheme="dark")
    frame = map_frame(page, site_url + "incidents/", "Map of incidents in Baghdad")
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert luminance(frame.evaluate(BACKGROUND)) < 0.25
    screenshot(page, "incidents-dark")
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'default')")
    frame.wait_for_function("() => document.documentElement.getAttribute('data-im-scheme') === 'light'")
    assert luminance(frame.evaluate(BACKGROUND)) > 0.6


def test_labels_never_overlap_each_other_or_markers(page, site_url):
    frame = map_frame(page, site_url + "incidents/", "Map of incidents in Baghdad")
    assert labels_never_clash(frame, range(9, 17)) > 10
    frame = map_frame(page, site_url + "incidents/", "Map of incidents across Iraq")
    assert labels_never_clash(frame, range(5, 9)) > 10


def test_a_marker_opens_from_the_keyboard(page, site_url):
    page.goto(site_url + "maps/incident-2020-07-06-hisham-al-hashimi-assassination.html")
    page.wait_for_function(READY)
    page.wait_for_timeout(200)
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('path.im-marker')"):
            break
    name = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert name and name.startswith("Security analyst Hisham al-Hashimi")
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "button"
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content .im-title")
    popup.wait_for(timeout=3000)
    assert popup.inner_text().startswith("Security analyst Hisham al-Hashimi")
    assert page.evaluate("() => !!document.activeElement.closest('.leaflet-popup')")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert page.locator("main .folium-map").count() == 1
    viewport = page.get_attribute("meta[name=viewport]", "content")
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport
