"""Another person with a known surname: a brother, a father, a namesake.

A surname written after a given name that is not the profile's own names someone else:
"Hassan al-Khazali" is not Qais al-Khazali, "Abu Ali al-Amiri" is not Hadi al-Amiri,
"محمد الصدر" is not Muqtada al-Sadr. In Latin script a given name is a capitalised word that is
not a title or an adjective; Arabic has no capitals, so there it is a common given name or a
kunya (أبو علي).
"""

from __future__ import annotations

import re

from generator.families import fold_spellings
from generator.normalize import normalize

# Capitalised words that stand before a surname without being a given name.
_NOT_GIVEN = frozenset("""
    the a an and but or of by for from in on at to with as after before when while since if
    that this these those his her their its he she they we it said says told according
    mr mrs ms dr sheikh shaykh sayyid sayed seyyed sayyed hajj haj imam mullah ayatollah grand
    cleric leader commander chief general gen secretary secretary-general president minister
    premier deputy chairman head spokesman militia militiaman brigadier colonel col lieutenant
    iraqi iranian iraq iran us u.s american lebanese syrian kurdish shiite shia shi'ite sunni
    arab arabic islamic muslim western eastern northern southern sanctioned designated
    breaking update exclusive photo video watch read then later now there here why how what who
    yet still even only both all also meanwhile however instead indeed so thus hence once
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
""".split())
_ARABIC_GIVEN = frozenset("""
    محمد محمود أحمد احمد علي حسن حسين عباس جعفر حامد حميد مصطفى عبد عبدالله عمر خالد كريم
    صادق باقر جواد كاظم رضا مهدي هادي قاسم جمال ليث قيس مقتدى سلمان سليمان إبراهيم ابراهيم
    يوسف موسى عيسى مرتضى مجتبى صالح ناصر فاضل فالح عادل نوري إياد اياد أكرم اكرم شبل ريان
    حيدر زيد ياسر سعد سعيد وسام هاشم فؤاد رائد ماجد مالك حمزة عمار
""".split())
_KUNYA = frozenset({"ابو", "أبو", "أبي", "ابي", "ام", "أم"})
_ARTICLE_BEFORE = re.compile(r"(?:\b[AaEe]l|\b[Aa][dstrnz]h?)[-\s]+$")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’.-]*)[ \t\u00a0-]+$")
_ARABIC_WORDS = re.compile(r"[\u0600-\u06ff]+")


def consonants(word: str) -> str:
    """A given name's consonants in its family form: Rayan and Ryan are one name."""
    folded = fold_spellings(normalize(word)).text.strip()
    return re.sub(r"[aeiouy]", "", folded) if folded.isascii() else folded


_fold = consonants


def arabic_given_name(word: str) -> bool:
    """A common Arabic given name (محمد, حسين...), also with و or ف attached."""
    return word in _ARABIC_GIVEN or (word[:1] in "وف" and word[1:] in _ARABIC_GIVEN)


def _latin(before: str, own: set[str]) -> bool:
    before = _ARTICLE_BEFORE.sub("", before)  # al- left out of the span: al-Khazali
    m = _WORD_BEFORE.search(before)
    if not m:
        return False
    word = m.group(1).rstrip(".-")
    if not word[:1].isupper() or word.lower() in _NOT_GIVEN or word.isupper():
        return False
    if word[-2:-1] in ("'", "’") or word.rpartition("-")[2].islower():
        return False  # Iraq's Khazali, Iran-backed Khazali
    return _fold(word) not in own


def _arabic(before: str, own: set[str]) -> bool:
    words = _ARABIC_WORDS.findall(before[-40:])
    if not words or not before.rstrip(" \t").endswith(words[-1]):
        return False
    previous = words[-1]
    if len(words) >= 2 and words[-2] in _KUNYA:
        return _fold(previous) not in own
    if previous in _KUNYA:
        return False
    if previous == "آل":
        return True  # آل الصدر: the family, not one of them
    return previous in _ARABIC_GIVEN and _fold(previous) not in own


_GROUP_AFTER = re.compile(r"['’]?s?[ \t-]+(?:Brigades?|Battalions?|Movement|Companies|Forces?|"
                          r"Network|Group|Army|Corps|Division|Regiment)\b")


def names_a_group(text: str, end: int) -> bool:
    """A surname followed by Brigade, Movement...: a group named after the person."""
    return bool(_GROUP_AFTER.match(text, end))


def another_person(text: str, start: int, own: set[str]) -> bool:
    """Whether the surname at text[start:] follows a given name foreign to `own` (the folded
    words of the profile's names): then it names someone else."""
    before = text[max(0, start - 60):start]
    if "\u0600" <= text[start:start + 1] <= "\u06ff":
        return _arabic(before, own)
    return _latin(before, own)
