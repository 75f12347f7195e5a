"""Shared fixtures: tiny content trees written inline, and the bundled site built once."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

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
    """The bundled content/ built once into a temporary site folder, its full-text index made
    100 pages at a time and merged, as a briefing of thousands of pages is."""
    work = tmp_path_factory.mktemp("bundled")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_PAGEFIND_SHARD", "100")
        build_site(ROOT / "content", work / "docs", work / "site")
    return work / "site"


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("minimal")
    build_site(FIXTURES / "minimal", work / "docs", work / "site")
    return work / "site"


# --- headless Chromium (tests marked browser), shared by every test group --------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
T = TypeVar("T")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _SiteServer(http.server.ThreadingHTTPServer):
    """Chromium opens several connections at once; the stock queue of 5 can drop one on a busy
    machine, and a dropped connect is retried only after seconds."""
    request_queue_size = 128
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a page navigated away mid-download (a broken pipe): nothing for a test to see


@pytest.fixture
def static_server() -> Iterator[Callable[[Path], str]]:
    """Call with a folder; returns its base URL on 127.0.0.1. Stopped after the test."""
    servers: list[_SiteServer] = []

    def start(root: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(root))
        server = _SiteServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get "
                    f"install chromium); the browser tests never skip")
    try:
        import playwright.sync_api as sync_api
    except ImportError:
        pytest.fail("playwright is missing: `make test` installs it from pyproject.toml")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


def wait_until_quiet(page: Any) -> None:
    """Wait till nothing has been fetched for half a second; if that never comes, say what the
    page was still waiting for."""
    try:
        page.wait_for_load_state("networkidle", timeout=60_000)
    except Exception as error:
        pending = sorted(request.url for request in page.in_flight)
        raise AssertionError(f"{page.url} never went quiet; still in flight: {pending}") from error


def guarded_page(context: Any) -> Any:
    """A page whose requests off the loopback are aborted and recorded in page.blocked_requests;
    page errors, console errors and dialogs (dismissed) are kept for the test to assert on."""
    page = context.new_page()
    page.blocked_requests, page.page_errors, page.console_errors, page.dialogs = [], [], [], []
    page.in_flight = set()
    page.on("request", lambda request: page.in_flight.add(request))
    page.on("requestfinished", lambda request: page.in_flight.discard(request))
    page.on("requestfailed", lambda request: page.in_flight.discard(request))

    def route(route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            page.blocked_requests.append(route.request.url)
            route.abort()

    def dialog(dialog: Any) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    context.route("**/*", route)
    page.on("pageerror", lambda error: page.page_errors.append(str(error)))
    page.on("console", lambda msg: page.console_errors.append(msg.text)
            if msg.type == "error" else None)
    page.on("dialog", dialog)
    return page


@pytest.fixture
def page(chromium_browser: Any) -> Iterator[Any]:
    """A fresh page in headless Chromium with the network cut off."""
    context = chromium_browser.new_context(service_workers="block")
    yield guarded_page(context)
    context.close()


@pytest.fixture(scope="module")
def browse(chromium_browser: Any) -> Callable[[Callable[[Any], T]], T]:
    """browse(work): run work(page) on a fresh guarded page and return its result."""
    def run(work: Callable[[Any], T]) -> T:
        context = chromium_browser.new_context(service_workers="block")
        try:
            return work(guarded_page(context))
        finally:
            context.close()
    return run
