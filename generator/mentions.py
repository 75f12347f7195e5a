"""Stage 3, link: which profiles each document mentions, with snippets, backlinks and co-mentions."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from generator.families import alias_surnames, arabic_surnames
from generator.forked import in_shares
from generator.link import Entity, Linker, Mention, snippet, unmatched_names
from generator.markdown_text import paragraphs
from generator.records import Catalogue, Document, Leader, Profile

log = logging.getLogger(__name__)
PARAGRAPH_BREAK = "\n\n"
ReadingKey = tuple[str, str, str]   # what a reading depends on: title, body, publication date


def reading_key(document: Document) -> ReadingKey:
    return document.title or "", document.body, document.published


@dataclass(frozen=True, slots=True)
class Backlink:
    """A document that mentions a profile: how often, and the text around the first mention."""

    document: Document
    count: int
    snippet: tuple[str, str, str]


@dataclass(frozen=True)
class LinkedDocument:
    """A document's text split into paragraphs, with the mentions that fall in each."""

    paragraphs: tuple[tuple[str, tuple[Mention, ...]], ...]
    counts: tuple[tuple[str, int], ...]   # (profile slug, mentions), most mentioned first
    title: tuple[Mention, ...] = ()       # mentions in the headline (counted above too)


@dataclass
class Links:
    documents: dict[str, LinkedDocument] = field(default_factory=dict)
    backlinks: dict[str, list[Backlink]] = field(default_factory=dict)
    co_mentions: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def make_linker(catalogue: Catalogue) -> Linker:
    """One matcher for the whole catalogue; place names block look-alikes (Sadr City)."""
    return Linker(*linker_inputs(catalogue))


def linker_inputs(catalogue: Catalogue) -> tuple[tuple[Entity, ...], tuple[str, ...]]:
    """What the linker is built from: every profile's names, and the names that block them."""
    entities = tuple(_entity(p) for p in catalogue.profiles)
    blockers = [name for place in catalogue.places.values()
                for name in (place.name, place.arabic) if name]
    blockers += [name for profile in catalogue.profiles for name in profile.look_alikes]
    return entities, tuple(blockers)


class LinkMemo:
    """The live preview's linker, what each document read to, and the last Links: kept while
    every profile's names and every blocking name stay the same, so an edit elsewhere relinks
    nothing and an edited document relinks alone."""

    def __init__(self) -> None:
        self.inputs: tuple[tuple[Entity, ...], tuple[str, ...]] | None = None
        self.linker: Linker | None = None
        self.readings: dict[ReadingKey, Reading] = {}   # (title, body, published) -> reading
        self.last: tuple[dict[str, Document], Links, dict[str, Counter[str]]] | None = None

    def reader(self, catalogue: Catalogue) -> Callable[[Document], Reading]:
        inputs = linker_inputs(catalogue)
        if self.linker is None or inputs != self.inputs:
            if self.linker is not None:
                log.warning("profile names changed: relinking every document")
            self.inputs, self.linker, self.readings, self.last = inputs, Linker(*inputs), {}, None
        linker, previous, self.readings = self.linker, self.readings, {}

        def read(document: Document) -> Reading:
            key = reading_key(document)
            found = previous.get(key) or self.readings.get(key) or read_document(linker, document)
            self.readings[key] = found   # only what this version reads is kept
            return found
        return read


def spelling_warnings(catalogue: Catalogue) -> list[str]:
    """One warning line per spelling whose family overlaps another profile's name or a
    look-alike: generated forms there are dropped, written ones link only as written."""
    lines = []
    for dropped in make_linker(catalogue).dropped:
        profile = catalogue.profile(dropped.slug)
        other = (f"a name of {dropped.other}" if dropped.other
                 else "a look-alike or a place name")
        where = profile.path if profile else dropped.slug
        lines.append(f"warning: {where}: spellings like {dropped.form!r} (this profile's) also "
                     f"fit {other}: only the spelling written in a profile is linked there")
    return lines


def _entity(profile: Profile) -> Entity:
    if not isinstance(profile, Leader):
        founded = getattr(profile, "founded", None)
        return Entity(profile.slug, "militia", profile.names,
                      founded=founded.date if founded else None)
    surnames = arabic_surnames(profile.arabic, profile.short_names)
    surnames += tuple(s for s in alias_surnames(profile.names, profile.short_names)
                      if not any(known.endswith(s) for known in surnames))  # not المهدي
    return Entity(profile.slug, "leader", profile.names, profile.short_names, profile.kunyas,
                  surnames)


def document_text(document: Document) -> tuple[str, list[tuple[int, str]]]:
    """The text the linker reads, and each paragraph with its offset in that text."""
    offsets, position = [], 0
    for paragraph in paragraphs(document.body):
        offsets.append((position, paragraph))
        position += len(paragraph) + len(PARAGRAPH_BREAK)
    return PARAGRAPH_BREAK.join(p for _, p in offsets), offsets


def find_with_title(linker: Linker, title: str, text: str, published: str | None = None
                    ) -> tuple[list[Mention], list[Mention]]:
    """(mentions in the title, mentions in the text): read as one, so a full name in the
    headline lets the body use the surname alone; title offsets are within the title."""
    head = " ".join(title.split())
    if not head:
        return [], linker.find(text, published)
    offset = len(head) + len(PARAGRAPH_BREAK)
    found = linker.find(head + PARAGRAPH_BREAK + text, published)
    in_title = [m for m in found if m.end <= len(head)]
    in_text = [Mention(m.slug, m.kind, m.start - offset, m.end - offset, m.text)
               for m in found if m.start >= offset]
    return in_title, in_text


