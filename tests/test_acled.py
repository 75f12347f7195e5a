"""`import-acled`: an ACLED CSV export becomes incident files and one source document.

The export is tests/fixtures/acled/baghdad-sample.csv, synthetic data in ACLED's column order
(see the README next to it); it is imported into a copy of tests/fixtures/minimal that also holds
two test profiles whose aliases ACLED's actor names should match.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.acled import import_acled
from generator.errors import ContentError
from generator.pipeline import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
ACLED = Path(__file__).resolve().parent / "fixtures" / "acled"
SAMPLE = ACLED / "baghdad-sample.csv"
DOC = "acled-export-baghdad-sample"
KH, PMU = "kataib-hizballah-test", "popular-mobilization-units-test"
IDS = [f"irq9001{n:02d}" for n in range(1, 9)]


@pytest.fixture
def tree(minimal_tree: Path) -> Path:
    for profile in (ACLED / "profiles").glob("*.md"):
        shutil.copy(profile, minimal_tree / "militias" / profile.name)
    return minimal_tree


def run(content: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generator", "--content", str(content),
                           "import-acled", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def incident(content: Path, name: str) -> dict:
    return yaml.safe_load((content / "incidents" / f"{name}.yml").read_text(encoding="utf-8"))


def snapshot(content: Path) -> dict[str, bytes]:
    return {str(p.relative_to(content)): p.read_bytes() for p in sorted(content.rglob("*"))
            if p.is_file()}


def sample_lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").splitlines()


def test_every_event_becomes_a_valid_incident_citing_the_export(tree: Path) -> None:
    report = import_acled(SAMPLE, tree)
    names = sorted(p.stem for p in (tree / "incidents").glob("*-acled-*.yml"))
    assert [n.split("-acled-")[1] for n in names] == IDS
    assert "2020-01-08-acled-irq900101" in names
    assert len(report.written) == 8 and not report.skipped
    catalogue = load_catalogue(tree)
    imported = [i for slug, i in catalogue.incidents.items() if "-acled-" in slug]
    assert len(imported) == 8
    assert all(i.sources == (DOC,) for i in imported)
    assert all(a.sources == (DOC,) and a.by == "ACLED" and a.status == "attributed"
               for i in imported for a in i.attribution)
    document = catalogue.documents[DOC]
    assert document.title == "ACLED export baghdad-sample.csv"
    assert document.outlet == "ACLED (Armed Conflict Location & Event Data)"
    assert document.published == "2020-04-01"     # the newest `timestamp`, 1585728000
    assert document.kind == "report" and document.source_url is None
    assert "8 events" in document.body
    assert "- Shafaq News: 5" in document.body     # semicolon-separated sources, counted
    assert "- Xinhua: 1" in document.body


def test_fields_follow_the_acled_columns(tree: Path) -> None:
    import_acled(SAMPLE, tree)
    rocket = incident(tree, "2020-01-08-acled-irq900101")
    assert rocket["title"] == "Shelling, artillery or missile attack in Baghdad (Green Zone)"
    assert str(rocket["date"]) == "2020-01-08" and rocket["date_precision"] == "day"
    assert rocket["kind"] == "rocket"
    assert (rocket["latitude"], rocket["longitude"], rocket["geo_precision"]) == (33.3036, 44.3961, 1)
    assert rocket["killed"] == 0 and "target" not in rocket
    assert rocket["summary"].startswith("On 8 January 2020, two Katyusha rockets")
    assert "ACLED codes actors without direction" in rocket["summary"]
    assert rocket["summary"].endswith(f"ACLED event IRQ900101 [@{DOC}].")
    kinds = {n: incident(tree, p.stem)["kind"] for n, p in
             zip(IDS, sorted((tree / "incidents").glob("*-acled-*.yml")), strict=True)}
    assert kinds == {"irq900101": "rocket", "irq900102": "drone-strike", "irq900103": "ied",
                     "irq900104": "shooting", "irq900105": "crackdown", "irq900106": "other",
                     "irq900107": "shooting", "irq900108": "protest"}
    strike = incident(tree, "2020-01-14-acled-irq900102")
    assert strike["target"] == "Kataib Hezbollah" and strike["killed"] == 2
    assert strike["geo_precision"] == 2
    assert incident(tree, "2020-02-09-acled-irq900106")["date_precision"] == "week"
    rally = incident(tree, "2020-03-15-acled-irq900108")
    assert rally["date_precision"] == "month"
    assert "نعم نعم للعراق" in rally["summary"] and '"' in rally["summary"]


def test_actors_match_profiles_through_aliases(tree: Path) -> None:
    report = import_acled(SAMPLE, tree)

    def who(name: str) -> list[tuple[str, str]]:
        return [("actor", a["actor"]) if "actor" in a else ("name", a["actor_name"])
                for a in incident(tree, name)["attribution"]]

    # a strike on "Kataib Hezbollah" (actor2): the militia was hit, so it is the target, not attributed
    assert who("2020-01-14-acled-irq900102") == [
        ("name", "Military Forces of the United States (2017-2021)")]
    assert incident(tree, "2020-01-14-acled-irq900102")["target"] == "Kataib Hezbollah"
    # assoc_actor_1 is a semicolon list: "Militia (Pro-Government); Kata'ib Hizballah"
    assert who("2020-02-06-acled-irq900105") == [
        ("name", "Police Forces of Iraq (2018-2022)"), ("name", "Militia (Pro-Government)"),
        ("actor", KH)]
    assert who("2020-02-09-acled-irq900106") == [("name", "Militia (Pro-Government)"),
                                                ("actor", PMU)]
    # unmatched actors of the second side are reported, never attributed
    everyone = [n for p in (tree / "incidents").glob("*-acled-*.yml") for n in who(p.stem)]
    assert ("name", "Civilians (Iraq)") not in everyone
    assert ("name", "Protesters (Iraq)") in everyone      # actor 1 of the peaceful protest
    unmatched = dict(report.unmatched)
    assert unmatched["Militia (Pro-Government)"] == 2
    assert unmatched["Civilians (Iraq)"] == 3
    assert "Kataib Hezbollah" not in unmatched and "PMF: Popular Mobilization Forces" not in unmatched


def test_cli_reports_unmatched_actors_and_reimport_changes_nothing(tree: Path,
                                                                  tmp_path: Path) -> None:
    first = run(tree, str(SAMPLE), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "8 incident files written" in first.stdout
    assert "unmatched actors:\n" in first.stdout
    assert "  Militia (Pro-Government) (2)\n" in first.stdout
    assert "  Unidentified Armed Group (Iraq) (3)\n" in first.stdout
    before = snapshot(tree)
    again = run(tree, str(SAMPLE), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "0 incident files written, 8 unchanged, 0 skipped" in again.stdout
    assert snapshot(tree) == before
    updated = run(tree, str(SAMPLE), "--update", cwd=tmp_path)
    assert updated.returncode == 0, updated.stderr
    assert snapshot(tree) == before


def test_an_edited_incident_is_kept_unless_update(tree: Path) -> None:
    import_acled(SAMPLE, tree)
    path = tree / "incidents" / "2020-01-08-acled-irq900101.yml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("killed: 0", "killed: 1"), encoding="utf-8")
    report = import_acled(SAMPLE, tree)
    assert report.skipped == [str(path)] and len(report.unchanged) == 7
    assert "killed: 1" in path.read_text(encoding="utf-8")
    assert "--update" in report.summary()
    import_acled(SAMPLE, tree, update=True)
    assert path.read_text(encoding="utf-8") == original


def test_a_revised_event_date_replaces_the_old_file_only_with_update(tree: Path,
                                                                     tmp_path: Path) -> None:
    import_acled(SAMPLE, tree)
    revised = tmp_path / "baghdad-sample.csv"
    revised.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        "IRQ900101,2020-01-08", "IRQ900101,2020-01-09"), encoding="utf-8")
    old = tree / "incidents" / "2020-01-08-acled-irq900101.yml"
    new = tree / "incidents" / "2020-01-09-acled-irq900101.yml"
    report = import_acled(revised, tree)
    assert old.exists() and not new.exists() and report.skipped == [str(old)]
    report = import_acled(revised, tree, update=True)
    assert new.exists() and not old.exists() and report.removed == [str(old)]
    load_catalogue(tree)


def test_extra_columns_and_long_dates_are_accepted(tree: Path, tmp_path: Path) -> None:
    lines = sample_lines()
    rows = [lines[0] + ",population_best"] + [line + ",12345" for line in lines[1:]]
    text = "\r\n".join(rows).replace(",2020-01-08,", ",08 January 2020,")
    export = tmp_path / "newer-export.csv"
    export.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # Excel's UTF-8 with BOM
    import_acled(export, tree)
    assert str(incident(tree, "2020-01-08-acled-irq900101")["date"]) == "2020-01-08"
    assert (tree / "documents" / "acled-export-newer-export.md").exists()


def test_bad_rows_are_reported_by_line_all_at_once(tree: Path, tmp_path: Path) -> None:
    lines = sample_lines()
    rows = [lines[0], lines[1],
            lines[2].replace("2020-01-14", "2020-02-30"),
            lines[3].replace("33.2500,44.3900", "51.5000,-0.1200"),
            lines[4].replace("33.3406,44.4009", "abc,44.4009")
                    .replace('"On 2 February 2020,', '"On 2 February\n2020,'),
            lines[5].replace(",2,crowd", ",two,crowd")]
    export = tmp_path / "bad.csv"
    export.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    before = snapshot(tree)
    result = run(tree, "bad.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    errors = result.stderr.splitlines()
    assert errors[0].startswith("bad.csv:3: event_date '2020-02-30' is not a date")
    assert errors[1].startswith("bad.csv:4: coordinates (51.5, -0.12) are outside Iraq")
    assert errors[2].startswith("bad.csv:5: bad coordinates: latitude 'abc'")
    assert errors[3].startswith("bad.csv:7: fatalities 'two'")   # row 5 spans lines 5-6
    assert len(errors) == 5
    assert snapshot(tree) == before


def test_missing_columns_are_named(tree: Path, tmp_path: Path) -> None:
    export = tmp_path / "other.csv"
    export.write_text("event_id_cnty,event_date,latitude,longitude,extra\n"
                      "IRQ1,2020-01-01,33.3,44.4,x\n", encoding="utf-8")
    result = run(tree, "other.csv", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("other.csv:1: missing ACLED columns: time_precision, "
                                    "event_type, sub_event_type, actor1,")
    missing = run(tree, "nowhere.csv", cwd=tmp_path)
    assert missing.returncode == 1 and "nowhere.csv:1: ACLED export not found" in missing.stderr


def test_nothing_stays_written_when_the_content_no_longer_validates(tree: Path) -> None:
    (tree / "documents" / f"{DOC}.txt").write_text(
        "---\ntitle: Clash\noutlet: Somebody\npublished: 2020-01-01\n---\nText.\n",
        encoding="utf-8")   # the export's document slug, taken: validation must fail
    before = snapshot(tree)
    with pytest.raises(ContentError) as caught:
        import_acled(SAMPLE, tree)
    messages = [p.message for p in caught.value.problems]
    assert any("defined twice" in m for m in messages)
    assert any("nothing was imported" in m for m in messages)
    assert snapshot(tree) == before


def test_bundled_profiles_match_acled_spellings(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    load_catalogue(content)  # the bundled content is valid (its own test says so first)
    import_acled(SAMPLE, content)
    def slugs(name: str) -> list[str | None]:
        return [a.get("actor") for a in incident(content, name)["attribution"]]
    assert "kataib-hezbollah" in slugs("2020-02-06-acled-irq900105")     # "Kata'ib Hizballah"
    assert "popular-mobilization-units" in slugs("2020-02-09-acled-irq900106")
