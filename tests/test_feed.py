"""feed.xml as a feed reader reads it (feedparser): built from a temporary git repository's
commits, or from the content's dates where there is no history; and every page announces it."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import feedparser
import pytest

from generator.pipeline import generate, read_settings

ATOM = "http://www.w3.org/2005/Atom"
DAY = 86400
START = 1_700_000_000  # the first commit's time; each later commit is a day later

INCIDENT = """title: Rockets at Test Square
date: 2020-03-01
kind: rocket
place: test-square
attribution:
  - actor: alpha-brigades
    status: claimed
    by: Alpha Brigades
    sources: [herald-2020-02-03-beta]
sources: [herald-2020-02-03-beta]
"""


class Repo:
    """A git repository around a content folder, with commits at fixed times."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.commits = 0
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        when = f"@{START + self.commits * DAY} +0000"
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
               "GIT_AUTHOR_NAME": "Analyst", "GIT_AUTHOR_EMAIL": "analyst@example.org",
               "GIT_COMMITTER_NAME": "Analyst", "GIT_COMMITTER_EMAIL": "analyst@example.org"}
        return subprocess.run(["git", "-C", str(self.root), "-c", "commit.gpgsign=false", *args],
                              check=True, capture_output=True, text=True, env=env).stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        self.commits += 1


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def history(minimal_tree: Path) -> tuple[Path, Repo]:
    """content/ in a repository of four commits: the minimal content, then a new incident,
    then a leadership change, then a source added to a profile."""
    repo = Repo(minimal_tree.parent)
    repo.commit("Minimal content")
    (minimal_tree / "incidents" / "2020-03-01-test-square-rockets.yml").write_text(
        INCIDENT, encoding="utf-8")
    repo.commit("Add the March rockets")
    edit(minimal_tree / "leaders" / "omar-test.md", "summary: A fictional person.",
         '  - organization: beta-front\n    title: spokesman\n    since: "2019"\n'
         '    sources: [herald-2020-02-03-beta]\nsummary: A fictional person.')
    repo.commit("Omar Test speaks for Beta Front")
    edit(minimal_tree / "militias" / "beta-front.md", "sources: [herald-2020-02-03-beta]",
         "sources: [herald-2020-02-03-beta, gazette-2020-01-02-alpha]")
    repo.commit("Source the Beta Front profile")
    return minimal_tree, repo


def feed_of(content: Path, out: Path) -> tuple[bytes, feedparser.FeedParserDict]:
    generate(content, out)
    data = (out / "feed.xml").read_bytes()
    return data, feedparser.parse(data)


def test_the_feed_names_the_latest_commits_changes_newest_first(history, tmp_path):
    content, repo = history
    _, feed = feed_of(content, tmp_path / "docs")
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.namespaces[""] == ATOM
    titles = [entry.title for entry in feed.entries]
    assert titles[:3] == ["Sources added: Beta Front", "Leadership updated: Omar Test",
                          "New incident: Rockets at Test Square"]
    latest = feed.entries[0]
    assert latest.link == "militias/beta-front/"
    assert "1 source added" in latest.summary and "Source the Beta Front profile" in latest.summary
    assert "Changed: roles." in feed.entries[1].summary
    assert feed.entries[2].link == "incidents/2020-03-01-test-square-rockets/"
    # the commit times, newest first, and the feed's own time is the newest commit's
    stamps = [time.mktime(entry.updated_parsed) - time.timezone for entry in feed.entries]
    assert stamps[:3] == [START + 3 * DAY, START + 2 * DAY, START + DAY]
    assert stamps == sorted(stamps, reverse=True)
    assert time.mktime(feed.feed.updated_parsed) - time.timezone == START + 3 * DAY
    first = {entry.title for entry in feed.entries[3:]}
    assert "New profile: Alpha Brigades" in first and "New document: Digest of a fixture " \
        "report on Beta Front" in first
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)


def test_the_feed_is_the_same_bytes_in_a_second_build(history, tmp_path):
    content, _ = history
    once, _ = feed_of(content, tmp_path / "one")
    twice, _ = feed_of(content, tmp_path / "two")
    assert once == twice


def test_a_removed_profile_and_an_edited_summary_are_named(history, tmp_path):
    content, repo = history
    edit(content / "militias" / "alpha-brigades.md", "summary: A fictional group",
         "summary: A made-up group")
    repo.commit("Reword the Alpha Brigades summary")
    (content / "documents" / "unused.md").write_text(
        "---\ntitle: Unused\noutlet: Nobody\npublished: 2020-01-01\n---\nText.\n", "utf-8")
    repo.commit("Add an unused document")
    (content / "documents" / "unused.md").unlink()
    repo.commit("Remove it again")
    _, feed = feed_of(content, tmp_path / "docs")
    assert [e.title for e in feed.entries[:3]] == [
        "Document removed: Unused", "New document: Unused", "Profile updated: Alpha Brigades"]
    assert "Changed: summary." in feed.entries[2].summary
    assert feed.entries[0].link == "documents/"


def test_without_git_the_feed_comes_from_the_contents_dates(minimal_tree, tmp_path):
    _, feed = feed_of(minimal_tree, tmp_path / "docs")
    assert not feed.bozo
    assert [e.title for e in feed.entries] == [
        "New document: Digest of a fixture report on Beta Front",
        "New incident: Shooting at Test Square",
        "New document: Digest of a fixture report on Alpha Brigades"]
    assert feed.entries[0].updated.startswith("2020-02-03T00:00:00")
    assert feed.feed.updated.startswith("2020-02-03T00:00:00")


def test_a_site_url_makes_the_feeds_links_absolute(minimal_tree, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_SITE_URL", "https://briefing.example.org/iraq")
    _, feed = feed_of(minimal_tree, tmp_path / "docs")
    assert feed.entries[0].link == \
        "https://briefing.example.org/iraq/documents/herald-2020-02-03-beta/"
    assert {link.href for link in feed.feed.links if link.rel == "self"} == \
        {"https://briefing.example.org/iraq/feed.xml"}


def test_every_page_announces_the_feed(minimal_site):
    assert feedparser.parse((minimal_site / "feed.xml").read_bytes()).version == "atom10"
    pages = [p for p in minimal_site.rglob("*.html") if p.relative_to(minimal_site).parts[0]
             != "maps"]
    assert len(pages) > 10
    for page in pages:
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>',
                           page.read_text("utf-8"))
        assert len(links) == 1, page
        href = re.search(r'href="([^"]+)"', links[0]).group(1)
        if page.name == "404.html":  # served at any depth, so MkDocs links it from the root
            assert href == "/feed.xml"
            continue
        assert (page.parent / href).resolve() == (minimal_site / "feed.xml").resolve(), page


def test_the_data_licence_is_the_maintainers_setting(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\nextra:\n  data_licence: CC BY 4.0\n", encoding="utf-8")
    assert read_settings(config).data_licence == "CC BY 4.0"
    config.write_text("site_name: X\nextra:\n  data_licence:\n", encoding="utf-8")
    assert read_settings(config).data_licence == "see the site's terms"


def test_a_shallow_clone_leaves_out_its_oldest_commit(history, tmp_path):
    content, repo = history
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)],
                   check=True, capture_output=True)
    _, feed = feed_of(clone / "content", tmp_path / "docs")
    # the boundary commit (the leadership change) would seem to add every file: left out
    assert [e.title for e in feed.entries] == ["Sources added: Beta Front"]
