"""Scale: a 10x synthetic corpus validates and builds, no page grows with the number of pages,
the search index stays proportionate; corpus generation is deterministic; rebuilds are
incremental; progress lines only on a terminal. No timing assertions: `make bench` measures."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from generator import progress
from generator.corpus import write_corpus
from generator.pipeline import build_site, generate, load_catalogue
from generator.search import manifest_keys

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SCALE = 10
# a name-index shard (what one query word fetches): at most 100 kB at 100x, prorated
NAME_SHARD_BYTES_PER_SCALE = 1_000


def digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def pages_by_size(site: Path) -> list[tuple[int, str]]:
    """Every HTML page with its size, largest first; maps/*.html are map payloads shown in
    iframes (measured by the benchmark), not pages."""
    return sorted(((page.stat().st_size, page.relative_to(site).as_posix())
                   for page in site.rglob("*.html") if page.relative_to(site).parts[0] != "maps"),
                  reverse=True)


def test_corpus_generation_is_deterministic(tmp_path):
    one = write_corpus(CONTENT, 3, tmp_path / "one")
    two = write_corpus(CONTENT, 3, tmp_path / "two")
    assert digest(one) == digest(two)
    assert len(digest(one)) > 2 * len(digest(CONTENT))


def test_a_corpus_holds_the_bundled_content_and_scale_times_its_records(tmp_path):
    bundled = load_catalogue(CONTENT)
    corpus = load_catalogue(write_corpus(CONTENT, 3, tmp_path / "corpus"))  # validates
    for kind in ("militias", "leaders", "documents", "incidents", "places"):
        assert len(getattr(corpus, kind)) == 3 * len(getattr(bundled, kind)), kind
        assert set(getattr(bundled, kind)) <= set(getattr(corpus, kind)), kind
    synthetic = [p for p in corpus.profiles if bundled.profile(p.slug) is None]
    assert synthetic and all(p.arabic and p.aliases and p.sources for p in synthetic)
    for slug in {s for p in synthetic for s in p.sources}:
        assert slug not in bundled.documents  # synthetic profiles cite synthetic documents
    words = [len(d.body.split()) for s, d in corpus.documents.items() if s not in bundled.documents]
    assert min(words) >= 300 and max(words) <= 1000


def test_editing_one_leader_rewrites_only_the_pages_that_show_it(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    docs = tmp_path / "docs"
    generate(content, docs)
    assert generate(content, docs).files_written == 0  # nothing changed, nothing written
    leader = content / "leaders" / "qais-al-khazali.md"
    text = leader.read_text(encoding="utf-8")
    start = text.index("summary: >-\n") + len("summary: >-\n")
    end = text.index("\n", start)  # one line of the summary, so no other line moves
    marker = "Zyxwvut marker sentence for the incremental rebuild test."
    leader.write_text(text[:start] + f"  {marker}" + text[end:], encoding="utf-8")
    report = generate(content, docs)
    showing = {path.relative_to(docs).as_posix() for path in docs.rglob("*")
               if path.is_file() and marker.encode() in path.read_bytes()}
    assert "leaders/qais-al-khazali.md" in showing
    # plus, at most, the data page, which lists the downloads' sizes (rounded, so not always)
    assert len(showing) <= report.files_written <= len(showing) + 1, \
        (sorted(showing), report.files_written)
    assert report.files_removed == 0


def test_progress_is_shown_on_a_terminal_only(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True
    monkeypatch.delenv("BRIEFING_PROGRESS", raising=False)
    monkeypatch.delenv("CI", raising=False)
    terminal, pipe = Terminal(), io.StringIO()
    with progress.stage("render", terminal):
        pass
    with progress.stage("render", pipe):
        pass
    assert terminal.getvalue().startswith("render… done in ") and pipe.getvalue() == ""
    monkeypatch.setenv("CI", "true")
    quiet = Terminal()
    with progress.stage("render", quiet):
        pass
    assert quiet.getvalue() == ""


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("scale")
    corpus = write_corpus(CONTENT, SCALE, work / f"corpus-{SCALE}")
    build_site(corpus, work / "docs", work / "site")
    return work / "site"


@pytest.mark.slow
def test_a_large_corpus_validates_and_builds(large_site):
    catalogue = load_catalogue(large_site.parent / f"corpus-{SCALE}")
    assert len(catalogue.documents) == SCALE * len(load_catalogue(CONTENT).documents)
    for document in list(catalogue.documents.values())[:: max(1, len(catalogue.documents) // 20)]:
        assert (large_site / document.url / "index.html").is_file()


@pytest.mark.slow
def test_no_page_grows_with_the_number_of_pages(large_site, bundled_site):
    largest = pages_by_size(bundled_site)[0]
    too_big = [(size, path) for size, path in pages_by_size(large_site) if size > 2 * largest[0]]
    assert not too_big, f"pages over twice the bundled site's largest {largest}: {too_big[:10]}"


@pytest.mark.slow
def test_the_search_indexes_stay_in_small_pieces_and_documents_are_found_whole(large_site):
    names = large_site / "assets" / "search" / "names"
    sizes = [path.stat().st_size for path in names.glob("*.json")]
    assert max(sizes) <= SCALE * NAME_SHARD_BYTES_PER_SCALE * 10
    assert (names / "manifest.json").stat().st_size < 10_000
    catalogue = load_catalogue(large_site.parent / f"corpus-{SCALE}")
    listed = manifest_keys(json.loads((names / "manifest.json").read_text("utf-8")))
    indexed = {row[0] for key in listed
               for row in json.loads((names / f"{key}.json").read_text("utf-8"))}
    assert {profile.url for profile in catalogue.profiles} <= indexed  # every profile is found
    document = next(d for d in catalogue.documents.values() if len(d.body.split()) > 500)
    page = (large_site / document.url / "index.html").read_text("utf-8")
    assert "data-pagefind-body" in page  # Pagefind indexes the whole text, fetched by word
    fragments = list(large_site.glob("pagefind*/fragment/*.pf_fragment"))   # both bundles
    assert len(fragments) >= len(catalogue.documents)  # one fragment a page, fetched per result
