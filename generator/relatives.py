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
    hujjat hojjat hojatoleslam hujjatulislam islam martyr shahid
    cleric leader commander chief general gen secretary secretary-general president minister
    premier deputy chairman head spokesman militia militiaman brigadier colonel col lieutenant
    iraqi iranian iraq iran us u.s american lebanese syrian kurdish shiite shia shi'ite sunni
    arab arabic islamic muslim western eastern northern southern sanctioned designated
    breaking update exclusive photo video watch read then later now there here why how what who
    yet still even only both all also meanwhile however instead indeed so thus hence once
    will would can could should shall must might do does did is are was were has have had be
    not no where which whom whose about against between under over into through without during
    amid amidst despite via versus vs like near toward towards behind beyond among upon
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
""".split())
_ARABIC_GIVEN = frozenset("""
    محمد محمود أحمد احمد علي حسن حسين عباس جعفر حامد حميد مصطفى عبد عبدالله عمر خالد كريم
    صادق باقر جواد كاظم رضا مهدي هادي قاسم جمال ليث قيس مقتدى سلمان سليمان إبراهيم ابراهيم
    يوسف موسى عيسى مرتضى مجتبى صالح ناصر فاضل فالح عادل نوري إياد اياد أكرم اكرم شبل ريان
    حيدر زيد ياسر سعد سعيد وسام هاشم فؤاد رائد ماجد مالك حمزة عمار تحسين عدنان نزار صباح فارس
    طارق زياد نبيل منذر قصي عقيل عماد ضياء علاء بهاء ثامر ثائر جبار ستار غانم حاتم باسم جاسم
    كامل شاكر ناظم ناجي راضي هشام وليد أسامة اسامة مازن فراس سامي سمير نعيم رحيم عبود جابر
    صلاح رياض منير ماهر عصام بشير نادر أنور انور فيصل لطيف مؤيد مهند أيمن ايمن أنس انس بلال
    توفيق جلال حازم حسام خليل رعد رشيد زهير سالم سامر شهاب صفاء ضرغام ظافر عدي عزيز غازي غسان
    فاروق فلاح قحطان لؤي مثنى محسن مظفر معن نجم نعمان هيثم وائل يحيى يونس همام أسعد اسعد
    إسماعيل اسماعيل إسحاق يعقوب داود نصير نصار حسنين منتظر مسلم كرار سجاد أمير امير وحيد
""".split())
_KUNYA = frozenset({"ابو", "أبو", "أبي", "ابي", "ام", "أم"})
_ARTICLE_BEFORE = re.compile(r"(?:\b[AaEe]l|\b[Aa][dstrnz]h?)[-\s]+$")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’.-]*)[ \t\u00a0-]+$")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LATIN_KUNYA = frozenset({"abu", "abou", "abi", "umm"})
_ABD = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "عبد"})


# Arabic letters as the consonants a transliteration writes for them, in their family form
# (q, kh, gh: k; dh, z: d; th: t); long vowels, hamza, ayn and a final ta marbuta write none.
_ARABIC_SKELETON = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r",
    "ز": "d", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "d", "غ": "k", "ف": "f",
    "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "", "ا": "", "ي": "",
    "ء": "", "ئ": "", "ؤ": "", "ع": ""})


def consonants(word: str) -> str:
    """A given name's consonants in its family form: Rayan and Ryan are one name."""
    folded = fold_spellings(normalize(word)).text.strip()
    if not folded.isascii():
        return folded
    return re.sub(r"[aeiouy]|h$", "", folded)  # a final h comes and goes: Falih, Falah, Fala


def transliterated(word: str) -> str:
    """An Arabic given name's consonants as a transliteration writes them, to compare with a
    Latin one's (باقر and Baqir: bkr)."""
    folded = normalize(word).text.strip()
    initial = "w" if folded[:1] == "و" else ""  # و is a consonant only at the start
    skeleton = initial + re.sub(r"ه$", "", folded).translate(_ARABIC_SKELETON)
    return re.sub(r"(.)\1+|h$", r"\1", skeleton)


