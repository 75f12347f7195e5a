"""JavaScript the map tests evaluate inside a map page (generator/data/incident_map.js)."""

READY = "() => window.IncidentMap && window.IncidentMap.instance !== null"
# markers drawn on screen, counting each cluster as the incidents it holds
RENDERED = """() => {
    let n = document.querySelectorAll('path.im-marker').length;
    document.querySelectorAll('.im-cluster-count').forEach(e => { n += Number(e.textContent); });
    return n;
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
