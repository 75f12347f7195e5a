"""`make new`: scaffolds land at the right path, refuse to overwrite, and pass `make check` as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.errors import ContentError, Problems
from generator.load import load_content
from generator.model import build_catalogue
from generator.scaffold import scaffold, slugify


def check(content: Path) -> None:
    """What `make check` does; raises ContentError listing every problem."""
    build_catalogue(load_content(content, Problems()), Problems())


def front_matter(path: Path) -> dict:
    lines = path.read_text(encoding="utf-8").splitlines()
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end]))


@pytest.mark.parametrize(("name", "slug"), [
    ("Qays al-Khaz'ali", "qays-al-khazali"),
    ("Test Person", "test-person"),
    ("Kata’ib Ḥizballāh", "kataib-hizballah"),
    ("  Abu  Fadak (al-Mohammadawi) ", "abu-fadak-al-mohammadawi"),
    ("Asa`ib Ahl al-Haq 2.0", "asaib-ahl-al-haq-2-0"),
])
def test_slug_is_ascii_folded(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_leader_scaffold_passes_check(minimal_tree: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--content", str(minimal_tree), "new", "--kind", "leader",
                 "--name", "Test Person"]) == 0
    path = minimal_tree / "leaders" / "test-person.md"
    assert path.is_file()
    assert "test-person.md" in capsys.readouterr().out
    meta = front_matter(path)
    assert meta["name"] == "Test Person"
    # every field of the kind, and nothing filled in but the name
    for key in ("arabic", "aliases", "short_names", "look_alikes", "born", "birthplace", "died",
                "roles", "designations", "summary", "sources", "tags"):
        assert key in meta
        assert meta[key] in (None, []), key
    assert path.read_text(encoding="utf-8").rstrip().endswith("---")  # no prose written
    check(minimal_tree)
    assert main(["--content", str(minimal_tree), "check"]) == 0


def test_militia_scaffold_passes_check(minimal_tree: Path) -> None:
    path = scaffold(minimal_tree, "militia", "Liwa al-Test")
    assert path == minimal_tree / "militias" / "liwa-al-test.md"
    meta = front_matter(path)
    assert meta["kind"] == "militia"
    assert {"founded", "parent", "pmu_brigades", "patrons", "status", "strength", "relations",
            "designations", "summary", "sources"} <= set(meta)
    check(minimal_tree)


def test_a_fact_in_a_scaffold_needs_a_source(minimal_tree: Path) -> None:
    path = scaffold(minimal_tree, "leader", "Test Person")
    path.write_text(path.read_text(encoding="utf-8").replace('born:   ', 'born: "1970"', 1),
                    encoding="utf-8")
    with pytest.raises(ContentError) as error:
        check(minimal_tree)
    assert any("test-person.md" in str(p) and "cites no source" in str(p)
               for p in error.value.problems)


def test_prose_in_a_scaffold_needs_a_source(minimal_tree: Path) -> None:
    path = scaffold(minimal_tree, "leader", "Test Person")
    path.write_text(path.read_text(encoding="utf-8") + "He leads a brigade.\n", encoding="utf-8")
    with pytest.raises(ContentError):
        check(minimal_tree)


def test_profile_scaffold_can_cite_a_source(minimal_tree: Path) -> None:
    path = scaffold(minimal_tree, "leader", "Test Person", source="gazette-2020-01-02-alpha")
    assert front_matter(path)["sources"] == ["gazette-2020-01-02-alpha"]
    check(minimal_tree)


def test_document_scaffold(minimal_tree: Path) -> None:
    path = scaffold(minimal_tree, "document", "Rockets hit the base", outlet="The Herald",
                    date="2021-03-04")
    assert path == minimal_tree / "documents" / "rockets-hit-the-base.md"
    meta = front_matter(path)
    assert (meta["title"], meta["outlet"], str(meta["published"])) == (
        "Rockets hit the base", "The Herald", "2021-03-04")
    check(minimal_tree)


def test_document_needs_outlet_and_date(minimal_tree: Path) -> None:
    assert main(["--content", str(minimal_tree), "new", "--kind", "document",
                 "--name", "A report"]) == 1
    assert not (minimal_tree / "documents" / "a-report.md").exists()


def test_incident_scaffold_uses_today_or_date(minimal_tree: Path) -> None:
    today = dt.date.today().isoformat()
    path = scaffold(minimal_tree, "incident", "Rockets hit the base",
                    source="herald-2020-02-03-beta")
    assert path == minimal_tree / "incidents" / f"{today}-rockets-hit-the-base.yml"
    dated = scaffold(minimal_tree, "incident", "Drone strike", date="2020-01-03",
                     source="herald-2020-02-03-beta")
    assert dated.name == "2020-01-03-drone-strike.yml"
    meta = yaml.safe_load(dated.read_text(encoding="utf-8"))
    assert str(meta["date"]) == "2020-01-03" and meta["sources"] == ["herald-2020-02-03-beta"]
    check(minimal_tree)


def test_incident_needs_a_source(minimal_tree: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--content", str(minimal_tree), "new", "--kind", "incident",
                 "--name", "Rockets"]) == 1
    assert "SOURCE=" in capsys.readouterr().err


def test_refuses_to_overwrite(minimal_tree: Path, capsys: pytest.CaptureFixture) -> None:
    args = ["--content", str(minimal_tree), "new", "--kind", "leader", "--name", "Test Person"]
    assert main(args) == 0
    path = minimal_tree / "leaders" / "test-person.md"
    path.write_text(path.read_text(encoding="utf-8") + "Edited.\n", encoding="utf-8")
    assert main(args) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "already exists" in err
    assert path.read_text(encoding="utf-8").endswith("Edited.\n")


@pytest.mark.parametrize(("kind", "name", "extra"), [
    ("leader", "قيس الخزعلي", {}),               # no Latin letters to make a file name from
    ("cat", "Test", {}),                           # not a kind
    ("leader", "Test", {"source": "no-such-doc"}),  # cites nothing real
    ("incident", "Test", {"source": "herald-2020-02-03-beta", "date": "2020-02-30"}),
])
def test_bad_input_writes_nothing(minimal_tree: Path, kind: str, name: str, extra: dict) -> None:
    before = sorted(minimal_tree.rglob("*"))
    with pytest.raises(Exception, match=r"."):
        scaffold(minimal_tree, kind, name, **extra)
    assert sorted(minimal_tree.rglob("*")) == before


def test_refuses_a_name_another_profile_has(minimal_tree: Path) -> None:
    leader = front_matter(minimal_tree / "leaders" / "omar-test.md")
    with pytest.raises(Exception, match="already has the name"):
        scaffold(minimal_tree, "militia", leader["aliases"][0].upper())
