"""Golden files: the Markdown generated from tests/fixtures/minimal is checked in beside it and
compared on every run, so any change to what readers get shows up as a reviewed diff.
`make goldens` rewrites them after an intended change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.pipeline import generate

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
GOLDEN = ROOT / "tests" / "fixtures" / "minimal-golden"


def generated_markdown(out: Path) -> dict[str, str]:
    generate(FIXTURE, out)
    return {path.relative_to(out).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(out.rglob("*.md"))}


def test_the_generated_markdown_matches_the_goldens(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1580515200")
    monkeypatch.setenv("BRIEFING_EDIT_BASE", "https://git.example.org/briefing/edit/main")
    pages = generated_markdown(tmp_path / "docs")
    if os.environ.get("UPDATE_GOLDENS") == "1":
        for name, text in pages.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
        for stale in set(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")) - set(pages):
            (GOLDEN / stale).unlink()
    expected = {path.relative_to(GOLDEN).as_posix(): path.read_text(encoding="utf-8")
                for path in sorted(GOLDEN.rglob("*.md"))}
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make goldens`"
    for name, text in pages.items():
        assert text == expected[name], f"{name} differs from its golden: review, then `make goldens`"


@pytest.fixture(autouse=True)
def _no_git_history(monkeypatch):
    """The fixture's pages must not depend on the clone's commits."""
    monkeypatch.setattr("generator.pipeline.load_history", lambda content: None)
