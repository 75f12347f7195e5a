"""Fixtures for the security tests: the hostile site (Chromium comes from tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import Planter, write_hostile_tree

from generator.pipeline import build_site

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Planter]:
    """(site folder, planter) for the hostile tree, built once per session."""
    work = tmp_path_factory.mktemp("hostile")
    planter = write_hostile_tree(work / "content")
    build_site(work / "content", work / "docs", work / "site")
    return work / "site", planter
