"""Spelling families: the transliterations of one name that readers meet in print.

Two halves. `variants` writes, from one alias, the forms that differ in more than letters:
the article (al-Khazali, Al Khazali, Alkhazali, Khazali inside a full name), assimilated or
joined; plural and singular group names (Popular Mobilization Force/Forces); word order
(Harakat al-Nujaba / al-Nujaba Movement, X Brigades / Brigades of X); a surname's a written e
(Askari / Askeri). `fold_spellings` then maps the letters that transliterations swap onto one
form, on names and on documents alike: e/i, o/u, ou/oo/u, ee/i, aa/a, q/k, kh/k, dh/z/d, th/t,
ai/ay/ei/ey/ae, a final y/i, double letters, el-/as-/ash-/ad-... to al-. Apostrophes and ayn
marks are already gone (normalize.py). Arabic is left as it is; acronyms (KH, AAH) too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import product

from generator.normalize import Normalized

_LETTERS = re.compile(r"ou|oo|ee|ey|ay|ei|ae|iy|kh|dh|th|q|e|o|z")
_REPLACE = {"ou": "u", "oo": "u", "ee": "i", "ey": "ai", "ay": "ai", "ei": "ai", "ae": "ai",
            "iy": "i", "kh": "k", "dh": "d", "th": "t", "q": "k", "e": "i", "o": "u", "z": "d"}
_WORD = re.compile(r"[a-z]+")
_ARTICLES = frozenset({"il", "ul", "as", "ash", "ad", "ar", "at", "an", "adh", "ath"})
_ACRONYM_MAX = 5  # a word in capitals up to this length is an acronym and keeps its letters
Spans = list[tuple[int, int]]


def _collapse(word: str, at: Spans) -> tuple[str, Spans]:
    out: list[str] = []
    where: Spans = []
    for ch, (start, end) in zip(word, at, strict=True):
        if out and out[-1] == ch:
            where[-1] = (where[-1][0], end)
        else:
            out.append(ch)
            where.append((start, end))
    return "".join(out), where


@cache
def _fold_word(word: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A lower-case Latin word's family form, and the letters of `word` behind each letter."""
    text, at = _collapse(word, [(i, i + 1) for i in range(len(word))])
    out: list[str] = []
    where: Spans = []
    last = 0
    for m in _LETTERS.finditer(text):
        out.append(text[last:m.start()])
        where.extend(at[last:m.start()])
        new = _REPLACE[m.group()]
        out.append(new)
        chunk = (at[m.start()][0], at[m.end() - 1][1])
        where.extend([chunk] * len(new))
        last = m.end()
    out.append(text[last:])
    where.extend(at[last:])
    folded = "".join(out)
    if folded.endswith("y") and len(folded) > 2:
        folded = folded[:-1] + "i"
    folded, where = _collapse(folded, where)
    return folded, tuple(where)


def _acronyms(norm: Normalized, words: list[tuple[int, int]]) -> list[bool]:
    """Which words are acronyms (KH, AAH): short and in capitals, unless they stand in a line
    of capitals with a longer word, as in a caption (QAIS AL-KHAZALI)."""
    source, starts = norm.source, norm.starts
    capitals = [source[starts[a]].isupper() and all(source[starts[i]].isupper()
                                                    for i in range(a + 1, b))
                for a, b in words]
    kept = [caps and b - a <= _ACRONYM_MAX for (a, b), caps in zip(words, capitals, strict=True)]
    n = 0
    while n < len(words):
        m = n
        while (m + 1 < len(words) and capitals[m] and capitals[m + 1]
               and norm.text[words[m][1]:words[m + 1][0]] == " "):
            m += 1
        if any(b - a > _ACRONYM_MAX for a, b in words[n:m + 1]) and m > n:
            kept[n:m + 1] = [False] * (m + 1 - n)
        n = m + 1
    return kept


