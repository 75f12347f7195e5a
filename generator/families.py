"""Spelling families: the transliterations of one name that readers meet in print.

Two halves. `variants` writes, from one alias, the forms that differ in more than letters:
the article (al-Khazali, Al Khazali, Alkhazali, Khazali inside a full name), assimilated or
joined; plural and singular group names (Popular Mobilization Force/Forces, League/Leagues
of X); word order (Harakat al-Nujaba / al-Nujaba Movement, Kataib X / X Brigades / Brigades of
X); 'of the' and 'of'; a vowel in a short word's final cluster inside a longer name (al-Sadr /
al-Sader); Abdul / Abdel / Abd al- / Abdulaziz; a surname's a written e (Askari / Askeri); in
Arabic, أبو / أبي / أبا, أبو and عبد written apart or joined, لل; a group's Latin short form that keeps
its name's first and last words (Harakat al-Nujaba), written from the Arabic name too (حركة
النجباء). `fold_spellings` then maps the letters that transliterations swap onto one form, on
names and on documents alike: e/i, o/u, ou/oo/u, ee/i, aa/a, q/k/kh/gh (Qasem, Ghasem), dh/z/d,
th/t, ai/ay/ei/ey/ae, a final y/i, a final ah/at/a (Harakah, Harakat), double letters,
el-/as-/ash-/ad-... to al-. Apostrophes and ayn marks are already gone (normalize.py). Arabic is
left as it is; declared acronyms in capitals (KH, AAH) too, while any other word in capitals
folds like a name.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from generator.normalize import Normalized, normalize

_LETTERS = re.compile(r"ou|oo|ee|ey|ay|ei|ae|iy|kh|gh|dh|th|q|e|o|z")
_REPLACE = {"ou": "u", "oo": "u", "ee": "i", "ey": "ai", "ay": "ai", "ei": "ai", "ae": "ai",
            "iy": "i", "kh": "k", "gh": "k", "dh": "d", "th": "t", "q": "k", "e": "i", "o": "u",
            "z": "d"}
_WORD = re.compile(r"[a-z]+")
_ARTICLES = frozenset({"il", "ul", "as", "ash", "ad", "ar", "at", "an", "adh", "ath"})
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


@lru_cache(maxsize=1 << 17)   # words recur: a corpus has far fewer distinct ones
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
    if folded.endswith("ah") and len(folded) > 3 or folded.endswith("at") and len(folded) > 4:
        folded = folded[:-1]  # a final ta marbuta: Haraka, Harakah, Harakat; Hizbullah
        where[-2:] = [(where[-2][0], where[-1][1])]
    folded, where = _collapse(folded, where)
    return folded, tuple(where)


def _kept(norm: Normalized, words: list[tuple[int, int]], keep: frozenset[str]) -> list[bool]:
    """Which words keep their letters: a declared acronym (KH, AAH) written in capitals. Any
    other word in capitals is folded like a name (QAIS AL-KHAZALI, SADR CITY)."""
    source, starts, text = norm.source, norm.starts, norm.text
    return [text[a:b] in keep and all(source[starts[i]].isupper() for i in range(a, b))
            for a, b in words]


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


def vocabulary(keys: Iterable[str]) -> frozenset[str]:
    """The folded Latin words that these folded names are made of (see fold_spellings)."""
    return frozenset(word for key in keys for word in _WORD.findall(key))


def fold_spellings(norm: Normalized, keep: frozenset[str] = frozenset(),
                   vocabulary: frozenset[str] | None = None) -> Folded:
    """Normalised text with each Latin word in its family form; spans still reach the source.
    Words in `keep` (lower-case acronyms) keep their letters where written in capitals. Given
    the `vocabulary` of folded words that names are made of, a word whose form is not in it
    (and could not be mistaken for one) stays as written: no name can match it either way."""
    text = norm.text
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    kept = _kept(norm, words, keep)
    forms: list[tuple[str, tuple[tuple[int, int], ...] | None]] = [
        (text[start:end], None) if acronym else _fold_word(text[start:end])
        for (start, end), acronym in zip(words, kept, strict=True)]
    for n in [n for n, (form, _) in enumerate(forms[:-1]) if form in _ARTICLES]:
        form = forms[n][0]
        if (text[words[n][1]:words[n + 1][0]] == " "
                and (form in ("il", "ul") or forms[n + 1][0].startswith(form[1:]))):
            whole = (0, words[n][1] - words[n][0])
            forms[n] = ("al", (whole, whole))  # el-, as-Sadr, ash-Shaabi: al-
    pieces: list[str] = []
    offsets: list[int] = []
    origins: list[int] = []
    letters: list[tuple[tuple[int, int], ...] | None] = []
    size = last = 0
    for (start, end), (form, at) in zip(words, forms, strict=True):
        written = text[start:end]
        if form == written or (vocabulary is not None and form not in vocabulary
                               and written not in vocabulary):
            continue   # left as written, inside the text between changed words
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
            ("Battalions", "Battalion"), ("Companies", "Company"), ("Groups", "Group"),
            ("Leagues", "League"), ("Corps", "Corp"))
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


# An Arabic word for a kind of group before its name, and the English that follows the name.
_GROUP_WORDS = {"kataib": ("Brigades",), "saraya": ("Brigades", "Companies"), "liwa": ("Brigade",),
                "harakat": ("Movement",), "munazzamat": ("Organization",), "usbat": ("League",),
                "jaysh": ("Army",), "faylaq": ("Corps",), "tayar": ("Current",)}


def _translated_forms(name: str) -> set[str]:
    """Kataib Sayyid al-Shuhada: Sayyid al-Shuhada Brigades; Harakat al-Nujaba: al-Nujaba
    Movement; and the other way round."""
    words = name.split()
    if len(words) < 2:
        return set()
    head = re.sub(r"['’]", "", words[0]).lower()
    forms = {f"{' '.join(words[1:])} {kind}" for kind in _GROUP_WORDS.get(head, ())}
    for arabic, kinds in _GROUP_WORDS.items():
        if words[-1] in kinds:
            forms.add(f"{arabic.capitalize()} {' '.join(words[:-1])}")
    return forms


def _group_forms(name: str) -> set[str]:
    """Plural and singular, the two word orders of a group's name (X Brigades, Brigades of X,
    Kataib X), 'of the' and 'of', 'in' written 'of'."""
    forms = {name, *_translated_forms(name)}
    for form in list(forms):
        for plural, singular in _PLURALS:
            if form.endswith(" " + plural):
                forms.add(form[: -len(plural)] + singular)
            elif form.endswith(" " + singular):
                forms.add(form + plural[len(singular):])
    for form in list(forms):
        words = form.split()
        for plural, singular in _PLURALS[2:]:
            if len(words) >= 2 and words[-1] in (plural, singular):
                forms.add(f"{words[-1]} of " + " ".join(words[:-1]))
            if len(words) >= 3 and words[0] in (plural, singular) and words[1] == "of":
                forms.add(" ".join(words[2:]) + f" {words[0]}")
                other = singular if words[0] == plural else plural  # League of X: Leagues of X
                forms.add(" ".join([other, *words[1:]]))
    for form in list(forms):
        if " of the " in form:
            forms.add(form.replace(" of the ", " of "))
        if " in " in form:  # Islamic Resistance in Iraq: of Iraq
            forms.add(form.replace(" in ", " of "))
    return forms


_ABD = re.compile(r"\b(?:Abd(?:ul|el|al|ol)?)(?:[-\s]+(?:[AaEe]l[-\s]+)?|(?=[A-Z]))([A-Z][a-z]+)")


def _abd_forms(name: str) -> set[str]:
    """Abdul Aziz, Abdel Aziz, Abd al-Aziz, Abdul-Aziz and Abdulaziz (one name at a time)."""
    m = _ABD.search(name)
    if not m:
        return {name}
    rest = m.group(1)
    spellings = (f"Abdul {rest}", f"Abdel {rest}", f"Abd al-{rest}", f"Abdul-{rest}",
                 f"Abdul{rest.lower()}", f"Abd {rest}")
    return {name[:m.start()] + form + name[m.end():] for form in spellings}


_CLUSTER = re.compile(r"\b([A-Za-z]{1,3}[bcdfghjklmnpqrstvwxz])([bdflmnqrz])\b")


def _vowel_forms(name: str) -> set[str]:
    """A short word's final two consonants with a vowel between, in a name of two words or more,
    one word at a time: Sadr / Sader, Hashd / Hashed, Kahf / Kahaf."""
    forms = {name}
    if len(name.split()) < 2:
        return forms
    for m in _CLUSTER.finditer(name):
        if m.group(1)[-1] in "sckgdtpz" and m.group(1)[-1] + m.group(2) in ("dh", "th", "kh", "gh"):
            continue
        for vowel in "ea":
            forms.add(f"{name[:m.start()]}{m.group(1)}{vowel}{m.group(2)}{name[m.end():]}")
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


_ARABIC_KUNYA = re.compile(r"^(?:أبو|ابو) ")
_ARABIC_ABD = re.compile(r"\bعبد ?(?=ال)")


def _arabic_forms(name: str) -> set[str]:
    """ل + ال written لل (للحشد, للمهندس); أبو inflected أبي, أبا (لأبي مهدي); أبو and عبد
    written apart or joined (أبومهدي, عبد العزيز, عبدالعزيز)."""
    forms = {name}
    if _ARABIC_KUNYA.match(name):
        forms |= {_ARABIC_KUNYA.sub(kunya, name) for kunya in ("أبي ", "أبا ", "أبو", "ابو")}
    forms |= {_ARABIC_ABD.sub(joint, f) for f in list(forms) for joint in ("عبد ", "عبد")}
    forms |= {"لل" + f[2:] for f in list(forms) if f.startswith("ال") and len(f) > 4}
    return forms


def variants(name: str, group: bool = False) -> set[str]:
    """Every form of `name` worth matching, the name itself included."""
    if not name.isascii():
        return _arabic_forms(name)
    if name.isupper():
        return {name}
    forms = {name}
    if group:
        forms = {g for f in forms for g in _group_forms(f)}
    forms = {v for f in forms for v in _vowel_forms(f)}
    forms = {a for f in forms for a in _abd_forms(f)}
    forms = {a for f in forms for a in _article_forms(f)}
    if not group:
        forms = {s for f in forms for s in _surname_forms(f)}
    return forms


# The Arabic word that begins a group's name, by the Latin word written for it.
_ARABIC_GROUP_WORDS = {"harakat": "حركة", "kataib": "كتائب", "saraya": "سرايا", "liwa": "لواء",
                       "munazzamat": "منظمة", "usbat": "عصبة", "asaib": "عصائب", "jaysh": "جيش",
                       "faylaq": "فيلق"}


def _kind(word: str) -> str | None:
    """The Arabic word for a group's kind a name begins with, Latin (Kata'ib) or Arabic."""
    latin = re.sub(r"['’]", "", word).lower()
    if latin in _ARABIC_GROUP_WORDS:
        return _ARABIC_GROUP_WORDS[latin]
    return word if word in _ARABIC_GROUP_WORDS.values() else None


def _family_key(name: str) -> str:
    return " ".join(fold_spellings(normalize(name)).text.split())


def arabic_short_forms(names: tuple[str, ...]) -> tuple[str, ...]:
    """A group's Latin short form that keeps only the first and last words of its name (Harakat
    al-Nujaba for Harakat Hezbollah al-Nujaba), written from its Arabic name too (حركة حزب الله
    النجباء: حركة النجباء). Only where both names begin with the same word for a kind of group,
    so that their first and last words are the same words."""
    keys = {_family_key(n) for n in names if n.isascii()}
    kinds = set()
    for words in (n.split() for n in names if n.isascii()):
        kind = _kind(words[0]) if len(words) >= 3 else None
        if kind and _family_key(f"{words[0]} {words[-1]}") in keys:
            kinds.add(kind)
    return tuple(sorted({f"{words[0]} {words[-1]}" for words in
                         (n.split() for n in names if not n.isascii())
                         if len(words) >= 3 and words[0] in kinds}))


_KIND_ALONE = frozenset({"كتائب", "سرايا", "عصائب", "عصبة"})  # not حركة, لواء: common words
_LATIN_GROUP_TAIL = re.compile(r"\s+(?:Brigades?|Battalions?)$")


def bare_group_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """A group's name without the word for its kind, Latin or Arabic: Sayyid al-Shuhada,
    سيد الشهداء, Babylon, بابليون; and the last word of its Arabic name where a Latin name is
    that word alone (Nujaba: النجباء). Linked only where set off as a group's name (see
    relatives.cued_as_group, and a group named beside it)."""
    arabic_kinds = set(_ARABIC_GROUP_WORDS.values())
    alone = {_family_key(re.sub(r"^[Aa]l-", "", n)) for n in names if n.isascii() and " " not in n}
    found = set()
    for name in names:
        words = name.split()
        if len(words) >= 2 and _kind(words[0]):
            found.add(" ".join(words[1:]))
        elif len(words) >= 2 and name.isascii() and _LATIN_GROUP_TAIL.search(name):
            found.add(_LATIN_GROUP_TAIL.sub("", name))
    latin_last = {_family_key(re.sub(r"^[Aa]l-", "", n.split()[-1])) for n in names
                  if n.isascii() and len(n.split()) >= 2}
    if alone & latin_last:
        found |= {n.split()[-1] for n in names if not n.isascii() and len(n.split()) >= 3
                  and n.split()[0] in arabic_kinds}
    return tuple(sorted(found))


def arabic_kind_words(names: tuple[str, ...]) -> tuple[str, ...]:
    """The word for a group's kind with the article, from its Arabic name (كتائب: الكتائب),
    which an Arabic text uses alone for a group it has named."""
    return tuple(sorted({"ال" + n.split()[0] for n in names if not n.isascii()
                         and len(n.split()) >= 2 and n.split()[0] in _KIND_ALONE}))


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
    return (" ".join(words[-size:]),)


def alias_surnames(names: tuple[str, ...], short_names: tuple[str, ...]) -> tuple[str, ...]:
    """The Arabic surnames the profile's other Arabic names end with, where one word with its
    article (أبو حسين الحميداوي: الحميداوي), for a profile whose Latin surnames are linked."""
    if not short_names:
        return ()
    found = {name.split()[-1] for name in names if not name.isascii() and len(name.split()) > 1}
    return tuple(sorted(w for w in found if w.startswith("ال") and len(w) > 3))