_fold = consonants


def arabic_given_name(word: str) -> bool:
    """A common Arabic given name (محمد, حسين...), also with و or ف attached."""
    return word in _ARABIC_GIVEN or (word[:1] in "وف" and word[1:] in _ARABIC_GIVEN)


def given_names(names: tuple[str, ...]) -> set[str]:
    """The folded given names a profile's names start with (after a title): Qais, Muqtada;
    Abu Mahdi's 'Abu' and 'Mahdi'. Middle names are left out: they are the father's and the
    grandfather's, so 'Hadi al-Khazali' is not Qais Hadi al-Khazali."""
    found = set()
    for name in names:
        words = [w for w in name.split() if w.lower() not in _NOT_GIVEN]
        if not words:
            continue
        kunya = words[0] in _KUNYA or words[0].lower() in _LATIN_KUNYA | _ABD
        if kunya and len(words) > 1:  # Abu Mahdi, Abdul Aziz: the second word tells
            found.add(_fold(words[1]))
        elif not kunya:
            found.add(_fold(words[0]))
    return found


ANOTHER, SAME = "another", "same"
_MIDDLE_NAMES = 3  # at most this many names between a given name and the surname


def _latin_given(word: str) -> bool:
    """A name before a surname: Hassan, Hadi, al-Husseini; no title, adjective or acronym."""
    if word[:3].lower() in ("al-", "el-"):
        word = word[3:]
    if not word[:1].isupper() or word.lower() in _NOT_GIVEN or word.isupper():
        return False
    if word[-2:-1] in ("'", "’") or word.rpartition("-")[2].islower():
        return False  # Iraq's Khazali, Iran-backed Khazali
    return True


def _word_before(text: str, pos: int) -> tuple[str, int] | None:
    """The word that ends just before `pos` (an article joined to the surname skipped), and
    where it starts."""
    before = text[max(0, pos - 60):pos]
    bare = _ARTICLE_BEFORE.sub("", before)
    m = _WORD_BEFORE.search(bare)
    if not m or m.group(1).endswith(".") or not any(c.isspace() for c in bare[m.end(1):]):
        return None  # no word, a sentence's end (Gen. and Mr. are titles anyway), Soleimani-
    word = _CAMEL.split(m.group(1).rstrip("-"))[-1]  # LeaderHadi, as scraped tables run on
    return word, pos - len(before) + m.end(1) - len(word)


def _latin(text: str, start: int, own: set[str]) -> tuple[str, int]:
    verdict, pos = "", start
    for _ in range(_MIDDLE_NAMES + 1):
        found = _word_before(text, pos)
        if not found or not _latin_given(found[0]):
            break
        word, pos = found
        if word.lower() not in _LATIN_KUNYA | _ABD and _fold(word) in own:
            return SAME, pos
        verdict = verdict or ANOTHER
    return verdict, start


_ARABIC_WORD_BEFORE = re.compile(r"([\u0621-\u0652\u0671-\u06d3]+)[ \t\u00a0]+$")


def _arabic(text: str, start: int, own: set[str]) -> tuple[str, int]:
    verdict, pos = "", start
    for n in range(_MIDDLE_NAMES + 1):
        m = _ARABIC_WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if not m:
            break
        word, pos = m.group(1), m.start(1)
        folded = _fold(word)
        if folded in own:
            return SAME, pos
        if n == 0 and folded == "ال":
            return ANOTHER, start  # آل الصدر: the family, not one of them
        kunya = _ARABIC_WORD_BEFORE.search(text, max(0, pos - 12), pos)
        if kunya and kunya.group(1) in _KUNYA:
            if (_fold(f"{kunya.group(1)} {word}") in own or folded in own
                    or transliterated(word) in own):
                return SAME, kunya.start(1)
            return (verdict or ANOTHER), start
        if word in _KUNYA:
            break
        if arabic_given_name(word):
            if transliterated(word) in own:  # a profile known only by its Latin names
                return SAME, pos
            verdict = verdict or ANOTHER
        elif not (word.startswith("ال") and len(word) > 3):
            break  # a verb or a noun: the name began after it
    return verdict, start


