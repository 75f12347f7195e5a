"""The same content builds to the same site, byte for byte, wherever and whenever it is built."""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
import struct
from pathlib import Path

import pytest

from generator.pipeline import build_site, load_catalogue, source_date_epoch

ROOT = Path(__file__).resolve().parent.parent


def differences(first: Path, second: Path) -> list[str]:
    """Every file that is missing from one site or differs in its bytes, by relative path."""
    def files(root: Path) -> dict[str, Path]:
        return {path.relative_to(root).as_posix(): path
                for path in root.rglob("*") if path.is_file()}
    left, right = files(first), files(second)
    found = [f"only in {first.name}: {name}" for name in sorted(left.keys() - right.keys())]
    found += [f"only in {second.name}: {name}" for name in sorted(right.keys() - left.keys())]
    found += [f"differs: {name}" for name in sorted(left.keys() & right.keys())
              if left[name].read_bytes() != right[name].read_bytes()]
    return found


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled content copied to two unrelated folders, each built into its own site."""
    sites = []
    for where in ("first/a", "second/b/c/d"):
        work = tmp_path_factory.mktemp("reproducible") / where
        shutil.copytree(ROOT / "content", work / "content")
        build_site(work / "content", work / "docs", work / "site")
        sites.append(work / "site")
    return sites[0], sites[1]


def test_two_builds_from_different_folders_are_byte_identical(two_builds):
    first, second = two_builds
    assert len(list(first.rglob("*.html"))) > 20
    assert differences(first, second) == []


def test_the_comparison_reports_a_changed_a_missing_and_an_extra_file(two_builds, tmp_path):
    first, _ = two_builds
    copy = tmp_path / "copy"
    shutil.copytree(first, copy)
    page = copy / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<!-- one more byte --></body>"))
    (copy / "sitemap.xml").unlink()
    (copy / "extra.txt").write_text("new", encoding="utf-8")
    assert differences(first, copy) == ["only in site: sitemap.xml", "only in copy: extra.txt",
                                        "differs: index.html"]


def test_the_sitemap_archive_carries_the_content_date_not_the_build_date(two_builds):
    first, _ = two_builds
    data = (first / "sitemap.xml.gz").read_bytes()
    mtime = struct.unpack("<I", data[4:8])[0]  # the gzip header's MTIME field
    newest = load_catalogue(ROOT / "content").newest_date()
    assert mtime == int(source_date_epoch(newest))
    assert dt.datetime.fromtimestamp(mtime, dt.UTC).date() <= dt.date.today()
    assert gzip.decompress(data) == (first / "sitemap.xml").read_bytes()


def test_the_build_date_is_the_newest_content_date_unless_given(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    midnight = dt.datetime(2021, 3, 4, tzinfo=dt.UTC)
    assert source_date_epoch("2021-03-04") == str(int(midnight.timestamp()))
    assert source_date_epoch("2021-03") == str(int(dt.datetime(2021, 3, 1, tzinfo=dt.UTC).timestamp()))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert source_date_epoch("2021-03-04") == "86400"
