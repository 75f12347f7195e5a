from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.link import Entity, Linker, Mention, is_acronym, snippet, unmatched_names
from generator.normalize import fold_char, normalize, normalize_name

ENTITIES = (
    Entity(
        "kataib-hezbollah",
        "militia",
        ("Kataib Hezbollah", "Kata'ib Hizballah", "Hezbollah Brigades", "KH", "كتائب حزب الله"),
    ),
    Entity(
        "harakat-hezbollah-al-nujaba",
        "militia",
        ("Harakat Hezbollah al-Nujaba", "al-Nujaba", "HHN"),
    ),
    Entity(
        "popular-mobilization-units",
        "militia",
        (
            "Popular Mobilization Units",
            "Popular Mobilisation Forces",
            "PMF",
            "Hashd al-Shaabi",
            "al-Hashd al-Shaabi",
        ),
    ),
    Entity("irgc-quds-force", "militia", ("IRGC Quds Force", "Quds Force", "IRGC-QF")),
    Entity(
        "qais-al-khazali",
        "leader",
        ("Qais al-Khazali", "Qays al-Khaz'ali", "قيس الخزعلي"),
        ("Khazali",),
    ),
    Entity("hadi-al-amiri", "leader", ("Hadi al-Amiri", "هادي العامري"), ("Amiri",)),
    Entity("muqtada-al-sadr", "leader", ("Muqtada al-Sadr", "مقتدى الصدر"), ("Sadr",)),
)
BLOCKERS = ("Sadr City", "Amiriyah", "Tahrir Square")
LINKER = Linker(ENTITIES, BLOCKERS)


def links(text: str, linker: Linker = LINKER) -> list[tuple[str, str]]:
    return [(m.slug, m.text) for m in linker.find(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kata'ib", "kataib"),
        ("Kata’ib", "kataib"),
        ("Kataʿib", "kataib"),
        ("Ḥādī al-ʿĀmirī", "hadi al amiri"),
        ("al-Haq al_Haq al – Haq", "al haq al haq al haq"),
        ("a \n\t b", "a b"),
        ("Khazali's men", "khazali s men"),
        ("MUHANDIS'S", "muhandis s"),
        ("أ إ آ ٱ", "ا ا ا ا"),
        ("منظمة", "منظمه"),
        ("مقتـــدى", "مقتدي"),
        ("قَيْسُ الخَزْعَلِيّ", "قيس الخزعلي"),
        ("اللّٰه", "الله"),
    ],
)
def test_normalize_folds_spelling_variants(text: str, expected: str) -> None:
    assert normalize(text).text == expected


def test_normalize_maps_back_to_original_text() -> None:
    text = "the Kata’ib  Ḥizballāh’s"
    norm = normalize(text)
    first = norm.text.index("kataib hizballah")
    start, end = norm.original_span(first, first + len("kataib hizballah"))
    assert text[start:end] == "Kata’ib  Ḥizballāh"


def test_original_span_takes_trailing_harakat_along() -> None:
    text = "قَيْسُ الخَزْعَلِيّ قال"
    norm = normalize(text)
    start, end = norm.original_span(0, len("قيس الخزعلي"))
    assert text[start:end] == "قَيْسُ الخَزْعَلِيّ"


