"""Hostile text in every field is shown as text, never run: in the built HTML, in Chromium, in search.

The content tree (tests/security/conftest.py) plants a cheat-sheet of XSS payloads in every free-text
field of every record kind.  A payload that ran would set ``window.__xss`` or open a dialog.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile import MARKER
from searching import type_query

# Tags the page content never needs (the site's own maps, charts and network use iframe, img, svg).
DANGEROUS_TAGS = {"script", "object", "embed", "style", "math", "details", "input", "body",
                  "textarea", "form", "base", "meta", "link", "frame", "frameset"}
SITE_CONTROLS = {"input": ("briefing-asof-input",),            # "relations as of" date field
                 "details": ("briefing-chart-numbers",)}  # the timeline chart's numbers
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}
BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data:text/html)", re.IGNORECASE)
RUNS = re.compile(r"__xss|alert\(")


class Inspector(HTMLParser):
    """Finds what a planted payload would have to create to run: tags, handlers, script URLs."""

    def __init__(self, article_only: bool = False) -> None:
        super().__init__()
        self.article_only = article_only
        self.in_article = not article_only
        self.in_script = False
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_article = self.in_article or tag == "article"
        kind = dict(attrs).get("type") or "text/javascript"
        self.in_script = tag == "script" and ("javascript" in kind or kind == "module")
        for name, value in attrs:
            if name.startswith("on") or name == "srcdoc":
                self.found.append(f"<{tag} {name}=...> event handler")
            scheme = re.sub(r"[\x00-\x20]", "", html.unescape(value or ""))
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(scheme):
                self.found.append(f"<{tag} {name}={value!r}>")
        ours = dict(attrs).get("class") in SITE_CONTROLS.get(tag, ())
        if self.in_article and tag in DANGEROUS_TAGS and not ours:
            self.found.append(f"<{tag}> inside the page content")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False
        if self.article_only and tag == "article":
            self.in_article = False

    def handle_data(self, data: str) -> None:
        if self.in_script and RUNS.search(data):
            self.found.append(f"script running planted code: {data[:60]!r}")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def visible_text(source: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", source)).split())


def test_the_planted_payloads_create_no_tag_handler_or_script_url(hostile_build):
    site, _ = hostile_build
    for path in html_pages(site):
        inspector = Inspector(article_only=True)
        inspector.feed(path.read_text(encoding="utf-8"))
        assert inspector.found == [], path.relative_to(site)


def test_every_planted_value_is_shown_as_text_or_left_out(hostile_build):
    site, planter = hostile_build
    sources = [path.read_text(encoding="utf-8") for path in html_pages(site)]
    shown = " ".join(visible_text(source) for source in sources)
    raw = " ".join(sources)
    for number, value in enumerate(planter.planted):
        marker = re.compile(rf"{MARKER}{number}\b")
        if marker.search(raw):
            assert " ".join(value.split()) in shown, value
    assert sum(1 for value in planter.planted if value.split()[-1] in shown) > 80


def test_the_name_index_holds_payloads_as_plain_strings(hostile_build):
    site, _ = hostile_build
    shards = sorted((site / "assets" / "search" / "names").glob("*.json"))
    texts = [json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
             for path in shards]
    assert any(MARKER in text for text in texts)  # the payloads are there, as data
    # search.js writes every string of it with textContent, never as HTML (checked in Chromium)
    script = (site / "assets" / "search.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script


# ---- in Chromium -----------------------------------------------------------------------------

TOUCH_EVERYTHING = """(selector) => {
    // Follow no ordinary link away from the page, but let any script: URL fire if one exists.
    document.addEventListener('click', (event) => {
        const link = event.target.closest && event.target.closest('a[href]');
        if (link && /^(https?|file):$/.test(link.protocol)) event.preventDefault();
    }, true);
    const events = ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin', 'click',
                    'dblclick', 'toggle', 'animationstart', 'load', 'error'];
    for (const element of document.querySelectorAll(selector)) {
        for (const type of events) element.dispatchEvent(new Event(type, {bubbles: true}));
        if (element.click) element.click();
    }
    return document.querySelectorAll(selector).length;
}"""


def touch_everything(target, selector: str = "body *") -> int:
    """Hover, focus and click every element that selector matches; returns how many."""
    return target.evaluate(TOUCH_EVERYTHING, selector)


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")


def assert_nothing_ran(page, where: str) -> None:
    assert page.evaluate("() => typeof window.__xss") == "undefined", where
    assert page.dialogs == [], where
    assert page.blocked_requests == [], where


@pytest.mark.browser
def test_no_payload_runs_on_any_page_even_when_touched(browse, static_server, hostile_build):
    site, _ = hostile_build
    base = static_server(site)
    pages = [path.relative_to(site).as_posix() for path in html_pages(site)]
    assert len(pages) >= 10

    def visit_every_page(page) -> None:
        for where in pages:
            open_page(page, base + where)
            assert page.page_errors == [], where  # (synthetic events may upset a map later)
            assert touch_everything(page) > 0, where
            page.keyboard.press("Tab")
            page.mouse.move(200, 300)
            assert_nothing_ran(page, where)
            page.page_errors.clear()
    browse(visit_every_page)


@pytest.mark.browser
@pytest.mark.parametrize("query", [f"{MARKER}0", "script", "onerror", "javascript"])
def test_search_results_show_payloads_as_text(browse, static_server, hostile_build, query):
    site, _ = hostile_build
    base = static_server(site)

    def search(page) -> None:
        open_page(page, base)
        type_query(page, query)
        results = page.locator(".briefing-search__item")
        results.first.wait_for()
        assert results.count() > 0
        touch_everything(page, ".briefing-search__results *")
        assert_nothing_ran(page, f"search for {query!r}")
    browse(search)


MAP_READY = "() => window.IncidentMap && window.IncidentMap.instance !== null"


@pytest.mark.browser
def test_map_popups_show_payloads_as_text(browse, static_server, hostile_build):
    site, _ = hostile_build
    embedding = [path.relative_to(site).as_posix() for path in html_pages(site)
                 if 'class="briefing-map"' in path.read_text(encoding="utf-8")]
    assert embedding, "no built page embeds a map: the incident maps are missing"
    base = static_server(site)

    def open_every_popup(page) -> None:
        for where in embedding:
            open_page(page, base + where)
            frame = page.locator("iframe.briefing-map").first.element_handle().content_frame()
            frame.wait_for_function(MAP_READY)
            markers = frame.locator("path.im-marker")
            assert markers.count() > 0, where
            for index in range(markers.count()):
                markers.nth(index).dispatch_event("click")
                popup = frame.locator(".leaflet-popup-content")
                popup.wait_for()
                assert MARKER in popup.inner_text(), where  # the planted title, shown as text
                touch_everything(frame, ".leaflet-popup *")
            assert_nothing_ran(page, where)
    browse(open_every_popup)
