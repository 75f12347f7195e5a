"""The docs keep up: every make target and every content field is documented somewhere a
newcomer reads (README, CONTRIBUTING, docs/), and the field reference is the schema's own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.field_reference import field_reference
from generator.records import RECORDS, specs

ROOT = Path(__file__).resolve().parent.parent
DOCS = "\n".join(path.read_text("utf-8") for path in
                 [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))])
TARGETS = re.findall(r"^([a-z-]+):.*## ", (ROOT / "Makefile").read_text("utf-8"), re.MULTILINE)


@pytest.mark.parametrize("target", TARGETS)
def test_every_make_target_is_documented(target):
    assert f"make {target}" in DOCS


def test_the_field_reference_is_written_from_the_schema():
    written = (ROOT / "docs" / "fields.md").read_text("utf-8")
    assert written == field_reference(), "docs/fields.md is stale: run `make fields`"


@pytest.mark.parametrize(("kind", "key"), [(kind, key) for kind, cls in RECORDS.items()
                                           for key in specs(cls)])
def test_every_content_field_is_in_the_field_reference(kind, key):
    assert f"| `{key}` |" in (ROOT / "docs" / "fields.md").read_text("utf-8"), f"{kind}.{key}"
