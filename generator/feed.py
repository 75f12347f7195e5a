"""The feed of changes (feed.xml, Atom through feedgen): what is new or changed, newest first.

From the content's git history when the site is built from a clone: one entry per profile,
document or incident a commit added, changed or removed, saying in words what changed (the file's
front matter at the commit compared with its parent's, read with the loader the build uses).
Without history, the entries come from the content's own dates: documents by publication,
incidents by date, profiles by their last review. Times come from commits or content, never
from the clock, so the same clone builds the same feed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from feedgen.feed import FeedGenerator

from generator.errors import Problems
from generator.history import Change, History, record_changes
from generator.load import FOLDERS, YamlMap, parse_yaml, split_front_matter
from generator.records import Catalogue

log = logging.getLogger(__name__)
FEED_FILE = "feed.xml"
SIZE = 50  # entries in the feed
SUBJECT = 140  # characters of a commit's subject line quoted in an entry
NOUNS = {"militia": "profile", "leader": "profile", "document": "document",
         "incident": "incident"}
# a change to one of these fields is named as such; any other field makes it "<noun> updated"
FIELD_WORDS = {"roles": "leadership updated", "leaders": "leadership updated",
               "designations": "designations updated", "attribution": "attribution updated",
               "relations": "relations updated", "status": "status updated"}
BODY = "the text"
INCIDENTAL = ("reviewed",)  # updated along with any edit: never the news itself


@dataclass(frozen=True)
class FeedEntry:
    key: str                 # what the entry's id is made from
    timestamp: int
    title: str
    summary: str
    link: str                # relative to the site's root
    category: str


def build_feed(catalogue: Catalogue, history: History | None, site_name: str,
               site_url: str | None = None, fallback_epoch: int = 0) -> bytes:
    """feed.xml: from the git history if there is one, else from the content's dates."""
    entries = (git_entries(catalogue, history) if history else []) or date_entries(catalogue)
    return atom(entries[:SIZE], site_name, site_url, fallback_epoch)


def atom(entries: list[FeedEntry], site_name: str, site_url: str | None,
         fallback_epoch: int) -> bytes:
    base = (site_url.rstrip("/") + "/") if site_url else ""
    feed = FeedGenerator()
    feed.id(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, base or site_name)}")
    feed.title(f"{site_name}: changes")
    feed.subtitle("New and changed profiles, incidents and source documents, newest first")
    feed.author(name=site_name)
    feed.link(href=f"{base}{FEED_FILE}", rel="self", type="application/atom+xml")
    feed.link(href=base or "./", rel="alternate", type="text/html")
    feed.language("en")
    feed.generator("briefing-generator")
    feed.updated(_when(entries[0].timestamp if entries else fallback_epoch))
    for item in entries:
        entry = feed.add_entry(order="append")
        entry.id(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, item.key)}")
        entry.title(item.title)
        entry.updated(_when(item.timestamp))
        entry.link(href=f"{base}{item.link}", rel="alternate", type="text/html")
        entry.summary(item.summary)
        entry.category(term=item.category)
    return feed.atom_str(pretty=True)


def _when(epoch: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)


def git_entries(catalogue: Catalogue, history: History) -> list[FeedEntry]:
    return [git_entry(catalogue, history, change)
            for change in record_changes(history.changes)[:SIZE]]


def git_entry(catalogue: Catalogue, history: History, change: Change) -> FeedEntry:
    kind = FOLDERS[change.folder][0]
    noun = NOUNS[kind]
    before, after = history.before(change), history.after(change)
    old, new = front_matter(before, change), front_matter(after, change)
    words, detail = describe(noun, change.status, old, new, before, after)
    record = _record(catalogue, kind, change.slug)
    name = _title(record) or _title_of(new) or _title_of(old) or change.slug
    link = record.url if record is not None else _section(kind)
    summary = f"{words.capitalize()}: {name}."
    if detail:
        summary += f" {detail}"
    if change.subject:
        subject = change.subject if len(change.subject) <= SUBJECT else \
            change.subject[:SUBJECT - 1].rstrip() + "…"
        summary += f" (Change: {subject})"
    return FeedEntry(f"{change.commit}:{change.path}", change.timestamp,
                     f"{words.capitalize()}: {name}", summary, link, noun)