@pytest.mark.parametrize(
    "name, acronym",
    [
        ("KH", True),
        ("AAH", True),
        ("IRGC-QF", True),
        ("PMF", True),
        ("Kh", False),
        ("Quds Force", False),
        ("K", False),
        ("ABCDEFG", False),
    ],
)
def test_acronyms_are_short_capitals(name: str, acronym: bool) -> None:
    assert is_acronym(name) is acronym


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kata’ib Hezbollah fired", [("kataib-hezbollah", "Kata’ib Hezbollah")]),
        ("KATAʿIB HIZBALLAH", [("kataib-hezbollah", "KATAʿIB HIZBALLAH")]),
        ("the hezbollah brigades", [("kataib-hezbollah", "hezbollah brigades")]),
        (
            "Popular Mobilisation Forces",
            [("popular-mobilization-units", "Popular Mobilisation Forces")],
        ),
        ("Qays al-Khazʿālī", [("qais-al-khazali", "Qays al-Khazʿālī")]),
        ("Abu Mahdi and Qais\nal-Khazali", [("qais-al-khazali", "Qais\nal-Khazali")]),
    ],
)
def test_links_names_across_spellings(text: str, expected: list) -> None:
    assert links(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قالت كَتَائِبُ حِزْبِ اللّٰهِ", [("kataib-hezbollah", "كَتَائِبُ حِزْبِ اللّٰهِ")]),
        ("وكتائب حزب الله", [("kataib-hezbollah", "كتائب حزب الله")]),
        ("هادى العامرى", [("hadi-al-amiri", "هادى العامرى")]),
        ("مقتـدى الصدر", [("muqtada-al-sadr", "مقتـدى الصدر")]),
        ("مكتائب حزب الله", []),
    ],
)
def test_links_arabic_script(text: str, expected: list) -> None:
    assert links(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Harakat Hezbollah al-Nujaba",
            [("harakat-hezbollah-al-nujaba", "Harakat Hezbollah al-Nujaba")],
        ),
        ("al-Hashd al-Shaabi", [("popular-mobilization-units", "al-Hashd al-Shaabi")]),
        ("IRGC Quds Force", [("irgc-quds-force", "IRGC Quds Force")]),
        ("Lebanese Hezbollah", []),
        ("Kataib Hezbollahs", []),
    ],
)
def test_longest_name_wins_and_names_are_whole_words(text: str, expected: list) -> None:
    assert links(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("KH denied it", [("kataib-hezbollah", "KH")]),
        ("the IRGC-QF", [("irgc-quds-force", "IRGC-QF")]),
        ("written kh in English", []),
        ("Kh. Ahmed", []),
        ("KHAN and Sheikh", []),
        ("pmf and Pmf", []),
    ],
)
def test_acronyms_link_only_in_capitals(text: str, expected: list) -> None:
    assert links(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Khazali spoke.", [("qais-al-khazali", "Khazali")]),
        ("Khazali’s men", [("qais-al-khazali", "Khazali")]),
        (
            "Hadi al-Amiri arrived; Amiri said",
            [("hadi-al-amiri", "Hadi al-Amiri"), ("hadi-al-amiri", "Amiri")],
        ),
        ("state-owned amiri land", []),
        ("in Amiriyah and Amiriyahs", []),
        ("in Sadr City", []),
        ("Tahrir Square", []),
    ],
)
def test_surnames_link_capitalised_and_outside_blockers(text: str, expected: list) -> None:
    assert links(text) == expected


TWO_SADRS = Linker(
    ENTITIES + (Entity("mohammed-sadiq-al-sadr", "leader", ("Mohammed Sadiq al-Sadr",), ("Sadr",)),)
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sadr spoke.", []),
        (
            "Muqtada al-Sadr left. Sadr spoke.",
            [("muqtada-al-sadr", "Muqtada al-Sadr"), ("muqtada-al-sadr", "Sadr")],
        ),
        (
            "Mohammed Sadiq al-Sadr died. Sadr mourned.",
            [
                ("mohammed-sadiq-al-sadr", "Mohammed Sadiq al-Sadr"),
                ("mohammed-sadiq-al-sadr", "Sadr"),
            ],
        ),
        (
            "Muqtada al-Sadr and Mohammed Sadiq al-Sadr. Sadr spoke.",
            [
                ("muqtada-al-sadr", "Muqtada al-Sadr"),
                ("mohammed-sadiq-al-sadr", "Mohammed Sadiq al-Sadr"),
            ],
        ),
    ],
)
def test_shared_surname_links_only_when_the_document_names_one_owner(
    text: str, expected: list
) -> None:
    assert links(text, TWO_SADRS) == expected


