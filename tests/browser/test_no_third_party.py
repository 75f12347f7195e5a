"""The bundled site asks nothing of any other host: every page, map and search works air-gapped.

Every page is opened in headless Chromium with requests off the loopback blocked and recorded
(the ``page`` fixture); map tile layers are off by default, so not even a map may try one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import wait_until_quiet
from searching import RESULTS, type_query

pytestmark = pytest.mark.browser

SCROLL_TO_THE_END = """async () => {  // lazy iframes and images load only once scrolled into view
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
        window.scrollTo(0, y);
        await new Promise(requestAnimationFrame);
    }
    document.querySelectorAll('iframe[loading="lazy"], img[loading="lazy"]')
        .forEach(element => { element.loading = 'eager'; });
}"""


def site_pages(site: Path) -> list[str]:
    """One page of every kind (every page's HTML is also scanned for other hosts in
    tests/test_site.py; opening all of them here would grow with the briefing)."""
    pages, kinds = [], set()
    for path in sorted(site.rglob("*.html")):
        where = path.relative_to(site).as_posix()
        parts = where.split("/")
        kind = (parts[0], parts[1].split("-")[0] if parts[0] == "maps" else len(parts))
        if kind not in kinds:
            kinds.add(kind)
            pages.append(where)
    return pages


def open_fully(page, url: str, lazy: bool = True) -> None:
    """Load a page with all it fetches; with lazy frames, scroll and wait till the network rests."""
    page.goto(url, wait_until="load")
    if lazy:
        page.evaluate(SCROLL_TO_THE_END)
        wait_until_quiet(page)


def test_no_page_requests_anything_off_the_site(page, static_server, bundled_site):
    base = static_server(bundled_site)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    pages = site_pages(bundled_site)
    assert len(pages) > 20
    for where in pages:
        open_fully(page, base + where, 'loading="lazy"' in (bundled_site / where).read_text("utf-8"))
        assert page.blocked_requests == [], where
    assert all(url.startswith(base) or url.startswith(("data:", "blob:", "about:"))
               for url in requested)
    assert any("/maps/" in url for url in requested) or not any(
        "briefing-map" in (bundled_site / where).read_text("utf-8") for where in pages)


def test_search_fetches_only_from_the_site(page, static_server, bundled_site):
    base = static_server(bundled_site)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_fully(page, base)
    type_query(page, "Kataib Hezbollah")
    page.locator(RESULTS).first.wait_for()
    wait_until_quiet(page)
    assert page.blocked_requests == []
    assert any("/pagefind/" in url for url in requested)  # Pagefind's script and wasm: ours
    assert all(url.startswith(base) or url.startswith(("data:", "blob:")) for url in requested)
