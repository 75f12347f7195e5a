"""Search as a reader uses it, in headless Chromium with the network cut off: the query tables
(written by someone who had not read the alias lists), the fold the browser applies against the
generator's, what is fetched before and after the reader searches, and what a result shows.
Timings are measured by `make bench`, never asserted here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import guarded_page, wait_until_quiet
from searching import RESULTS, search, type_query

from generator.pipeline import load_catalogue
from generator.search import fold, shard_of, skeleton, spellings

pytestmark = pytest.mark.browser
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CONTENT = ROOT / "content"


def queries(name: str) -> list[object]:
    table = yaml.safe_load((HERE / name).read_text("utf-8"))
    return [pytest.param(row, id=f"{row['query']}->{row['expect']}") for row in table]


@pytest.fixture(scope="module")
def search_page(chromium_browser, bundled_site: Path):
    """One guarded page on the bundled site, kept open for the whole query table."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(bundled_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = chromium_browser.new_context(service_workers="block")
    page = guarded_page(context)
    page.goto(base)
    yield page, base
    context.close()
    server.shutdown()
    server.server_close()


def expected_in_content(row: dict[str, object]) -> None:
    """Fail clearly when the expectation names something this content tree does not hold."""
    expect = str(row["expect"])
    if expect.endswith("/*"):
        wanted = str(row.get("contains", "")).lower()
        files = [p.stem for p in (CONTENT / expect[:-2]).glob("*.yml")]
        if not any(wanted in stem.lower() for stem in files):
            pytest.fail(f"no file in content/{expect[:-2]}/ matches {wanted!r}: the expected "
                        "record is not in this content snapshot")
    elif not (CONTENT / f"{expect}.md").is_file():
        pytest.fail(f"profile not in this content snapshot: content/{expect}.md is missing")


def check(search_page, row: dict[str, object]) -> None:
    expected_in_content(row)
    page, base = search_page
    results = search(page, base, str(row["query"]), open_page=False)
    top = [r.rstrip("/") for r in results[: int(row.get("top", 1))]]
    expect = str(row["expect"])
    if expect.endswith("/*"):
        wanted = str(row.get("contains", "")).lower()
        assert any(r.startswith(expect[:-1]) and wanted in r.lower() for r in top), results
    else:
        assert expect in top, results
    assert page.blocked_requests == [] and page.page_errors == []


@pytest.mark.parametrize("row", queries("search_queries.yml"))
def test_query_table(search_page, row):
    check(search_page, row)


@pytest.mark.parametrize("row", queries("search_queries_heldout.yml"))
def test_held_out_query_table(search_page, row):
    check(search_page, row)


def test_the_browser_folds_every_name_as_the_generator_does(search_page):
    page, _ = search_page
    catalogue = load_catalogue(CONTENT)
    texts = [s for p in catalogue.profiles for s in spellings(p)]
    texts += [n for place in catalogue.places.values() for n in (place.name, place.arabic) if n]
    texts += ["People's Mobilization", "Kata’ib Ḥizballāh", "ABŪ ʿALĪ", "أَبُو مَهْدِي", "مسؤول",
              "رئيس", "ـحشـد", "Straße", "al-Hashd ash-Sha'bi", "Qaisal\u200bKhazali"]
    browser = page.evaluate("""texts => texts.map(t => {
        const words = window.BriefingSearch.fold(t);
        return [words, words.map(window.BriefingSearch.skeleton),
                words.map(window.BriefingSearch.shardOf)];
    })""", texts)
    for text, (words, skeletons, shards) in zip(texts, browser, strict=True):
        python = fold(text)
        assert words == python, text
        assert skeletons == [skeleton(w) for w in python], text
        assert shards == [shard_of(w) for w in python], text


