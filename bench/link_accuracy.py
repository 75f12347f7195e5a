"""Accuracy and speed of the entity linker on the labelled cases.

    .venv/bin/python bench/link_accuracy.py

Prints precision and recall over (case, slug) pairs and over mentions
(case, surface text, slug; counted once per occurrence), the errors behind
them, and throughput in MB/s on a larger text made by repeating the cases.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.link import Entity, Linker  # noqa: E402

LINKING = ROOT / "tests" / "linking"


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    slugs: frozenset[str]
    mentions: tuple[tuple[str, str], ...]  # (surface text, slug), once per occurrence


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    errors: tuple[str, ...]


def _entity(kind: str, profile: dict) -> Entity:
    names = [profile["name"], profile.get("arabic"), *profile.get("aliases", [])]
    return Entity(
        profile["slug"], kind, tuple(n for n in names if n), tuple(profile.get("short_names", []))
    )


def load_entities(path: Path = LINKING / "entities.yml") -> tuple[list[Entity], list[str]]:
    """The fixture profiles as entities, and its blockers."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entities = [_entity("militia", p) for p in data["militias"]]
    entities += [_entity("leader", p) for p in data["leaders"]]
    return entities, list(data.get("blockers", []))


def load_cases(
    folder: Path = LINKING / "cases", expected: Path = LINKING / "expected.yml"
) -> list[Case]:
    labels = yaml.safe_load(expected.read_text(encoding="utf-8"))
    cases = []
    for path in sorted(folder.glob("*.md")):
        label = labels[path.name]
        mentions = tuple((text, slug) for text, slug in label.get("mentions", []))
        cases.append(
            Case(path.name, path.read_text(encoding="utf-8"), frozenset(label["slugs"]), mentions)
        )
    return cases


def _score(predicted: Counter, gold: Counter) -> Score:
    hits = sum((predicted & gold).values())
    wrong = [f"unexpected {key}" for key in sorted(predicted - gold)]
    missed = [f"missed {key}" for key in sorted(gold - predicted)]
    precision = hits / sum(predicted.values()) if predicted else 1.0
    recall = hits / sum(gold.values()) if gold else 1.0
    return Score(precision, recall, tuple(wrong + missed))


def evaluate(linker: Linker, cases: list[Case]) -> tuple[Score, Score]:
    """Document-level (case, slug) and mention-level (case, text, slug) scores."""
    docs_found, docs_gold = Counter(), Counter()
    found, gold = Counter(), Counter()
    for case in cases:
        mentions = linker.find(case.text)
        docs_found.update({(case.name, m.slug) for m in mentions})
        docs_gold.update((case.name, slug) for slug in case.slugs)
        found.update((case.name, m.text, m.slug) for m in mentions)
        gold.update((case.name, text, slug) for text, slug in case.mentions)
    return _score(docs_found, docs_gold), _score(found, gold)


def throughput(linker: Linker, cases: list[Case], megabytes: float = 4.0) -> float:
    """MB/s of UTF-8 text linked, on the cases repeated to about `megabytes`."""
    unit = "\n\n".join(case.text for case in cases)
    copies = max(1, int(megabytes * 1e6 / len(unit.encode("utf-8"))))
    text = "\n\n".join([unit] * copies)
    began = time.perf_counter()
    linker.find(text)
    elapsed = time.perf_counter() - began
    return len(text.encode("utf-8")) / 1e6 / elapsed


def main() -> None:
    entities, blockers = load_entities()
    began = time.perf_counter()
    linker = Linker(entities, blockers)
    built = time.perf_counter() - began
    cases = load_cases()
    documents, mentions = evaluate(linker, cases)
    print(f"cases: {len(cases)}  entities: {len(entities)}  blockers: {len(blockers)}")
    print(f"automaton build: {built * 1000:.1f} ms")
    for label, score in (
        ("documents (case, slug)", documents),
        ("mentions (case, text, slug)", mentions),
    ):
        print(f"{label}: precision {score.precision:.3f}  recall {score.recall:.3f}")
    for error in documents.errors + mentions.errors:
        print(f"  {error}")
    print(f"throughput: {throughput(linker, cases):.2f} MB/s")


if __name__ == "__main__":
    main()
