"""The visible pipeline: load → model → link → maps → data → feed → render → write → site."""

from __future__ import annotations

import calendar
import datetime as dt
import gc
import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from generator import progress
from generator.dossiers import existing_dossiers
from generator.engine import build as build_with_mkdocs
from generator.errors import BuildError, Problems
from generator.feed import FEED_FILE, build_feed
from generator.folders import MARKER, exclusive, guard, mark, recover, staging_of, swap_in
from generator.forked import Forked, in_shares
from generator.fulltext import run_pagefind
from generator.history import file_commits, load_history
from generator.incident_maps import start_maps
from generator.load import load_content
from generator.mentions import link_documents, suggestions
from generator.model import build_catalogue
from generator.open_data import build_data
from generator.records import Catalogue
from generator.render import READS_DATA, RenderContext, page_makers
from generator.search import fulltext_folders, name_index
from generator.settings import ROOT, Settings, read_settings
from generator.write import WriteReport, joined, safe_target, write_files, write_tree

log = logging.getLogger(__name__)
ASSETS = ROOT / "site_templates" / "assets"
T = TypeVar("T")


@dataclass
class BuildReport:
    """What a run did and how long each stage took (the benchmark reads these figures)."""

    seconds: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    files_written: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    site_dir: Path | None = None
    as_of: str = ""             # the content's newest date
    content_date: str = ""      # the date the pages say the content is as of (print footers)
    site_url: str | None = None
    search_bundles: list[str] = field(default_factory=list)  # Pagefind folders, asked in order

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        with progress.stage(name):
            yield
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    def timed(self, name: str, work: Callable[[], T]) -> T:
        with self.stage(name):
            return work()

    def summary(self) -> str:
        stages = ", ".join(f"{name} {secs:.2f}s" for name, secs in self.seconds.items())
        where = f" → {self.site_dir}" if self.site_dir else ""
        return (f"{self.pages} pages; {self.files_written} files written, "
                f"{self.files_unchanged} unchanged, {self.files_removed} removed{where} ({stages})")


def load_catalogue(content: Path, report: BuildReport | None = None) -> Catalogue:
    """Load and validate content, raising every problem together."""
    report = report or BuildReport()
    problems = Problems()
    records = report.timed("load", lambda: load_content(content, problems))
    return report.timed("model", lambda: build_catalogue(records, problems))


def suggest_names(content: Path) -> list[tuple[str, int]]:
    """Names in documents that match no profile, most frequent first."""
    return suggestions(load_catalogue(content))


def generate(content: Path, out: Path, report: BuildReport | None = None,
             settings: Settings | None = None) -> BuildReport:
    """Write the whole docs folder for MkDocs from the content folder (one writer at a time)."""
    guard(out, content, "docs")
    with exclusive(out):
        try:
            return _generate(content, out, report, settings)
        finally:
            gc.unfreeze()   # what _generate kept out of the collector's sight is its again


