"""Every claim checkable: documents link their originals, partial dates build and show their
precision, every document page says who cites it, every profile says when it was last reviewed,
and the curator's report lists what is left."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import build_site, load_catalogue

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue(ROOT / "content")


def text_of(page: Path) -> str:
    source = page.read_text(encoding="utf-8")
    return " ".join(re.sub(r"<[^>]+>", " ", source[source.find("<article"):]).split())


def test_at_least_nine_in_ten_documents_link_their_original():
    documents = list(CATALOGUE.documents.values())
    linked = [d for d in documents if d.source_url]
    assert len(linked) >= 0.9 * len(documents), (len(linked), len(documents))
    assert not [d.slug for d in documents if d.title.startswith("Digest")]


@pytest.mark.parametrize("document", list(CATALOGUE.documents.values())[::7], ids=lambda d: d.slug)
def test_a_document_page_shows_its_original_first_then_its_copy_and_who_cites_it(bundled_site,
                                                                                   document):
    source = (bundled_site / document.url / "index.html").read_text(encoding="utf-8")
    text = text_of(bundled_site / document.url / "index.html")
    assert "Cited by" in text
    if document.source_url:
        assert f'href="{document.source_url.replace("&", "&amp;")}"' in source
    if document.via and document.via.url:
        assert source.index("Original") < source.index("Read via")


def test_every_document_page_lists_what_cites_it(bundled_site):
    for document in CATALOGUE.documents.values():
        assert "Cited by" in text_of(bundled_site / document.url / "index.html"), document.slug


def test_every_profile_shows_when_it_was_last_reviewed(bundled_site):
    for profile in CATALOGUE.profiles:
        text = text_of(bundled_site / profile.url / "index.html")
        assert re.search(r"Last reviewed (\d{1,2} \w+ \d{4}|not yet reviewed)", text), profile.slug


def test_a_document_dated_to_the_month_builds_and_shows_its_precision(tmp_path, minimal_tree):
    path = minimal_tree / "documents" / "gazette-2020-01-02-alpha.md"
    path.write_text(path.read_text("utf-8").replace("published: 2020-01-02", "published: 2019-08"),
                    encoding="utf-8")
    site = tmp_path / "site"
    build_site(minimal_tree, tmp_path / "docs", site)
    text = text_of(site / "documents" / "gazette-2020-01-02-alpha" / "index.html")
    assert "Published August 2019" in text
    assert "2019-08" not in text.split("Published")[1][:20]


def test_a_militia_cites_a_document_in_its_cited_by_with_the_field(bundled_site):
    text = text_of(bundled_site / "documents" / "us-state-department-2009-07-02-kataib-hezbollah-fto"
                   / "index.html")
    assert "Kataib Hezbollah" in text and "designations" in text


def test_make_report_lists_what_is_left_and_check_strict_fails_on_it(tmp_path, minimal_tree):
    report = subprocess.run([sys.executable, "-m", "generator", "--content", str(minimal_tree),
                             "report"], capture_output=True, text=True, cwd=ROOT, check=True)
    assert "documents with no url of the original: 2" in report.stdout
    assert "content/documents/gazette-2020-01-02-alpha.md" in report.stdout
    check = subprocess.run([sys.executable, "-m", "generator", "--content", str(minimal_tree),
                            "check"], capture_output=True, text=True, cwd=ROOT, check=False)
    assert check.returncode == 0 and "2 documents with no url" in check.stdout
    strict = subprocess.run([sys.executable, "-m", "generator", "--content", str(minimal_tree),
                             "check", "--strict"], capture_output=True, text=True, cwd=ROOT,
                            check=False)
    assert strict.returncode == 1 and "--strict" in strict.stderr


def test_the_about_sources_page_is_built_and_kept_out_of_search(bundled_site):
    assert (bundled_site / "about" / "sources" / "index.html").is_file()
    page = (bundled_site / "about" / "sources" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in page   # Pagefind indexes only pages that carry it
