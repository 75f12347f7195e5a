"""The bundled site's maps, in headless Chromium with every request off the loopback blocked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from map_probes import READY, RENDERED, click_centre_until

pytestmark = pytest.mark.browser
SHOW_ALL = """() => {
    const {map, groups} = window.IncidentMap.instance;
    const bounds = L.latLngBounds([]);
    groups.forEach(g => g.getLayers().forEach(m => bounds.extend(m.getLatLng())));
    map.fitBounds(bounds, {animate: false});
}"""


@pytest.fixture
def site_url(bundled_site: Path, static_server) -> str:
    return static_server(bundled_site)


def map_frame(page, url: str):
    page.goto(url)
    frame = page.frame_locator("iframe.briefing-map")
    frame.locator(".folium-map").wait_for()
    handle = page.query_selector("iframe.briefing-map").content_frame()
    handle.wait_for_function(READY)
    return handle


def test_the_incidents_map_shows_every_located_incident_and_the_basemap(page, site_url,
                                                                      bundled_site):
    located = json.loads((bundled_site / "incidents" / "incidents.geojson").read_text("utf-8"))
    frame = map_frame(page, site_url + "incidents/")
    frame.evaluate(SHOW_ALL)
    expected = len(located["features"])
    frame.wait_for_function(f"() => ({RENDERED})() === {expected}")
    assert frame.locator(".im-label-district").count() > 0     # the offline basemap
    assert frame.locator(".im-label-landmark").count() > 0
    assert not page.blocked_requests and not page.page_errors


def test_a_popup_opens_with_the_incident_and_its_attribution(page, site_url):
    frame = map_frame(page, site_url + "incidents/")
    frame.evaluate("""() => {
        const {map, groups} = window.IncidentMap.instance;
        const marker = groups.flatMap(g => g.getLayers())
            .find(m => m.incidentRow[1].startsWith('Security analyst Hisham al-Hashimi'));
        map.setView(marker.getLatLng(), 18, {animate: false});
    }""")
    frame.wait_for_function("() => document.querySelectorAll('path.im-marker').length > 0")
    page.locator("iframe.briefing-map").scroll_into_view_if_needed()
    box = page.locator("iframe.briefing-map").bounding_box()
    popup = frame.locator(".leaflet-popup-content")
    assert click_centre_until(page, box, popup), "no popup opened"
    text = popup.inner_text()
    assert "Security analyst Hisham al-Hashimi shot dead" in text
    assert "Kataib Hezbollah" in text and "suspected" in text


def test_the_kataib_hezbollah_profile_shows_its_own_map(page, site_url):
    frame = map_frame(page, site_url + "militias/kataib-hezbollah/")
    total = frame.evaluate("() => window.IncidentMap.instance.groups"
                           ".reduce((n, g) => n + g.getLayers().length, 0)")
    rows = page.locator("h2#incidents ~ div table").first.locator("tbody tr").count()
    assert total == rows > 0
    assert not page.blocked_requests and not page.page_errors
