"""Entity linking: find every militia and leader a document mentions.

All names are compiled into one Aho-Corasick automaton over normalised text
(see normalize.py). A document is normalised once and scanned once; the hits
are filtered (word boundaries, case rules), resolved leftmost-longest without
overlaps, and surname-only hits are kept only where unambiguous.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import ahocorasick

from generator.families import (
    Folded,
    arabic_kind_words,
    arabic_short_forms,
    bare_group_names,
    fold_spellings,
    variants,
    vocabulary,
)
from generator.normalize import normalize, normalize_name
from generator.relatives import (
    ANOTHER,
    SAME,
    after_arabic_title,
    another_person,
    cued_as_group,
    given_names,
    in_a_person_s_name,
    name_goes_on,
    names_a_group,
    names_a_place,
    numbered,
)

NAME, SHORT, CONTEXT, BLOCK = "name", "short", "context", "block"
BARE = "bare"  # a group's name without its kind: linked only where cued as a group's name
OTHER = "other"  # a known surname after another given name: someone else of that name
_ACRONYM = re.compile(r"[A-Z]{2,6}(?:-[A-Z]{1,6})?")
_PROCLITICS = "وفبل"  # Arabic one-letter prefixes written attached, one or two of them
_PROCLITIC_PREFIXES = ("", *_PROCLITICS, *(a + b for a in _PROCLITICS for b in _PROCLITICS))
_NOT_WORD = re.compile(r"[\W_]")


@dataclass(frozen=True)
class Entity:
    """A profile as the linker sees it. `short_names` (surnames) link wherever they are
    unambiguous; `kunyas` and `context_names` only once the document has named the person in
    full. Surnames and `context_names` (Arabic surnames) are another person's after a different
    given name. A group with a `founded` date is not linked in a text published in an earlier
    year: its name then meant something else (the Islamic Resistance in Iraq of 2023 is not the
    name Asaib Ahl al-Haq gave itself in 2013)."""

    slug: str
    kind: str
    names: tuple[str, ...]
    short_names: tuple[str, ...] = ()
    kunyas: tuple[str, ...] = ()
    context_names: tuple[str, ...] = ()
    founded: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    slug: str
    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Pattern:
    role: str  # NAME, SHORT, CONTEXT, BARE or BLOCK
    slug: str = ""
    kind: str = ""
    acronym: bool = False  # matched only where written in capitals
    surname: bool = False  # not linked after another given name
    exact: str = ""        # the normalised form written (or generated) in the profile
    generated: bool = False


@dataclass(frozen=True, slots=True)
class _Span:
    """A resolved hit, in original offsets; owners are (slug, kind) pairs."""

    start: int
    end: int
    role: str
    owners: tuple[tuple[str, str], ...]
    surname: bool = False
    needs_context: bool = False  # linked only where the document names the profile in full


@dataclass(frozen=True)
class Dropped:
    """A spelling whose family also covers another profile's name or a look-alike: it is
    linked only where written exactly as in the profile, and not at all if generated."""

    slug: str
    form: str
    other: str  # a profile slug, or "" for a look-alike or a place


def is_acronym(name: str) -> bool:
    """All capitals, 2-6 letters, possibly hyphenated: KH, AAH, IRGC-QF."""
    letters = name.replace("-", "")
    return bool(_ACRONYM.fullmatch(name)) and 2 <= len(letters) <= 6


def match_key(name: str, keep: frozenset[str] = frozenset()) -> str:
    """The key a name is matched by: normalised, then in its spelling family's form (the
    acronyms in `keep` keep their letters where written in capitals)."""
    return fold_spellings(normalize(name.strip()), keep).text.strip()


def _acronym_words(entities: Iterable[Entity]) -> frozenset[str]:
    """The declared acronyms' words, lower-case: the only words in capitals not folded."""
    return frozenset(word for e in entities for name in e.names if is_acronym(name)
                     for word in normalize_name(name).split())


