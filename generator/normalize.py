"""Text normalisation for name matching, with a map back to the original text.

The normalised form is casefolded, stripped of diacritics, Arabic harakat and
tatweel, with Arabic letter variants unified, apostrophes and ayn marks
deleted, hyphens, underscores, quotation marks and brackets turned into spaces and whitespace
collapsed.
Every normalised character remembers the original character it came from,
so a match found in the normalised text can be reported in the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

APOSTROPHES = frozenset("'’‘‛`´′ʹʻʼʽʾʿ")
DASHES = frozenset("-_‐‑‒–—―−﹣－")
QUOTES = frozenset('"“”„‟«»‹›「」()[]{}')  # inside names: Wissam "Abu Bakr" al-Saadi
TATWEEL = "ـ"
ARABIC_LETTERS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ة": "ه",
    "ى": "ي",
    "ی": "ي",  # Arabic and Persian alef maqsura / yeh
    "ک": "ك",
}
_APOS = "'"  # canonical apostrophe: resolved by context in normalize()


@dataclass(frozen=True)
class Normalized:
    """Normalised text; character i came from source[starts[i]]."""

    text: str
    starts: tuple[int, ...]
    source: str

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind the normalised span [start, end) that ends in a letter."""
        last = self.starts[end - 1] + 1
        while last < len(self.source) and fold_char(self.source[last]) == "":
            last += 1  # harakat, tatweel and other marks belong to the letter before
        return self.starts[start], last


def is_word_char(ch: str) -> bool:
    """Latin and Arabic letters and digits are word characters."""
    return ch.isalnum()


@cache
def fold_char(ch: str) -> str:
    """The normalised form of one character: "", " ", "'" or folded letters."""
    if ch in APOSTROPHES:
        return _APOS
    if ch in DASHES or ch in QUOTES or ch.isspace():
        return " "
    if ch == TATWEEL or unicodedata.category(ch) == "Cf":
        return ""
    if ch in ARABIC_LETTERS:
        return ARABIC_LETTERS[ch]
    decomposed = unicodedata.normalize("NFKD", ch)
    folded = _strip_marks(decomposed).casefold()
    folded = _strip_marks(folded)  # casefold("İ") brings back a combining dot
    if folded.isspace():
        return " "
    return "".join(ARABIC_LETTERS.get(c, c) for c in folded)


def _strip_marks(text: str) -> str:
    return "".join(c for c in text if not unicodedata.combining(c))


def _simple_chars() -> str:
    """Latin and Arabic letters (and ASCII signs) that fold to exactly one other character."""
    chars = [chr(c) for c in [*range(0x21, 0x7F), *range(0xC0, 0x250), *range(0x621, 0x64B)]]
    return "".join(c for c in chars if len(fold_char(c)) == 1 and fold_char(c) not in (" ", _APOS))


_SIMPLE = _simple_chars()
_SIMPLE_TABLE = str.maketrans({c: fold_char(c) for c in _SIMPLE})
_CLASS = "[" + "".join("\\" + c if c in "\\]^-[" else c for c in _SIMPLE) + "]"
# runs of simple characters and single spaces fold in one go (the fast path)
_CHUNKS = re.compile(f"(?P<run>{_CLASS}+(?: {_CLASS}+)*)|(?P<space>\\s+)|(?P<other>.)", re.S)


def _apostrophe(text: str, i: int) -> str:
    """Apostrophes vanish (Kata'ib -> kataib), except a possessive 's splits."""
    after = text[i + 1 : i + 3]
    possessive = after[:1] in ("s", "S") and not after[1:].isalnum()
    if possessive and i > 0 and text[i - 1].isalnum():
        return " "
    return ""


def normalize(text: str) -> Normalized:
    """Normalise `text` for matching, keeping a map back to the original."""
    out: list[str] = []
    starts: list[int] = []
    for m in _CHUNKS.finditer(text):
        kind, i = m.lastgroup, m.start()
        if kind == "run":
            out.append(m.group().translate(_SIMPLE_TABLE))
            starts.extend(range(i, m.end()))
            continue
        piece = " " if kind == "space" else fold_char(m.group())
        if piece == _APOS:
            piece = _apostrophe(text, i)
        if piece == " " and out and out[-1][-1:] == " ":
            continue  # collapse whitespace runs into one space
        if piece:
            out.append(piece)
            starts.extend([i] * len(piece))
    return Normalized("".join(out), tuple(starts), text)


def normalize_name(name: str) -> str:
    """The matching key of a name: normalised and trimmed."""
    return normalize(name).text.strip()
