"""The open data under /data/, as a user downloads it: the FollowTheMoney file loaded back with
the followthemoney library, the CSV files with the csv module, the JSON with json."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from followthemoney import model
from followthemoney.exc import InvalidData

from generator.mentions import link_documents
from generator.pipeline import generate, load_catalogue

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAYLOADS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3",
            "@SUM(A1:A9)"]

# a second person: a non-leadership role, a lifted designation, a death, and a name that a
# spreadsheet would run as a formula
SECOND_LEADER = f"""---
name: '{PAYLOADS[0].replace("'", "''")}'
aliases: ['{PAYLOADS[1].replace("'", "''")}']
born:
  date: "1960"
  sources: [gazette-2020-01-02-alpha]
died:
  date: 2019-05-01
  sources: [herald-2020-02-03-beta]
roles:
  - organization: beta-front
    title: spokesman
    since: "2015"
    until: 2019-05-01
    sources: [herald-2020-02-03-beta]
  - organization: alpha-brigades
    title: deputy secretary-general
    since: "2012"
    until: "2016"
    sources: [gazette-2020-01-02-alpha]
designations:
  - by: '{PAYLOADS[3]}'
    type: listed
    program: '{PAYLOADS[2]}'
    date: 2012-03-01
    until: 2018-01-01
    sources: [herald-2020-02-03-beta]
sources: [gazette-2020-01-02-alpha]
---
"""


@pytest.fixture
def content(minimal_tree: Path) -> Path:
    (minimal_tree / "leaders" / "zed-payload.md").write_text(SECOND_LEADER, encoding="utf-8")
    return minimal_tree


@pytest.fixture
def docs(content: Path, tmp_path: Path) -> Path:
    out = tmp_path / "docs"
    generate(content, out)
    return out


def entities(docs: Path) -> list[dict]:
    lines = (docs / "data" / "briefing.ftm.json").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def rows(docs: Path, name: str) -> list[dict[str, str]]:
    text = (docs / "data" / name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_every_entity_loads_back_and_validates_against_the_model(docs):
    loaded = entities(docs)
    ids = {data["id"] for data in loaded}
    assert len(ids) == len(loaded), "duplicate ids"
    for data in loaded:
        proxy = model.get_proxy(data, cleaned=False)  # cleans every value through its type
        assert proxy.to_dict()["properties"] == data["properties"], data["id"]
        try:
            proxy.schema.validate(data)
        except InvalidData as error:
            pytest.fail(f"{data['id']}: {error}")
        missing = [name for name in proxy.schema.required if not proxy.get(name)]
        assert not missing, (data["id"], missing)
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids, f"{data['id']}.{prop.name} -> {value}: no such entity"


def test_the_entities_count_what_the_catalogue_holds(content, docs):
    catalogue = load_catalogue(content)
    links = link_documents(catalogue)
    by_schema: dict[str, int] = {}
    for data in entities(docs):
        by_schema[data["schema"]] = by_schema.get(data["schema"], 0) + 1
    roles = sum(len(leader.roles) for leader in catalogue.leaders.values())
    designations = sum(len(p.designations) for p in catalogue.profiles)
    assert by_schema["Organization"] == len(catalogue.militias) == 2
    assert by_schema["Person"] == len(catalogue.leaders) == 2
    assert by_schema["Directorship"] + by_schema["Membership"] == roles == 3
    assert by_schema["Sanction"] == designations == 2
    assert by_schema["Event"] == len(catalogue.incidents) == 1
    assert by_schema["Article"] == len(catalogue.documents) == 2
    assert by_schema["Mention"] == sum(len(b) for b in links.backlinks.values()) > 0


def test_people_roles_designations_and_documents_carry_their_facts_and_sources(docs):
    found = {data["id"]: data for data in entities(docs)}
    omar = found["briefing-leader-omar-test"]["properties"]
    assert omar["name"] == ["Omar Test", "عمر تست"] and omar["alias"] == ["Omer Test"]
    assert omar["birthDate"] == ["1970"]
    assert found["briefing-leader-zed-payload"]["properties"]["deathDate"] == ["2019-05-01"]
    edges = [d for d in found.values() if d["schema"] in ("Directorship", "Membership")]
    kinds = {d["properties"]["role"][0]: d["schema"] for d in edges}
    assert kinds == {"commander": "Directorship", "deputy secretary-general": "Directorship",
                     "spokesman": "Membership"}
    deputy = next(d for d in edges if d["properties"]["role"] == ["deputy secretary-general"])
    assert deputy["properties"]["startDate"] == ["2012"]
    assert deputy["properties"]["endDate"] == ["2016"]
    assert deputy["properties"]["proof"] == ["briefing-document-gazette-2020-01-02-alpha"]
    lifted = next(d for d in found.values() if d["schema"] == "Sanction"
                  and d["properties"].get("endDate"))
    assert lifted["properties"]["endDate"] == ["2018-01-01"]
    assert lifted["properties"]["authority"] == [PAYLOADS[3]]
    article = found["briefing-document-gazette-2020-01-02-alpha"]["properties"]
    assert article["publisher"] == ["The Test Gazette"]
    assert article["publishedAt"] == ["2020-01-02"]
    mention = next(d for d in found.values() if d["schema"] == "Mention"
                   and d["properties"]["resolved"] == ["briefing-leader-omar-test"])
    assert mention["properties"]["document"] == ["briefing-document-gazette-2020-01-02-alpha"]


def test_a_document_url_is_its_source_url(content, tmp_path):
    path = content / "documents" / "gazette-2020-01-02-alpha.md"
    path.write_text(path.read_text("utf-8").replace(
        "---\n", "---\nurl: https://gazette.example/alpha\n", 1), encoding="utf-8")
    out = tmp_path / "with-url"
    generate(content, out)
    found = {data["id"]: data for data in entities(out)}
    assert found["briefing-document-gazette-2020-01-02-alpha"]["properties"]["sourceUrl"] == \
        ["https://gazette.example/alpha"]
    group = found["briefing-militia-alpha-brigades"]["properties"]
    assert "https://gazette.example/alpha" in group["sourceUrl"]
    assert rows(out, "documents.csv")[0]["url"] == "https://gazette.example/alpha"


def test_ids_and_bytes_are_the_same_in_a_build_from_another_folder(content, docs, tmp_path):
    moved = tmp_path / "elsewhere" / "content"
    shutil.copytree(content, moved)
    again = tmp_path / "again"
    generate(moved, again)
    for path in sorted((docs / "data").rglob("*")):
        if path.is_file():
            assert (again / path.relative_to(docs)).read_bytes() == path.read_bytes(), path


@pytest.mark.parametrize("name", ["roles.csv", "relations.csv", "designations.csv", "claims.csv",
                                  "documents.csv"])
def test_each_csv_has_one_header_row_and_no_cell_a_spreadsheet_would_run(docs, name):
    text = (docs / "data" / name).read_text("utf-8")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][0] and len(table) > 1
    assert all(len(row) == len(table[0]) for row in table)
    assert table.count(table[0]) == 1
    for row in table:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), (name, cell)


def test_a_formula_in_a_name_comes_out_as_text(docs):
    roles = rows(docs, "roles.csv")
    names = {row["person_name"] for row in roles}
    assert f"'{PAYLOADS[0]}" in names
    designation = next(row for row in rows(docs, "designations.csv") if row["until"])
    assert designation["by"] == f"'{PAYLOADS[3]}" and designation["program"] == f"'{PAYLOADS[2]}"
    spokesman = next(row for row in roles if row["title"] == "spokesman")
    assert spokesman["leadership"] == "no" and spokesman["until"] == "2019-05-01"


def test_the_claims_ledger_lists_every_attribution(docs):
    claims = rows(docs, "claims.csv")
    assert [(c["actor"], c["actor_name"], c["status"], c["by"]) for c in claims] == [
        ("alpha-brigades", "Alpha Brigades", "denied", "Alpha Brigades"),
        ("", "Unknown gunmen", "suspected", "witnesses")]
    assert claims[0]["sources"] == "herald-2020-02-03-beta"


def test_profiles_json_holds_every_profile_and_each_has_its_own_file(content, docs):
    profiles = json.loads((docs / "data" / "profiles.json").read_text("utf-8"))
    catalogue = load_catalogue(content)
    assert [p["slug"] for p in profiles] == [p.slug for p in catalogue.profiles]
    for profile in profiles:
        own = json.loads((docs / "data" / "profiles" / f"{profile['slug']}.json").read_text("utf-8"))
        assert own == profile
    alpha = next(p for p in profiles if p["slug"] == "alpha-brigades")
    assert alpha["arabic"] == "كتائب ألفا" and alpha["founded"]["date"] == "2007"
    assert [held["person"] for held in alpha["leadership"]] == ["omar-test", "zed-payload"]


def test_a_profile_page_links_its_json_and_the_data_page_is_in_the_nav(minimal_site):
    page = (minimal_site / "militias" / "alpha-brigades" / "index.html").read_text("utf-8")
    assert 'href="../../data/profiles/alpha-brigades.json"' in page
    assert (minimal_site / "data" / "profiles" / "alpha-brigades.json").is_file()
    leader = (minimal_site / "leaders" / "omar-test" / "index.html").read_text("utf-8")
    assert 'href="../../data/profiles/omar-test.json"' in leader
    home = (minimal_site / "index.html").read_text("utf-8")
    assert 'href="data/"' in home
    data_page = (minimal_site / "data" / "index.html").read_text("utf-8")
    for name in ("briefing.ftm.json", "profiles.json", "roles.csv", "relations.csv",
                 "designations.csv", "claims.csv", "documents.csv"):
        assert f'href="{name}"' in data_page and (minimal_site / "data" / name).is_file()
    assert "Licence: see the site's terms." in html.unescape(re.sub("<[^>]+>", "", data_page))
    assert "ftm validate" in data_page and "pandas" in data_page and "QGIS" in data_page