def _patterns(
    entities: Iterable[Entity], blockers: Iterable[str]
) -> Iterator[tuple[str, _Pattern]]:
    for e in entities:
        group = e.kind == "militia"
        for names, role, surname in ((e.names, NAME, False), (e.short_names, SHORT, True),
                                     (e.kunyas, CONTEXT, False), (e.context_names, CONTEXT, True)):
            for name in names:
                exact = normalize_name(name)
                for form in sorted(variants(name, group)):
                    yield form, _Pattern(role, e.slug, e.kind, is_acronym(form), surname,
                                         normalize_name(form), normalize_name(form) != exact)
        for name in arabic_short_forms(e.names) if group else ():
            for form in sorted(variants(name)):  # generated: dropped if another name fits it
                yield form, _Pattern(NAME, e.slug, e.kind, exact=normalize_name(form),
                                     generated=True)
        for name in arabic_kind_words(e.names) if group else ():
            for form in sorted(variants(name)):  # الكتائب: the one group of its kind named
                yield form, _Pattern(CONTEXT, e.slug, e.kind, exact=normalize_name(form))
        for name in bare_group_names(e.names) if group else ():
            for form in sorted(variants(name, group)):
                yield form, _Pattern(BARE, e.slug, e.kind, exact=normalize_name(form),
                                     generated=True)
    for name in blockers:
        for form in sorted(variants(name)):
            yield form, _Pattern(BLOCK, exact=normalize_name(form),
                                 generated=normalize_name(form) != normalize_name(name))


def _table(entities: list[Entity], blockers: Iterable[str], keep: frozenset[str]
           ) -> tuple[dict[str, list[_Pattern]], set[str], list[Dropped]]:
    """{key: patterns}, the contested keys (exact spellings only) and the forms dropped."""
    table: dict[str, list[_Pattern]] = {}
    for name, pattern in _patterns(entities, blockers):
        key = match_key(name, keep)
        if key and pattern not in table.setdefault(key, []):
            table[key].append(pattern)
    contested, dropped = set(), []
    for key, patterns in table.items():
        owners = {p.slug for p in patterns}
        if len(owners) < 2:
            continue
        contested.add(key)
        for p in patterns:
            others = sorted({q.slug for q in patterns
                             if q.slug != p.slug and (q.exact != p.exact or p.generated)},
                            key=lambda slug: (not slug, slug))  # a profile before a look-alike
            if others and p.role not in (BLOCK, BARE):  # a bare name is never written
                dropped.append(Dropped(p.slug, p.exact, others[0]))
        table[key] = [p for p in patterns if not p.generated]
    return {k: v for k, v in table.items() if v}, contested, sorted(set(dropped), key=str)


def _build(table: dict[str, list[_Pattern]], contested: set[str]
           ) -> ahocorasick.Automaton | None:
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, patterns in table.items():
        fixed = None if key in contested else _fixed_role(patterns)
        spaced = _spaced_out(key)
        arabic = "\u0600" <= key[:1] <= "\u06ff"
        for prefix in _PROCLITIC_PREFIXES if arabic else ("",):
            automaton.add_word(f" {prefix}{spaced} ",
                               (len(prefix), len(key), tuple(patterns), fixed, key in contested))
    automaton.make_automaton()
    return automaton


def _spaced_out(s: str) -> str:
    """Every character that is not a letter or a digit as a space (the same length): a key
    padded with spaces then only matches whole words."""
    return _NOT_WORD.sub(" ", s)


def _fixed_role(patterns: list[_Pattern]) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """The classification of a key whose patterns do not depend on how it is written."""
    if any(p.acronym or p.role != NAME and p.role != BLOCK for p in patterns):
        return None
    return _classify(tuple(patterns), "")


_AND_BEFORE = re.compile(r"\b([A-Z][^\W\d_]+) (?:and|&) ")
# 'his brother Laith', 'وشقيقه ليث': a relative named by the given name alone
_KIN = re.compile(r"\b(?:his|her) (?:younger |elder |older )?(?:brother|son|father|cousin|nephew),? "
                  r"([A-Z][^\W\d_]+)\b|(?<![\u0600-\u06ff])و?(?:شقيقه|أخوه|اخوه|أخيه|اخيه|نجله|ابنه|"
                  r"والده) ([\u0621-\u0652]+)")