def describe(noun: str, status: str, old: dict[str, Any] | None, new: dict[str, Any] | None,
             before: str | None, after: str | None) -> tuple[str, str]:
    """(what happened, in a reader's words; which fields changed)."""
    if status == "D":
        return f"{noun} removed", ""
    if old is None and status == "A":
        return f"new {noun}", ""
    if old is None or new is None:
        return f"{noun} updated", ""
    changed = changed_fields(old, new, _body(before), _body(after))
    if not changed:
        return f"{noun} updated", ""
    detail = f"Changed: {', '.join(changed)}."
    core = [key for key in changed if key not in INCIDENTAL]
    grew = set(new.get("sources") or ()) - set(old.get("sources") or ())
    if core == ["sources"] and grew:
        return "sources added", f"{len(grew)} source{'s' if len(grew) != 1 else ''} added."
    core = [key for key in core if key != "sources"]
    words = {FIELD_WORDS[key] for key in core if key in FIELD_WORDS}
    if core and len(words) == 1 and all(key in FIELD_WORDS for key in core):
        return words.pop(), detail
    return f"{noun} updated", detail


def changed_fields(old: dict[str, Any], new: dict[str, Any], old_body: str,
                   new_body: str) -> list[str]:
    keys = sorted(set(old) | set(new))
    changed = [key for key in keys if _plain(old.get(key)) != _plain(new.get(key))]
    if old_body.strip() != new_body.strip():
        changed.append(BODY)
    return changed


def _plain(value: Any) -> Any:
    """A YAML value compared as data (YamlMap/YamlList carry line numbers, not meaning)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def front_matter(text: str | None, change: Change) -> dict[str, Any] | None:
    """The metadata of one version of a file, read as the load stage reads it (None if absent
    or unreadable)."""
    if text is None:
        return None
    problems, path = Problems(), Path(change.path)
    if FOLDERS[change.folder][0] == "incident":
        meta = parse_yaml(text, path, problems)
    else:
        parts = split_front_matter(text.removeprefix("\ufeff"), path, problems)
        meta = parts[0] if parts else None
    return meta if isinstance(meta, YamlMap) else None


def _body(text: str | None) -> str:
    if not text or not text.startswith("---"):
        return ""
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "".join(lines[index + 1:])
    return ""


def _record(catalogue: Catalogue, kind: str, slug: str) -> Any:
    tables: dict[str, dict[str, Any]] = {
        "militia": catalogue.militias, "leader": catalogue.leaders,
        "document": catalogue.documents, "incident": catalogue.incidents}
    return tables[kind].get(slug)


def _title(record: Any) -> str | None:
    return getattr(record, "name", None) or getattr(record, "title", None) if record else None


def _title_of(meta: dict[str, Any] | None) -> str | None:
    if not meta:
        return None
    value = meta.get("name") or meta.get("title")
    return str(value) if value else None


def _section(kind: str) -> str:
    return {"militia": "militias/", "leader": "leaders/", "document": "documents/",
            "incident": "incidents/"}[kind]


def date_entries(catalogue: Catalogue) -> list[FeedEntry]:
    """Without history: the content's dated records, newest first."""
    entries = []
    for d in catalogue.documents.values():
        entries.append(FeedEntry(f"document:{d.slug}:{d.published}", epoch_of(d.published),
                                 f"New document: {d.title}",
                                 f"New document: {d.title} ({d.outlet}, {d.published}).",
                                 d.url, "document"))
    for i in catalogue.incidents.values():
        entries.append(FeedEntry(f"incident:{i.slug}:{i.date}", epoch_of(i.date),
                                 f"New incident: {i.title}", f"New incident: {i.title} "
                                 f"({i.date}, {i.kind}).", i.url, "incident"))
    for p in catalogue.profiles:
        if p.reviewed:
            entries.append(FeedEntry(f"profile:{p.slug}:{p.reviewed}", epoch_of(p.reviewed),
                                     f"Profile reviewed: {p.name}",
                                     f"Profile reviewed against its sources: {p.name} "
                                     f"({p.reviewed}).", p.url, "profile"))
    return sorted(entries, key=lambda e: (-e.timestamp, e.key))


def epoch_of(date: str | None) -> int:
    """Midnight UTC of a partial date's first day."""
    if not date:
        return 0
    year, month, day = ([int(p) for p in date.split("-")] + [1, 1])[:3]
    return calendar.timegm(dt.date(year, month, day).timetuple())
