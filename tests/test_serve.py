"""`make serve`: a content edit shows up in the served page; a broken file keeps the last good site.

Starts the real preview server on a free port against a copy of the bundled content, edits a
profile, polls the page over HTTP, then breaks a file and checks the server keeps serving and
prints the problem as path:line.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
LEADER = "qais-al-khazali"
STARTUP_SECONDS = 120   # first build: generate and a whole MkDocs build on a slow shared machine
REBUILD_SECONDS = 60    # the brief's bound for an edit to show

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


class Server:
    def __init__(self, process: subprocess.Popen, log: Path, base: str) -> None:
        self.process, self.log, self.base = process, log, base

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, path: str, seconds: float, text: str | None = None) -> tuple[str, float]:
        """Poll until the page answers 200 (and contains text); return it and the wait."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            if self.process.poll() is not None:
                pytest.fail(f"the server exited ({self.process.returncode}):\n{self.output()}")
            status, body = fetch(self.base + path)
            if status == 200 and (text is None or text in body):
                return body, time.monotonic() - started
            time.sleep(0.5)
        pytest.fail(f"{path} did not show {text!r} within {seconds:.0f} s; "
                    f"server output:\n{self.output()[-4000:]}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "generator", "--content", str(content), "serve",
               "--out", str(tmp_path / "docs"), "--addr", f"127.0.0.1:{port}"]
    with log.open("wb") as sink:
        # its own process group: `serve` runs `mkdocs serve` as a child, and both must go
        process = subprocess.Popen(command, cwd=tmp_path, stdout=sink, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"},
                                   start_new_session=True)
    try:
        yield Server(process, log, f"http://127.0.0.1:{port}"), content
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)
        try:  # nothing of the group may outlive the test
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_edit_shows_and_broken_file_keeps_serving(server: tuple[Server, Path]) -> None:
    served, content = server
    page = f"/leaders/{LEADER}/"
    served.wait_for(page, STARTUP_SECONDS)

    # an edit to a profile's summary shows up in the served page
    marker = f"Preview marker {os.getpid()} zebra"
    profile = content / "leaders" / f"{LEADER}.md"
    text = profile.read_text(encoding="utf-8")
    assert "summary: >-\n  " in text
    profile.write_text(text.replace("summary: >-\n  ", f"summary: >-\n  {marker}. ", 1),
                       encoding="utf-8")
    _, seconds = served.wait_for(page, REBUILD_SECONDS, marker)
    print(f"profile edit visible after {seconds:.1f} s")

    # a YAML error: the server keeps serving the last good pages and prints path:line
    broken = content / "leaders" / "hadi-al-amiri.md"
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, "aliases: [unclosed, list\n")
    broken.write_text("".join(lines), encoding="utf-8")
    started = time.monotonic()
    pattern = re.compile(r"hadi-al-amiri\.md:\d+: YAML syntax error")
    while not pattern.search(served.output()):
        if time.monotonic() - started > REBUILD_SECONDS:
            pytest.fail(f"no path:line error within {REBUILD_SECONDS} s:\n"
                        f"{served.output()[-4000:]}")
        if served.process.poll() is not None:
            pytest.fail(f"the server died on a broken file:\n{served.output()[-4000:]}")
        time.sleep(0.5)
    time.sleep(2)  # let the rebuild that reported it finish
    assert served.process.poll() is None
    body, _ = served.wait_for(page, 10, marker)
    assert marker in body
    status, _ = fetch(served.base + "/leaders/hadi-al-amiri/")
    assert status == 200


def test_a_page_asked_for_right_after_a_save_shows_it(server: tuple[Server, Path]) -> None:
    """No waiting and no polling: the first request after each save already shows the edit,
    on the edited record's page and on the pages that list it."""
    served, content = server
    served.wait_for("/documents/", STARTUP_SECONDS)
    document = content / "documents" / "afp-2019-10-22-protest-deaths-inquiry.md"
    incident = content / "incidents" / "2019-10-01-tahrir-square-protest-shootings.yml"
    edits = [
        (document, "title: ", "title: Zebra headline ",
         ["/documents/afp-2019-10-22-protest-deaths-inquiry/", "/documents/by-year/2019/"]),
        (incident, "title: ", "title: Zebra incident ",
         ["/incidents/2019-10-01-tahrir-square-protest-shootings/", "/incidents/by-year/2019/",
          "/timeline/by-year/2019/"]),
    ]
    for path, old, new, pages in edits:
        for page in pages:   # viewed once before the edit, as a contributor would
            served.wait_for(page, 30)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        for page in pages:
            status, body = fetch(served.base + page)
            shown = new.removeprefix("title: ").strip()
            assert status == 200 and shown in body, f"{page} is stale after editing {path.name}"


def test_served_pages_are_the_built_site_s_pages(tmp_path: Path, bundled_site: Path) -> None:
    """The preview builds each page with MkDocs' own page functions: apart from its reload
    script, the HTML is what `make site` publishes."""
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "generator", "--content", str(ROOT / "content"), "serve",
               "--out", str(tmp_path / "docs"), "--addr", f"127.0.0.1:{port}"]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=tmp_path, stdout=sink, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    served = Server(process, log, f"http://127.0.0.1:{port}")
    try:
        for page in ["/", "/leaders/qais-al-khazali/", "/militias/kataib-hezbollah/",
                     "/documents/", "/claims/", "/timeline/", "/data/", "/about/sources/",
                     "/incidents/2019-10-01-tahrir-square-protest-shootings/"]:
            body, _ = served.wait_for(page, STARTUP_SECONDS)
            live = re.sub(r"<script>\(function\(\)\{function poll\(\).*?</script>", "", body)
            built = (bundled_site / page.strip("/") / "index.html").read_text(encoding="utf-8")
            # the preview has no Pagefind index (names are searched as on the site)
            built = re.sub(r'data-fulltext="[^"]*"', 'data-fulltext=""', built)
            assert live == built, f"{page} differs from the built site"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_an_open_page_reloads_itself_after_an_edit(server: tuple[Server, Path],
                                                  chromium_browser: Any) -> None:
    served, content = server
    page_path = f"/leaders/{LEADER}/"
    served.wait_for(page_path, STARTUP_SECONDS)
    tab = chromium_browser.new_page()
    try:
        tab.goto(served.base + page_path)
        marker = "Reloaded by itself zebra"
        profile = content / "leaders" / f"{LEADER}.md"
        text = profile.read_text(encoding="utf-8")
        profile.write_text(text.replace("summary: >-\n  ", f"summary: >-\n  {marker}. ", 1),
                           encoding="utf-8")
        tab.wait_for_function("text => document.body && document.body.innerText.includes(text)", arg=marker,
                              timeout=REBUILD_SECONDS * 1000)
        # a broken file: the open page shows the problem at path:line over the last good version
        profile.write_text(text.replace("---\n", "---\naliases: [unclosed\n", 1), encoding="utf-8")
        tab.wait_for_selector(".briefing-preview-problems", timeout=REBUILD_SECONDS * 1000)
        banner = tab.inner_text(".briefing-preview-problems")
        assert f"{LEADER}.md:" in banner and "YAML syntax error" in banner
        assert marker in tab.inner_text("body"), "the last good version stays on show"
    finally:
        tab.close()


def test_a_busy_address_is_said_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "generator", "--content", str(ROOT / "tests/fixtures/minimal"),
             "serve", "--out", str(tmp_path / "docs"), "--addr", f"127.0.0.1:{port}"],
            cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode != 0
    assert f"cannot serve on 127.0.0.1:{port}: Address already in use" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
