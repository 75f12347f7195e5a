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
from typing import Any

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
SHARD_BYTES = 24_000  # a shard larger than this splits by the next letter of the skeleton
MAX_DEPTH = 4
KINDS = {"militia": "group", "leader": "person"}
# Pagefind bundles: the records a reader most often wants, and the documents, each with its own
# small metadata file, so the first results need only the first (at 100x: 12,600 pages, 37,000)
FULLTEXT = (("pagefind", ("militias", "leaders", "incidents")),
            ("pagefind-documents", ("documents",)))


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
    """First letter, then the consonants, a doubled one written once (Hezbollah and Hizballah:
    hzblh; Qassem and Qasem: qsm). Letters the same on both sides of a vowel both stay."""
    vowels = ARABIC_VOWELS if word[:1] >= "\u0600" else LATIN_VOWELS
    out, previous = word[:1], word[:1]
    for ch in word[1:]:
        if ch not in vowels and ch != previous:
            out += ch
        previous = ch
    return out


def acronym(words: list[str]) -> str:
    """KH for Kataib Hezbollah, PMF for Popular Mobilisation Forces: Latin names of 2+ words."""
    kept = key_words(words)
    if len(kept) < 2 or not all(w[:1].isascii() and w[:1].isalpha() for w in kept):
        return ""
    return "".join(w[0] for w in kept)


def shard_key(skeleton_: str, depth: int = 2) -> str:
    """A shard's name: the first `depth` letters of a skeleton, as hex code points."""
    return "-".join(f"{ord(c):x}" for c in skeleton_[:depth])


def shard_of(word: str) -> str:
    """The two-letter shard of a word (before any split of a shard grown too big)."""
    return shard_key(skeleton(word))


def near(word: str) -> list[str]:
    """The word and the words one letter shorter (for words of 4 letters or more): a word one
    letter off another shares one of these with it, so each is filed under (and a query word
    looks in) the shards of all of them, and a misspelt first or second consonant still meets
    its shard."""
    variants = [word] if len(word) < 4 else [word, *(word[:i] + word[i + 1:]
                                                      for i in range(len(word)))]
    return list(dict.fromkeys(variants))


def filed_under(word: str) -> list[str]:
    """The skeletons a name word is filed under: its own, and those of its one-letter-shorter
    forms that keep three letters or more (shorter ones would fill a few shards with noise)."""
    own = skeleton(word)
    shorter = {skeleton(w) for w in near(word)[1:]} - {own}
    return [own, *sorted(sk for sk in shorter if len(sk) >= 3)]


def shard_for(word: str, keys: set[str] | frozenset[str]) -> str | None:
    """The shard that holds a word: the longest skeleton prefix that names a shard."""
    sk = skeleton(word)
    for depth in range(min(len(sk), MAX_DEPTH), 1, -1):
        if shard_key(sk, depth) in keys:
            return shard_key(sk, depth)
    return None


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

    def words(self) -> list[tuple[str, str, Any]]:
        """(word, what it belongs to: n(ame), p(lace) or a(cronym), the spelling) per word."""
        found: list[tuple[str, str, Any]] = [(w, "n", pair) for pair in self.names
                                             for w in key_words(pair[1].split())]
        found += [(w, "p", pair) for pair in self.places for w in key_words(pair[1].split())]
        found += [(a, "a", a) for a in self.acronyms]
        return [item for item in found if len(skeleton(item[0])) >= 2]

    def row(self, items: list[tuple[str, Any]]) -> list[object]:
        """This profile as one shard holds it: only the spellings with a word in that shard."""
        picked = {kind: list(dict.fromkeys(value for k, value in items if k == kind))
                  for kind in "npa"}
        return [self.url, self.title, self.kind, list(self.groups),
                [list(pair) for pair in picked["n"]], picked["a"],
                [list(pair) for pair in picked["p"]]]


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
    """{site path: JSON bytes}: the shards and a manifest listing them. Each word of each
    spelling files its profile under the first two letters of its skeleton; a shard grown past
    SHARD_BYTES splits by the next letter (words whose skeleton ends there stay behind)."""
    entries = [entry_of(p, catalogue) for p in sorted(catalogue.profiles, key=lambda p: p.url)]
    items = list(dict.fromkeys(
        (sk, number, kind, value) for number, entry in enumerate(entries)
        for word, kind, value in entry.words() for sk in filed_under(word)))
    shards: dict[str, bytes] = {}
    _fill(shards, items, entries, 2)
    files = {f"{SHARD_FOLDER}/{key}.json": data for key, data in sorted(shards.items())}
    # the manifest names each shard by its letters and gives its size: a query of several words
    # asks the smallest of their shards first (a name with every word is in each word's shard)
    letters = {"".join(chr(int(code, 16)) for code in key.split("-")): len(data)
               for key, data in sorted(shards.items())}
    bundles = [{"folder": folder, "glob": "{" + ",".join(sections) + "}/**/*.html"}
               for folder, sections in FULLTEXT if folder in fulltext_folders(catalogue)]
    files[f"{SHARD_FOLDER}/manifest.json"] = _json({"version": 3, "shards": letters,
                                                   "fulltext": bundles})
    return files


def fulltext_folders(catalogue: Catalogue) -> list[str]:
    """The Pagefind bundles this catalogue has pages for, in the order search asks them."""
    return [folder for folder, sections in FULLTEXT
            if any(getattr(catalogue, section) for section in sections)]


def manifest_keys(manifest: dict[str, object]) -> set[str]:
    """The shard keys (file names) a manifest lists."""
    return {shard_key(letters, len(letters)) for letters in manifest["shards"]}  # type: ignore


Item = tuple[str, int, str, object]


def _fill(shards: dict[str, bytes], items: list[Item], entries: list[Entry], depth: int) -> None:
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(shard_key(item[0], depth), []).append(item)
    for key, group in groups.items():
        data = _shard(group, entries)
        deeper = [item for item in group if len(item[0]) > depth]
        if len(data) <= SHARD_BYTES or depth >= MAX_DEPTH or not deeper:
            shards[key] = data
            continue
        staying = [item for item in group if len(item[0]) <= depth]
        if staying:
            shards[key] = _shard(staying, entries)
        _fill(shards, deeper, entries, depth + 1)


def _shard(items: list[Item], entries: list[Entry]) -> bytes:
    by_entry: dict[int, list[tuple[str, object]]] = {}
    for _, number, kind, value in items:
        by_entry.setdefault(number, []).append((kind, value))
    return _json([entries[n].row(found) for n, found in sorted(by_entry.items())])


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def page_filters(kind: str, groups: Iterable[str] = (), year: str = "") -> dict[str, object]:
    """What a page tells the full-text index about itself: kind, groups, year."""
    return {"kind": kind, "groups": sorted(set(groups)), "year": year[:4] if year else ""}
