"""`import-acled`: real ACLED exports, in every layout in use since 2019, become incident files and
one source document; bad rows are reported by line and skipped; revisions show as diffs.

The exports are synthetic files under tests/fixtures/acled/ written in ACLED's real layouts (see
the README there); they are imported into a copy of tests/fixtures/minimal that also holds two
test profiles whose aliases ACLED's actor names should match.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.acled import import_acled
from generator.corpus import write_acled_export
from generator.errors import ContentError
from generator.pipeline import build_site, generate, load_catalogue

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


def imported(content: Path) -> list[str]:
    return sorted(p.stem for p in (content / "incidents").glob("*-acled-*.yml"))


def snapshot(content: Path) -> dict[str, bytes]:
    return {str(p.relative_to(content)): p.read_bytes() for p in sorted(content.rglob("*"))
            if p.is_file()}


def who(content: Path, name: str) -> list[tuple[str, str, int]]:
    return [("actor", a["actor"], a["side"]) if "actor" in a else ("name", a["actor_name"],
                                                                     a["side"])
            for a in incident(content, name).get("attribution", [])]


# --- one incident per event, ACLED's record kept ---

def test_every_event_becomes_a_valid_incident_citing_the_export(tree: Path) -> None:
    report = import_acled(SAMPLE, tree)
    assert [n.split("-acled-")[1] for n in imported(tree)] == IDS
    assert len(report.written) == 8 and not report.changed and not report.problems
    catalogue = load_catalogue(tree)
    ours = [i for slug, i in catalogue.incidents.items() if "-acled-" in slug]
    assert len(ours) == 8 and all(i.sources == (DOC,) for i in ours)
    assert all(a.status == "coded" and a.by == "ACLED" and a.side in (1, 2)
               for i in ours for a in i.attribution)
    document = catalogue.documents[DOC]
    assert document.title == "ACLED export baghdad-sample.csv"
    assert document.published == "2020-04-01"     # the newest `timestamp`, 1585728000
    assert "2023+ layout" in document.body and "- Shafaq News: 5" in document.body


def test_acled_fields_are_kept_and_precision_is_not_exact(tree: Path) -> None:
    import_acled(SAMPLE, tree)
    rocket = incident(tree, "2020-01-08-acled-irq900101")
    assert rocket["title"] == "Shelling, artillery or missile attack in Baghdad (Green Zone)"
    assert rocket["kind"] == "shelling" and rocket["killed"] == 0
    # ACLED's 1 is the point of the place named, never an exact site: a neighbourhood -> 2
    assert (rocket["latitude"], rocket["longitude"], rocket["geo_precision"]) == (33.3036, 44.3961, 2)
    assert rocket["summary"].startswith("On 8 January 2020, two Katyusha rockets")
    assert rocket["summary"].endswith(f"[@{DOC}]")
    block = rocket["acled"]
    assert block["event_id"] == "IRQ900101" and block["geo_precision"] == 1
    assert block["admin1"] == "Baghdad" and block["admin2"] == "Al-Karkh"
    assert block["admin3"] == "Markaz Al-Karkh" and block["source"] == ["Shafaq News", "Xinhua"]
    assert block["source_scale"] == "National-International" and block["time_precision"] == 1
    assert block["interaction"] == "Political militia only"
    strike = incident(tree, "2020-01-14-acled-irq900102")
    assert strike["geo_precision"] == 3                     # ACLED 2: near a town
    assert strike["kind"] == "drone-strike"                  # its notes say "a drone strike"
    rally = incident(tree, "2020-03-15-acled-irq900108")
    assert rally["date_precision"] == "month" and rally["acled"]["tags"] == ["crowd size=no report"]
    assert "نعم نعم للعراق" in rally["summary"]
    killing = incident(tree, "2020-02-02-acled-irq900104")
    assert killing["acled"]["civilian_targeting"] == "Civilian targeting"
    kinds = {name.split("-acled-")[1]: incident(tree, name)["kind"] for name in imported(tree)}
    assert kinds == {"irq900101": "shelling", "irq900102": "drone-strike",
                     "irq900103": "remote-explosive", "irq900104": "attack",
                     "irq900105": "crackdown", "irq900106": "abduction",
                     "irq900107": "armed-clash", "irq900108": "peaceful-protest"}


def test_actors_are_coded_by_side_never_attributed(tree: Path) -> None:
    report = import_acled(SAMPLE, tree)
    # a strike on Kataib Hezbollah (actor 2): coded on side 2, a linked target, not blamed
    assert who(tree, "2020-01-14-acled-irq900102") == [
        ("name", "Military Forces of the United States (2017-2021)", 1), ("actor", KH, 2),
        ("actor", PMU, 2)]
    assert incident(tree, "2020-01-14-acled-irq900102")["target"] == "Kataib Hezbollah"
    # assoc_actor_1 is a semicolon list: "Militia (Pro-Government); Kata'ib Hizballah"
    assert who(tree, "2020-02-06-acled-irq900105") == [
        ("name", "Police Forces of Iraq (2018-2022)", 1), ("name", "Militia (Pro-Government)", 1),
        ("actor", KH, 1)]
    # unmatched side-2 names stay in `target` and acled:, not in the attribution
    assert ("name", "Civilians (Iraq)", 2) not in [w for n in imported(tree) for w in who(tree, n)]
    unmatched = dict(report.unmatched)
    assert unmatched["Militia (Pro-Government)"] == 2 and unmatched["Civilians (Iraq)"] == 3
    assert ("Kataib Hezbollah", KH, 2) in report.matched
    assert '"Militia (Pro-Government)": null' in report.suggestions


def test_the_actor_table_decides_and_people_are_never_matched(tree: Path, tmp_path: Path) -> None:
    (tree / "leaders" / "muqtada-test.md").write_text(
        "---\nname: Muqtada al-Sadr Test\naliases: [Muqtada al-Sadr]\nshort_names: [Sadr]\n"
        "sources: [gazette-2020-01-02-alpha]\n---\n",
        encoding="utf-8")
    (tree / "acled-actors.yml").write_text(
        '"Militia (Pro-Government)": null\n"Unidentified Armed Group (Iraq)": null\n'
        '"Sadrist Movement": popular-mobilization-units-test\n', encoding="utf-8")
    rows = SAMPLE.read_text(encoding="utf-8").replace(
        "Military Forces of Iraq (2018-2022),Counter Terrorism Service",
        "Al-Sadr Tribe,Muqtada al-Sadr")
    export = tmp_path / "tribes.csv"
    export.write_text(rows, encoding="utf-8")
    report = import_acled(export, tree)
    clash = who(tree, "2020-02-24-acled-irq900107")
    assert clash[:2] == [("name", "Al-Sadr Tribe", 1), ("name", "Muqtada al-Sadr", 1)]
    assert who(tree, "2020-03-15-acled-irq900108")[1] == ("actor", PMU, 1)
    unmatched = dict(report.unmatched)
    assert "Militia (Pro-Government)" not in unmatched     # known: mapped to nothing
    assert unmatched["Al-Sadr Tribe"] == 1 and unmatched["Muqtada al-Sadr"] == 1


def test_a_wrong_actor_table_entry_is_reported_by_line(tree: Path, tmp_path: Path) -> None:
    (tree / "acled-actors.yml").write_text(
        '# comment\n"Kataib Hezbollah": kataib-hizbalah-test\n"Omar": omar-test\n'
        '"Islamic Resistance in Iraq": islamic-resistance-in-iraq\n', encoding="utf-8")
    result = run(tree, str(SAMPLE), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("acled-actors.yml:2: 'Kataib Hezbollah': 'kataib-hizbalah-test' is not a militia "
            "profile: did you mean 'kataib-hizballah-test'?") in result.stderr
    assert "acled-actors.yml:3: 'Omar': 'omar-test' is a leader" in result.stderr
    assert "acled-actors.yml:4" not in result.stderr     # a profile still to be written: fine
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    check = subprocess.run([sys.executable, "-m", "generator", "--content", str(tree), "check"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert check.returncode == 1 and "acled-actors.yml:3: 'Omar': 'omar-test' is a leader" in (
        check.stderr)                                      # make check reads the table too
    (tree / "acled-actors.yml").write_text(
        '"Islamic Resistance in Iraq": islamic-resistance-in-iraq\n', encoding="utf-8")
    result = run(tree, str(ACLED / "monadic.csv"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert ("acled-actors.yml:1: 'islamic-resistance-in-iraq' has no profile yet, so 'Islamic "
            "Resistance in Iraq' is kept as a plain name") in result.stdout
    assert who(tree, "2023-03-18-acled-irq900302")[0] == ("name", "Islamic Resistance in Iraq", 1)


def test_cli_reports_actors_and_reimport_changes_nothing(tree: Path, tmp_path: Path) -> None:
    first = run(tree, str(SAMPLE), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "8 incident files written" in first.stdout
    assert "  Kataib Hezbollah -> kataib-hizballah-test (2)\n" in first.stdout
    assert "  Unidentified Armed Group (Iraq) (3)\n" in first.stdout
    assert '  "Unidentified Armed Group (Iraq)": null\n' in first.stdout
    before = snapshot(tree)
    again = run(tree, str(SAMPLE), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "0 incident files written, 8 unchanged, 0 revised by ACLED" in again.stdout
    assert snapshot(tree) == before
    assert run(tree, str(SAMPLE), "--update", cwd=tmp_path).returncode == 0
    assert snapshot(tree) == before


# --- every layout, date form, delimiter and encoding ---

@pytest.mark.parametrize(("name", "described", "events"), [
    ("baghdad-sample", "2023+ layout, one row per event, comma-separated, UTF-8", 8),
    ("legacy-2019", "2019-2022 layout, one row per event, comma-separated, UTF-8", 3),
    ("monadic", "2023+ layout, one row per actor, comma-separated, UTF-8", 2),
    ("spreadsheet-semicolon", "2023+ layout, one row per event, semicolon-separated, UTF-8", 2),
    ("utf16-excel", "2023+ layout, one row per event, comma-separated, UTF-16", 2),
])
def test_every_layout_imports(tree: Path, name: str, described: str, events: int) -> None:
    report = import_acled(ACLED / f"{name}.csv", tree)
    assert report.described == described and report.events == events
    assert len(imported(tree)) == events
    load_catalogue(tree)


def test_the_2019_layout_with_long_dates(tree: Path) -> None:
    import_acled(ACLED / "legacy-2019.csv", tree)
    strike = incident(tree, "2020-01-15-acled-irq900201")
    assert strike["kind"] == "air-strike"          # Turkish warplanes: not a drone strike
    assert strike["acled"]["admin1"] == "Duhok" and strike["acled"]["country"] == "Iraq"
    assert strike["geo_precision"] == 3            # the point of the town of Amedi
    assert incident(tree, "2020-02-03-acled-irq900202")["kind"] == "armed-clash"


def test_one_row_per_actor_gives_both_sides(tree: Path) -> None:
    import_acled(ACLED / "monadic.csv", tree)
    clash = incident(tree, "2023-03-04-acled-irq900301")
    assert clash["acled"]["actor1"] == "PMF: Popular Mobilization Forces"
    assert clash["acled"]["assoc_actor_1"] == ["Badr Organization"]
    assert clash["acled"]["actor2"] == "Islamic State (Iraq)" and clash["target"] == "Islamic State (Iraq)"
    assert who(tree, "2023-03-04-acled-irq900301")[0] == ("actor", PMU, 1)
    drones = incident(tree, "2023-03-18-acled-irq900302")
    assert drones["kind"] == "drone-strike" and drones["date_precision"] == "week"


def test_spreadsheet_dates_semicolons_and_a_bad_row(tree: Path, tmp_path: Path) -> None:
    result = run(tree, str(ACLED / "spreadsheet-semicolon.csv"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    errors = result.stderr.splitlines()
    assert len(errors) == 1 and errors[0].endswith(
        "spreadsheet-semicolon.csv:3: event_date '31-Feb-20' is not a date: ACLED writes "
        "2020-01-15, 15 January 2020 or (in a spreadsheet) 15-Jan-20; the row was skipped")
    assert "skipped: 1 row problem" in result.stdout
    convoy = incident(tree, "2020-12-31-acled-irq900401")     # '31-Dec-20', '32,6603'
    assert (convoy["latitude"], convoy["longitude"]) == (32.6603, 44.4066)
    assert incident(tree, "2021-01-05-acled-irq900403")["kind"] == "violent-demonstration"


def test_bad_rows_are_reported_by_line_and_the_rest_imports(tree: Path, tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    rows = [lines[0], lines[1],
            lines[2].replace("2020-01-14", "2020-02-30"),
            lines[3].replace("33.2500,44.3900", "51.5000,-0.1200"),
            lines[4].replace("33.3406,44.4009", "abc,44.4009")
                    .replace('"On 2 February 2020,', '"On 2 February\n2020,'),
            lines[5].replace(",2,crowd", ",two,crowd"), lines[6]]
    (tmp_path / "bad.csv").write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    result = run(tree, "bad.csv", cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert errors[0].startswith("bad.csv:3: event_date '2020-02-30' is not a date")
    assert errors[1].startswith("bad.csv:4: coordinates (51.5, -0.12) are outside Iraq's border "
                                "although the country is Iraq")
    assert errors[2].startswith("bad.csv:5: bad coordinates: latitude 'abc'")
    assert errors[3].startswith("bad.csv:7: fatalities 'two'")   # row 4 spans lines 5-6
    assert all(e.endswith("the row was skipped") for e in errors) and len(errors) == 4
    assert [n.split("-acled-")[1] for n in imported(tree)] == ["irq900101", "irq900106"]


@pytest.mark.parametrize(("data", "message"), [
    (b"event_id_cnty|event_date|latitude\nIRQ1|2020-01-01|33\n",
     "x.csv:1: the header line 'event_id_cnty|event_date|latitude' has no comma, semicolon or "
     "tab between column names: expected an ACLED export saved as CSV"),
    (b"id,date,lat\n1,2,3\n", "x.csv:1: the header line 'id,date,lat' names no ACLED columns"),
    (b"event_id_cnty,event_date,latitude,longitude,extra\nIRQ1,2020-01-01,33.3,44.4,x\n",
     "x.csv:1: missing ACLED columns: time_precision, event_type, sub_event_type, actor1,"),
    ("event_id_cnty,event_date\nIRQ1,Février\n".encode("latin-1"),
     "x.csv:2: not UTF-8 or UTF-16 text (byte 0xe9 on this line)"),
    (b"", "x.csv:1: the file is empty"),
])
def test_an_unreadable_file_gets_one_message_saying_why(tree: Path, tmp_path: Path, data: bytes,
                                                        message: str) -> None:
    (tmp_path / "x.csv").write_bytes(data)
    result = run(tree, "x.csv", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(message), result.stderr
    missing = run(tree, "nowhere.csv", cwd=tmp_path)
    assert "nowhere.csv:1: ACLED export not found" in missing.stderr


# --- Iraq by default, by its border ---

def test_a_whole_world_export_imports_iraq_only(tree: Path, tmp_path: Path) -> None:
    result = run(tree, str(ACLED / "world.csv"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "9 rows; 2 events out of Iraq" in result.stdout
    assert ("left out: 6 rows of other countries or outside Iraq (Syria 2, Iran 1, Lebanon 1, "
            "Turkey 1, Ukraine 1)") in result.stdout
    # coded as Iraq, but the point is Al-Bukamal's, across the border: reported, skipped
    assert result.stderr.strip().endswith("world.csv:9: coordinates (34.4537, 40.9365) are "
                                          "outside Iraq's border although the country is Iraq: "
                                          "the briefing covers events in Iraq only; the row was "
                                          "skipped")
    assert [n.split("-acled-")[1] for n in imported(tree)] == ["irq900601", "irq900602"]
    assert incident(tree, "2024-05-02-acled-irq900601")["kind"] == "air-strike"   # warplanes
    assert incident(tree, "2024-05-05-acled-irq900602")["kind"] == "drone-strike"


def test_country_option_reads_other_countries_but_keeps_to_iraq(tree: Path,
                                                                tmp_path: Path) -> None:
    result = run(tree, str(ACLED / "world.csv"), "--country", "Iraq,Syria,Turkey",
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # Al-Bukamal (Syria) and Cukurca (Turkey) lie outside Iraq's border: counted, not imported
    assert "Syria, outside Iraq's border 2" in result.stdout
    assert "Turkey, outside Iraq's border 1" in result.stdout
    assert len(imported(tree)) == 2


# --- revisions ---

def test_a_revised_export_shows_a_diff_and_update_keeps_analyst_edits(tree: Path,
                                                                      tmp_path: Path) -> None:
    import_acled(SAMPLE, tree)
    strike = tree / "incidents" / "2020-01-14-acled-irq900102.yml"
    text = strike.read_text(encoding="utf-8")
    text = text.replace("title: Air or drone strike in Baghdad (Airport)",
                        "title: US drone strike on a Kataib Hezbollah car near the airport")
    text = text.replace("attribution:\n", "wounded: 1\nattribution:\n  - actor_name: Analyst's "
                        "source\n    status: suspected\n    by: Iraqi officials\n    sources: "
                        f"[{DOC}]\n", 1)
    strike.write_text(text, encoding="utf-8")
    revised = tmp_path / "baghdad-revised.csv"
    shutil.copy(ACLED / "baghdad-revised.csv", revised)
    before = snapshot(tree)

    shown = run(tree, str(revised), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "1 incident files written, 5 unchanged, 2 revised by ACLED and not applied" in out
    assert "    fatalities: '2' → '3'\n" in out and "    timestamp: " in out
    assert "    notes: 'On 14 January 2020, a drone strike hit a vehicle carrying members " in out
    assert "    event_date: '2020-01-08' → '2020-01-09'\n" in out
    assert "    kept your edits of: title\n" in out
    assert "no longer in ACLED's data (1:" in out and "2020-02-24-acled-irq900107.yml" in out
    new = {k: v for k, v in snapshot(tree).items() if k not in before}
    assert set(new) == {"incidents/2020-03-20-acled-irq900109.yml",
                        "documents/acled-export-baghdad-revised.md"}
    assert strike.read_text(encoding="utf-8") == text            # nothing applied

    applied = run(tree, str(revised), "--update", cwd=tmp_path)
    assert applied.returncode == 0, applied.stderr
    assert "0 revised by ACLED and not applied, 2 updated" in applied.stdout
    data = incident(tree, "2020-01-14-acled-irq900102")
    assert data["title"] == "US drone strike on a Kataib Hezbollah car near the airport"
    assert data["killed"] == 3 and data["wounded"] == 1            # ACLED's change, analyst's field
    assert data["acled"]["fatalities"] == 3 and "one of them a commander" in data["summary"]
    assert data["summary"].endswith("[@acled-export-baghdad-revised]")
    assert {"status": "suspected", "by": "Iraqi officials", "actor_name": "Analyst's source",
            "sources": [DOC]} in data["attribution"]
    assert data["sources"] == [DOC, "acled-export-baghdad-revised"]
    assert not (tree / "incidents" / "2020-01-08-acled-irq900101.yml").exists()
    assert incident(tree, "2020-01-09-acled-irq900101")["date"].isoformat() == "2020-01-09"
    assert (tree / "incidents" / "2020-02-24-acled-irq900107.yml").exists()   # reported only
    load_catalogue(tree)


def test_an_acled_block_edited_by_hand_keeps_every_field(tree: Path, tmp_path: Path) -> None:
    import_acled(SAMPLE, tree)
    strike = tree / "incidents" / "2020-01-14-acled-irq900102.yml"
    strike.write_text(strike.read_text(encoding="utf-8").replace(
        "  event_date: '2020-01-14'", "  event_date: mid-January"), encoding="utf-8")
    load_catalogue(tree)                     # the block's values are ACLED's: not checked
    report = import_acled(ACLED / "baghdad-revised.csv", tree, update=True)
    data = incident(tree, "2020-01-14-acled-irq900102")
    assert data["killed"] == 2                # not known to be the import's: kept
    assert data["acled"]["event_date"] == "2020-01-14" and data["acled"]["fatalities"] == 3
    assert any(path.endswith("2020-01-14-acled-irq900102.yml") for path, _ in report.updated)


def test_make_passes_update_and_country(tmp_path: Path) -> None:
    result = subprocess.run(["make", "-n", "import-acled", "FILE=x.csv", "UPDATE=1",
                             "COUNTRY=Iraq,Syria"], cwd=ROOT, capture_output=True, text=True)
    assert "import-acled \"x.csv\" --update --country \"Iraq,Syria\"" in result.stdout
    plain = subprocess.run(["make", "-n", "import-acled", "FILE=x.csv"], cwd=ROOT,
                           capture_output=True, text=True)
    assert "import-acled \"x.csv\" --country \"Iraq\"" in plain.stdout
    assert "--update" not in plain.stdout


# --- validation and the undo ---

def test_the_acled_block_and_coded_sides_are_validated(tree: Path) -> None:
    import_acled(SAMPLE, tree)
    path = tree / "incidents" / "2020-01-08-acled-irq900101.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  admin1: Baghdad", "  admin4: Baghdad")
                    .replace("    side: 1", "    side: 3"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_catalogue(tree)
    messages = [str(p) for p in caught.value.problems]
    assert any("acled: unknown ACLED field 'admin4': did you mean 'admin3'?" in m for m in messages)
    assert any("side 3: write 'side: 1' or 'side: 2'" in m for m in messages)


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


# --- what readers get: the downloads and the pages ---

def test_downloads_carry_acleds_fields(tree: Path, tmp_path: Path) -> None:
    import_acled(SAMPLE, tree)
    generate(tree, tmp_path / "docs")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(
        (tmp_path / "docs" / "incidents" / "incidents.csv").read_text(encoding="utf-8")))}
    row = rows["2020-01-08-acled-irq900101"]
    assert row["acled_event_id"] == "IRQ900101" and row["admin1"] == "Baghdad"
    assert row["admin2"] == "Al-Karkh" and row["admin3"] == "Markaz Al-Karkh"
    assert row["acled_sources"] == "Shafaq News; Xinhua" and row["acled_geo_precision"] == "1"
    assert row["geo_precision"] == "2" and row["source_scale"] == "National-International"
    assert "coded, side 1" in row["attribution"]
    assert rows["2020-01-05-test-square-shooting"]["acled_event_id"] == ""
    features = json.loads((tmp_path / "docs" / "incidents" / "incidents.geojson")
                          .read_text(encoding="utf-8"))["features"]
    acled = {f["id"]: f["properties"]["acled"] for f in features}
    assert acled["2020-02-02-acled-irq900104"][
        "civilian_targeting"] == "Civilian targeting"
    assert acled["2020-01-05-test-square-shooting"] is None


def test_the_built_pages_keep_coding_apart_and_tables_as_tables(tree: Path,
                                                                 tmp_path: Path) -> None:
    import_acled(ACLED / "monadic.csv", tree)
    import_acled(SAMPLE, tree)
    import_acled(write_acled_export(tmp_path / "sixty.csv", 60, years=2), tree)
    build_site(tree, tmp_path / "docs", tmp_path / "site")
    site = tmp_path / "site"
    claims = (site / "claims" / "index.html").read_text(encoding="utf-8")
    row = next(r for r in re.findall(r"<tr>.*?</tr>", claims, re.S)
               if "Popular Mobilization Units Test</a>" in r)
    # PMF fighting IS, hit by a strike, ...: coded on both sides, claimed or attributed never
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
    assert cells[:4] == ["0", "0", "0", "0"] and re.fullmatch(r"[1-9]\d* / [1-9]\d*", cells[4])
    assert re.search(r"<strong>Coded by ACLED</strong> \(\d+ incidents; not a claim or blame\)",
                     claims)
    # more than 50 incidents: the 'By year' line is a paragraph and the table a table
    index = (site / "incidents" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<p><strong>By year:</strong>( <a [^>]*>20\d\d</a>( ·)?){3}</p>\s*"
                     r"<table>", index)
    assert "|---|" not in index
    strike = (site / "incidents" / "2020-01-14-acled-irq900102" / "index.html").read_text(
        encoding="utf-8")
    assert "<td>coded (side 2)</td>" in strike and "Sources ACLED cites" in strike
    assert re.search(r"<td>Target</td>\s*<td>Kataib Hezbollah — <a href=\"../../militias/"
                     r"kataib-hizballah-test/\">", strike)
