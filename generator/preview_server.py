"""Live preview, server side (`make serve`): MkDocs kept loaded, each page built when asked for.

Before it answers for a page the server takes in every edit saved so far (a stat of each content
file), so a page requested after a save always shows it; open pages reload themselves as soon as
a file changes (watchdog). A change to a template or mkdocs.yml reloads MkDocs, a change to the
generator's code restarts the process, and broken content keeps the last good version on show
under a banner that lists the problems.
"""

from __future__ import annotations

import gc
import html
import json
import logging
import mimetypes
import os
import py_compile
import re
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.errors import BuildError
from generator.preview import Version, WarmGenerator, tree_signature
from generator.settings import ROOT, Settings

log = logging.getLogger(__name__)
GENERATOR = ROOT / "generator"
THEME = (ROOT / "mkdocs.yml", ROOT / "site_templates", ROOT / "CONTRIBUTING.md")
CHANGES = "/.preview/changes"   # long-polled by every served page
WAIT_SECONDS = 25
IDLE_SECONDS = 10


def say(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", flush=True)


class MkDocsPages:
    """MkDocs and its theme, loaded once: one page's HTML from its Markdown, on demand."""

    def __init__(self, config_file: Path) -> None:
        config = load_config(str(config_file))
        self.config = config.plugins.on_config(config)
        self.env = self.config.theme.get_env()
        self.paths: frozenset[str] = frozenset()
        self.files = Files([])
        self.by_url: dict[str, File] = {}

    def arrange(self, paths: frozenset[str]) -> None:
        """Files and navigation for this set of generated files (redone only when it changes)."""
        config = self.config
        files = Files([File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
                       for path in sorted(paths)])
        files.add_files_from_theme(self.env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        self.nav = config.plugins.on_nav(get_navigation(files, config), config=config,
                                         files=files)
        self.env = config.plugins.on_env(self.env, config=config, files=files)
        self.files, self.paths = files, paths
        self.doc_files = files.documentation_pages()
        self.by_url = {}
        for file in files:
            self.by_url["/" + file.url.removeprefix("./")] = file
            if file.is_documentation_page():
                self.by_url["/" + file.dest_uri] = file   # .../index.html

    def html(self, file: File, markdown: str, content_date: str) -> bytes:
        """The page as `mkdocs build` writes it, built with MkDocs' own page functions."""
        self.config.extra["content_date"] = content_date
        file.content_string = markdown
        page = file.page or Page(None, file, self.config)
        _populate_page(page, self.config, self.files)
        _build_page(page, self.config, self.doc_files, self.nav, self.env)
        return Path(file.abs_dest_path).read_bytes()


class Preview:
    """What the server serves: the newest version of the content, as HTML on demand."""

    def __init__(self, content: Path, settings: Settings, config_file: Path) -> None:
        self.config_file = config_file
        self.generator = WarmGenerator(content, settings)
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.theme = tree_signature(*THEME)
        self.code = tree_signature(GENERATOR)
        self.mkdocs = MkDocsPages(config_file)
        self.pages: dict[str, bytes] = {}   # url -> HTML, of the current version
        self.shown_problems: list[Any] = []
        started = time.perf_counter()
        self.catch_up()
        if self.generator.current is None:
            say("the content has problems; the preview starts once they are fixed")
        else:
            say(f"{len(self.version.pages)} pages ready to preview "
                f"({time.perf_counter() - started:.1f} s)")

    @property
    def version(self) -> Version:
        assert self.generator.current is not None
        return self.generator.current

    @property
    def number(self) -> int:
        return self.generator.current.number if self.generator.current else 0

    def catch_up(self) -> None:
        """Take in every edit saved so far (before any page is served, and on every change)."""
        with self.lock:
            code = tree_signature(GENERATOR)
            if code != self.code:
                self.code = code
                restart()
            theme = tree_signature(*THEME)
            theme_changed = theme != self.theme
            if theme_changed:
                self.theme = theme
                self.mkdocs = MkDocsPages(self.config_file)
                say("a template or mkdocs.yml changed: MkDocs reloaded, every page is built "
                    "again as it is viewed")
            started = time.perf_counter()
            before = self.number
            made = self.generator.refresh(force=theme_changed)
            self._report_problems()
            if made:
                paths = self.version.paths
                if paths != self.mkdocs.paths or theme_changed:
                    self.mkdocs.arrange(paths)
                self.pages = {}
                if before:
                    say(f"content changed: version {self.number}, pages are made again as they "
                        f"are viewed ({time.perf_counter() - started:.2f} s)")
                self.changed.notify_all()
            elif theme_changed:
                self.pages = {}
                self.changed.notify_all()

    def _report_problems(self) -> None:
        problems = self.generator.problems
        if problems == self.shown_problems:
            return
        self.shown_problems = problems
        for problem in problems:
            say(str(problem))
        if problems:
            say(f"{len(problems)} problem(s): showing the last good version until they are fixed")
            self.changed.notify_all()   # open pages reload to show the banner
        else:
            say("the content is valid again")

    def respond(self, url: str) -> tuple[int, str, bytes]:
        """(status, content type, body) for a URL path."""
        if url.endswith("/") or url.endswith(".html"):
            self.catch_up()
        with self.lock:
            if self.generator.current is None:
                return self._problems_page()
            file = self.mkdocs.by_url.get(url)
            if file is not None and file.is_documentation_page():
                return 200, "text/html; charset=utf-8", self._page(url, file)
            path = url.lstrip("/")
            if ("/" + path + "/") in self.mkdocs.by_url:
                return 301, "/" + path + "/", b""
            body = self.version.file(path)
            if body is None and file is not None:
                body = file.content_bytes   # the theme's own CSS and JavaScript
            if body is None:
                return 404, "text/plain; charset=utf-8", f"not found: {url}\n".encode()
            return 200, content_type(path), body

    def _page(self, url: str, file: File) -> bytes:
        key = file.url
        if key not in self.pages:
            markdown = self.version.file(file.src_uri) or b""
            built = self.mkdocs.html(file, markdown.decode("utf-8"), self.version.content_date)
            self.pages[key] = built
        return self._live(self.pages[key])

    def _live(self, page: bytes) -> bytes:
        """The page with the reload script and, while the content is broken, the problems."""
        text = page.decode("utf-8")
        problems = self.generator.problems
        state = f"since={self.number}&problems={len(problems)}"
        script = (f"<script>(function(){{function poll(){{fetch('{CHANGES}?{state}',"
                  f"{{cache:'no-store'}}).then(function(r){{return r.json()}}).then(function(d)"
                  f"{{if(d.version!=={self.number}||d.problems!=={len(problems)}){{location.reload()"
                  f"}}else{{poll()}}}},function(){{setTimeout(poll,1000)}})}}poll()}})();</script>")
        text = text.replace("</body>", script + "</body>", 1)
        if problems:
            banner = ("<div class=\"briefing-preview-problems\" role=\"alert\" style=\"background:"
                      "#b71c1c;color:#fff;padding:.6em 1em;font:14px/1.4 monospace\"><strong>The "
                      "content has problems: this is the last good version.</strong><br>"
                      + "<br>".join(html.escape(str(p)) for p in problems) + "</div>")
            text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, text, count=1)
        return text.encode("utf-8")

    def _problems_page(self) -> tuple[int, str, bytes]:
        lines = "\n".join(html.escape(str(p)) for p in self.generator.problems)
        body = (f"<!doctype html><title>Content has problems</title><h1>The content has "
                f"problems</h1><pre>{lines}</pre><script>setTimeout(function(){{location.reload()"
                f"}},2000)</script>")
        return 503, "text/html; charset=utf-8", body.encode("utf-8")

    def wait(self, since: int, problems: int) -> dict[str, Any]:
        """Block until the version or the problems differ from what the page shows (or a while
        has passed)."""
        def state() -> tuple[int, int]:
            return self.number, len(self.generator.problems)
        with self.changed:
            self.changed.wait_for(lambda: state() != (since, problems), timeout=WAIT_SECONDS)
            number, count = state()
            return {"version": number, "problems": count}


def content_type(path: str) -> str:
    if path.endswith(".md"):
        return "text/markdown; charset=utf-8"
    guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return guessed + ("; charset=utf-8" if guessed.startswith("text/") or guessed.endswith(
        ("json", "javascript", "xml")) else "")


def restart() -> None:
    """The generator's code changed: start again with it, unless it does not compile."""
    for path in sorted(GENERATOR.rglob("*.py")):
        try:
            py_compile.compile(str(path), doraise=True, cfile=os.devnull)
        except py_compile.PyCompileError as error:
            say(f"generator code does not compile, not restarting: {error.msg.strip()}")
            return
    say("generator code changed: restarting the preview")
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        preview = self.server.preview
        if preview is None:
            return self._send(503, "text/plain; charset=utf-8", b"the preview is starting\n")
        if parts.path == CHANGES:
            query = parse_qs(parts.query)
            since, problems = (query.get(key, ["0"])[0] for key in ("since", "problems"))
            answer = preview.wait(int(since) if since.isdigit() else 0,
                                              int(problems) if problems.isdigit() else 0)
            return self._send(200, "application/json", json_bytes(answer))
        status, kind, body = preview.respond(unquote(parts.path))
        if status == 301:
            self.send_response(status)
            self.send_header("Location", kind)
            self.end_headers()
            return None
        return self._send(status, kind, body)

    def _send(self, status: int, kind: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def json_bytes(value: Any) -> bytes:
    return json.dumps(value).encode("utf-8")


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview: Preview | None) -> None:
        super().__init__(address, Handler)
        self.preview = preview   # set once the content is loaded


class OnChange(FileSystemEventHandler):
    """Any change under a watched folder: take it in now, so open pages reload."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.pending = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("opened", "closed_no_write"):
            self.pending.set()

    def _run(self) -> None:
        collected = True
        while True:
            if not self.pending.wait(timeout=IDLE_SECONDS):
                if not collected:   # quiet for a while: free the old versions' cycles now
                    with self.preview.lock:
                        gc.collect()
                    collected = True
                continue
            time.sleep(0.05)   # an editor's save is often several events
            self.pending.clear()
            collected = False
            try:
                self.preview.catch_up()
            except Exception as error:  # noqa: BLE001 - the server must outlive a bad build
                say(f"preview error: {type(error).__name__}: {error}")


def serve(start: Callable[[], Preview], host: str, port: int) -> None:
    """Take the address first (a busy port is said at once), then load the content and serve."""
    try:
        server = PreviewServer((host, port), None)
    except OSError as error:
        raise BuildError(f"cannot serve on {host}:{port}: {error.strerror}; choose another "
                         f"address, e.g. make serve ADDR={host}:{port + 1}") from error
    try:
        server.preview = preview = start()
        # With a large briefing in memory a full collection walks millions of objects: never in
        # the middle of an edit or a page, but when the preview has been quiet for IDLE_SECONDS
        gc.disable()
        observer = Observer()
        handler = OnChange(preview)
        for folder in (preview.generator.content, ROOT / "site_templates", GENERATOR):
            observer.schedule(handler, str(folder), recursive=True)
        observer.schedule(handler, str(ROOT), recursive=False)   # mkdocs.yml, CONTRIBUTING.md
        observer.start()
        say(f"serving on http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        finally:
            observer.stop()
    finally:
        server.server_close()
