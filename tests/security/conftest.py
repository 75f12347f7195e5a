"""Fixtures for the security tests: the hostile site, and Chromium behind tests/browser's network guard."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import pytest
from hostile import Planter, write_hostile_tree

from generator.pipeline import build_site

HERE = Path(__file__).resolve().parent
T = TypeVar("T")


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Planter]:
    """(site folder, planter) for the hostile tree, built once per session."""
    work = tmp_path_factory.mktemp("hostile")
    planter = write_hostile_tree(work / "content")
    build_site(work / "content", work / "docs", work / "site")
    return work / "site", planter


def _browser_conftest() -> ModuleType:
    """tests/browser/conftest.py: its Chromium settings, network guard and static server."""
    spec = importlib.util.spec_from_file_location(
        "_browser_conftest", HERE.parent / "browser" / "conftest.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


_browser = _browser_conftest()
static_server = _browser.static_server


class BrowserThread:
    """Headless Chromium driven from a thread of its own.

    Playwright's sync API runs once per thread, and tests/browser keeps its Chromium open for the
    whole session, so these tests drive a second one from a worker thread: ``run(work)`` calls
    ``work(page)`` there with a fresh page behind the same network guard as tests/browser's
    ``page`` fixture, plus ``page.dialogs``, and returns its result or raises its exception.
    """

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.pool.submit(self._start).result()

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(
            executable_path=str(_browser.CHROMIUM), args=_browser.CHROMIUM_ARGS)

    def run(self, work: Callable[[Any], T]) -> T:
        return self.pool.submit(self._with_page, work).result()

    def _with_page(self, work: Callable[[Any], T]) -> T:
        context = self.browser.new_context(service_workers="block")
        try:
            return work(_guarded_page(context))
        finally:
            context.close()

    def close(self) -> None:
        self.pool.submit(lambda: (self.browser.close(), self.playwright.stop())).result()
        self.pool.shutdown()


def _guarded_page(context: Any) -> Any:
    """A page whose requests off the loopback are aborted and recorded, errors and dialogs kept."""
    page = context.new_page()
    page.blocked_requests, page.page_errors, page.dialogs = [], [], []

    def route(route: Any) -> None:
        if _browser._is_local(route.request.url):
            route.continue_()
        else:
            page.blocked_requests.append(route.request.url)
            route.abort()

    def dialog(dialog: Any) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    context.route("**/*", route)
    page.on("pageerror", lambda error: page.page_errors.append(str(error)))
    page.on("dialog", dialog)
    return page


@pytest.fixture(scope="module")
def browse() -> Iterator[Callable[[Callable[[Any], T]], T]]:
    """``browse(work)``: run ``work(page)`` in headless Chromium with the network cut off."""
    if not _browser.CHROMIUM.exists():
        pytest.skip(f"{_browser.CHROMIUM} is missing: install Debian's chromium to run browser tests")
    pytest.importorskip("playwright.sync_api")
    browser = BrowserThread()
    yield browser.run
    browser.close()
