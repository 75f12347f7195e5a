from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from generator.link import Linker

BENCH = Path(__file__).resolve().parent.parent / "bench" / "link_accuracy.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("link_accuracy", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


bench = load_bench()


@pytest.fixture(scope="module")
def scores():
    entities, blockers = bench.load_entities()
    return bench.evaluate(Linker(entities, blockers), bench.load_cases())


def test_every_case_is_labelled() -> None:
    assert len(bench.load_cases()) >= 25


def test_document_links_are_precise_and_complete(scores) -> None:
    documents, _ = scores
    assert documents.precision >= 0.95, documents.errors
    assert documents.recall >= 0.95, documents.errors


def test_mentions_are_precise_and_complete(scores) -> None:
    _, mentions = scores
    assert mentions.precision >= 0.95, mentions.errors
    assert mentions.recall >= 0.95, mentions.errors
