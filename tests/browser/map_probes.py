"""JavaScript the map tests evaluate inside a map page (generator/data/incident_map.js)."""

from __future__ import annotations

from pathlib import Path

READY = "() => window.IncidentMap && window.IncidentMap.instance !== null"
# markers drawn on screen, counting each cluster as the incidents it holds
RENDERED = """() => {
    let n = document.querySelectorAll('path.im-marker').length;
    document.querySelectorAll('.im-cluster-count').forEach(e => { n += Number(e.textContent); });
    return n;
}"""
# the map's view against [[south, west], [north, east]]: does it hold the box, and its spans
VIEW = """(box) => {
    const b = window.IncidentMap.instance.map.getBounds();
    const holds = b.contains(L.latLngBounds(box));
    return {holds: holds, latSpan: b.getNorth() - b.getSouth(), lonSpan: b.getEast() - b.getWest(),
            zoom: window.IncidentMap.instance.map.getZoom()};
}"""
# shown place labels that overlap one another or a marker or cluster
LABEL_CLASHES = """() => {
    const boxes = sel => [...document.querySelectorAll(sel)].map(e => e.getBoundingClientRect())
        .filter(r => r.width > 0 && r.height > 0);
    const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const labels = boxes('.im-label:not(.im-label-hidden) .im-label-text');
    const marks = boxes('path.im-marker, .im-cluster');
    const clashes = [];
    labels.forEach((a, i) => {
        labels.slice(i + 1).forEach(b => { if (meet(a, b)) clashes.push('label/label'); });
        marks.forEach(m => { if (meet(a, m)) clashes.push('label/marker'); });
    });
    return {labels: labels.length, clashes: clashes};
}"""
# the labels have been placed at this zoom and no animation or placement is under way
SETTLED = """(zoom) => {
    const i = window.IncidentMap.instance;
    return i.map.getZoom() === zoom && i.placed.zoom === zoom && i.settled();
}"""
SET_ZOOM = """(zoom) => {
    const {map} = window.IncidentMap.instance;
    map.setZoom(zoom, {animate: false});
}"""


def click_centre_until(page, box: dict, popup) -> bool:
    """Click the middle of `box` (the map, centred on a marker) until `popup` shows: cluster
    and fade animations can swallow an early click. True once it shows."""
    for _ in range(3):
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            popup.wait_for(timeout=2000)
            return True
        except Exception:  # noqa: BLE001 - retried, then reported by the caller
            page.wait_for_timeout(250)
    return False


def labels_never_clash(frame, zooms: range) -> int:
    """Zoom through `zooms`; assert no shown label overlaps another or a marker. Returns how
    many labels were shown in all, so a caller can check the check saw some."""
    shown = 0
    for zoom in zooms:
        frame.evaluate(SET_ZOOM, zoom)
        frame.wait_for_function(SETTLED, arg=zoom)
        frame.wait_for_timeout(300)   # a cluster animation may still start and end
        frame.wait_for_function(SETTLED, arg=zoom)
        result = frame.evaluate(LABEL_CLASHES)
        assert result["clashes"] == [], f"zoom {zoom}: {result}"
        shown += result["labels"]
    return shown


def screenshot(page, name: str) -> Path:
    """Keep a picture of what the test saw under build/screenshots/, to look at by eye."""
    folder = Path(__file__).resolve().parents[2] / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    return path
