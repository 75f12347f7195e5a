"""`make site` builds its pages with one worker a core: the same site, the same strict errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.errors import BuildError
from generator.folders import MARKER
from generator.pipeline import build_site, source_date_epoch
from generator.search import SHARD_FOLDER

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_several_workers_build_the_same_site_as_one(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    sites = {}
    for workers in ("1", "3"):
        monkeypatch.setenv("BRIEFING_WORKERS", workers)
        build_site(FIXTURES / "minimal", tmp_path / f"docs-{workers}", tmp_path / f"site-{workers}")
        sites[workers] = files_of(tmp_path / f"site-{workers}")
    assert len(sites["1"]) > 20
    assert sites["3"] == sites["1"]


def test_a_warning_in_any_worker_fails_the_build_and_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_WORKERS", "3")
    assets = pipeline.static_assets
    broken = {f"broken-{n}.md": f"# Broken {n}\n\n[x](no-such-page-{n}.md)\n".encode()
              for n in range(6)}   # enough pages that every worker gets one
    monkeypatch.setattr(pipeline, "static_assets", lambda: {**assets(), **broken})
    with pytest.raises(BuildError) as raised:
        build_site(FIXTURES / "minimal", tmp_path / "docs", tmp_path / "site")
    message = str(raised.value)
    assert "previous site was left in place" in message
    assert all(f"no-such-page-{n}.md" in message for n in range(6)), message
    assert "Aborted with 6 warnings in strict mode!" in message


def test_the_site_is_the_one_mkdocs_build_writes_from_the_same_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine lets each page's HTML go once written; `mkdocs build --strict` of the same
    docs folder writes the same files (Pagefind's bundles, added afterwards, aside), titles of
    pages that take theirs from their heading included."""
    assets = pipeline.static_assets
    untitled = {"untitled.md": b"# A heading and no title line\n\nSome text.\n"}
    monkeypatch.setattr(pipeline, "static_assets", lambda: {**assets(), **untitled})
    report = build_site(FIXTURES / "minimal", tmp_path / "docs", tmp_path / "site")
    config = yaml.safe_load((tmp_path / "mkdocs.generated.yml").read_text("utf-8"))
    config["site_dir"] = str(tmp_path / "bare")
    (tmp_path / "mkdocs.bare.yml").write_text(yaml.safe_dump(config), "utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "-f", str(tmp_path / "mkdocs.bare.yml")], check=True,
                   env={**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(report.as_of)})
    added_after = (MARKER, f"{SHARD_FOLDER}/manifest.json")
    ours = {name: data for name, data in files_of(tmp_path / "site").items()
            if not name.startswith("pagefind") and name not in added_after}
    bare = {name: data for name, data in files_of(tmp_path / "bare").items()
            if name not in added_after}
    assert len(ours) > 20
    assert b"<title>A heading and no title line" in ours["untitled/index.html"]
    assert ours == bare
