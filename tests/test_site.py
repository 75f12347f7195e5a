"""The bundled briefing, built as a reader gets it: profiles, names, sources, links, search."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.pipeline import load_catalogue
from generator.search import fold, key_words, shard_for, skeleton

ROOT = Path(__file__).resolve().parent.parent
MILITIAS = ["popular-mobilization-units", "kataib-hezbollah", "asaib-ahl-al-haq",
            "badr-organization", "harakat-hezbollah-al-nujaba", "kataib-sayyid-al-shuhada",
            "saraya-al-salam", "irgc-quds-force"]
LEADERS = ["qais-al-khazali", "abu-mahdi-al-muhandis", "hadi-al-amiri", "qasem-soleimani",
           "muqtada-al-sadr", "akram-al-kaabi", "abu-fadak-al-mohammadawi", "falih-al-fayyadh",
           "ali-al-sistani", "adel-abdul-mahdi", "abu-alaa-al-walai"]
CATALOGUE = load_catalogue(ROOT / "content")


def visible_text(page: Path) -> str:
    """The page's article text as a reader sees it (tags dropped, entities decoded)."""
    source = page.read_text(encoding="utf-8")
    article = source[source.find("<article"): source.find("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", article))


@pytest.mark.parametrize("slug", MILITIAS)
def test_every_required_militia_has_a_profile(bundled_site, slug):
    assert (bundled_site / "militias" / slug / "index.html").is_file()


@pytest.mark.parametrize("slug", LEADERS)
def test_every_required_leader_has_a_profile(bundled_site, slug):
    assert (bundled_site / "leaders" / slug / "index.html").is_file()


@pytest.mark.parametrize("profile", CATALOGUE.profiles, ids=lambda p: p.slug)
def test_a_profile_shows_its_arabic_name_every_alias_and_its_sources(bundled_site, profile):
    text = " ".join(visible_text(bundled_site / profile.url / "index.html").split())
    assert profile.arabic is None or profile.arabic in text  # unknown stays unknown
    for alias in profile.aliases:
        assert " ".join(alias.split()) in text, alias
    for slug in profile.sources:
        assert " ".join(CATALOGUE.documents[slug].title.split()) in text


def test_aliases_are_spelled_as_people_spell_them():
    kh = CATALOGUE.militias["kataib-hezbollah"]
    assert {"Kata'ib Hizballah", "KH", "Hezbollah Brigades"} <= set(kh.aliases)
    pmu = CATALOGUE.militias["popular-mobilization-units"]
    assert {"Popular Mobilization Forces", "PMF", "Hashd al-Shaabi"} <= set(pmu.aliases)
    assert "Qays al-Khaz'ali" in CATALOGUE.leaders["qais-al-khazali"].aliases


def test_the_name_index_carries_every_alias_and_arabic_name_in_each_word_s_shard(bundled_site):
    names = bundled_site / "assets" / "search" / "names"
    shards = {path.stem: json.loads(path.read_text("utf-8")) for path in names.glob("*.json")}
    for profile in CATALOGUE.profiles:
        for name in profile.names:
            for word in key_words(fold(name)):
                if len(skeleton(word)) < 2:
                    continue
                rows = [row for row in shards[shard_for(word, set(shards))]
                        if row[0] == profile.url]
                assert rows, (profile.slug, name, word)
                assert name in [shown for shown, _ in rows[0][4]], (profile.slug, name)


def test_every_internal_link_of_the_site_resolves(bundled_site):
    broken = []
    for page in bundled_site.rglob("*.html"):
        if page.name == "404.html":  # served at any depth, so MkDocs links it from the root
            continue
        for href in re.findall(r'(?:href|src)="([^"]+)"', page.read_text("utf-8")):
            parts = urlsplit(html.unescape(href))
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(bundled_site)} -> {href}")
    assert not broken, broken[:20]


def test_no_page_asks_a_third_party_host_for_anything(bundled_site):
    for page in bundled_site.rglob("*.html"):
        text = page.read_text("utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", text):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), (page, tag)


def test_a_citation_links_to_the_numbered_source_on_the_same_page(minimal_site):
    page = (minimal_site / "militias" / "alpha-brigades" / "index.html").read_text("utf-8")
    assert 'href="#ref-1"' in page and 'id="ref-1"' in page
    assert 'href="../../documents/gazette-2020-01-02-alpha/"' in page
