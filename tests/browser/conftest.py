"""Shared fixtures for headless-Chromium tests (marked ``@pytest.mark.browser``).

* ``static_server(root) -> base_url`` serves a folder over HTTP on 127.0.0.1.
* ``page`` is a Playwright page with the network cut off: every request to a
  host other than 127.0.0.1/localhost is aborted and recorded in
  ``page.blocked_requests``; uncaught page errors go to ``page.page_errors`` and
  console errors to ``page.console_errors``.  Tests should assert all three empty.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: runs in headless Chromium (needs /usr/bin/chromium)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def static_server() -> Iterator[Callable[[Path], str]]:
    """Call with a folder; returns its base URL ("http://127.0.0.1:PORT/"). Stopped after the test."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(root: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS


@pytest.fixture
def page(chromium_browser: object) -> Iterator[object]:
    """A fresh page; non-local requests are aborted and recorded."""
    context = chromium_browser.new_context(service_workers="block")  # type: ignore[attr-defined]
    blocked: list[str] = []
    page_errors: list[str] = []
    console_errors: list[str] = []

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if _is_local(url):
            route.continue_()  # type: ignore[attr-defined]
        else:
            blocked.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    new_page = context.new_page()
    new_page.on("pageerror", lambda error: page_errors.append(str(error)))
    new_page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    new_page.blocked_requests = blocked
    new_page.page_errors = page_errors
    new_page.console_errors = console_errors
    yield new_page
    context.close()