def _generate(content: Path, out: Path, report: BuildReport | None = None,
              settings: Settings | None = None) -> BuildReport:
    report = report or BuildReport()
    settings = settings or read_settings()
    catalogue = load_catalogue(content, report)
    history = report.timed("load", lambda: load_history(content))  # a git read is loading too
    gc.freeze()   # the records stay to the end: no collection need walk them again
    report.as_of = catalogue.newest_date()
    maps_made = start_maps(catalogue, settings.tiles_url)   # while the documents are linked
    links = report.timed("link", lambda: link_documents(catalogue))
    gc.freeze()   # so do the links
    data_stage = Forked(lambda: build_data(catalogue, links), "data")   # on another core
    map_set = report.timed("maps", maps_made)   # the wait, if the maps are not done
    feed = report.timed("feed", lambda: build_feed(
        catalogue, history, settings.site_name, settings.site_url,
        int(source_date_epoch(report.as_of))))
    dossiers = existing_dossiers(Path(settings.dossiers)) if settings.dossiers else {}
    context = RenderContext(catalogue, settings, links, map_set,
                            extras={"history": file_commits(history), "dossiers": set(dossiers)})
    makers = page_makers(context)
    pages = report.timed("render", lambda: render_and_write(
        makers, [page for page in makers if page not in READS_DATA], out))
    data = report.timed("data", data_stage.result)   # the wait, if the data stage is not done
    context.extras["data"] = data
    files = report.timed("render", lambda: {page: makers[page]().encode("utf-8")
                                            for page in READS_DATA if page in makers})
    report.pages = len(pages.kept) + len(files)
    files.update(map_set.files)
    files.update(data.files)
    files[FEED_FILE] = feed
    files.update(dossiers)
    report.site_url = settings.site_url
    report.content_date = settings.as_of or catalogue.newest_date()
    files.update(static_assets())
    files.update(name_index(catalogue))
    report.search_bundles = fulltext_folders(catalogue)
    files[MARKER] = b"written by the briefing generator; safe to delete\n"
    written = report.timed("write", lambda: write_tree(out, files, pages))
    report.files_written = len(written.written)
    report.files_unchanged = written.unchanged
    report.files_removed = len(written.removed)
    return report


def render_and_write(makers: dict[str, Callable[[], str]], pages: list[str], out: Path
                     ) -> WriteReport:
    """The pages' Markdown made and written into out by one worker a core, each writing what
    it makes as it goes (nothing crosses back but the names)."""
    for name in pages:
        safe_target(out, name)   # a name that would leave out stops the build before any write

    def share(names: Sequence[str]) -> WriteReport:
        return write_files(out, names, lambda name: makers[name]().encode("utf-8"))
    return joined(in_shares(pages, share, "render"))


def static_assets() -> dict[str, bytes]:
    """Our own CSS and JS from site_templates/assets, served by the site itself."""
    return {f"assets/{path.relative_to(ASSETS).as_posix()}": path.read_bytes()
            for path in sorted(ASSETS.rglob("*")) if path.is_file()}


