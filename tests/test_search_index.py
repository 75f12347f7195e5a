"""The name index: folding, skeletons, acronyms and shards, on tiny inline inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import search
from generator.normalize import normalize_name
from generator.pipeline import load_catalogue
from generator.search import (
    PARTICLES,
    acronym,
    entry_of,
    fold,
    key_words,
    manifest_keys,
    name_index,
    shard_for,
    shard_key,
    shard_of,
    skeleton,
)

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.mark.parametrize(("text", "words"), [
    ("Qays al-Khaz'ali", ["qays", "al", "khazali"]),
    ("Kata’ib Ḥizballāh", ["kataib", "hizballah"]),
    ("People's Mobilization", ["people", "s", "mobilization"]),
    ("الحشد الشعبي", ["حشد", "شعبي"]),
    ("عصائب أهل الحق", ["عصايب", "اهل", "حق"]),        # hamza seat and alef folded, ال dropped
    ("أَبُو مَهْدِي المُهَنْدِس", ["ابو", "مهدي", "مهندس"]),  # harakat dropped
    ("الله", ["له"]),                                   # both sides fold alike, that is enough
    ("ال", ["ال"]),                                     # a bare article stays
    ("مسؤول", ["مسوول"]),
])
def test_fold(text, words):
    assert fold(text) == words


def test_fold_is_the_linker_s_normalisation_split_into_words():
    for text in ("Kata'ib Hizballah", "Abu Mahdi al-Muhandis", "قاسم سلیمانی", "ـحشـد", "ŞEHİT"):
        assert fold(text) == normalize_name(text).split()


@pytest.mark.parametrize(("one", "other"), [
    ("hizballah", "hezbollah"), ("qais", "qays"), ("muhandis", "mohandes"),
    ("kataeb", "kataib"), ("suleimani", "soleimani"), ("khazaali", "khazali"),
    ("sayed", "sayyid"), ("moqtada", "muqtada"), ("qassem", "qasem"),
])
def test_transliterations_share_a_skeleton_and_a_shard(one, other):
    assert skeleton(one) == skeleton(other)
    assert shard_of(one) == shard_of(other)


def test_particles_are_dropped_unless_nothing_else_is_left():
    assert key_words(["abu", "ali", "al", "askari"]) == ["ali", "askari"]
    assert key_words(["al"]) == ["al"]
    assert {"al", "abu", "bin", "ibn", "the", "of", "ابو"} <= PARTICLES


@pytest.mark.parametrize(("name", "letters"), [
    ("Kataib Hezbollah", "kh"), ("Asaib Ahl al-Haq", "aah"), ("Popular Mobilisation Forces", "pmf"),
    ("Kataib Sayyid al-Shuhada", "kss"), ("Khazali", ""), ("كتائب حزب الله", ""),
])
def test_acronyms(name, letters):
    assert acronym(fold(name)) == letters


@pytest.mark.parametrize("limit", [search.SHARD_BYTES, 2_000])
def test_every_spelling_sits_in_the_shard_of_each_of_its_words(monkeypatch, limit):
    monkeypatch.setattr(search, "SHARD_BYTES", limit)  # small: shards split by a third letter
    catalogue = load_catalogue(CONTENT)
    files = name_index(catalogue)
    manifest = json.loads(files["assets/search/names/manifest.json"])
    keys = manifest_keys(manifest)
    assert keys == {Path(name).stem for name in files} - {"manifest"}
    assert all(size == len(files[f"assets/search/names/{shard_key(letters, len(letters))}.json"])
               for letters, size in manifest["shards"].items())
    assert limit > 5_000 or any(key.count("-") >= 2 for key in keys)
    for profile in catalogue.profiles:
        entry = entry_of(profile, catalogue)
        assert entry.title == profile.name and len(set(entry.names)) == len(entry.names)
        for shown, folded in entry.names:
            for word in key_words(folded.split()):
                if len(skeleton(word)) >= 2:
                    rows = json.loads(files[f"assets/search/names/{shard_for(word, keys)}.json"])
                    mine = [row for row in rows if row[0] == profile.url]
                    assert mine and shown in [s for s, _ in mine[0][4]], (profile.slug, word)


def test_the_name_index_is_the_same_bytes_every_time():
    catalogue = load_catalogue(CONTENT)
    assert name_index(catalogue) == name_index(load_catalogue(CONTENT))
