"""A document nobody here wrote, dropped into content/documents/, links to exactly the profiles
it mentions, and those profiles link back to it with the sentence that mentions them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.pipeline import build_site

ROOT = Path(__file__).resolve().parent.parent
NEW_DOCUMENT = """---
title: Rocket fire and denials, as a wire service might have told it
outlet: Test Wire
published: 2020-02-01
kind: news
---
Kata’ib Hizballah said on Sunday it had no part in the rocket fire. A statement from
عصائب أهل الحق blamed "outlaw groups", and Qays al-Khaz’ali repeated the denial on television.

Protesters in Sadr City and in the Amiriyah district said they feared a new crackdown. Lebanon's
Hezbollah issued no comment, and neither did Harakat Hezbollah al-Nujaba.

Khazali later met officials of the Popular Mobilisation Forces.
"""
EXPECTED = {"militias/kataib-hezbollah", "militias/asaib-ahl-al-haq",
            "leaders/qais-al-khazali", "militias/harakat-hezbollah-al-nujaba",
            "militias/popular-mobilization-units"}


@pytest.fixture(scope="module")
def site_with_new_document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("linking")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "documents" / "test-wire-2020-02-01-denials.md").write_text(NEW_DOCUMENT, "utf-8")
    build_site(content, work / "docs", work / "site")
    return work / "site"


def profile_links(page: Path) -> set[str]:
    article = page.read_text("utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    found = re.findall(r'href="\.\./\.\./((?:militias|leaders)/[a-z0-9-]+)/"', article)
    return set(found)


def test_the_new_document_links_exactly_the_profiles_it_mentions(site_with_new_document):
    page = site_with_new_document / "documents" / "test-wire-2020-02-01-denials" / "index.html"
    assert profile_links(page) == EXPECTED


@pytest.mark.parametrize("profile", sorted(EXPECTED))
def test_each_mentioned_profile_links_back_with_a_snippet(site_with_new_document, profile):
    page = (site_with_new_document / profile / "index.html").read_text("utf-8")
    mentioned = page.split('id="mentioned-in"', 1)[1]
    assert 'href="../../documents/test-wire-2020-02-01-denials/"' in mentioned
    assert '<mark class="briefing-mention">' in mentioned


def test_look_alikes_link_nowhere(site_with_new_document):
    for profile in ("leaders/muqtada-al-sadr", "leaders/hadi-al-amiri"):
        page = (site_with_new_document / profile / "index.html").read_text("utf-8")
        assert "test-wire-2020-02-01-denials" not in page