def test_blocker_shadows_a_full_name_inside_it() -> None:
    linker = Linker(ENTITIES, ("Muqtada al-Sadr Bridge",))
    assert links("over the Muqtada al-Sadr Bridge", linker) == []


def test_empty_linker_finds_nothing() -> None:
    assert Linker([]).find("Kataib Hezbollah") == []


def test_result_does_not_depend_on_entity_order() -> None:
    text = "Muqtada al-Sadr, KH and Sadr in Sadr City; Khazali."
    assert Linker(reversed(ENTITIES), reversed(BLOCKERS)).find(text) == LINKER.find(text)


NAME_PARTS = [
    "Kataib",
    "Kata’ib",
    "Hezbollah",
    "al-Nujaba",
    "Harakat",
    "KH",
    "kh",
    "Sadr",
    "City",
    "Khazali",
    "al-",
    "Qais",
    "'s",
    " ",
    "\n",
    "-",
    "كتائب",
    "حزب",
    "الله",
    "و",
    "ـ",
    "َ",
    "ّ",
    "é",
    "ß",
    "İ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NAME_PARTS), max_size=30))
def test_mentions_are_sorted_disjoint_and_quote_the_original(parts: list[str]) -> None:
    text = "".join(parts)
    mentions = LINKER.find(text)
    assert all(text[m.start : m.end] == m.text and m.text.strip() == m.text for m in mentions)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZé_-' ’ʿ\n\tأةىـَّ0ßİ"), max_size=40))
def test_normalized_characters_point_into_the_original(text: str) -> None:
    norm = normalize(text)
    assert len(norm.starts) == len(norm.text)
    assert list(norm.starts) == sorted(norm.starts)
    assert all(0 <= i < len(text) for i in norm.starts)
    assert "  " not in norm.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZé_- \n\tأةىـَّ0ßİ.Ḥ"), max_size=40))
def test_fast_path_agrees_with_folding_character_by_character(text: str) -> None:
    slow = "".join(fold_char(c) for c in text)
    while "  " in slow:
        slow = slow.replace("  ", " ")
    assert normalize(text).text == slow


def test_normalize_name_trims() -> None:
    assert normalize_name(" al-Hashd  al-Shaabi ") == "al hashd al shaabi"


TEXT = (
    "In Baghdad on Sunday, officials said that Kataib Hezbollah had fired the rockets"
    " at the embassy compound."
)


def mention_of(name: str, text: str = TEXT) -> Mention:
    return next(m for m in LINKER.find(text) if m.text == name)


def test_snippet_cuts_at_word_boundaries() -> None:
    before, matched, after = snippet(TEXT, mention_of("Kataib Hezbollah"), width=50)
    assert (before, matched, after) == ("…said that ", "Kataib Hezbollah", " had fired the…")


def test_snippet_keeps_short_text_whole_and_collapses_whitespace() -> None:
    text = "Then\n\n  KH   fired\tagain."
    assert snippet(text, mention_of("KH", text)) == ("Then ", "KH", " fired again.")


def test_snippet_with_no_room_for_context() -> None:
    assert snippet(TEXT, mention_of("Kataib Hezbollah"), width=10) == ("…", "Kataib Hezbollah", "…")


def test_unmatched_names_lists_uncovered_people_and_groups() -> None:
    texts = [
        "On Monday Kataib Hezbollah and Kataib al-Imam Ali met in Sadr City.",
        "Abu Ali al-Askari spoke.",
        "Prime Minister Ahmad al-Hamidawi met Abu Ali al-Askari in January.",
        "Qais al-Khazali stayed away.",
    ]
    assert unmatched_names(texts, LINKER) == [
        ("Abu Ali al-Askari", 2),
        ("Ahmad al-Hamidawi", 1),
        ("Kataib al-Imam Ali", 1),
    ]
