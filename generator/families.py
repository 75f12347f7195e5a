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


def _acronym(norm: Normalized, start: int, end: int) -> bool:
    source = norm.source
    letters = [source[norm.starts[i]] for i in range(start, end)]
    return len(letters) <= _ACRONYM_MAX and all(c.isupper() for c in letters)


def fold_spellings(norm: Normalized) -> Normalized:
    """Normalised text with each Latin word in its family form; offsets still reach the source."""
    text, starts, ends = norm.text, norm.starts, norm.source_ends()
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    folded: list[tuple[str, list[tuple[int, int]]]] = []
    for start, end in words:
        word = text[start:end]
        if _acronym(norm, start, end):
            folded.append((word, [(starts[i], ends[i]) for i in range(start, end)]))
            continue
        form, at = _fold_word(word)
        folded.append((form, [(starts[start + a], ends[start + b - 1]) for a, b in at]))
    for n in range(len(words) - 1):
        form, at = folded[n]
        gap = text[words[n][1]:words[n + 1][0]]
        if gap == " " and form in _ARTICLES and (
                form in ("il", "ul") or folded[n + 1][0].startswith(form[1:])):
            folded[n] = ("al", [at[0], at[-1]])  # el-, as-Sadr, ash-Shaabi: al-
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    last = 0
    for (start, end), (form, at) in zip(words, folded, strict=True):
        out.append(text[last:start])
        new_starts.extend(starts[last:start])
        new_ends.extend(ends[last:start])
        out.append(form)
        new_starts.extend(a for a, _ in at)
        new_ends.extend(b for _, b in at)
        last = end
    out.append(text[last:])
    new_starts.extend(starts[last:])
    new_ends.extend(ends[last:])
    return Normalized("".join(out), tuple(new_starts), norm.source, tuple(new_ends))


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
    if name.isupper() or not name.isascii():
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
    last words as the longest Latin surname has (Abdul-Mahdi: عبد المهدي), with and without ال
    (المهندس; للمهندس is ل + المهندس, so the bare form is matched after لل only)."""
    if not arabic or not short_names:
        return ()
    size = max(len(re.sub(r"\b[Aa]l[-\s]+", "", n).replace("-", " ").split()) for n in short_names)
    words = arabic.split()
    if len(words) <= size:
        return ()
    surname = " ".join(words[-size:])
    forms = [surname]
    if surname.startswith("ال") and len(surname) > 4:
        forms.append("لل" + surname[2:])
    return tuple(forms)