def build_site(content: Path, out: Path, site_dir: Path, engine: str = "mkdocs",
               settings: Settings | None = None) -> BuildReport:
    """Generate, build into a temporary folder, and swap it in only if the build succeeded.

    The docs and site folders are locked for the whole build, so two builds at once take turns
    and never publish a mix of both."""
    guard(out, content, "docs")
    guard(site_dir, content, "site")
    with exclusive(out), exclusive(site_dir):
        recover(site_dir)
        # generated in a child: its working set is gone before MkDocs starts
        report = Forked(lambda: _generate(content, out, settings=settings), "generate").result()
        staging = staging_of(site_dir)
        shutil.rmtree(staging, ignore_errors=True)
        config = _config_for(out, staging, **published(report))
        try:
            # in a child too: what MkDocs held is gone before Pagefind's runs start
            report.timed("mkdocs", lambda: Forked(
                lambda: _run_engine(engine, config, report.as_of), "mkdocs").result())
            report.timed("pagefind", lambda: run_pagefind(staging))
            mark(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        swap_in(staging, site_dir)
    report.site_dir = site_dir
    return report


def serve(content: Path, out: Path, address: str) -> None:
    """Preview: each page built when a browser asks for it, from the content as it is now."""
    from generator.preview_server import Preview
    from generator.preview_server import serve as serve_preview
    docs = out.with_name("serve-docs") if out.name == "docs" else out  # never a build's folders
    site = docs.parent / "serve-site"
    guard(docs, content, "docs")
    guard(site, content, "site")
    for folder in (docs, site):   # MkDocs wants a docs folder; the pages stay in memory
        folder.mkdir(parents=True, exist_ok=True)
        mark(folder)
    # links to generated downloads are checked by `make site`, not page by page here
    config = _config_for(docs, site, name="mkdocs.serve.yml", strict=False,
                         validation={"links": {"not_found": "info"}})
    host, _, port = address.rpartition(":")
    serve_preview(lambda: Preview(content, read_settings(), config), host or "127.0.0.1",
                  int(port or 8000))


def published(report: BuildReport) -> dict[str, Any]:
    """What the built pages say about where and when: site_url (canonical links, sitemap.xml,
    a 404 page that works under a sub-path) when known, the content's date for print, and the
    Pagefind bundles the search box asks."""
    found: dict[str, Any] = {"extra": {"content_date": report.content_date,
                                       "search_bundles": " ".join(report.search_bundles)}}
    if report.site_url:
        found["site_url"] = report.site_url.rstrip("/") + "/"
    return found


def _config_for(docs: Path, site_dir: Path, name: str = "mkdocs.generated.yml",
                **overrides: object) -> Path:
    """A small config that inherits mkdocs.yml and points it at this docs and site folder."""
    config = docs.parent / name
    settings = {"INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(docs.resolve()),
                "site_dir": str(site_dir.resolve()),
                # INHERIT resolves relative paths from this file, so give the theme's absolutely
                "theme": {"custom_dir": str(ROOT / "site_templates" / "overrides")},
                **overrides}
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    return config


def _run_engine(engine: str, config: Path, as_of: str = "") -> None:
    epoch = {"SOURCE_DATE_EPOCH": source_date_epoch(as_of)}
    if engine == "zensical":
        return _run_zensical(config, {**os.environ, **epoch})
    return build_with_mkdocs(config, epoch)


def source_date_epoch(as_of: str) -> str:
    """The build's date for MkDocs (page dates, the gzip mtime of sitemap.xml.gz), so the same
    content builds to the same bytes on any day: SOURCE_DATE_EPOCH if set, else midnight UTC of
    the content's newest date (a partial date counts from its first day)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        return os.environ["SOURCE_DATE_EPOCH"].strip()
    year, month, day = (as_of.split("-") + ["1", "1"])[:3] if as_of else ("2000", "1", "1")
    return str(calendar.timegm(dt.date(int(year), int(month), int(day)).timetuple()))


def _run_zensical(config: Path, env: dict[str, str]) -> None:
    """Build with Zensical (Material's successor, which reads mkdocs.yml).

    Zensical wants docs_dir and site_dir inside the folder of its config file and given relative
    to it, so it gets a fully merged config next to the docs folder, builds into a folder beside
    it, and the result is moved to the site folder MkDocs would have used.
    """
    if importlib.util.find_spec("zensical") is None:
        raise BuildError("zensical is not installed: run `make site ENGINE=zensical`, or "
                         "`.venv/bin/pip install -e '.[zensical]'`")
    ours = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings = _merged(yaml.safe_load(Path(ours.pop("INHERIT")).read_text(encoding="utf-8")), ours)
    docs, target = Path(settings["docs_dir"]), Path(settings["site_dir"])
    work = config.parent.resolve()
    built = work / ".zensical-site"
    shutil.rmtree(built, ignore_errors=True)
    settings.update(docs_dir=docs.resolve().relative_to(work).as_posix(), site_dir=built.name)
    for key in ("hooks", "watch"):  # MkDocs-only, serve only
        settings.pop(key, None)
    merged = work / "zensical.generated.yml"
    merged.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    command = [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "-f", str(merged)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=work,
                            env=env)
    if result.returncode != 0 or not (built / "index.html").is_file():
        shutil.rmtree(built, ignore_errors=True)
        output = (result.stderr + result.stdout).strip()
        raise BuildError(f"zensical build failed; the previous site was left in place:\n{output}")
    shutil.rmtree(target, ignore_errors=True)
    shutil.move(built, target)


def _merged(parent: dict, child: dict) -> dict:
    """MkDocs' INHERIT rule: mappings merge key by key, anything else in the child wins."""
    result = dict(parent)
    for key, value in child.items():
        both = isinstance(value, dict) and isinstance(result.get(key), dict)
        result[key] = _merged(result[key], value) if both else value
    return result
