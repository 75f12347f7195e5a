"""JavaScript the map tests evaluate inside a map page (generator/data/incident_map.js)."""

READY = "() => window.IncidentMap && window.IncidentMap.instance !== null"
# markers drawn on screen, counting each cluster as the incidents it holds
RENDERED = """() => {
    let n = document.querySelectorAll('path.im-marker').length;
    document.querySelectorAll('.im-cluster-count').forEach(e => { n += Number(e.textContent); });
    return n;
}"""
