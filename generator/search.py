"""The name index: every spelling of every profile, folded the way the linker folds names, split
into small shards the reader's browser fetches only for the words it types.

A query word and a name word match when they are equal, one begins the other, they differ by one
letter, or they share a consonant skeleton (vowels dropped, doubled letters once: Hizballah and
Hezbollah, Qais and Qays, Muhandis and Mohandes). Particles (al, abu, bin, the, of...) count for
nothing on their own. Each word's shard is named by the first two letters of its skeleton, so a
query fetches one small file per word. site_templates/assets/search.js folds the query with the
same rules (tests/browser/test_search.py checks that both folds agree).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.normalize import normalize_name
from generator.records import Catalogue, Leader, Profile

# words that add nothing to a match on their own (Latin and Arabic, folded)
PARTICLES = frozenset("""
    al el ul as ash ad ar at az an ad abu abou bu bin ben ibn bint umm um the of a an and in fi fil
    ابو ابي بن ابن بنت ام في و
""".split())
HAMZA = str.maketrans({"ؤ": "و", "ئ": "ي", "ء": None})  # seats folded, a bare hamza dropped
WORD = re.compile(r"\w+")
LATIN_VOWELS = frozenset("aeiouy")
ARABIC_VOWELS = frozenset("اوي")
SHARD_FOLDER = "assets/search/names"
KINDS = {"militia": "group", "leader": "person"}


def fold(text: str) -> list[str]:
    """The words of `text` as search compares them: the linker's normalisation, hamza seats
    folded, and the Arabic article ال taken off a word of more than three letters."""
    words = []
    for word in WORD.findall(normalize_name(text).translate(HAMZA).replace("_", " ")):
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        words.append(word)
    return words


def key_words(words: list[str]) -> list[str]:
    """The words that count: particles dropped, unless nothing else is left."""
    kept = [w for w in words if w not in PARTICLES]
    return kept or words


def skeleton(word: str) -> str:
    """First letter, then the consonants with doubled letters written once."""
    vowels = ARABIC_VOWELS if word[:1] >= "\u0600" else LATIN_VOWELS
    out = word[:1]
    for ch in word[1:]:
        if ch not in vowels and ch != out[-1:]:
            out += ch
    return out


def acronym(words: list[str]) -> str:
    """KH for Kataib Hezbollah, PMF for Popular Mobilisation Forces: Latin names of 2+ words."""
    kept = key_words(words)
    if len(kept) < 2 or not all(w[:1].isascii() and w[:1].isalpha() for w in kept):
        return ""
    return "".join(w[0] for w in kept)


def shard_of(word: str) -> str:
    """The shard a word's entries sit in: the first two letters of its skeleton, as hex."""
    return "-".join(f"{ord(c):x}" for c in skeleton(word)[:2])


def spellings(profile: Profile) -> list[str]:
    """Every spelling of a profile, each once: name, Arabic, aliases, short names."""
    short = profile.short_names if isinstance(profile, Leader) else ()
    return list(dict.fromkeys(s for s in [*profile.names, *short] if s and s.strip()))


@dataclass(frozen=True)
class Entry:
    """A profile as the name index holds it."""

    url: str
    title: str
    kind: str
    groups: tuple[str, ...]
    names: tuple[tuple[str, str], ...]   # (spelling as written, its folded words)
    acronyms: tuple[str, ...]
    places: tuple[tuple[str, str], ...] = ()   # areas of operation, as names are

    def shards(self) -> set[str]:
        keys = {w for _, folded in (*self.names, *self.places) for w in folded.split()}
        keys.update(self.acronyms)
        return {shard_of(w) for w in keys if len(skeleton(w)) >= 2}

    def as_json(self) -> list[object]:
        return [self.url, self.title, self.kind, list(self.groups),
                [[shown, folded] for shown, folded in self.names], list(self.acronyms),
                [[shown, folded] for shown, folded in self.places]]


def entry_of(profile: Profile, catalogue: Catalogue) -> Entry:
    names = folded_pairs(spellings(profile))
    acronyms = sorted({a for _, f in names if (a := acronym(f.split()))} - {
        w for _, f in names for w in f.split()})
    areas = (catalogue.places.get(a.place) for a in getattr(profile, "areas", ()))
    places = folded_pairs(n for p in areas if p is not None for n in (p.name, p.arabic) if n)
    return Entry(profile.url, profile.name, KINDS.get(profile_kind(profile), "group"),
                 tuple(groups_of(profile, catalogue)), tuple(names), tuple(acronyms),
                 tuple(places))


def folded_pairs(spellings: Iterable[str]) -> list[tuple[str, str]]:
    """(spelling, its folded words) for each spelling that has any words."""
    pairs = []
    for spelling in dict.fromkeys(spellings):
        folded = " ".join(fold(spelling))
        if folded:
            pairs.append((spelling, folded))
    return pairs


def profile_kind(profile: Profile) -> str:
    return "leader" if isinstance(profile, Leader) else "militia"


def groups_of(profile: Profile, catalogue: Catalogue) -> list[str]:
    """The group names a profile files under: itself for a group, its organisations for a person."""
    if not isinstance(profile, Leader):
        return [profile.name]
    slugs = dict.fromkeys(r.organization for r in profile.roles if r.organization)
    return [catalogue.militias[s].name for s in slugs if s in catalogue.militias]


def name_index(catalogue: Catalogue) -> dict[str, bytes]:
    """{site path: JSON bytes}: one shard per two-letter skeleton prefix, and a small manifest."""
    shards: dict[str, list[list[object]]] = {}
    for profile in sorted(catalogue.profiles, key=lambda p: p.url):
        entry = entry_of(profile, catalogue)
        for shard in entry.shards():
            shards.setdefault(shard, []).append(entry.as_json())
    files = {f"{SHARD_FOLDER}/{key}.json": _json(rows) for key, rows in sorted(shards.items())}
    files[f"{SHARD_FOLDER}/manifest.json"] = _json({"version": 1, "shards": sorted(shards)})
    return files


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def page_filters(kind: str, groups: Iterable[str] = (), year: str = "") -> dict[str, object]:
    """What a page tells the full-text index about itself: kind, groups, year."""
    return {"kind": kind, "groups": sorted(set(groups)), "year": year[:4] if year else ""}
