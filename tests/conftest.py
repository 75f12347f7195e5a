"""Shared fixtures: tiny content trees written inline, and the bundled site built once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import build_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MakeTree = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture
def make_tree(tmp_path: Path) -> MakeTree:
    """Write {relative path: text} under tmp_path/content and return that folder."""
    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "content"
        for name, data in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        root.mkdir(exist_ok=True)
        return root
    return make


@pytest.fixture
def minimal_tree(tmp_path: Path) -> Path:
    """A copy of the minimal fixture content, safe to modify."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content/ built once into a temporary site folder."""
    work = tmp_path_factory.mktemp("bundled")
    build_site(ROOT / "content", work / "docs", work / "site")
    return work / "site"


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("minimal")
    build_site(FIXTURES / "minimal", work / "docs", work / "site")
    return work / "site"