_KIN_REACH = 300  # characters between a person's name and 'his brother ...', in one paragraph

_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"), ("«", "»"))
_PAIRED_MARKS = re.compile("[" + re.escape('"' + "".join(a + b for a, b in _PAIRS)) + "]")


def _balanced(surface: str) -> bool:
    if not _PAIRED_MARKS.search(surface):
        return True
    return surface.count('"') % 2 == 0 and all(
        surface.count(a) == surface.count(b) for a, b in _PAIRS)


def _paired(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Quotation marks and brackets inside a name come in pairs: a name ending inside quotes
    takes the closing one (Ryan "the Chaldean"), and 'Qods) Force' is no name."""
    for lo, hi in ((start, end), (start, end + 1), (start - 1, end)):
        if 0 <= lo and hi <= len(text) and _balanced(text[lo:hi]):
            if (lo, hi) == (start, end) or not text[lo:hi][0 if lo < start else -1].isalnum():
                return lo, hi
    return None


def _written_ok(pattern: _Pattern, surface: str) -> bool:
    """Acronyms only in capitals; Latin surnames and kunyas only capitalised."""
    if pattern.acronym:
        return not any(c.islower() for c in surface)
    if pattern.role in (SHORT, CONTEXT):
        return not surface[:1].islower()
    if pattern.role == BARE:
        return not surface.islower()
    return True


def _classify(
    patterns: tuple[_Pattern, ...], surface: str
) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """The role a hit plays (a blocker beats a name beats a surname) and its owners."""
    valid = [p for p in patterns if _written_ok(p, surface)]
    for role in (BLOCK, NAME, SHORT, CONTEXT, BARE):
        owners = sorted({(p.slug, p.kind) for p in valid if p.role == role})
        if owners:
            return role, tuple(owners)
    return None


def _leftmost_longest(spans: list[_Span]) -> list[_Span]:
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.role)):
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    return chosen


def _pick(span: _Span, context: set[str]) -> tuple[str, str] | None:
    """The one owner of a name, if the document's full names single it out; kunyas, Arabic
    surnames and a word in capitals only for a profile the document has named in full."""
    owners = span.owners
    if len(owners) == 1 and span.role != CONTEXT and not span.needs_context:
        return owners[0]
    named = [owner for owner in owners if owner[0] in context]
    return named[0] if len(named) == 1 else None


class Linker:
    """Finds mentions of entities in text; build once, use for many documents."""

    def __init__(self, entities: Iterable[Entity], blockers: Iterable[str] = ()) -> None:
        entities = list(entities)
        self._keep = _acronym_words(entities)
        table, contested, self.dropped = _table(entities, list(blockers), self._keep)
        self._automaton = _build(table, contested)
        self._vocabulary = vocabulary(table)
        self._given = {e.slug: given_names((*e.names, *e.kunyas)) for e in entities}
        self._founded = {e.slug: e.founded for e in entities if e.founded}
        self._name_words = {e.slug: {w for n in e.names for w in match_key(n, self._keep).split()}
                            for e in entities if e.kind == "leader"}  # people have relatives
        self._surnamed: dict[str, set[str]] = {}  # a surname's key: the people it is short for
        for e in entities:
            for name in e.short_names if e.kind == "leader" else ():
                for word in match_key(name, self._keep).split()[-1:]:
                    self._surnamed.setdefault(word, set()).add(e.slug)

    def find(self, text: str, published: str | None = None) -> list[Mention]:
        """Mentions in `text` (published on that partial date, if known), sorted by start and
        non-overlapping."""
        mentions = self._find(text)
        if published:
            year = published[:4]
            mentions = [m for m in mentions if self._founded.get(m.slug, "")[:4] <= year]
        return mentions

    def _find(self, text: str) -> list[Mention]:
        spans = [replace(s, role=NAME) if s.role == BARE and cued_as_group(text, s.start, s.end)
                 else s for s in self._spans(text)]   # a bare name is cued once it stands alone
        context = {s.owners[0][0] for s in spans
                   if s.role == NAME and len(s.owners) == 1 and not s.needs_context}
        others = {slug for s in spans if s.role == OTHER and not _title_case(text, s.start)
                  for slug, _ in s.owners} | self._namesakes(text, spans)
        mentions = []
        for k, span in enumerate(spans):
            if span.role == BARE and not _beside_a_group(text, spans, k):
                continue
            owner = _pick(span, context) if span.role not in (BLOCK, OTHER) else None
            if owner and span.surname and self._relative_named(text, span, owner[0], context):
                continue
            if owner and span.role == SHORT and owner[0] in others - context:
                continue  # another person of this surname is named, and this one never in full
            if owner:
                mentions.append(
                    Mention(owner[0], owner[1], span.start, span.end, text[span.start : span.end])
                )
        return self._kin(text, self._coordinated(text, mentions))

    def _kin(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """'Qais al-Khazali and his brother Laith': the given name with the surname of the
        person named just before, linked when that full name is a profile's."""
        people = [m for m in mentions if m.kind == "leader"]
        if not people:
            return mentions
        ends = [m.end for m in people]
        found = list(mentions)
        taken = {m.start for m in mentions}
        for kin in _KIN.finditer(text):
            group = 1 if kin.group(1) else 2
            i = bisect.bisect_right(ends, kin.start())
            person = people[i - 1] if i else None
            if (not person or kin.start() >= person.end + _KIN_REACH
                    or "\n" in text[person.end:kin.start()] or kin.start(group) in taken):
                continue
            spans = self._spans(f"{kin.group(group)} {person.text.split()[-1]}")
            if (len(spans) == 1 and spans[0].role == NAME and len(spans[0].owners) == 1
                    and spans[0].start == 0 and spans[0].owners[0][0] != person.slug):
                slug, kind = spans[0].owners[0]
                found.append(Mention(slug, kind, kin.start(group), kin.end(group),
                                     kin.group(group)))
                taken.add(kin.start(group))
        return sorted(found, key=lambda m: m.start)

    def _namesakes(self, text: str, spans: list[_Span]) -> set[str]:
        """People whose surname ends a look-alike named in the document (Mohammed Sadiq
        al-Sadr): their surname alone is then ambiguous too."""
        found: set[str] = set()
        for span in spans:
            if span.role == BLOCK:
                last = match_key(text[span.start:span.end], self._keep).split()[-1:]
                found |= self._surnamed.get(last[0], set()) if last else set()
        return found

    def _coordinated(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """'Qays and Laith al-Khazali': the first given name shares the surname after the
        second, and is linked when that full name is a profile's."""
        taken = {(m.start, m.end) for m in mentions}
        found = list(mentions)
        for mention in mentions:
            before = _AND_BEFORE.search(text, max(0, mention.start - 40), mention.start)
            rest = mention.text.split(None, 1)[1:]
            if not before or not rest or before.end() != mention.start:
                continue
            given = before.group(1)
            spans = self._spans(f"{given} {rest[0]}")
            if (len(spans) == 1 and spans[0].role == NAME and len(spans[0].owners) == 1
                    and spans[0].start == 0 and spans[0].owners[0][0] != mention.slug
                    and spans[0].end == len(given) + 1 + len(rest[0])
                    and (before.start(1), before.end(1)) not in taken):
                slug, kind = spans[0].owners[0]
                found.append(Mention(slug, kind, before.start(1), before.end(1), given))
        return sorted(found, key=lambda m: m.start)

    def _relative_named(self, text: str, span: _Span, owner: str, context: set[str]) -> bool:
        """Another person of the same surname named in full (a brother, a father) and not the
        owner: the surname alone is not linked. (With both named, the profile that lists the
        surname among its short names keeps it.)"""
        if owner in context:
            return False
        surname = match_key(text[span.start:span.end], self._keep).split()[-1:]
        return any(surname and surname[0] in self._name_words.get(slug, ())
                   for slug in context - {owner})

    def _spans(self, text: str) -> list[_Span]:
        """Every resolved hit, including blockers and ambiguous surnames."""
        if self._automaton is None:
            return []
        norm = fold_spellings(normalize(text), self._keep, self._vocabulary)
        return _leftmost_longest(list(self._hits(norm, text)))

    def _hits(self, norm: Folded, text: str) -> Iterator[_Span]:
        assert self._automaton is not None  # built before any text is matched
        # padded and spaced out, the text matches keys only as whole words (see _build)
        found_in = f" {_spaced_out(norm.text)} "
        for last, (_, length, patterns, fixed, contested) in self._automaton.iter(found_in):
            first = last - length - 1   # in norm.text: past the padding, the space, the prefix
            start, end = norm.original_span(first, first + length)
            paired = _paired(text, start, end)
            if paired is None:
                continue
            start, end = paired
            surface = text[start:end]
            if contested:
                written = normalize_name(surface)
                patterns = tuple(p for p in patterns if p.exact == written)
            found = fixed or _classify(patterns, surface)
            if not found:
                continue
            role, owners = found
            if role == BLOCK:
                yield _Span(start, end, role, owners)
                continue
            if owners[0][1] == "leader" and names_a_place(text, start, end):
                continue
            if (owners[0][1] == "militia" and len(owners) == 1 and text[start:start + 1].isupper()
                    and surface != surface.upper() and _one_word(surface)
                    and in_a_person_s_name(text, start, end)):
                continue
            surname = role != NAME and any(p.surname for p in patterns if p.role == role)
            if surname:
                if names_a_group(text, end) or name_goes_on(text, end):
                    continue
                who, first = self._who(owners, text, start, end)
                if who == ANOTHER:
                    role = OTHER
                elif who == SAME:
                    role, start = NAME, first
                elif role == CONTEXT and after_arabic_title(text, start):
                    role = SHORT  # المرجع السيستاني: as a capitalised Sistani
            yield _Span(start, end, role, owners, surname,
                        _shouted(text, start, end, role, patterns))

    def _who(self, owners: tuple[tuple[str, str], ...], text: str, start: int, end: int
             ) -> tuple[str, int]:
        """Whether the given names before a surname make it ANOTHER person or the SAME one
        (named in full with middle names), and where the full name starts."""
        if numbered(text, end):
            return ANOTHER, start
        own = set().union(*(self._given.get(slug, set()) for slug, _ in owners))
        return another_person(text, start, own)


_CONJUNCTION = re.compile(r"[\s,،\"“”«»]*(?:and|&|or|و|أو)?[\s\"“”«»]*")


def _beside_a_group(text: str, spans: list[_Span], k: int) -> bool:
    """A group's bare name in a list of groups (كتائب حزب الله والنجباء): the span before or
    after it names a group, with only a comma or 'and' between."""
    for a, b in ((k - 1, k), (k, k + 1)):
        if 0 <= a and b < len(spans):
            other = spans[a if a != k else b]
            if (other.role == NAME and other.owners[0][1] == "militia"
                    and _CONJUNCTION.fullmatch(text, spans[a].end, spans[b].start)):
                return True
    return False


def _one_word(surface: str) -> bool:
    """Badr, al-Nujaba: one word once the article is left out."""
    words = normalize_name(surface).split()
    return len(words) == 1 or len(words) == 2 and words[0] in ("al", "el")


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}")


def _title_case(text: str, at: int) -> bool:
    """Whether the line around `at` is a headline in Title Case (no word of four letters or more
    starts in lower case), where a capitalised adjective can stand before a surname. Arabic has
    no capitals, so no Arabic name stands in one."""
    if not text[at].isascii():
        return False
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return not _LOWER_WORD.search(text, start, len(text) if end < 0 else end)


_LINE_WORDS = 3  # a line of at least this many words, all in capitals, is a shouted headline


def _shouted(text: str, start: int, end: int, role: str, patterns: tuple[_Pattern, ...]) -> bool:
    """A word in capitals short enough to be an acronym (SADR, BADR) is linked only where the
    document names the profile in full, unless it is a declared acronym (KH) written outside
    a line in capitals. Longer words (MUHANDIS) and full names in capitals are names."""
    surface = text[start:end]
    if not surface[:1].isupper() or role not in (NAME, SHORT) or surface != surface.upper():
        return False
    if sum(c.isupper() for c in surface) < 2:
        return False
    words = [w for w in normalize_name(surface).split() if w not in ("al", "el")]
    if len(words) > 1:
        return False  # QAIS AL-KHAZALI: a full name in capitals
    if not any(p.acronym for p in patterns if p.role == role):
        return is_acronym(words[0].upper()) if words else False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    return not any(c.islower() for c in line) and len(re.findall(r"[^\W\d_]{2,}", line)) >= _LINE_WORDS


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _spaced(text: str) -> str:
    """Whitespace collapsed, keeping one space at either edge where there was any."""
    core = _collapse(text)
    lead = " " if text[:1].isspace() and core else ""
    trail = " " if text[-1:].isspace() and core else ""
    return lead + core + trail


def _window_before(text: str, end: int, need: int) -> str:
    """Enough raw text before `end` to give `need` characters once collapsed."""
    size = need + 16
    while True:
        start = max(0, end - size)
        part = _spaced(text[start:end])
        if start == 0 or len(part) > need + 1:
            return part
        size *= 2


def _window_after(text: str, start: int, need: int) -> str:
    size = need + 16
    while True:
        end = min(len(text), start + size)
        part = _spaced(text[start:end])
        if end == len(text) or len(part) > need + 1:
            return part
        size *= 2


def _cut_before(text: str, need: int) -> str:
    if len(text) <= need:
        return text.lstrip()
    piece = text[-need:] if need else ""
    if not text[-need - 1].isspace():
        piece = piece.split(" ", 1)[1] if " " in piece else ""
    return "…" + piece.lstrip()


def _cut_after(text: str, need: int) -> str:
    if len(text) <= need:
        return text.rstrip()
    piece = text[:need]
    if not text[need].isspace():
        piece = piece.rsplit(" ", 1)[0] if " " in piece else ""
    return piece.rstrip() + "…"


def snippet(text: str, mention: Mention, width: int = 90) -> tuple[str, str, str]:
    """(before, matched, after) around a mention, about `width` characters in all."""
    matched = _collapse(text[mention.start : mention.end])
    need = max(0, (width - len(matched)) // 2)
    before = _cut_before(_window_before(text, mention.start, need), need)
    after = _cut_after(_window_after(text, mention.end, need), need)
    return before, matched, after


# --- names the profiles do not cover yet (`generator suggest`) ---

_TOKEN = re.compile(r"[^\W\d_][\w'’ʿ-]*")
_CONNECTORS = frozenset({"of", "the", "bin", "ibn", "bint", "al", "el", "wa"})
_SKIP_LEADING = frozenset(
    """
    a an and as at after also according before but by during for from he her his however
    if in it its last meanwhile mr mrs ms dr next of on our she since so some that the their
    these they this those though to under when where while with we yesterday today
    prime minister president secretary-general sheikh grand ayatollah general gen commander
    deputy leader cleric chairman spokesman spokeswoman colonel col lieutenant
""".split()
)
_NOT_FIRST = _SKIP_LEADING | _CONNECTORS
_CALENDAR = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
""".split()
)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str


def _tokens(text: str) -> Iterator[_Token]:
    for m in _TOKEN.finditer(text):
        word = m.group().rstrip("-'’ʿ")
        if word[-2:-1] in ("'", "’") and word[-1:] in ("s", "S"):
            word = word[:-2]  # possessive: al-Askari's
        yield _Token(m.start(), m.start() + len(word), word)


def _is_capitalised(word: str) -> bool:
    """Askari, al-Askari, Al-Askari."""
    bare = word[3:] if word[:3].lower() in ("al-", "el-") else word
    return bare[:1].isupper()


def _runs(text: str) -> Iterator[list[_Token]]:
    """Capitalised words and connectors (of, bin, al...) joined by single spaces."""
    run: list[_Token] = []
    for token in _tokens(text):
        capital = _is_capitalised(token.word)
        usable = capital or token.word.lower() in _CONNECTORS
        if run and usable and text[run[-1].end : token.start] in (" ", "\t"):
            run.append(token)
            continue
        if run:
            yield run
        run = [token] if capital else []
    if run:
        yield run


def _covered(token: _Token, spans: list[_Span], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, token.start)
    before = spans[i - 1] if i else None
    return bool(before and before.end > token.start) or (
        i < len(spans) and spans[i].start < token.end
    )


def _segments(run: list[_Token], spans: list[_Span], starts: list[int]) -> Iterator[list[_Token]]:
    """Split a run at dates and at text already linked or blocked."""
    segment: list[_Token] = []
    for token in run:
        if token.word.lower() in _CALENDAR or _covered(token, spans, starts):
            yield segment
            segment = []
        else:
            segment.append(token)
    yield segment


def _trim(segment: list[_Token]) -> list[_Token]:
    """Drop sentence-start words and titles in front, connectors at the end."""
    lo, hi = 0, len(segment)
    while lo < hi and segment[lo].word.lower() in _NOT_FIRST:
        lo += 1
    while hi > lo and segment[hi - 1].word.lower() in _CONNECTORS:
        hi -= 1
    return segment[lo:hi]


def _candidate_names(text: str, spans: list[_Span]) -> Iterator[str]:
    starts = [span.start for span in spans]
    for run in _runs(text):
        for segment in _segments(run, spans, starts):
            name = _trim(segment)
            shouting = all(t.word.isupper() for t in name)  # headlines in capitals
            if sum(_is_capitalised(t.word) for t in name) >= 2 and not shouting:
                yield " ".join(text[name[0].start : name[-1].end].split())


# Countries and well-known places: never worth a profile, so never suggested.
KNOWN_PLACES = frozenset(normalize_name(n) for n in """
    United States|United States of America|United Kingdom|United Nations|European Union|
    Iraq|Iran|Syria|Israel|Lebanon|Jordan|Kuwait|Saudi Arabia|Turkey|Yemen|Qatar|Bahrain|Egypt|
    Gulf|Persian Gulf|Middle East|Baghdad|Green Zone|Tehran|Damascus|Beirut|Washington|
    White House|Pentagon|State Department|Erbil|Basra|Mosul|Najaf|Karbala|Kirkuk|Anbar|Diyala|
    Kurdistan|Kurdistan Region|Gaza|West Bank|Tel Aviv|Jerusalem|Red Sea|Ain al-Asad|
    العراق|إيران|ايران|سوريا|سورية|إسرائيل|لبنان|الولايات المتحدة|الولايات المتحدة الأمريكية|
    بغداد|المنطقة الخضراء|طهران|دمشق|بيروت|واشنطن|البيت الأبيض|الأمم المتحدة|البصرة|الموصل|
    النجف|كربلاء|أربيل|كردستان
""".replace("\n", "").split("|"))
_AR = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"  # Arabic letters, not its punctuation
_ARABIC_NAME = re.compile(
    f"(?<![{_AR}])((?:أبو|ابو) [{_AR}]+(?: ال[{_AR}]+)?|[{_AR}]+(?: [{_AR}]+)? ال[{_AR}]+)(?![{_AR}])")


def _arabic_names(text: str, spans: list[_Span]) -> Iterator[str]:
    """Kunyas (أبو ...) and a common given name with a surname (حسين فالح اللامي)."""
    from generator.relatives import arabic_given_name
    starts = [span.start for span in spans]
    for m in _ARABIC_NAME.finditer(text):
        words = m.group().split()
        if words[0] not in ("أبو", "ابو") and not arabic_given_name(words[0]):
            continue
        token = _Token(m.start(), m.end(), m.group())
        if not _covered(token, spans, starts):
            yield m.group()[1:] if words[0][1:] and arabic_given_name(words[0][1:]) else m.group()


def unmatched_names(texts: Iterable[str], linker: Linker) -> list[tuple[str, int]]:
    """Person- or organisation-like names, Latin or Arabic, that no profile, blocker or
    well-known place covers, most frequent first."""
    counts: Counter[str] = Counter()
    for text in texts:
        spans = [s for s in linker._spans(text) if s.role != OTHER]  # others are candidates
        counts.update(_candidate_names(text, spans))
        counts.update(_arabic_names(text, spans))
    kept = {name: n for name, n in counts.items() if normalize_name(name) not in KNOWN_PLACES}
    return sorted(kept.items(), key=lambda item: (-item[1], item[0]))
