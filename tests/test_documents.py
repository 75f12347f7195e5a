"""Source documents: .md or .txt with front matter, shown as text, and names no profile covers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.pipeline import generate, load_catalogue

ROOT = Path(__file__).resolve().parent.parent
PLAIN = ("---\ntitle: A wire report kept as plain text\noutlet: Test Wire\npublished: 2020-03-01\n"
         "---\nOmar Test met Abu Ali al-Askari and Abu Ali al-Askari spoke for the Alpha Brigades.\n")


def test_a_plain_text_document_is_loaded_linked_and_rendered(minimal_tree, tmp_path):
    (minimal_tree / "documents" / "wire-2020-03-01-meeting.txt").write_text(PLAIN, "utf-8")
    catalogue = load_catalogue(minimal_tree)
    assert "wire-2020-03-01-meeting" in catalogue.documents
    generate(minimal_tree, tmp_path / "docs")
    page = (tmp_path / "docs" / "documents" / "wire-2020-03-01-meeting.md").read_text("utf-8")
    assert "[Omar Test](../leaders/omar-test.md)" in page
    assert "[Alpha Brigades](../militias/alpha-brigades.md)" in page


def test_suggest_lists_names_that_match_no_profile_most_frequent_first(minimal_tree):
    (minimal_tree / "documents" / "wire-2020-03-01-meeting.txt").write_text(PLAIN, "utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "--content", str(minimal_tree),
                             "suggest"], capture_output=True, text=True, cwd=ROOT, check=True)
    first = result.stdout.splitlines()[0].split(maxsplit=1)
    assert first == ["2", "Abu Ali al-Askari"]
