"""A new reader, in headless Chromium with the network off: search by any spelling, and the
timeline, network, source library and contribute pages render with their pictures."""

from __future__ import annotations

from pathlib import Path

import pytest
from searching import search

from generator.pipeline import load_catalogue
from generator.render import PAGE_SIZE

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def site_url(bundled_site: Path, static_server) -> str:
    return static_server(bundled_site)


@pytest.mark.parametrize(("query", "profile"), [
    ("Kata'ib Hizballah", "militias/kataib-hezbollah/"),
    ("Hashd al-Shaabi", "militias/popular-mobilization-units/"),
    ("قيس الخزعلي", "leaders/qais-al-khazali/"),
    ("Muhandis", "leaders/abu-mahdi-al-muhandis/"),
    ("Qays al-Khaz'ali", "leaders/qais-al-khazali/"),
    ("Popular Mobilisation Forces", "militias/popular-mobilization-units/"),
    ("كتائب حزب الله", "militias/kataib-hezbollah/"),
])
def test_search_finds_a_profile_by_any_spelling(page, site_url, query, profile):
    results = search(page, site_url, query)
    assert profile in results[:3], results
    assert not page.blocked_requests


def test_the_timeline_shows_its_chart_and_filters_by_group(page, site_url):
    page.goto(site_url + "timeline/")
    width = page.eval_on_selector("img[src$='incidents-per-month.svg']", "img => img.naturalWidth")
    assert width > 0
    rows = page.locator("#briefing-timeline tbody tr")
    everything = rows.count()
    page.select_option("#briefing-timeline-filter", "kataib-hezbollah")
    shown = page.locator("#briefing-timeline tbody tr:not([hidden])").count()
    assert 0 < shown < everything
    assert not page.page_errors and not page.blocked_requests


def test_the_network_picture_links_every_profile(page, site_url):
    catalogue = load_catalogue(ROOT / "content")
    page.goto(site_url + "network/")
    links = page.eval_on_selector_all(".briefing-network svg a",
                                      "items => items.map(a => a.getAttribute('href'))")
    assert len(links) == len(catalogue.profiles)
    page.click(".briefing-network svg a[href$='kataib-hezbollah/']")
    page.wait_for_url("**/militias/kataib-hezbollah/")
    assert page.locator(".briefing-network svg").count() == 1   # its own neighbourhood


def test_the_source_library_lists_and_sorts_every_document(page, site_url):
    catalogue = load_catalogue(ROOT / "content")
    page.goto(site_url + "documents/")
    rows = page.locator(".briefing-sortable tbody tr")
    assert rows.count() == min(len(catalogue.documents), PAGE_SIZE)   # the rest by year
    page.click(".briefing-sortable th:nth-child(2)")     # sort by outlet
    outlets = page.eval_on_selector_all(".briefing-sortable tbody tr td:nth-child(2)",
                                        "cells => cells.map(c => c.textContent.trim())")
    assert outlets == sorted(outlets, key=str.casefold) or outlets == sorted(outlets)


def test_the_contribute_page_shows_an_example_of_every_file_kind(page, site_url):
    page.goto(site_url + "contribute/")
    text = page.inner_text("article")
    for path in ("content/militias/", "content/leaders/", "content/documents/",
                 "content/incidents/", "content/places/"):
        assert path in text
    assert not page.page_errors


def test_the_network_as_of_2019_differs_from_today(page, site_url):
    page.goto(site_url + "network/")
    visible = "() => [...document.querySelectorAll('#network-network line')]" \
              ".filter(l => l.getAttribute('visibility') !== 'hidden').length"
    rows = "() => [...document.querySelectorAll('#relations-network tbody tr')]" \
           ".filter(r => !r.hidden).map(r => r.textContent)"
    today_lines, today_rows = page.evaluate(visible), page.evaluate(rows)
    page.fill("#asof-network", "2019-06-01")
    page.dispatch_event("#asof-network", "change")
    then_lines, then_rows = page.evaluate(visible), page.evaluate(rows)
    assert then_lines != today_lines and then_rows != today_rows
    assert any("Abu Mahdi al-Muhandis" in row for row in then_rows)      # alive in 2019
    assert not any("Abu Mahdi al-Muhandis" in row and "leads" in row for row in today_rows)
    assert "held on 2019-06-01" in page.inner_text(".briefing-asof-count")
    assert not page.page_errors