_GROUP_AFTER = re.compile(r"['’]?s?[ \t-]+(?:Brigades?|Battalions?|Movement|Companies|Forces?|"
                          r"Network|Group|Army|Corps|Division|Regiment)\b")
# Places, families and firms named after a person: Sadr City, Muhandis airport, the Kildani
# family, the al-Muhandis Company; مدينة الصدر, شارع المهندس, عائلة الكلداني.
_PLACE_AFTER = re.compile(
    r"[ \t-]+(?:(?i:City|Airport|Street|Square|Bridge|Hospital|Stadium|Mosque|University)|"
    r"International|Road|Highway|Expressway|District|Neighbou?rhood|Township|Camp|Base|Hall|"
    r"Cent(?:re|er)|Avenue|Quarter|Complex|School|Port|"
    r"(?i:family|clan|tribe|household|company|corporation|foundation|institute))\b")
_PLACE_BEFORE = frozenset(normalize(w).text for w in """
    مدينة شارع ساحة مطار جسر حي مستشفى معسكر قاعدة جامع مسجد جامعة ملعب مجمع قضاء ناحية منطقة
    طريق قاعة مدرسة ميناء عائلة أسرة عشيرة قبيلة
""".split())
# Sadr II, الصدر الثاني: a namesake told apart by a number.
_ORDINAL_AFTER = re.compile(r"[ \t]+(?:II\b|III\b|(?:ال)?(?:أول|اول|ثاني)\b)")


# Titles before an Arabic surname alone: a person, as a capital letter tells in Latin script
# (الشهيد is left out: 'the martyr Sadr' is the father).
_ARABIC_TITLES = frozenset(normalize(w).text for w in """
    السيد الشيخ المرجع الجنرال اللواء الفريق العميد الحاج سماحة بقيادة بزعامة برئاسة زعيم قائد
""".split())


def after_arabic_title(text: str, start: int) -> bool:
    """An Arabic surname right after a title or 'led by' (الشيخ الخزعلي, المرجع السيستاني,
    بقيادة المهندس)."""
    m = _ARABIC_WORD_BEFORE.search(text, max(0, start - 20), start)
    if not m:
        return False
    word = normalize(m.group(1)).text
    return word in _ARABIC_TITLES or (word[:1] == "و" and word[1:] in _ARABIC_TITLES)


_NAME_GOES_ON = re.compile(r"[ \t]+((?:[Aa]l-|[Ee]l-|bin |ibn |Al )?)([A-Z][\w'’]+)")
_GROUP_WORDS = frozenset("""organization organisation brigade brigades movement corps force
    forces unit units party bloc alliance coalition fighters militia militias""".split())


def in_a_person_s_name(text: str, start: int, end: int) -> bool:
    """A group's one-word name inside a person's (Badr al-Busaidi, Ahmed Badr): not the group."""
    after = _NAME_GOES_ON.match(text, end)
    if after and (after.group(1) or _latin_given(after.group(2))) and (
            after.group(2).lower() not in _GROUP_WORDS):
        return True
    found = _word_before(text, start)
    return bool(found and _latin_given(found[0]))


# the Sadr bloc, the Amiri list: a political list named after the person (his own bloc is
# 'Sadr's bloc', which names him)
_LIST_AFTER = re.compile(r"[ \t-]+(?i:bloc|list|coalition|alliance|current|trend)\b")
# عبد المهدي الكربلائي, Mahdi al-Karbalai: the name goes on with another surname
_SURNAME_AFTER = re.compile(
    r"[ \t]+(?!(?:ال)?(?:عراقي|ايراني|إيراني|لبناني|سوري|امريكي|أمريكي|شيعي|سني|اسلامي|إسلامي|"
    r"كردي|عربي|يمني)\b)(?:ال[\u0621-\u064a]{2,}ي|(?:[Aa]l|[Ee]l)[- ][A-Z][a-z]+i)\b")


