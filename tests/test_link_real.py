"""The linker on real articles (tests/linking/real/, labelled by someone who never read the
aliases), linked with the bundled content's profiles, headline included. Only the development
part (01-183) is asserted; the held-out part (184 on) is measured by `make bench`. Each earlier
held-out set (35-48, 49-69, 70-96, 97-124, 125-152, 153-183) joined the development part once
measured."""

from __future__ import annotations

import pytest
from test_link_accuracy import bench


@pytest.fixture(scope="module")
def development():
    return bench.evaluate_real(bench.content_linker(), bench.load_real())


def test_the_development_part_is_the_first_183_texts() -> None:
    names = [case.name for case in bench.load_real()]
    assert len(names) == 183 and names[-1].startswith("183-")
    assert all(case.held_out for case in bench.load_real(held_out=True))


def test_documents_link_the_profiles_a_reader_sees(development) -> None:
    assert development.doc_precision >= 0.99, development.errors
    assert development.doc_recall >= 0.98, development.errors


def test_no_mention_is_linked_to_the_wrong_person(development) -> None:
    assert development.wrong_person == ()
    bad = development.wrong_group + development.not_a_profile
    assert development.mention_precision >= 0.99, bad


def test_the_measure_can_fail() -> None:
    """A linker that knows no names misses every profile; one that links a wrong one is caught."""
    from generator.link import Entity, Linker
    empty = bench.evaluate_real(Linker([]), bench.load_real())
    assert empty.doc_recall == 0.0
    swapped = Linker([Entity("laith-al-khazali", "leader", ("Qais al-Khazali",))])
    score = bench.evaluate_real(swapped, bench.load_real())
    assert any("'Qais al-Khazali' -> laith-al-khazali" in w for w in score.wrong_person)
