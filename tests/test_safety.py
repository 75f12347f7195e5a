"""Nothing is lost and nothing runs away: commands that could destroy work refuse with one clear
line, concurrent builds take turns, YAML bombs and links out of content/ are refused, and
interrupts and full or read-only disks end in one line."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator import cli
from generator.errors import ContentError
from generator.pipeline import load_catalogue

ROOT = Path(__file__).resolve().parent.parent


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, cwd=cwd, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize("command", [
    ["corpus", "--scale", "2", "--out", "{content}"],
    ["corpus", "--scale", "2", "--out", "{content}/militias"],
    ["corpus", "--scale", "2", "--out", "{parent}"],
    ["site", "--out", "{parent}/docs", "--site-dir", "{content}"],
    ["site", "--out", "{parent}/docs", "--site-dir", "{parent}"],
    ["site", "--out", "{content}/docs", "--site-dir", "{parent}/site"],
    ["generate", "--out", "{repo}"],
    ["site", "--out", "{parent}/docs", "--site-dir", "{repo}"],
])
def test_a_command_that_would_destroy_work_refuses_and_leaves_content_as_it_was(minimal_tree,
                                                                                 command):
    before = snapshot(minimal_tree)
    words = [w.format(content=minimal_tree, parent=minimal_tree.parent, repo=ROOT) for w in command]
    result = run("--content", str(minimal_tree), *words)
    assert result.returncode == 1, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: the ") and "nothing was written" in line
    assert snapshot(minimal_tree) == before
    assert (ROOT / "README.md").is_file() and (ROOT / "generator").is_dir()


def test_a_folder_of_someone_elses_files_is_never_replaced(minimal_tree, tmp_path):
    mine = tmp_path / "my-notes"
    mine.mkdir()
    (mine / "thesis.md").write_text("years of work", encoding="utf-8")
    result = run("--content", str(minimal_tree), "corpus", "--scale", "2", "--out", str(mine))
    assert result.returncode == 1 and "did not write" in result.stderr
    assert (mine / "thesis.md").read_text(encoding="utf-8") == "years of work"


def test_a_corpus_folder_written_before_is_replaced(minimal_tree, tmp_path):
    out = tmp_path / "corpus"
    assert run("--content", str(minimal_tree), "corpus", "--scale", "2", "--out", str(out)).returncode == 0
    assert run("--content", str(minimal_tree), "corpus", "--scale", "2", "--out", str(out)).returncode == 0


@pytest.mark.slow
def test_twenty_pairs_of_concurrent_builds_leave_a_complete_site_every_time(minimal_tree, tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    reference = tmp_path / "reference"
    assert run("--content", str(minimal_tree), "site", "--out", str(tmp_path / "ref-docs"),
               "--site-dir", str(reference)).returncode == 0
    expected = set(snapshot(reference))
    build = ["--content", str(minimal_tree), "site", "--out", str(docs), "--site-dir", str(site)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for pair in range(20):
            results = list(pool.map(lambda _: run(*build), range(2)))
            assert [r.returncode for r in results] == [0, 0], (pair, [r.stderr for r in results])
            assert set(snapshot(site)) == expected, f"pair {pair}: the site is not whole"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.b")]


def bomb(levels: int = 9) -> str:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, levels):
        previous, name = chr(96 + level), chr(97 + level)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines)


@pytest.mark.parametrize("field", ["killed", "latitude"])
def test_a_yaml_alias_bomb_is_refused_with_one_short_line(make_tree, field):
    text = f"title: X\ndate: 2020-01-01\nkind: rocket\n{bomb()}\n{field}: *i\nsources: []\n"
    root = make_tree({"incidents/2020-01-01-bomb.yml": text})
    with pytest.raises(ContentError) as caught:
        load_catalogue(root)
    [problem] = caught.value.problems
    assert "expands through aliases" in problem.message and len(str(problem)) < 300
    assert problem.path.endswith("2020-01-01-bomb.yml") and problem.line == 1


def test_a_key_given_twice_names_both_lines(make_tree):
    root = make_tree({"militias/gamma.md": "---\nname: Gamma\nkind: militia\nname: Other\n---\n"})
    with pytest.raises(ContentError) as caught:
        load_catalogue(root)
    assert any("'name' is given twice, on line 2 and line 4" in str(p) for p in caught.value.problems)


def test_a_control_character_is_reported_on_its_own_line_in_one_line(make_tree):
    root = make_tree({"militias/gamma.md": "---\nname: Gamma\nkind: militia\nsummary: a\x07b\n---\n"})
    with pytest.raises(ContentError) as caught:
        load_catalogue(root)
    [problem] = caught.value.problems
    assert problem.line == 4 and "U+0007" in problem.message and "\n" not in str(problem)


@pytest.mark.parametrize("link", ["file", "folder", "subfolder"])
def test_a_link_that_leaves_content_is_refused_and_never_read(minimal_tree, tmp_path, link):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = "---\ntitle: Secret\noutlet: Nobody\npublished: 2020-01-01\n---\nzqx private notes\n"
    (outside / "secret.md").write_text(secret, encoding="utf-8")
    if link == "file":
        (minimal_tree / "documents" / "secret.md").symlink_to(outside / "secret.md")
    elif link == "folder":
        os.replace(minimal_tree / "documents", tmp_path / "moved")
        (minimal_tree / "documents").symlink_to(outside, target_is_directory=True)
    else:
        (minimal_tree / "documents" / "more").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ContentError) as caught:
        load_catalogue(minimal_tree)
    messages = [str(p) for p in caught.value.problems]
    assert any("outside the content folder" in m or "is not read" in m for m in messages), messages
    assert not any("zqx" in m for m in messages)


def test_ctrl_c_ends_in_one_line(monkeypatch, capsys):
    def interrupted(_args):
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "_check", interrupted)
    assert cli.main(["check"]) == 130
    assert capsys.readouterr().err.strip().count("\n") == 0


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "the disk is full"),
                                              (errno.EROFS, "the file system is read-only")])
def test_a_full_or_read_only_disk_ends_in_one_clear_line(minimal_tree, tmp_path, monkeypatch,
                                                         capsys, code, words):
    def failing(self: Path, data: bytes) -> int:
        raise OSError(code, os.strerror(code), str(self))
    monkeypatch.setattr(Path, "write_bytes", failing)
    assert cli.main(["--content", str(minimal_tree), "generate", "--out", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and words in err
    assert not list((tmp_path / "d").rglob("*.tmp"))


def test_make_new_on_read_only_content_gives_a_plain_message(minimal_tree, monkeypatch, capsys):
    real_open = Path.open

    def read_only(self: Path, mode: str = "r", *args, **kwargs):
        if "x" in mode or "w" in mode:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        return real_open(self, mode, *args, **kwargs)
    monkeypatch.setattr(Path, "open", read_only)
    assert cli.main(["--content", str(minimal_tree), "new", "--kind", "leader",
                     "--name", "New Person"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "read-only" in err and "internal error" not in err
