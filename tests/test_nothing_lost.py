"""Nothing is lost: content/ is never written, a failed build keeps the last good site, and no
slug or file name can lead a write outside the output folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator import folders, pipeline
from generator.errors import BuildError, ContentError
from generator.pipeline import build_site, generate
from generator.write import safe_target, write_tree

ROOT = Path(__file__).resolve().parent.parent


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under root: its bytes and modification time (ns)."""
    return {path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(root.rglob("*")) if path.is_file()}


def leftovers(site: Path) -> list[str]:
    """Staging or retired folders a build left beside the site."""
    return sorted(path.name for path in site.parent.iterdir()
                  if path.name.startswith(f".{site.name}.") and path.name != f".{site.name}.lock")


# ---- (a) the generator never writes into content/ -------------------------------------------

@pytest.mark.parametrize("where", ["docs", ".", "militias/docs"])
def test_an_output_folder_inside_content_is_refused(minimal_tree, where):
    before = snapshot(minimal_tree)
    with pytest.raises(BuildError, match="overlaps the content folder"):
        generate(minimal_tree, minimal_tree / where)
    assert snapshot(minimal_tree) == before


def test_an_output_folder_above_content_is_refused(minimal_tree):
    with pytest.raises(BuildError, match="overlaps the content folder"):
        generate(minimal_tree, minimal_tree.parent)


def test_a_build_leaves_every_content_file_untouched(minimal_tree, tmp_path):
    before = snapshot(minimal_tree)
    build_site(minimal_tree, tmp_path / "docs", tmp_path / "site")
    assert snapshot(minimal_tree) == before


# ---- (b) a failed build leaves the last good site exactly as it was ---------------------------

@pytest.fixture
def built(minimal_tree, tmp_path):
    """(content, docs, site, snapshot of the site) after one good build."""
    site = tmp_path / "site"
    build_site(minimal_tree, tmp_path / "docs", site)
    return minimal_tree, tmp_path / "docs", site, snapshot(site)


def test_a_content_error_keeps_the_last_good_site(built):
    content, docs, site, good = built
    militia = content / "militias" / "beta-front.md"
    militia.write_text(militia.read_text("utf-8").replace("kind: umbrella", "kind: legion"), "utf-8")
    with pytest.raises(ContentError, match="beta-front.md:3: kind: 'legion' is not allowed"):
        build_site(content, docs, site)
    assert snapshot(site) == good
    assert leftovers(site) == []


