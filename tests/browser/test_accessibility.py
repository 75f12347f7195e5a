"""Readable by everyone, in headless Chromium with the network off: axe-core finds no serious or
critical violation on any page type, every Arabic run is marked, the source table sorts by
keyboard, a 390 px phone shows no text under 12 px, and the Kataib Hezbollah profile prints as a
dossier of at most 4 A4 pages that lists its sources' addresses."""

from __future__ import annotations

import functools
import http.server
import io
import re
import threading
from pathlib import Path

import pytest
from searching import search

from tests.conftest import _QuietHandler, guarded_page

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
KH = "militias/kataib-hezbollah/"

PAGE_TYPES = {
    "home": "",
    "militias index": "militias/",
    "leaders index": "leaders/",
    "incidents index": "incidents/",
    "militia profile": KH,
    "leader profile": "leaders/qais-al-khazali/",
    "incident": None,            # the first incident the index links
    "timeline": "timeline/",
    "network": "network/",
    "claims": "claims/",
    "sources": "documents/",
    "document": None,            # the first document the library links
    "about the sources": "about/sources/",
}
ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+")


@pytest.fixture(scope="module")
def site_url(bundled_site: Path):
    """The bundled site on 127.0.0.1, once for the module (the page types are many)."""
    handler = functools.partial(_QuietHandler, directory=str(bundled_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def resolve(page, base: str, name: str, path: str | None) -> str:
    """The path of a page type; an incident or document: the first its index's table links."""
    if path is not None:
        return path
    index = "incidents/" if name == "incident" else "documents/"
    page.goto(base + index)
    hrefs = page.eval_on_selector_all("article table a", "links => links.map(a => a.href)")
    pattern = re.compile(re.escape(base + index) + r"(?!by-year/)[a-z0-9-]+/$")
    return next(h for h in hrefs if pattern.match(h)).removeprefix(base)


def axe_violations(page) -> list[dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core from tests/browser/package.json")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 160))}));
    }""")


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_axe_finds_nothing_serious_on_each_page_type(browse, site_url, name):
    def check(page):
        path = resolve(page, site_url, name, PAGE_TYPES[name])
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        return path, axe_violations(page), page.blocked_requests

    path, violations, blocked = browse(check)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"{path}: " + "\n".join(
        f"{v['impact']} {v['id']}: {v['help']}\n  " + "\n  ".join(v["nodes"][:5]) for v in serious)
    assert not blocked


def unmarked_arabic(page) -> list[str]:
    """Text nodes in <article> holding Arabic script outside any element with lang="ar"."""
    return page.evaluate(r"""() => {
        const arabic = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
        const walker = document.createTreeWalker(document.querySelector('article'),
                                                 NodeFilter.SHOW_TEXT);
        const found = [];
        while (walker.nextNode()) {
            const node = walker.currentNode;
            if (!arabic.test(node.data)) continue;
            const marked = node.parentElement.closest('[lang]');
            if (!marked || !marked.getAttribute('lang').startsWith('ar'))
                found.push(node.parentElement.tagName + ': ' + node.data.trim().slice(0, 60));
        }
        return found;
    }""")


@pytest.mark.parametrize("path", ["", "militias/", "leaders/", KH, "leaders/qais-al-khazali/",
                                  "network/", "timeline/", "documents/", "claims/"])
def test_every_arabic_run_is_marked(browse, site_url, path):
    def check(page):
        page.goto(site_url + path)
        return unmarked_arabic(page), page.inner_text("article")

    unmarked, text = browse(check)
    assert not unmarked, unmarked[:10]
    if path in ("", "militias/", KH):
        assert ARABIC.search(text), "the page should show Arabic to test"


def test_the_source_table_sorts_by_keyboard(page, site_url):
    page.goto(site_url + "documents/")
    header = page.locator(".briefing-sortable th").nth(1)
    button = header.locator("button")
    assert button.count() == 1
    button.focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    outlets = page.eval_on_selector_all(".briefing-sortable tbody tr td:nth-child(2)",
                                        "cells => cells.map(c => c.textContent.trim())")
    assert outlets == sorted(outlets, key=str.casefold) or outlets == sorted(outlets)
    page.keyboard.press("Space")
    assert header.get_attribute("aria-sort") == "descending"
    # reachable with Tab from the page's start
    page.goto(site_url + "documents/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.briefing-sortable th')"):
            break
    else:
        pytest.fail("no sortable header is reachable with Tab")


def test_the_timeline_filter_and_the_as_of_date_work_by_keyboard(page, site_url):
    page.goto(site_url + "timeline/")
    everything = page.locator("#briefing-timeline tbody tr:not([hidden])").count()
    page.focus("#briefing-timeline-filter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert 0 < page.locator("#briefing-timeline tbody tr:not([hidden])").count() < everything
    page.goto(site_url + "network/")
    page.focus("#asof-network")
    page.keyboard.type("06012019")  # the en-US date field: month, day, year
    assert "held on 2019-06-01" in page.inner_text(".briefing-asof-count")


SMALL_TEXT = """() => {
    const small = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, element = node.parentElement;
        if (!node.data.trim() || !element) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const boxes = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
        if (!boxes.length) continue;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden' || element.closest('[hidden], [aria-hidden=true]')) continue;
        let size = parseFloat(style.fontSize);
        const svg = element.closest('svg');
        if (svg) {  // SVG text shrinks with its picture: its rendered height is what a reader sees
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            size = size * scale;
        }
        if (size < 11.95) small.push(element.tagName + ' ' + size.toFixed(1) + 'px: ' +
                                     node.data.trim().slice(0, 40));
    }
    return small;
}"""


@pytest.mark.parametrize("path", ["", KH, "network/", "timeline/", "documents/", "incidents/"])
def test_a_phone_shows_no_text_under_12_px(chromium_browser, site_url, path):
    context = chromium_browser.new_context(viewport={"width": 390, "height": 844},
                                           device_scale_factor=2, is_mobile=True, has_touch=True,
                                           service_workers="block")
    try:
        page = guarded_page(context)
        page.goto(site_url + path)
        small = page.evaluate(SMALL_TEXT)
        assert not small, small[:15]
        # a table wider than the phone scrolls inside its own focusable box, with a visible hint
        wide = page.evaluate("""() => [...document.querySelectorAll('article table')]
            .filter(t => t.scrollWidth > window.innerWidth)
            .map(t => { const box = t.closest('.md-typeset__scrollwrap, .briefing-table-scroll');
                        return box ? [box.tabIndex, box.classList.contains('briefing-scrolls')]
                                   : null; })""")
        assert all(box == [0, True] for box in wide), wide
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 391
    finally:
        context.close()


def test_the_timeline_chart_keeps_its_legend(page, site_url, bundled_site):
    svg = (bundled_site / "assets" / "charts" / "incidents-per-month.svg").read_text("utf-8")
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    for match in re.finditer(r'<text x="([\d.]+)"[^>]*font-size="12">([^<]+)</text>', svg):
        assert float(match.group(1)) + 7 * len(match.group(2)) <= width, match.group(2)
    assert "Unattributed" in svg or "unattributed" in svg
    page.goto(site_url + "timeline/")
    assert page.locator("figure table, details table").count() >= 1   # the chart's numbers


def pdf_pages(data: bytes) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_the_kataib_hezbollah_profile_prints_as_a_dossier(page, site_url, bundled_site):
    page.goto(site_url + KH)
    page.emulate_media(media="print")
    controls = page.evaluate("""() => [...document.querySelectorAll(
        'input, select, button, iframe, .md-header, .md-sidebar, .md-footer')]
        .filter(e => e.getClientRects().length > 0).map(e => e.tagName + '.' + e.className)""")
    assert not controls, controls
    count, text = pdf_pages(page.pdf(format="A4", print_background=False))
    assert count <= 4, f"{count} A4 pages"
    flat = re.sub(r"\s+", "", text)
    urls = page.eval_on_selector_all(".briefing-sources a.briefing-source-url",
                                     "links => links.map(a => a.href)")
    assert urls, "the printed source list gives each source's address"
    for url in urls:
        assert re.sub(r"\s+", "", url) in flat, url
    assert "kataib-hezbollah" in flat and "Contentasof" in flat


def test_arabic_in_search_results_is_marked(page, site_url):
    results = search(page, site_url, "كتائب حزب الله", open_page=True)
    assert results, "no result for the Arabic name"
    page.wait_for_function("""() => [...document.querySelectorAll('.briefing-search [lang=ar]')]
                              .length > 0""", timeout=5_000)
    unmarked = page.evaluate(r"""() => {
        const arabic = /[\u0600-\u06FF]/, found = [];
        const walker = document.createTreeWalker(document.querySelector('.briefing-search'),
                                                 NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            if (arabic.test(node.data) && !node.parentElement.closest('[lang^=ar]'))
                found.push(node.data.slice(0, 60));
        }
        return found;
    }""")
    assert not unmarked, unmarked
