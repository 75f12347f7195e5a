"""Profiles an analyst can rely on: the header names the current leader and status, every
expected field is filled or marked "not yet sourced", the dead are marked with a source, fronts
point to who stands behind them, and relations carry their dates."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.pipeline import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue(ROOT / "content")
NEW_PROFILES = ["militias/ashab-al-kahf", "militias/usbat-al-thaireen", "militias/qasim-al-jabbarin",
                "militias/saraya-awliya-al-dam", "militias/islamic-resistance-in-iraq",
                "militias/kataib-al-imam-ali", "militias/babylon-brigades", "militias/saraya-khorasani",
                "leaders/ahmad-al-hamidawi", "leaders/abu-ali-al-askari", "leaders/abu-baqir-al-saadi",
                "leaders/laith-al-khazali", "leaders/shibl-al-zaidi", "leaders/rayan-al-kildani",
                "leaders/hamid-al-jazaeri"]
MILITIA_FIELDS = ["Status", "Current leader", "Founded", "PMU brigades", "Strength", "Designations",
                  "Last reviewed"]
PROFILE_ROWS = ["Status over time", "Strength estimates", "Ideology and allegiance",
                "Areas of operation", "Political wing", "Seats in parliament", "Funding"]
LEADER_FIELDS = ["Current roles", "Born", "Birthplace", "Designations", "Last reviewed"]


def cells(site: Path, page: str) -> dict[str, str]:
    """The page's two-column rows as {label: text}, as a reader sees them."""
    source = (site / page / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", source, re.S)
    flat = {html.unescape(re.sub(r"<[^>]+>", "", k)).strip():
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", v)).split()) for k, v in rows}
    return flat


@pytest.mark.parametrize("militia", CATALOGUE.militias.values(), ids=lambda m: m.slug)
def test_no_header_names_a_dead_or_departed_leader_as_current(bundled_site, militia):
    current = cells(bundled_site, militia.url)["Current leader"]
    for held in CATALOGUE.leadership(militia.slug):
        if not held.current:
            assert held.person.name not in current or any(
                other.person is held.person and other.current
                for other in CATALOGUE.leadership(militia.slug)), (militia.slug, held.person.slug)


@pytest.mark.parametrize("militia", CATALOGUE.militias.values(), ids=lambda m: m.slug)
def test_every_militia_page_fills_or_marks_every_expected_field(bundled_site, militia):
    found = cells(bundled_site, militia.url)
    for label in MILITIA_FIELDS + PROFILE_ROWS:
        assert found.get(label), f"{militia.slug}: {label} is blank"
    assert re.search(r"\d{4}", found["Founded"]) or "not yet sourced" in found["Founded"]


@pytest.mark.parametrize("leader", CATALOGUE.leaders.values(), ids=lambda p: p.slug)
def test_every_leader_page_fills_or_marks_every_expected_field(bundled_site, leader):
    found = cells(bundled_site, leader.url)
    for label in LEADER_FIELDS:
        assert found.get(label), f"{leader.slug}: {label} is blank"
    if leader.died:
        assert "Deceased" in (bundled_site / leader.url / "index.html").read_text("utf-8")
        assert leader.died.sources, f"{leader.slug}: a death needs a source"
        assert "none (deceased)" in found["Current roles"]


@pytest.mark.parametrize("page", NEW_PROFILES)
def test_each_new_profile_exists_with_sourced_facts(bundled_site, page):
    section, slug = page.split("/")
    profile = CATALOGUE.profile(slug)
    assert profile is not None and (bundled_site / page / "index.html").is_file()
    assert profile.sources and profile.summary and "[@" in (profile.summary + profile.body)


def test_the_kataib_hezbollah_header_no_longer_names_muhandis(bundled_site):
    current = cells(bundled_site, "militias/kataib-hezbollah/")["Current leader"]
    assert "Muhandis" not in current


@pytest.mark.parametrize("front", [m for m in CATALOGUE.militias.values() if m.kind == "front"],
                         ids=lambda m: m.slug)
def test_a_front_names_who_is_believed_to_stand_behind_it(bundled_site, front):
    behind = cells(bundled_site, front.url)["Believed to stand behind it"]
    parents = [r for r in front.relations if r.kind in ("front-for", "claims-for")]
    assert parents, f"{front.slug} has no front-for or claims-for relation"
    for relation in parents:
        assert CATALOGUE.profile(relation.to).name in behind
        parent_page = (bundled_site / CATALOGUE.profile(relation.to).url / "index.html").read_text("utf-8")
        assert front.name in html.unescape(parent_page)


def test_relations_carry_their_dates_for_the_as_of_filter(bundled_site):
    source = (bundled_site / "network" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<line [^>]*data-until="2020-01-03"', source)  # Muhandis' roles end with him
    assert 'type="date"' in source and "Relations as of" in source
    assert 'marker-end="url(#briefing-arrow)"' in source               # directed relations
