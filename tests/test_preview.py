"""The live preview never serves a stale file: after each kind of edit, every file the warm
generator would serve is byte for byte what a fresh `generate` of the same content writes.

One warm generator takes the edits one after another, as a contributor's preview would, so
what it keeps between edits (files read, records checked, documents linked) is under test too.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.folders import MARKER
from generator.pipeline import generate
from generator.preview import WarmGenerator
from generator.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first(folder: Path, pattern: str = "*") -> Path:
    return sorted(folder.glob(pattern))[0]


def profile_summary(content: Path) -> None:
    replace(content / "leaders" / "qais-al-khazali.md", "summary: >-\n  ",
            "summary: >-\n  Preview edit one. ")


def profile_name(content: Path) -> None:
    # a new alias changes what every document links to
    replace(content / "militias" / "kataib-hezbollah.md", "aliases:\n",
            "aliases:\n  - Hezbollah Brigades of Preview\n")


def document_body_mentions(content: Path) -> None:
    document = first(content / "documents", "*.md")
    document.write_text(document.read_text(encoding="utf-8")
                        + "\nQais al-Khazali and the Badr Organization were named in an edit.\n",
                        encoding="utf-8")


def document_title(content: Path) -> None:
    document = first(content / "documents", "*.md")
    replace(document, "title: ", "title: Edited headline, ")


def incident_title_and_attribution(content: Path) -> None:
    incident = first(content / "incidents")
    replace(incident, "title: ", "title: Edited incident, ")


def place_moved(content: Path) -> None:
    places = first(content / "places", "*.yml")
    text = places.read_text(encoding="utf-8")
    assert "latitude: 33." in text
    places.write_text(text.replace("latitude: 33.", "latitude: 33.0", 1), encoding="utf-8")


def new_document(content: Path) -> None:
    source = first(content / "documents", "*.md")
    shutil.copy(source, content / "documents" / "zz-preview-new-document.md")


def deleted_incident(content: Path) -> None:
    sorted((content / "incidents").iterdir())[-1].unlink()


EDITS: list[Callable[[Path], None]] = [
    profile_summary, profile_name, document_body_mentions, document_title,
    incident_title_and_attribution, place_moved, new_document, deleted_incident]


def generated(content: Path, out: Path) -> dict[str, bytes]:
    generate(content, out)
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    files.pop(MARKER)
    return files


def test_every_file_matches_a_fresh_build_after_each_kind_of_edit(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    warm = WarmGenerator(content, read_settings())
    assert warm.refresh()
    for number, edit in enumerate(EDITS, start=1):
        edit(content)
        assert warm.refresh(), f"{edit.__name__}: the edit was not noticed"
        assert warm.problems == [], f"{edit.__name__}: {warm.problems}"
        assert warm.current is not None
        served = warm.current.everything()
        fresh = generated(content, tmp_path / f"docs-{number}")
        assert sorted(served) == sorted(fresh), f"{edit.__name__}: other files"
        stale = [path for path in fresh if served[path] != fresh[path]]
        assert stale == [], f"{edit.__name__}: stale files {stale[:5]}"
        # pages link to the downloads: MkDocs must know them before they are made
        downloads = {path for path in fresh if path.startswith("data/")}
        assert downloads <= warm.current.paths


def test_nothing_changed_means_no_new_version(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", content)
    warm = WarmGenerator(content, read_settings())
    assert warm.refresh()
    assert not warm.refresh()


def test_broken_content_keeps_the_last_good_version_and_says_where(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", content)
    warm = WarmGenerator(content, read_settings())
    warm.refresh()
    good = warm.current
    leader = content / "leaders" / "omar-test.md"
    text = leader.read_text(encoding="utf-8")
    leader.write_text(text.replace("---\n", "---\naliases: [unclosed\n", 1), encoding="utf-8")
    assert not warm.refresh()
    assert warm.current is good
    assert [p for p in warm.problems
            if p.path.endswith("omar-test.md") and "YAML syntax error" in p.message], warm.problems
    leader.write_text(text, encoding="utf-8")
    assert warm.refresh()
    assert warm.problems == []
    assert warm.current is not good