def names_a_group(text: str, end: int) -> bool:
    """A surname followed by Brigade, Movement, bloc...: a group named after the person."""
    return bool(_GROUP_AFTER.match(text, end) or _LIST_AFTER.match(text, end))


def name_goes_on(text: str, end: int) -> bool:
    """A known surname followed by another one (عبد المهدي الكربلائي): it is a given or middle
    name in someone else's name."""
    return bool(_SURNAME_AFTER.match(text, end))


_GROUP_NOUNS = frozenset(normalize(w).text for w in """
    مليشيا ميليشيا مليشيات ميليشيات فصيل فصائل جماعة جماعات كتيبة
    militia militias group groups faction factions
""".split())
_QUOTES = {'"': '"', "“": "”", "«": "»", "(": ")", "‘": "’", "'": "'"}
_CUE_REACH = 80  # characters before a quoted bare name in which a word for a group counts
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_LAST_WORD = re.compile(r"([^\W\d_]+)[\"“«(‘'\s]*$")
_FIRST_WORD = re.compile(r"[\"”»)’'\s]*([^\W\d_]+)")


def _group_noun(word: str) -> bool:
    word = normalize(word).text
    return word in _GROUP_NOUNS or (word[:2] == "ال" and word[2:] in _GROUP_NOUNS) or (
        word[:1] in "وب" and word[1:] in _GROUP_NOUNS)


def cued_as_group(text: str, start: int, end: int) -> bool:
    """A group's name without its kind (بابليون, Sayyid al-Shuhada) is that group only where
    it is set off as a group's name: next to a word for an armed group (ميليشيا بابليون, the
    Nujaba militia), or in quotes or brackets after such a word in the same sentence
    (مليشيات "عصائب أهل الحق" و"سيد الشهداء"; ميليشيا "الحركة المسيحية" (بابليون))."""
    if start < end and _QUOTES.get(text[start]) == text[end - 1]:
        start, end = start + 1, end - 1
    before = text[max(0, start - _CUE_REACH):start]
    before = before[max((m.end() for m in _SENTENCE_END.finditer(before)), default=0):]
    last, first = _LAST_WORD.search(before), _FIRST_WORD.match(text, end)
    if (last and _group_noun(last.group(1))) or (first and _group_noun(first.group(1))):
        return True
    quoted = 0 < start and end < len(text) and _QUOTES.get(text[start - 1]) == text[end]
    return quoted and any(_group_noun(word) for word in re.findall(r"[^\W\d_]+", before))


def names_a_place(text: str, start: int, end: int) -> bool:
    """A person's name followed by City, Airport, family... (or in Arabic after مدينة, شارع,
    عائلة...): a place or a family named after the person, not the person."""
    if _PLACE_AFTER.match(text, end):
        return True
    if not "\u0600" <= text[start] <= "\u06ff":
        return False
    m = _ARABIC_WORD_BEFORE.search(text, max(0, start - 20), start)
    if not m:
        return False
    word = normalize(m.group(1)).text
    return word in _PLACE_BEFORE or (word[:1] in "وبلف" and word[1:] in _PLACE_BEFORE)


def numbered(text: str, end: int) -> bool:
    """A surname followed by a number (Sadr II, الصدر الثاني) names a namesake."""
    return bool(_ORDINAL_AFTER.match(text, end))


def another_person(text: str, start: int, own: set[str]) -> tuple[str, int]:
    """Who the surname at text[start:] names, from the names written before it: ANOTHER
    person after a given name foreign to `own` (the profile's folded given names), the SAME
    person after its own given name with up to three middle names between (Akram Abbas
    al-Kabi; the start of the full name is returned), or "" where no given name is written."""
    if "\u0600" <= text[start:start + 1] <= "\u06ff":
        return _arabic(text, start, own)
    return _latin(text, start, own)