@dataclass(frozen=True)
class Reading:
    """What the linker found in one document: its paragraphs with their mentions, and each
    profile's mention count with the text around its first mention."""

    linked: LinkedDocument
    firsts: tuple[tuple[str, int, tuple[str, str, str]], ...]   # (slug, count, snippet)


def read_document(linker: Linker, document: Document) -> Reading:
    text, offsets = document_text(document)
    in_title, body = find_with_title(linker, document.title or "", text, document.published)
    mentions = body + in_title
    counts = Counter(m.slug for m in mentions)
    firsts = []
    for slug, count in counts.items():
        first = next(m for m in mentions if m.slug == slug)
        around = text if first in body else " ".join((document.title or "").split())
        firsts.append((slug, count, snippet(around, first)))
    return Reading(_split(body, offsets, in_title), tuple(firsts))


def link_documents(catalogue: Catalogue, linker: Linker | None = None,
                   memo: LinkMemo | None = None) -> Links:
    """Every document's links. With the live preview's memo, only the documents that changed
    since its last call are read again; without one, all are, shared between one worker a
    core."""
    if memo is None:
        memo = LinkMemo()
        memo.inputs = linker_inputs(catalogue)
        memo.linker = linker or Linker(*memo.inputs)
        memo.readings = read_all(memo.linker, list(catalogue.documents.values()))
    return _relink(catalogue, memo)


def read_all(linker: Linker, documents: list[Document]) -> dict[ReadingKey, Reading]:
    """Every document read, keyed as the memo keeps readings, by workers in parallel."""
    def read_share(share: Sequence[Document]) -> dict[ReadingKey, Reading]:
        return {reading_key(d): read_document(linker, d) for d in share}
    readings: dict[ReadingKey, Reading] = {}
    for part in in_shares(documents, read_share, "link"):
        readings.update(part)
    return readings


def _add_reading(links: Links, neighbours: dict[str, Counter[str]], document: Document,
                 reading: Reading, sign: int = 1) -> set[str]:
    """Add (or, with sign -1, take away) one document's links; return the profiles touched."""
    slugs = sorted(slug for slug, _, _ in reading.firsts)
    for one, other in combinations(slugs, 2):
        neighbours[one][other] += sign
        neighbours[other][one] += sign
    if sign > 0:
        links.documents[document.slug] = reading.linked
        for slug, count, around in reading.firsts:
            links.backlinks.setdefault(slug, []).append(Backlink(document, count, around))
    else:
        links.documents.pop(document.slug, None)
        for slug in slugs:
            links.backlinks[slug] = [b for b in links.backlinks.get(slug, [])
                                     if b.document is not document]
    return set(slugs)


def _relink(catalogue: Catalogue, memo: LinkMemo) -> Links:
    """Links from the last ones, redoing only the documents that changed (all of them when
    the names changed): the same Links link_documents makes from scratch."""
    read = memo.reader(catalogue)
    documents = catalogue.documents
    neighbours: dict[str, Counter[str]]
    if memo.last is None:
        links, neighbours = Links(), defaultdict(Counter)
        changed = set(documents)
        before: dict[str, Document] = {}
    else:
        before, last, counted = memo.last
        links = Links(dict(last.documents), dict(last.backlinks), dict(last.co_mentions))
        neighbours = defaultdict(Counter, {slug: Counter(c) for slug, c in counted.items()})
        changed = {slug for slug in before.keys() | documents.keys()
                   if before.get(slug) is not documents.get(slug)}
    touched: set[str] = set()
    for slug in sorted(changed):
        if slug in before:
            old = before[slug]
            touched |= _add_reading(links, neighbours, old, read(old), sign=-1)
        if slug in documents:
            touched |= _add_reading(links, neighbours, documents[slug], read(documents[slug]))
    for slug in touched:
        links.backlinks[slug] = sorted(links.backlinks.get(slug, []), key=_newest_first,
                                       reverse=True)
        if not links.backlinks[slug]:
            del links.backlinks[slug]
        neighbours[slug] = +neighbours[slug]   # drop the pairs that fell to zero
        if neighbours[slug]:
            links.co_mentions[slug] = _by_count(neighbours[slug])
        else:
            del neighbours[slug]
            links.co_mentions.pop(slug, None)
    links.documents = {slug: links.documents[slug] for slug in documents}   # their order
    links.backlinks = dict(sorted(links.backlinks.items()))
    links.co_mentions = dict(sorted(links.co_mentions.items()))
    memo.last = (dict(documents), links, dict(neighbours))
    log.info("linked %d documents, %d read again", len(links.documents), len(changed))
    return links


def _newest_first(backlink: Backlink) -> tuple[str, str]:
    return backlink.document.published, backlink.document.slug


def _by_count(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda c: (-c[1], c[0]))


def _split(mentions: list[Mention], offsets: list[tuple[int, str]],
           in_title: Sequence[Mention] = ()) -> LinkedDocument:
    result = []
    for start, paragraph in offsets:
        inside = tuple(Mention(m.slug, m.kind, m.start - start, m.end - start, m.text)
                       for m in mentions if start <= m.start and m.end <= start + len(paragraph))
        result.append((paragraph, inside))
    counts = Counter(m.slug for m in [*mentions, *in_title])
    return LinkedDocument(tuple(result), tuple(sorted(counts.items(), key=lambda c: (-c[1], c[0]))),
                          tuple(in_title))


def suggestions(catalogue: Catalogue) -> list[tuple[str, int]]:
    """Names in documents that look like people or groups but match no profile."""
    linker = make_linker(catalogue)
    return unmatched_names((document_text(d)[0] for d in catalogue.documents.values()), linker)