@dataclass(frozen=True)
class Folded:
    """Text in its family form. Each piece (a folded word, or the text between words) starts at
    `offsets[k]` and came from the normalised text at `origins[k]`; a word also keeps, per
    letter, the normalised letters behind it."""

    text: str
    offsets: tuple[int, ...]
    origins: tuple[int, ...]
    letters: tuple[tuple[tuple[int, int], ...] | None, ...]
    norm: Normalized

    def _normalised(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.offsets, i) - 1
        at = self.letters[k]
        if at is None:
            j = self.origins[k] + i - self.offsets[k]
            return j, j + 1
        a, b = at[i - self.offsets[k]]
        return self.origins[k] + a, self.origins[k] + b

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind the folded span [start, end)."""
        first, _ = self._normalised(start)
        _, last = self._normalised(end - 1)
        return self.norm.original_span(first, last)


def fold_spellings(norm: Normalized) -> Folded:
    """Normalised text with each Latin word in its family form; spans still reach the source."""
    text = norm.text
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    kept = _acronyms(norm, words)
    forms: list[tuple[str, tuple[tuple[int, int], ...] | None]] = []
    for (start, end), acronym in zip(words, kept, strict=True):
        word = text[start:end]
        forms.append((word, None) if acronym else _fold_word(word))
    for n in range(len(words) - 1):
        form, at = forms[n]
        if (form in _ARTICLES and text[words[n][1]:words[n + 1][0]] == " "
                and (form in ("il", "ul") or forms[n + 1][0].startswith(form[1:]))):
            whole = (0, words[n][1] - words[n][0])
            forms[n] = ("al", (whole, whole))  # el-, as-Sadr, ash-Shaabi: al-
    pieces: list[str] = []
    offsets: list[int] = []
    origins: list[int] = []
    letters: list[tuple[tuple[int, int], ...] | None] = []
    size = last = 0
    for (start, end), (form, at) in zip(words, forms, strict=True):
        for piece, origin, per_letter in ((text[last:start], last, None), (form, start, at)):
            if piece:
                pieces.append(piece)
                offsets.append(size)
                origins.append(origin)
                letters.append(per_letter)
                size += len(piece)
        last = end
    if last < len(text):
        pieces.append(text[last:])
        offsets.append(size)
        origins.append(last)
        letters.append(None)
    return Folded("".join(pieces), tuple(offsets), tuple(origins), tuple(letters), norm)


# ---- the forms written differently, generated from each alias -------------------------------

_ARTICLE = re.compile(r"\b([Aa]l|[Ee]l)[-\s]+(?=\w)")
_PLURALS = (("Forces", "Force"), ("Units", "Unit"), ("Brigades", "Brigade"),
            ("Battalions", "Battalion"), ("Companies", "Company"), ("Groups", "Group"))
_MOST_ARTICLES = 3  # each article has three forms: a name with more keeps only its own


def _article_forms(name: str) -> set[str]:
    """al-Khazali as written, joined (Alkhazali) and left out (Qais Khazali)."""
    found = list(_ARTICLE.finditer(name))
    if not found or len(found) > _MOST_ARTICLES:
        return {name}
    forms = set()
    for choice in product(("keep", "join", "drop"), repeat=len(found)):
        out, last = [], 0
        for m, how in zip(found, choice, strict=True):
            out.append(name[last:m.start()])
            out.append({"keep": m.group(), "join": m.group(1), "drop": ""}[how])
            last = m.end()
        out.append(name[last:])
        form = " ".join("".join(out).split())
        if len(form.split()) >= 1 and form.strip():
            forms.add(form)
    return forms


def _group_forms(name: str) -> set[str]:
    """Plural and singular, and the two word orders of a group's name."""
    forms = {name}
    for plural, singular in _PLURALS:
        if name.endswith(" " + plural):
            forms.add(name[: -len(plural)] + singular)
        elif name.endswith(" " + singular):
            forms.add(name + plural[len(singular):])
    for form in list(forms):
        words = form.split()
        if len(words) >= 2 and words[0].lower() == "harakat":
            forms.add(" ".join(words[1:]) + " Movement")
        if len(words) >= 2 and words[-1] == "Movement":
            forms.add("Harakat " + " ".join(words[:-1]))
        for plural, singular in _PLURALS[2:]:
            if len(words) >= 2 and words[-1] in (plural, singular):
                forms.add(f"{words[-1]} of " + " ".join(words[:-1]))
            if len(words) >= 3 and words[0] in (plural, singular) and words[1] == "of":
                forms.add(" ".join(words[2:]) + f" {words[0]}")
    return forms


def _surname_forms(name: str) -> set[str]:
    """A last word's unstressed a written e, one at a time: Askari, Askeri."""
    head, _, last = name.rpartition(" ")
    forms = {name}
    if len(last) < 4 or not last.isascii():
        return forms
    for i in range(2, len(last) - 1):
        if last[i] == "a" and last[i - 1] not in "aeiouy'" and last[i + 1] not in "aeiouy'":
            forms.add(f"{head} {last[:i]}e{last[i + 1:]}".strip())
    return forms


def variants(name: str, group: bool = False) -> set[str]:
    """Every form of `name` worth matching, the name itself included."""
    if not name.isascii():  # Arabic: ل + ال is written لل (للحشد, للمهندس)
        return {name, "لل" + name[2:]} if name.startswith("ال") and len(name) > 4 else {name}
    if name.isupper():
        return {name}
    forms = {name}
    if group:
        forms = {g for f in forms for g in _group_forms(f)}
    forms = {a for f in forms for a in _article_forms(f)}
    if not group:
        forms = {s for f in forms for s in _surname_forms(f)}
    return forms


def arabic_surnames(arabic: str | None, short_names: tuple[str, ...]) -> tuple[str, ...]:
    """The surname in an Arabic name, for a profile whose Latin surnames are linked: as many
    last words as the longest Latin surname has (Abdul-Mahdi: عبد المهدي); `variants` adds
    its form after ل (للمهندس)."""
    if not arabic or not short_names:
        return ()
    size = max(len(re.sub(r"\b[Aa]l[-\s]+", "", n).replace("-", " ").split()) for n in short_names)
    words = arabic.split()
    if len(words) <= size:
        return ()
    surname = " ".join(words[-size:])
    forms = [surname]
    return tuple(forms)
