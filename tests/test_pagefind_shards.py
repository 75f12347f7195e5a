"""Pagefind indexed a share of pages at a time and merged: the same index as one run over all
of them (every word on the same pages at the same places, every filter value on the same pages),
so a briefing of any size is indexed in the same memory."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import libipld
import pytest

from generator import fulltext
from generator.errors import BuildError
from generator.pagefind_shards import MAGIC, index_in_shares, read_pagefind


def absolute(pages: list[list[Any]]) -> list[list[Any]]:
    found, number = [], 0
    for step, *rest in pages:
        number += step
        found.append([number, *rest])
    return found


def what_it_finds(bundle: Path) -> dict[str, Any]:
    """Per language: each page's URL, each word's pages (by URL) with their places, each
    filter value's pages (by URL)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    found = {}
    for language, about in entry["languages"].items():
        meta = read_pagefind(bundle / f"pagefind.{about['hash']}.pf_meta")
        urls = [json.loads(gzip.decompress(
            (bundle / "fragment" / f"{page}.pf_fragment").read_bytes())[len(MAGIC):])["url"]
            for page, _ in meta[1]]
        words = {}
        for _, _, chunk in meta[2]:
            for word, pages, variants in read_pagefind(bundle / "index" / f"{chunk}.pf_index")[0]:
                words[word] = (sorted((urls[n], locs, more) for n, locs, more in absolute(pages)),
                               sorted((w, sorted(urls[p[0]] for p in absolute(seen)))
                                      for w, seen in variants))
        filters = {}
        for name, filter_hash in meta[3]:
            _, values = read_pagefind(bundle / "filter" / f"{filter_hash}.pf_filter")
            filters[name] = {value: sorted(urls[n] for n in pages) for value, pages in values}
        found[language] = {"pages": sorted(urls), "count": about["page_count"],
                           "words": words, "filters": filters}
    return found


@pytest.fixture(scope="module")
def two_indexes(bundled_site: Path, tmp_path_factory: pytest.TempPathFactory
                ) -> tuple[dict[str, Any], dict[str, Any], Path]:
    site = tmp_path_factory.mktemp("pagefind") / "site"
    shutil.copytree(bundled_site / "documents", site / "documents")
    glob = "{documents}/**/*.html"
    pages = fulltext.pages_of(site, glob)

    def index(root: Path, folder: str) -> None:
        fulltext._pagefind(root, glob, folder)
    index(site, "one-run")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_PAGEFIND_SHARD", "40")
        index_in_shares(site, pages, "in-shares", index)
    return what_it_finds(site / "one-run"), what_it_finds(site / "in-shares"), site


def test_the_merged_index_finds_what_one_run_finds(two_indexes) -> None:
    one, shares, _ = two_indexes
    assert one.keys() == shares.keys() == {"en"}   # the pages say lang="en" (Arabic runs inside)
    for language in one:
        assert shares[language]["pages"] == one[language]["pages"]
        assert shares[language]["count"] == one[language]["count"] > 20
        assert shares[language]["filters"] == one[language]["filters"]
        assert len(shares[language]["words"]) > 500
        assert shares[language]["words"] == one[language]["words"]


def test_the_shares_leave_no_folder_behind(two_indexes) -> None:
    _, _, site = two_indexes
    assert sorted(p.name for p in site.iterdir()) == ["documents", "in-shares", "one-run"]


def test_the_measure_tells_a_wrong_page_number(two_indexes, tmp_path: Path) -> None:
    """Moving one word's pages by one page shows up as a difference."""
    _, shares, site = two_indexes
    broken = tmp_path / "broken"
    shutil.copytree(site / "in-shares", broken)
    entry = json.loads((broken / "pagefind-entry.json").read_text("utf-8"))
    meta = read_pagefind(broken / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    chunk = broken / "index" / f"{meta[2][0][2]}.pf_index"
    words = read_pagefind(chunk)
    words[0][0][1][0][0] += 1
    chunk.write_bytes(gzip.compress(MAGIC + libipld.encode_dag_cbor(words)))
    assert what_it_finds(broken)["en"]["words"] != shares["en"]["words"]


def test_the_merged_index_is_the_same_bytes_whatever_the_number_of_workers(
        two_indexes, tmp_path: Path) -> None:
    """The merge is split into fixed ranges of words, so a machine with more cores writes the
    same files."""
    _, _, site = two_indexes
    glob = "{documents}/**/*.html"
    pages = fulltext.pages_of(site, glob)
    written = {}
    for workers in ("1", "3"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("BRIEFING_PAGEFIND_SHARD", "40")
            patch.setenv("BRIEFING_WORKERS", workers)
            index_in_shares(site, pages, f"workers-{workers}",
                            lambda root, folder: fulltext._pagefind(root, glob, folder))
        bundle = site / f"workers-{workers}"
        written[workers] = {path.relative_to(bundle).as_posix(): path.read_bytes()
                            for path in sorted(bundle.rglob("*")) if path.is_file()}
        shutil.rmtree(bundle)
    assert len([name for name in written["1"] if name.startswith("index/")]) > 3
    assert written["1"] == written["3"]


@pytest.mark.parametrize("data", [b"not CBOR at all", MAGIC + b"\xff\x00", MAGIC + b"\x9f\x01\xff"])
def test_a_file_pagefind_did_not_write_stops_the_build_with_its_name(tmp_path: Path, data: bytes
                                                                     ) -> None:
    """Garbage, broken CBOR or CBOR Pagefind never writes (an array of unknown length)."""
    odd = tmp_path / "en_odd.pf_index"
    odd.write_bytes(gzip.compress(data))
    with pytest.raises(BuildError, match=f"{odd}: not a Pagefind file"):
        read_pagefind(odd)