def open_profile_recording_requests(page, static_server, bundled_site) -> list[str]:
    """Open a profile page; the list fills with every URL the page asks for from then on."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(static_server(bundled_site) + "leaders/qais-al-khazali/")
    wait_until_quiet(page)
    return requested


def test_nothing_is_fetched_for_search_until_the_reader_searches(page, static_server,
                                                                  bundled_site):
    requested = open_profile_recording_requests(page, static_server, bundled_site)
    assert not [u for u in requested if "/pagefind/" in u or "/assets/search/" in u
                or "search_index" in u]
    assert not (bundled_site / "search" / "search_index.json").exists()  # Material's is gone
    type_query(page, "Khazali")
    assert any("/assets/search/names/" in u for u in requested)
    assert any("/pagefind/" in u for u in requested)
    assert page.blocked_requests == [] and page.page_errors == []


def test_pointing_at_the_box_loads_the_engine_and_nothing_of_the_index(page, static_server,
                                                                       bundled_site):
    requested = open_profile_recording_requests(page, static_server, bundled_site)
    with page.expect_request(lambda request: request.url.endswith("/pagefind/pagefind.js")):
        page.hover(".briefing-search")
    wait_until_quiet(page)
    searched = [u for u in requested if "/pagefind" in u or "/assets/search/" in u]
    assert [u.rsplit("/", 2)[-2:] for u in searched] == [["pagefind", "pagefind.js"]]
    assert page.blocked_requests == [] and page.page_errors == []


def test_each_search_file_is_fetched_once_and_named_in_the_manifest(page, static_server,
                                                                     bundled_site):
    """The bundles' entry, metadata and wasm are preloaded under the very addresses Pagefind
    then asks for, so none is fetched twice, and every file the manifest names exists."""
    manifest = json.loads((bundled_site / "assets/search/names/manifest.json").read_text("utf-8"))
    for bundle in manifest["fulltext"]:
        for files in bundle["files"].values():
            assert (bundled_site / bundle["folder"] / files["meta"]).is_file(), files
            assert (bundled_site / bundle["folder"] / files["wasm"]).is_file(), files
    base = static_server(bundled_site)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + "leaders/qais-al-khazali/")
    wait_until_quiet(page)
    type_query(page, "rocket embassy")
    searched = [u for u in requested if "/pagefind" in u or "/assets/search/" in u]
    assert any(u.endswith(".pf_meta") for u in searched)
    assert any("pagefind-documents/" in u for u in searched)   # both bundles asked
    assert sorted(searched) == sorted(set(searched))
    assert page.blocked_requests == [] and page.page_errors == []


def test_a_result_shows_a_clean_title_its_kind_and_each_spelling_once(search_page):
    page, base = search_page
    results = search(page, base, "Qays al-Khaz'ali", open_page=False)
    assert results[0] == "leaders/qais-al-khazali/"
    items = page.locator(".briefing-search__item")
    first = items.nth(0)
    assert first.locator(".briefing-search__kind").inner_text().lower() == "person"
    assert first.locator(".briefing-search__title").inner_text() == "Qais al-Khazali"
    assert first.inner_text().count("Qays al-Khaz'ali") == 1
    for number in range(items.count()):
        text = items.nth(number).inner_text()
        assert "al- " not in text and "#" not in text, text   # no broken spacing, no tag chips
        kind = items.nth(number).locator(".briefing-search__kind").inner_text().lower()
        assert kind in {"group", "person", "incident", "document"}, text
    # a full-text hit shows the words it matched, marked, in a snippet
    type_query(page, "Wathba Square")
    marks = page.locator(".briefing-search__snippet mark")
    assert marks.count() > 0 and "wathba" in marks.first.inner_text().lower()


def test_particles_add_nothing_on_their_own(search_page):
    page, base = search_page
    with_particle = search(page, base, "Hashd al-Shaabi", open_page=False)
    without = search(page, base, "Hashd Shaabi", open_page=False)
    assert with_particle == without
    assert with_particle[0] == "militias/popular-mobilization-units/"
    askari = search(page, base, "Abu Ali al-Askari", open_page=False)
    if (CONTENT / "leaders" / "abu-ali-al-askari.md").is_file():
        assert askari[0] == "leaders/abu-ali-al-askari/"
    assert "leaders/abu-mahdi-al-muhandis/" not in askari[:1]


def test_pages_for_contributors_are_left_out(search_page, bundled_site):
    page, base = search_page
    contribute = (bundled_site / "contribute" / "index.html").read_text("utf-8")
    assert "data-pagefind-body" not in contribute
    for query in ("scaffold", "front matter", "content/militias", "aliases"):
        results = search(page, base, query, open_page=False)
        assert not [r for r in results if r.startswith(("contribute", "about/"))], query


def test_filters_narrow_by_kind_group_and_year(search_page):
    page, base = search_page
    type_query(page, "rockets")
    page.select_option("[data-filter=kind]", "incident")
    page.wait_for_function("() => document.querySelector('.briefing-search')"
                           ".getAttribute('data-searched') === 'rockets'")
    kinds = page.eval_on_selector_all(".briefing-search__kind", "k => k.map(e => e.textContent)")
    assert kinds and set(kinds) == {"incident"}
    page.focus("[data-filter=year]")
    page.wait_for_function("() => document.querySelectorAll('[data-filter=year] option').length > 2")
    page.select_option("[data-filter=year]", "2020")
    page.wait_for_function("() => document.querySelector('.briefing-search')"
                           ".getAttribute('data-searched') === 'rockets'")
    links = page.eval_on_selector_all(RESULTS, "a => a.map(e => e.href)")
    assert links and all("/incidents/2020-" in link for link in links), links
    page.select_option("[data-filter=year]", "")
    page.select_option("[data-filter=kind]", "")
    page.focus("[data-filter=group]")
    page.wait_for_function("() => document.querySelectorAll('[data-filter=group] option').length > 2")
    page.select_option("[data-filter=group]", "Kataib Hezbollah")
    type_query(page, "Soleimani")
    titles = page.eval_on_selector_all(".briefing-search__title", "t => t.map(e => e.textContent)")
    assert titles and "Qasem Soleimani" not in titles     # not filed under Kataib Hezbollah
    page.select_option("[data-filter=group]", "")
