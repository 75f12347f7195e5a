"""Linking that holds on real articles: spelling families, kunyas, Arabic short forms,
relatives, quotation marks, headlines, and what `make check` and `make suggest` say about them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.families import (
    alias_surnames,
    arabic_short_forms,
    arabic_surnames,
    bare_group_names,
    variants,
)
from generator.link import Entity, Linker, unmatched_names
from generator.mentions import find_with_title
from generator.normalize import normalize_name
from generator.pipeline import generate

ROOT = Path(__file__).resolve().parent.parent
ENTITIES = (
    Entity("asaib-ahl-al-haq", "militia", ("Asa'ib Ahl al-Haq", "عصائب أهل الحق")),
    Entity("harakat-hezbollah-al-nujaba", "militia", ("Harakat Hezbollah al-Nujaba",
                                                     "Harakat al-Nujaba")),
    Entity("kataib-hezbollah", "militia", ("Kataib Hezbollah", "Hezbollah Brigades", "KH")),
    Entity("popular-mobilization-units", "militia", ("Popular Mobilization Forces",
                                                    "Hashd al-Shaabi")),
    Entity("qais-al-khazali", "leader", ("Qais al-Khazali", "قيس الخزعلي"), ("Khazali",),
           ("Qais",), arabic_surnames("قيس الخزعلي", ("Khazali",))),
    Entity("laith-al-khazali", "leader", ("Laith al-Khazali",), (), ("Laith",)),
    Entity("abu-mahdi-al-muhandis", "leader", ("Abu Mahdi al-Muhandis", "أبو مهدي المهندس"),
           ("Muhandis",), ("Abu Mahdi",), arabic_surnames("أبو مهدي المهندس", ("Muhandis",))),
    Entity("hadi-al-amiri", "leader", ("Hadi al-Amiri", "هادي العامري"), ("Amiri",), (),
           arabic_surnames("هادي العامري", ("Amiri",))),
    Entity("abu-ali-al-askari", "leader", ("Abu Ali al-Askari",)),
    Entity("muqtada-al-sadr", "leader", ("Muqtada al-Sadr", "مقتدى الصدر"), ("Sadr",), (),
           arabic_surnames("مقتدى الصدر", ("Sadr",))),
    Entity("abu-baqir-al-saadi", "leader", ('Wissam Mohammed "Abu Bakr" al-Saadi',)),
    Entity("adel-abdul-mahdi", "leader", ("Adel Abdul-Mahdi", "عادل عبد المهدي"),
           ("Abdul-Mahdi",), (), arabic_surnames("عادل عبد المهدي", ("Abdul-Mahdi",))),
)
LINKER = Linker(ENTITIES, ("Sadr City", "مدينة الصدر"))


def links(text: str, linker: Linker = LINKER) -> list[tuple[str, str]]:
    return [(m.slug, m.text) for m in linker.find(text)]


@pytest.mark.parametrize("text, slug", [
    ("Fighters of Asayib Ahl al-Haq left.", "asaib-ahl-al-haq"),
    ("Fighters of Assaib Ahl al-Haqq left.", "asaib-ahl-al-haq"),
    ("Fighters of Asaeb Ahl el-Haq left.", "asaib-ahl-al-haq"),
    ("He met Abu Mahdi al-Mohandes.", "abu-mahdi-al-muhandis"),
    ("He met Abu Mahdi al-Mouhandis.", "abu-mahdi-al-muhandis"),
    ("He met Qays al-Khazaali.", "qais-al-khazali"),
    ("He met Qais Alkhazali.", "qais-al-khazali"),
    ("He met Hadi Alamiri.", "hadi-al-amiri"),
    ("He met Hadi el-Ameri.", "hadi-al-amiri"),
    ("He met Abu Ali al-Askeri.", "abu-ali-al-askari"),
    ("The Popular Mobilization Force paraded.", "popular-mobilization-units"),
    ("The Hashd ash-Sha'bi paraded.", "popular-mobilization-units"),
    ("The Nujaba Movement fired.", "harakat-hezbollah-al-nujaba"),
    ("The Brigades of Hezbollah fired.", "kataib-hezbollah"),
    ("Kataeb Hizbollah fired.", "kataib-hezbollah"),
])
def test_a_spelling_of_the_family_is_linked(text, slug) -> None:
    assert [s for s, _ in links(text)] == [slug]


def test_the_whole_written_name_is_linked_not_its_folded_form() -> None:
    assert links("Qays al-Khazaali's men.") == [("qais-al-khazali", "Qays al-Khazaali")]
    assert links("Asa’ib Ahl al-Haqq.") == [("asaib-ahl-al-haq", "Asa’ib Ahl al-Haqq")]


def test_acronyms_keep_their_letters() -> None:
    assert links("KH fired; K. and kh did not.") == [("kataib-hezbollah", "KH")]


def test_a_caption_in_capitals_is_read_as_names() -> None:
    assert links("QAYS AL-KHAZAALI, leader of AAH.") == [("qais-al-khazali", "QAYS AL-KHAZAALI")]


def test_variants_of_one_alias() -> None:
    assert {"alkhazali", "al khazali", "khazali"} <= {normalize_name(v) for v in
                                                      variants("al-Khazali")}
    assert "Popular Mobilization Force" in variants("Popular Mobilization Forces", group=True)
    assert "Nujaba Movement" in variants("Harakat al-Nujaba", group=True)
    assert "Brigades of Hezbollah" in variants("Hezbollah Brigades", group=True)


def test_a_generated_spelling_another_profile_owns_is_dropped_and_reported() -> None:
    linker = Linker([Entity("hadi-al-amiri", "leader", ("Hadi al-Amiri",)),
                     Entity("hadi-al-ameri", "leader", ("Hadi al-Ameri",))],
                    ["Hadi al-Amery"])
    assert links("Hadi al-Amiri and Hadi al-Ameri; Hadi al-Amery.", linker) == [
        ("hadi-al-amiri", "Hadi al-Amiri"), ("hadi-al-ameri", "Hadi al-Ameri")]
    assert {(d.slug, d.form, d.other) for d in linker.dropped} >= {
        ("hadi-al-amiri", "hadi al amiri", "hadi-al-ameri"),
        ("hadi-al-ameri", "hadi al ameri", "hadi-al-amiri")}


def test_make_check_warns_of_a_dropped_spelling(minimal_tree) -> None:
    (minimal_tree / "leaders" / "oumar-test.md").write_text(
        "---\nname: Oumar Test\n---\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "--content", str(minimal_tree),
                             "check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning:")]
    assert warnings and all("oumar-test.md" in line or "omar-test.md" in line
                            for line in warnings), result.stdout
    assert any("also fit a name of omar-test" in line for line in warnings), warnings


def test_a_kunya_alone_is_linked_only_once_the_person_is_named_in_full() -> None:
    assert links("Abu Mahdi spoke.") == []
    assert links("Abu Mahdi al-Muhandis died. Abu Mahdi was 66.") == [
        ("abu-mahdi-al-muhandis", "Abu Mahdi al-Muhandis"), ("abu-mahdi-al-muhandis", "Abu Mahdi")]
    assert links("Qais and Laith al-Khazali were sanctioned; Qais al-Khazali spoke.") == [
        ("qais-al-khazali", "Qais"), ("laith-al-khazali", "Laith al-Khazali"),
        ("qais-al-khazali", "Qais al-Khazali")]


def test_arabic_surnames_follow_the_latin_rules() -> None:
    assert arabic_surnames("أبو مهدي المهندس", ("Muhandis",)) == ("المهندس",)
    assert variants("المهندس") == {"المهندس", "للمهندس"}
    assert arabic_surnames("عادل عبد المهدي", ("Abdul-Mahdi",)) == ("عبد المهدي",)
    assert arabic_surnames("أبو علي العسكري", ()) == ()  # no Latin surname, no Arabic one
    assert links("قال الخزعلي") == []  # never named in full
    assert [s for s, _ in links("قيس الخزعلي زعيم العصائب. وقال الخزعلي")] == [
        "qais-al-khazali", "qais-al-khazali"]
    assert links("أبو مهدي المهندس. وكان للمهندس دور") == [
        ("abu-mahdi-al-muhandis", "أبو مهدي المهندس"), ("abu-mahdi-al-muhandis", "للمهندس")]


@pytest.mark.parametrize("text", [
    "Qais al-Khazali's brother Hassan al-Khazali was arrested.",
    "Muqtada al-Sadr honoured Mohammed al-Sadr, his father.",
    "Hadi al-Amiri denied that Abu Ali al-Amiri was there.",
    "مقتدى الصدر يستذكر والده محمد الصدر",
    "هادي العامري و أبو علي العامري",
    "مقتدى الصدر في مضيف آل الصدر",
])
def test_another_given_name_before_a_known_surname_is_another_person(text) -> None:
    assert len(links(text)) == 1


def test_a_surname_alone_is_not_linked_when_a_relative_is_named_in_full() -> None:
    assert links("Laith al-Khazali was freed. Khazali thanked Iran.") == [
        ("laith-al-khazali", "Laith al-Khazali")]
    assert links("Qais al-Khazali spoke. Khazali thanked Iran.") == [
        ("qais-al-khazali", "Qais al-Khazali"), ("qais-al-khazali", "Khazali")]
    network = Linker([*ENTITIES, Entity("aah", "militia", ("Khazali Network",))])
    assert [m.slug for m in network.find("The Khazali Network grew. Khazali spoke.")] == [
        "aah", "qais-al-khazali"]  # a group named after him is no relative
    both = "Qais al-Khazali and his brother Laith al-Khazali. Khazali spoke."
    assert [m.slug for m in LINKER.find(both)][-1] == "qais-al-khazali"  # his short name


def test_a_given_name_joined_to_a_relative_s_full_name_is_that_person() -> None:
    assert links("Qays and Laith al-Khazali were designated.") == [
        ("qais-al-khazali", "Qays"), ("laith-al-khazali", "Laith al-Khazali")]
    assert links("Hassan and Laith al-Khazali were designated.") == [
        ("laith-al-khazali", "Laith al-Khazali")]


def test_a_title_or_an_adjective_before_a_surname_does_not_make_another_person() -> None:
    text = "Sheikh Khazali, Iraqi Khazali loyalists, Iraq's Khazali, Iran-backed Khazali. Then Khazali"
    assert [s for s, _ in links(text)] == ["qais-al-khazali"] * 5


def test_a_surname_naming_a_group_is_not_the_person() -> None:
    assert links("Abu Mahdi al-Muhandis. The al-Muhandis Brigade formed.") == [
        ("abu-mahdi-al-muhandis", "Abu Mahdi al-Muhandis")]


def test_quotation_marks_and_brackets_inside_names() -> None:
    assert links('Wissam Mohammed "Abu Bakr" al-Saadi') == [
        ("abu-baqir-al-saadi", 'Wissam Mohammed "Abu Bakr" al-Saadi')]
    for text in ('Wissam Mohammed “Abu Bakr” al-Saadi', "Wissam Mohammed (Abu Bakr) al-Saadi",
                 "Wissam Mohammed Abu Bakr al-Saadi"):
        assert [s for s, _ in links(text)] == ["abu-baqir-al-saadi"], text
    assert links("Wissam Mohammed (Abu Bakr al-Saadi") == []  # a bracket cut in two
    chaldean = Linker([Entity("rayan-al-kildani", "leader", ("Ryan the Chaldean",))])
    assert links('Ryan "the Chaldean" leads them.', chaldean) == [
        ("rayan-al-kildani", 'Ryan "the Chaldean"')]


def test_a_name_only_in_the_headline_is_linked() -> None:
    in_title, in_body = find_with_title(LINKER, "Khazali sanctioned", "Qais al-Khazali spoke.")
    assert [(m.slug, m.text, m.start) for m in in_title] == [("qais-al-khazali", "Khazali", 0)]
    assert [(m.slug, m.start) for m in in_body] == [("qais-al-khazali", 0)]


def test_the_document_page_lists_a_profile_named_only_in_its_headline(minimal_tree, tmp_path):
    (minimal_tree / "documents" / "wire-2020-03-01-headline.md").write_text(
        "---\ntitle: Omar Test sanctioned\noutlet: Test Wire\npublished: 2020-03-01\n---\n"
        "The sanctions were announced on Monday.\n", "utf-8")
    generate(minimal_tree, tmp_path / "docs")
    page = (tmp_path / "docs" / "documents" / "wire-2020-03-01-headline.md").read_text("utf-8")
    assert "## Profiles mentioned" in page
    assert "[Omar Test](../leaders/omar-test.md)" in page.split("## Profiles mentioned")[1]


def test_suggest_ranks_uncovered_names_arabic_included_and_skips_places() -> None:
    texts = ["Qais al-Khazali and his brother Hassan al-Khazali met in the Green Zone.",
             "The United States and Hassan al-Khazali. Iraq and Iran.",
             "وقال حسين فالح اللامي إن أبو علي البصري في بغداد"]
    names = dict(unmatched_names(texts, LINKER))
    assert names["Hassan al-Khazali"] == 2
    assert "حسين فالح اللامي" in names and "أبو علي البصري" in names
    assert not {"Green Zone", "United States", "Iraq", "Iran", "بغداد"} & set(names)


def test_make_suggest_takes_a_limit(minimal_tree) -> None:
    result = subprocess.run(["make", "-s", "suggest", f"CONTENT={minimal_tree}", "LIMIT=1"],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    assert len([line for line in result.stdout.splitlines() if line.strip()]) <= 1


# ---- more of the family: letters, vowels, compounds, group words, Arabic inflection -------

FAMILY = Linker([
    *ENTITIES,
    Entity("abu-fadak-al-mohammadawi", "leader", ("Abdul Aziz al-Mohammadawi",
                                                 "عبد العزيز المحمداوي")),
    Entity("kataib-sayyid-al-shuhada", "militia", ("Kataib Sayyid al-Shuhada",)),
    Entity("saraya-khorasani", "militia", ("Saraya al-Khorasani",)),
    Entity("league", "militia", ("League of the Righteous",)),
    Entity("islamic-resistance-in-iraq", "militia", ("Islamic Resistance in Iraq",)),
    Entity("ashab-al-kahf", "militia", ("Ashab al-Kahf",)),
    Entity("badr-organization", "militia", ("Badr Organization", "Badr")),
])


@pytest.mark.parametrize("text, slug", [
    ("Ghais al-Khazali spoke.", "qais-al-khazali"),                 # gh, q, k: one letter
    ("Harakah al-Nujaba fired.", "harakat-hezbollah-al-nujaba"),     # a final ah, at, a
    ("Haraka al-Nujaba fired.", "harakat-hezbollah-al-nujaba"),
    ("Muqtada al-Sader spoke.", "muqtada-al-sadr"),                 # a vowel in Sadr's dr
    ("The Hashed al-Shaabi paraded.", "popular-mobilization-units"),
    ("Ashab al-Kahaf claimed it.", "ashab-al-kahf"),
    ("Abdulaziz al-Mohammadawi spoke.", "abu-fadak-al-mohammadawi"),  # Abdul written joined
    ("Abd al-Aziz al-Muhammadawi spoke.", "abu-fadak-al-mohammadawi"),
    ("Abdel Aziz al-Mohammadawi spoke.", "abu-fadak-al-mohammadawi"),
    ("Adel Abdulmahdi resigned.", "adel-abdul-mahdi"),
    ("The Sayyid al-Shuhada Brigades fired.", "kataib-sayyid-al-shuhada"),  # Kataib X: X Brigades
    ("The Khorasani Brigades fired.", "saraya-khorasani"),
    ("The League of Righteous fired.", "league"),                   # 'of the' and 'of'
    ("The Islamic Resistance of Iraq claimed it.", "islamic-resistance-in-iraq"),
    ("وكان لأبي مهدي المهندس دور", "abu-mahdi-al-muhandis"),         # أبو inflected, after ل
    ("قال عبدالعزيز المحمداوي", "abu-fadak-al-mohammadawi"),          # عبد joined
])
def test_more_spellings_of_the_family_are_linked(text, slug) -> None:
    assert [s for s, _ in links(text, FAMILY)] == [slug]


def test_a_vowel_is_put_into_a_cluster_only_inside_a_longer_name() -> None:
    assert links("Bader won the race.", FAMILY) == []   # Badr alone keeps its spelling
    assert "Bader Organization" in variants("Badr Organization", group=True)
    assert "Bader" not in variants("Badr", group=True)


def test_a_spelling_generated_from_a_vowel_that_a_look_alike_owns_is_dropped() -> None:
    linker = Linker([Entity("badr-organization", "militia", ("Badr Organization",))],
                    ["Bader Organization"])
    assert links("The Bader Organization, a charity, and the Badr Organization.", linker) == [
        ("badr-organization", "Badr Organization")]
    assert ("badr-organization", "bader organization", "") in {
        (d.slug, d.form, d.other) for d in linker.dropped}


def test_other_arabic_names_give_their_surname_too() -> None:
    assert alias_surnames(("Ahmad al-Hamidawi", "أبو حسين الحميداوي"), ("Hamidawi",)) == (
        "الحميداوي",)
    assert alias_surnames(("أبو حسين الحميداوي",), ()) == ()  # no Latin surname is linked


NUJABA = ("Harakat Hezbollah al-Nujaba", "Harakat al-Nujaba", "حركة حزب الله النجباء")


def test_a_group_s_latin_short_form_is_written_from_its_arabic_name_too() -> None:
    assert arabic_short_forms(NUJABA) == ("حركة النجباء",)
    assert arabic_short_forms(("Asa'ib Ahl al-Haq", "Asaib al-Haq", "عصائب أهل الحق")) == (
        "عصائب الحق",)
    assert arabic_short_forms(NUJABA[::2]) == ()  # no Latin short form, no Arabic one
    # the Arabic name must begin with the same word for a kind of group as the Latin one
    assert arabic_short_forms(("Harakat Hezbollah al-Nujaba", "Harakat al-Nujaba",
                               "كتائب حزب الله النجباء")) == ()


def test_the_arabic_short_form_of_a_group_is_linked() -> None:
    linker = Linker([Entity("harakat-hezbollah-al-nujaba", "militia", NUJABA)])
    assert links("تعدّ حركة النجباء العراقية جزءاً من الحشد", linker) == [
        ("harakat-hezbollah-al-nujaba", "حركة النجباء")]
    assert links("الأمين العام لحركة النجباء", linker) == [
        ("harakat-hezbollah-al-nujaba", "حركة النجباء")]  # after ل, as written
    assert links("ميليشيا«حركة النجباء»", linker) == [
        ("harakat-hezbollah-al-nujaba", "حركة النجباء")]


def test_an_arabic_short_form_another_name_fits_is_dropped_and_reported() -> None:
    linker = Linker([Entity("harakat-hezbollah-al-nujaba", "militia", NUJABA)], ["حركة النجباء"])
    assert links("حركة النجباء", linker) == []
    assert ("harakat-hezbollah-al-nujaba", normalize_name("حركة النجباء"), "") in {
        (d.slug, d.form, d.other) for d in linker.dropped}


def test_a_group_s_head_word_is_linked_singular_or_plural() -> None:
    assert "Leagues of Revolutionaries" in variants("League of Revolutionaries", group=True)
    assert "Company of the Guardians of Blood" in variants("Companies of the Guardians of Blood",
                                                           group=True)
    linker = Linker([Entity("usbat-al-thaireen", "militia", ("League of Revolutionaries",))])
    assert links("The Leagues of Revolutionaries claimed it.", linker) == [
        ("usbat-al-thaireen", "Leagues of Revolutionaries")]


@pytest.mark.parametrize("headline", [
    "Will Sadr be able to control the militias?",
    "Can Khazali Hold the Line?",
    "Sanctions Against Khazali Target a Militia Leader",
])
def test_a_capitalised_verb_or_preposition_before_a_surname_is_no_given_name(headline) -> None:
    text = f"{headline}\n\nQais al-Khazali and Muqtada al-Sadr spoke."
    in_headline = [m for m in LINKER.find(text) if m.end <= len(headline)]
    assert [m.slug for m in in_headline] == [
        "muqtada-al-sadr" if "Sadr" in headline else "qais-al-khazali"]


def test_another_given_name_still_makes_another_person_in_a_headline() -> None:
    text = "Hassan Khazali Speaks\n\nQais al-Khazali spoke."
    assert [m.text for m in LINKER.find(text)] == ["Qais al-Khazali"]


KSS = ("Kataib Sayyid al-Shuhada", "كتائب سيد الشهداء")
BABYLON = ("Babylon Brigades", "كتائب بابليون")
KH_WITH_LOOK_ALIKE = ("Kataib Hezbollah", "كتائب حزب الله")


def test_a_group_s_bare_name_is_its_name_without_the_word_for_its_kind() -> None:
    assert bare_group_names(KSS) == ("Sayyid al-Shuhada", "سيد الشهداء")
    assert bare_group_names(BABYLON) == ("Babylon", "بابليون")
    assert bare_group_names(("Popular Mobilization Units",)) == ()


@pytest.mark.parametrize("text, linked", [
    ('زعماء مليشيات "عصائب أهل الحق" و"سيد الشهداء" اليوم', ["سيد الشهداء"]),  # quoted, in a list
    ("ميليشيا “الحركة المسيحية في العراق” (بابليون) المنضوية", ["بابليون"]),  # in brackets
    ("the Sayyid al-Shuhada militia", ["Sayyid al-Shuhada"]),
    ("فصيل بابليون", ["بابليون"]),
    ("في ذكرى سيد الشهداء", []),             # Imam Hussein's title, not the group
    ('صاحب حساب "بابليون" على منصة إكس', []),  # quoted but no group in the sentence
    ("Babylon province", []),
    ("The militia left. Then «سيد الشهداء» appeared", []),  # the cue is in another sentence
])
def test_a_group_s_bare_name_links_only_where_set_off_as_a_group_s_name(text, linked) -> None:
    linker = Linker([Entity("kataib-sayyid-al-shuhada", "militia", KSS),
                     Entity("babylon-brigades", "militia", BABYLON)])
    assert [m for _, m in links(text, linker)] == linked


def test_a_bare_name_another_group_owns_is_never_linked() -> None:
    linker = Linker([Entity("kataib-hezbollah", "militia", KH_WITH_LOOK_ALIKE)],
                    ["Hezbollah", "حزب الله"])
    assert links("the Hezbollah militia", linker) == []
    assert links("فصيل حزب الله", linker) == []
    assert links("فصيل كتائب حزب الله", linker) == [("kataib-hezbollah", "كتائب حزب الله")]
    assert linker.dropped == []  # a bare name is never written, so nothing to report


def test_an_arabic_kunya_written_joined_is_the_kunya() -> None:
    linker = Linker([Entity("abu-mahdi-al-muhandis", "leader",
                            ("Abu Mahdi al-Muhandis", "أبو مهدي المهندس"))])
    assert links("قتل أبومهدي المهندس في الغارة", linker) == [
        ("abu-mahdi-al-muhandis", "أبومهدي المهندس")]


NUJABA_FULL = ("Harakat Hezbollah al-Nujaba", "Nujaba", "حركة حزب الله النجباء")


def test_the_last_word_of_a_group_s_arabic_name_is_bare_when_a_latin_name_is_that_word_alone():
    assert "النجباء" in bare_group_names(NUJABA_FULL)
    assert "النجباء" not in bare_group_names(NUJABA_FULL[::2])  # no Latin 'Nujaba' alone


@pytest.mark.parametrize("text, linked", [
    ("كتائب حزب الله والنجباء وكتائب سيد الشهداء", ["كتائب حزب الله", "النجباء",
                                                     "كتائب سيد الشهداء"]),
    ("Kataib Hezbollah, Sayyid al-Shuhada and others", ["Kataib Hezbollah",
                                                         "Sayyid al-Shuhada"]),
    ('تنظيمي "كتائب سيد الشهداء"، و"النجباء"، اللذين', ["كتائب سيد الشهداء", "النجباء"]),
    ("يكرم الطلاب النجباء", []),                     # 'the distinguished students'
    ("كتائب حزب الله قالت إن النجباء", ["كتائب حزب الله"]),  # not in a list of groups
])
def test_a_bare_name_in_a_list_of_groups_is_a_group(text, linked) -> None:
    linker = Linker([Entity("harakat-hezbollah-al-nujaba", "militia", NUJABA_FULL),
                     Entity("kataib-hezbollah", "militia", KH_WITH_LOOK_ALIKE),
                     Entity("kataib-sayyid-al-shuhada", "militia", KSS)])
    assert [m for _, m in links(text, linker)] == linked


def test_the_word_for_a_group_s_kind_alone_is_the_one_group_of_that_kind_named() -> None:
    linker = Linker([Entity("kataib-hezbollah", "militia", KH_WITH_LOOK_ALIKE),
                     Entity("kataib-sayyid-al-shuhada", "militia", KSS)])
    assert links("أعلنت كتائب حزب الله أن الكتائب لن ترد", linker) == [
        ("kataib-hezbollah", "كتائب حزب الله"), ("kataib-hezbollah", "الكتائب")]
    assert links("قالت الكتائب", linker) == []  # no group of that kind named
    both = "كتائب حزب الله وكتائب سيد الشهداء ثم الكتائب"
    assert [m for _, m in links(both, linker)] == ["كتائب حزب الله", "كتائب سيد الشهداء"]


def test_corp_is_written_for_corps() -> None:
    assert "Badr Corp" in variants("Badr Corps", group=True)
