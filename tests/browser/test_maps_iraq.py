"""Maps of a content tree with incidents all over Iraq (Mosul to Basra, Sinjar to al-Qaim),
actors without profiles, denials, and a stack of incidents at one spot: built like the real
site, opened in headless Chromium with the network cut off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from map_probes import READY, VIEW, labels_never_clash, screenshot

from generator.maps import view_bounds
from generator.pipeline import build_site, load_catalogue

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = "afp-2020-09-29-radwaniyah-rocket-deaths"
PLACES = {  # slug: (name, latitude, longitude, precision)
    "test-mosul-airport": ("Mosul airport", 36.3058, 43.1474, 1),
    "test-sinjar": ("Sinjar", 36.3209, 41.8767, 3),
    "test-erbil-airport": ("Erbil International Airport", 36.2376, 43.9632, 1),
    "test-kirkuk-k1": ("K-1 air base, Kirkuk", 35.5142, 44.2803, 1),
    "test-al-qaim": ("Al-Qaim", 34.3725, 41.0933, 3),
    "test-ain-al-asad": ("Ain al-Asad air base", 33.7856, 42.4412, 1),
    "test-jurf-al-sakhar": ("Jurf al-Sakhar", 32.8833, 44.1333, 3),
    "test-najaf": ("Najaf", 31.9960, 44.3140, 3),
    "test-basra-port": ("Umm Qasr port", 30.0360, 47.9250, 2),
    "test-amarah": ("Amarah", 31.8356, 47.1448, 3),
}
# (slug, place, actor or actor_name, status, launch_place)
INCIDENTS = [
    ("2021-02-15-erbil-airport-rockets", "test-erbil-airport",
     "actor_name: Saraya Awliya al-Dam", "claimed", "test-kirkuk-k1"),
    ("2021-03-03-ain-al-asad-rockets", "test-ain-al-asad", "actor: kataib-hezbollah",
     "suspected", None),
    ("2021-04-14-erbil-drone", "test-erbil-airport", "actor_name: unknown", "suspected", None),
    ("2021-05-01-mosul-airport-rockets", "test-mosul-airport", "actor: asaib-ahl-al-haq",
     "denied", None),
    ("2021-06-07-sinjar-strike", "test-sinjar", "actor_name: Turkish armed forces", "claimed",
     None),
    ("2021-06-27-al-qaim-strikes", "test-al-qaim", "actor: kataib-hezbollah", "attributed",
     None),
    ("2021-07-07-jurf-al-sakhar-raid", "test-jurf-al-sakhar", "actor_name: Iraqi security forces",
     "claimed", None),
    ("2021-08-01-najaf-shooting", "test-najaf", "actor_name: unknown", "suspected", None),
    ("2021-09-12-umm-qasr-ied", "test-basra-port", "actor: kataib-hezbollah", "suspected",
     None),
    ("2021-10-10-amarah-assassination", "test-amarah", "actor: asaib-ahl-al-haq", "attributed",
     None),
]
STACK = 5   # incidents at Tahrir Square on one day: markers on one spot


def _incident(slug: str, place: str, actor: str, status: str, launch: str | None) -> str:
    text = (f"title: {slug[11:].replace('-', ' ').capitalize()}\ndate: {slug[:10]}\n"
            f"kind: rocket\nplace: {place}\nkilled: 1-2\nwounded: 3\n"
            f"attribution:\n  - {actor}\n    status: {status}\n    by: news reports\n"
            f"    sources: [{DOCUMENT}]\nsources: [{DOCUMENT}]\n")
    if launch:
        text += f"launch_place: {launch}\nlaunch_sources: [{DOCUMENT}]\n"
    return text


def write_tree(target: Path) -> Path:
    shutil.copytree(ROOT / "content", target)
    places = "".join(
        f"- slug: {slug}\n  name: {name}\n  latitude: {lat}\n  longitude: {lon}\n"
        f"  kind: city\n  geo_precision: {precision}\n"
        for slug, (name, lat, lon, precision) in PLACES.items())
    (target / "places" / "iraq.yml").write_text(places, encoding="utf-8")
    for slug, place, actor, status, launch in INCIDENTS:
        (target / "incidents" / f"{slug}.yml").write_text(
            _incident(slug, place, actor, status, launch), encoding="utf-8")
    for i in range(STACK):
        slug = f"2022-01-0{i + 1}-tahrir-square-rockets-{i}"
        (target / "incidents" / f"{slug}.yml").write_text(
            _incident(slug, "tahrir-square", "actor: kataib-hezbollah", "suspected", None),
            encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def iraq_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("iraq")
    build_site(write_tree(work / "content"), work / "docs", work / "site")
    return work / "site"


def open_map(page, base: str, name: str) -> None:
    page.goto(f"{base}maps/{name}")
    page.wait_for_function(READY)
    page.wait_for_timeout(300)


def test_baghdad_stays_on_its_districts_and_iraq_shows_every_incident(page, static_server,
                                                                       iraq_site):
    base = static_server(iraq_site)
    open_map(page, base, "incidents.html")
    view = page.evaluate(VIEW, view_bounds()["baghdad"])
    assert view["holds"] and view["latSpan"] < 0.6, view
    screenshot(page, "generated-baghdad")
    open_map(page, base, "iraq.html")
    view = page.evaluate(VIEW, view_bounds()["iraq"])
    assert view["holds"] and view["latSpan"] < 15, view
    inside = page.evaluate("""() => {
        const {map, groups} = window.IncidentMap.instance;
        const b = map.getBounds();
        return groups.flatMap(g => g.getLayers()).every(m => b.contains(m.getLatLng()));
    }""")
    assert inside
    layers = page.evaluate("() => window.IncidentMap.instance.layers.map(l => l[0])")
    for named in ("Iraqi security forces", "unknown", "Turkish armed forces",
                  "Saraya Awliya al-Dam"):
        assert named in layers
    launched = [i for i in load_catalogue(iraq_site.parent / "content").incidents.values()
                if i.launch_place]
    assert page.locator("path.im-launch-line").count() == len(launched) >= 2
    screenshot(page, "generated-iraq")
    assert not page.blocked_requests and not page.page_errors


def test_a_profile_map_frames_its_own_incidents_across_iraq(page, static_server, iraq_site):
    open_map(page, static_server(iraq_site), "militias-kataib-hezbollah.html")
    view = page.evaluate(VIEW, [[30.036, 41.0933], [33.5294, 47.925]])   # Umm Qasr .. al-Qaim
    assert view["holds"], view
    layers = page.evaluate("() => window.IncidentMap.instance.layers.map(l => l[0])")
    assert "Unattributed" not in layers and "Suspected: Kataib Hezbollah" in layers
    open_map(page, static_server(iraq_site), "militias-asaib-ahl-al-haq.html")
    layers = page.evaluate("() => window.IncidentMap.instance.layers.map(l => l[0])")
    assert "Denied by Asaib Ahl al-Haq" in layers and "Unattributed" not in layers


def test_labels_never_overlap_on_the_iraq_map(page, static_server, iraq_site):
    open_map(page, static_server(iraq_site), "iraq.html")
    assert labels_never_clash(page, range(5, 13)) > 10


def test_stacked_points_open_their_popup_on_the_first_click(page, static_server, iraq_site):
    open_map(page, static_server(iraq_site), "incidents.html")
    tahrir = load_catalogue(iraq_site.parent / "content").places["tahrir-square"]
    page.evaluate("""([lat, lon]) => {
        const {map} = window.IncidentMap.instance;
        map.setView([lat, lon], 18, {animate: false});
    }""", [tahrir.latitude, tahrir.longitude])
    page.wait_for_timeout(500)
    counts = page.eval_on_selector_all(".im-cluster-count", "els => els.map(e => +e.textContent)")
    cluster = page.locator(".im-cluster").nth(counts.index(max(counts)))
    assert max(counts) >= STACK
    assert "incidents" in cluster.inner_text()     # its name for a screen reader
    cluster.click()
    page.wait_for_function(f"() => document.querySelectorAll('path.im-marker').length >= {STACK}")
    page.wait_for_timeout(400)                      # the fan-out animation
    marker = page.locator("path.im-marker[aria-label^='Tahrir square rockets']").first
    box = marker.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = page.locator(".leaflet-popup-content .im-title")
    popup.wait_for(timeout=2000)
    page.wait_for_timeout(600)                      # still open: the click did not close it
    assert popup.is_visible()
    assert "Tahrir square rockets" in popup.inner_text()
    assert page.locator("path.im-marker").count() >= STACK   # the stack is still fanned out
    screenshot(page, "generated-spiderfied-popup")
    assert not page.page_errors


def test_popups_link_to_the_original_source(page, static_server, iraq_site):
    base = static_server(iraq_site)
    page.goto(base + "maps/incident-2021-02-15-erbil-airport-rockets.html")
    page.wait_for_function(READY)
    page.wait_for_timeout(200)
    page.locator("path.im-marker").first.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    original = popup.locator(".im-sources a[target='_blank']")
    document = load_catalogue(iraq_site.parent / "content").documents[DOCUMENT]
    assert original.get_attribute("href") == document.source_url
    assert "Launched from: K-1 air base, Kirkuk" in popup.inner_text()
    assert "Killed: 1\u20132" in popup.inner_text()
    assert "Saraya Awliya al-Dam \u2014 claimed" in popup.inner_text()


def test_a_cluster_is_named_and_opens_from_the_keyboard(page, static_server, iraq_site):
    open_map(page, static_server(iraq_site), "incidents.html")
    page.evaluate("""() => window.IncidentMap.instance.map.setView([33.3285, 44.4140], 18,
                                                                   {animate: false})""")
    page.wait_for_timeout(500)
    cluster = page.get_by_role("button", name=f"{STACK} incidents")
    assert cluster.count() == 1 and cluster.get_attribute("tabindex") == "0"
    cluster.focus()
    page.keyboard.press("Enter")                    # fans the stack out
    page.wait_for_function(f"() => document.querySelectorAll('path.im-marker').length >= {STACK}")
    page.wait_for_timeout(400)
    for _ in range(4 * STACK):   # past the other layers' markers at the square
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches("
                         "'path.im-marker[aria-label^=\"Tahrir square rockets\"]')"):
            break
    name = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert name and name.startswith("Tahrir square rockets")
    page.keyboard.press("Enter")
    title = page.locator(".leaflet-popup-content .im-title")
    title.wait_for(timeout=2000)
    assert title.inner_text() == name
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('.leaflet-popup')")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == name
