"""The docs keep up: every make target and every content field is documented somewhere a
newcomer reads (README, CONTRIBUTING, docs/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.model import RULES

ROOT = Path(__file__).resolve().parent.parent
DOCS = "\n".join(path.read_text("utf-8") for path in
                 [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))])
TARGETS = re.findall(r"^([a-z-]+):.*## ", (ROOT / "Makefile").read_text("utf-8"), re.MULTILINE)


@pytest.mark.parametrize("target", TARGETS)
def test_every_make_target_is_documented(target):
    assert f"make {target}" in DOCS


@pytest.mark.parametrize(("kind", "field"),
                         [(kind, field) for kind, rules in RULES.items() for field in rules])
def test_every_content_field_is_documented(kind, field):
    assert re.search(rf"^\s*-?\s*{re.escape(field)}:", (ROOT / "CONTRIBUTING.md").read_text("utf-8"),
                     re.MULTILINE), f"{kind}.{field}"
