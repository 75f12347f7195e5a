"""Every generated page's edit link opens its source file under content/, not generated Markdown,
and no reader's browser is sent to the repository host's API (Material's repo_url stays unset)."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.pipeline import build_site

ROOT = Path(__file__).resolve().parent.parent
HOST = "https://git.internal.test/briefing/edit/main"


def build(tmp_path: Path, minimal_tree: Path) -> Path:
    build_site(minimal_tree, tmp_path / "docs", tmp_path / "site")
    return tmp_path / "site"


def test_edit_links_open_the_content_file_on_the_configured_host(tmp_path, minimal_tree,
                                                                 monkeypatch):
    monkeypatch.setenv("BRIEFING_EDIT_BASE", HOST)
    site = build(tmp_path, minimal_tree)
    for page, source in [("militias/alpha-brigades", "militias/alpha-brigades.md"),
                         ("leaders/omar-test", "leaders/omar-test.md"),
                         ("incidents/2020-01-05-test-square-shooting",
                          "incidents/2020-01-05-test-square-shooting.yml")]:
        html = (site / page / "index.html").read_text("utf-8")
        assert f'href="{HOST}/content/{source}"' in html, page


def test_without_a_host_the_page_names_its_content_file(tmp_path, minimal_tree, monkeypatch):
    monkeypatch.setenv("BRIEFING_EDIT_BASE", "")
    monkeypatch.setattr("generator.settings.edit_base_from_git", lambda: None)
    site = build(tmp_path, minimal_tree)
    html = (site / "militias" / "alpha-brigades" / "index.html").read_text("utf-8")
    assert "Source file: <code>content/militias/alpha-brigades.md</code>" in html


def test_material_repo_widget_is_off():
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert "repo_url" not in {key for key in yaml.safe_load(config.replace("!!", "#"))}