def test_a_broken_yaml_file_keeps_the_last_good_site(built):
    content, docs, site, good = built
    (content / "places.yml").write_text("- slug: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build_site(content, docs, site)
    assert snapshot(site) == good


def test_an_engine_failure_keeps_the_last_good_site_and_no_staging_folder(built, monkeypatch):
    content, docs, site, good = built

    def strict_warning(engine: str, config: Path, as_of: str = "") -> None:
        staging = site.with_name(f".{site.name}.building")
        (staging / "half-built").mkdir(parents=True)  # as if MkDocs had started writing
        (staging / "half-built" / "index.html").write_text("partial", encoding="utf-8")
        raise BuildError("mkdocs build failed; the previous site was left in place:\n"
                         "WARNING - Doc file 'x.md' contains a link to 'missing.md'")

    monkeypatch.setattr(pipeline, "_run_engine", strict_warning)
    with pytest.raises(BuildError, match="previous site was left in place"):
        build_site(content, docs, site)
    assert snapshot(site) == good
    assert leftovers(site) == []


def test_a_real_strict_warning_from_mkdocs_keeps_the_last_good_site(built, monkeypatch):
    content, docs, site, good = built
    assets = pipeline.static_assets
    monkeypatch.setattr(pipeline, "static_assets",  # one more page, with a link MkDocs cannot resolve
                        lambda: {**assets(), "broken.md": b"# Broken\n\n[x](no-such-page.md)\n"})
    with pytest.raises(BuildError, match="previous site was left in place"):
        build_site(content, docs, site)
    assert snapshot(site) == good
    assert leftovers(site) == []


def refuse_to_rename_staging(monkeypatch) -> None:
    """Make the last step of the swap (staging folder -> site folder) fail, as a full disk might."""
    rename = Path.rename

    def failing(self: Path, target: Path) -> Path:
        if self.name.endswith(".building"):
            raise OSError("simulated failure")
        return rename(self, target)
    monkeypatch.setattr(Path, "rename", failing)


def test_a_failed_swap_puts_the_last_good_site_back(built, monkeypatch):
    content, docs, site, good = built
    monkeypatch.setattr(folders, "_exchange", lambda first, second: False)  # two renames
    refuse_to_rename_staging(monkeypatch)
    with pytest.raises(BuildError, match="previous site was left in place"):
        build_site(content, docs, site)
    assert snapshot(site) == good
    assert leftovers(site) == []


def test_a_swap_cut_short_is_recovered_even_by_a_failed_build(built):
    content, docs, site, good = built
    site.rename(site.with_name(f".{site.name}.previous"))  # as if the last swap stopped midway
    (content / "militias" / "alpha-brigades.md").write_text("broken", encoding="utf-8")
    with pytest.raises(ContentError):
        build_site(content, docs, site)
    assert snapshot(site) == good
    assert leftovers(site) == []


KILLER = """
import sys
from pathlib import Path
from generator import folders, pipeline
if sys.argv[4] == "renames":
    folders._exchange = lambda first, second: False
pipeline.build_site(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
"""


@pytest.mark.parametrize(("step", "swap"), [("before-swap", "exchange"),
                                             ("after-exchange", "exchange"),
                                             ("before-swap", "renames"),
                                             ("between-renames", "renames")])
def test_a_build_killed_at_any_step_of_the_swap_leaves_a_whole_site(built, step, swap):
    content, docs, site, good = built
    killed = subprocess.run([sys.executable, "-c", KILLER, str(content), str(docs), str(site), swap],
                            env={**os.environ, "BRIEFING_KILL_AT": step}, cwd=ROOT, check=False)
    assert killed.returncode == -signal.SIGKILL
    if swap == "exchange" or step == "before-swap":
        assert set(snapshot(site)) == set(good)   # the old site or the new one, whole, in place
    (content / "militias" / "alpha-brigades.md").write_text("broken", encoding="utf-8")
    with pytest.raises(ContentError):
        build_site(content, docs, site)              # even a failed build brings a site back
    assert set(snapshot(site)) == set(good)
    assert leftovers(site) == []


def test_a_good_build_replaces_the_site_whole(built):
    content, docs, site, good = built
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    build_site(content, docs, site)
    assert not (site / "stale.html").exists()
    assert {name for name in snapshot(site)} == set(good)
    assert leftovers(site) == []


# ---- (c) names can never leave the output folder ----------------------------------------------

@pytest.mark.parametrize("name", ["../x", "../../etc/passwd", "a/../../x", "/etc/passwd",
                                  "..", "", "a\\..\\..\\x", "militias/../../x.md"])
def test_safe_target_refuses_paths_that_leave_the_output_folder(tmp_path, name):
    with pytest.raises(BuildError, match="would leave the output folder"):
        safe_target(tmp_path / "out", name)


@pytest.mark.parametrize("name", ["index.md", "militias/kataib-hezbollah.md", "assets/x.css"])
def test_safe_target_keeps_ordinary_paths_inside(tmp_path, name):
    out = tmp_path / "out"
    assert safe_target(out, name).resolve().is_relative_to(out.resolve())


def test_write_tree_writes_nothing_when_one_name_escapes(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(BuildError):
        write_tree(out, {"index.md": b"ok", "../escaped.md": b"no"})
    assert not (tmp_path / "escaped.md").exists()
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("name", ["..md", "...md", ".hidden-but-md.md", "-lead.md", "trail-.md",
                                  "Upper.md", "two--hyphens.md", "sp ace.md", "dot.ted.md",
                                  "ünïcode.md", "semi;colon.md", "%2e%2e.md"])
def test_a_content_file_with_an_odd_name_is_rejected_or_skipped(minimal_tree, tmp_path, name):
    source = minimal_tree / "militias" / "beta-front.md"
    (minimal_tree / "militias" / name).write_bytes(source.read_bytes().replace(
        b"name: Beta Front", b"name: Odd Name Front"))
    try:
        build_site(minimal_tree, tmp_path / "docs", tmp_path / "site")
    except ContentError as error:
        assert f"file name {name!r} is not a slug" in str(error)
    else:  # only dot files are skipped, as editors' temporary files
        assert name.startswith(".")
    written = {path.resolve() for path in tmp_path.rglob("*")}
    assert all(path.is_relative_to(tmp_path.resolve()) for path in written)
    assert not os.path.exists(tmp_path.parent / "x.md")
