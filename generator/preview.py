"""Live preview, generator side: the pipeline kept warm, making each file only when asked for.

An edit re-reads only the files it touched (FileCache), re-validates from the records already
read (RecordMemo), relinks only the documents whose text changed (LinkMemo), and plans the
pages again without rendering any: a page is rendered when the preview server asks for it, from
the newest content, so no page made before an edit is ever served after it.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.dossiers import existing_dossiers
from generator.errors import ContentError, Problem, Problems
from generator.feed import FEED_FILE, build_feed
from generator.forked import paused_collector
from generator.history import file_commits, load_history
from generator.incident_maps import plan_maps
from generator.load import FileCache, load_content
from generator.mentions import LinkMemo, link_documents
from generator.model import RecordMemo, build_catalogue
from generator.open_data import build_data, data_paths
from generator.pipeline import source_date_epoch, static_assets
from generator.render import RenderContext, page_makers
from generator.search import name_index
from generator.settings import Settings

log = logging.getLogger(__name__)
Maker = Callable[[], bytes]


Signature = dict[str, tuple[int, int]]


def tree_signature(*roots: Path) -> Signature:
    """{path: (mtime, size)} of every file under the roots: any save, new file or deletion
    changes it (cheap enough to take on every page request: one stat a file)."""
    found: Signature = {}
    for root in roots:
        if root.is_file():
            status = root.stat()
            found[str(root)] = (status.st_mtime_ns, status.st_size)
            continue
        stack = [str(root)] if root.is_dir() else []
        while stack:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    else:
                        status = entry.stat()
                        found[entry.path] = (status.st_mtime_ns, status.st_size)
    return found


@dataclass
class Version:
    """One consistent state of the site: which files exist, and how to make each."""

    number: int
    content_date: str = ""   # what print footers say the content is as of
    makers: dict[str, Maker] = field(default_factory=dict)   # docs-relative path -> maker
    bundles: list[Callable[[], dict[str, bytes]]] = field(default_factory=list)  # made together
    listed: set[str] = field(default_factory=set)  # bundled files that pages link to
    made: dict[str, bytes] = field(default_factory=dict)

    @property
    def paths(self) -> frozenset[str]:
        """The files known before any bundle is made: what MkDocs resolves links against."""
        return frozenset(self.makers) | self.listed

    @property
    def pages(self) -> list[str]:
        return sorted(path for path in self.makers if path.endswith(".md"))

    def file(self, path: str) -> bytes | None:
        """A generated file's bytes, made on first request; None if the site has no such file."""
        if path in self.made:
            return self.made[path]
        if path in self.makers:
            self.made[path] = self.makers[path]()
            return self.made[path]
        while self.bundles and path not in self.made:
            self.made.update(self.bundles.pop(0)())
        return self.made.get(path)

    def everything(self) -> dict[str, bytes]:
        """Every file, as a full generate would write it (the tests compare the two)."""
        for path in list(self.makers):
            self.file(path)
        while self.bundles:
            self.made.update(self.bundles.pop(0)())
        return dict(self.made)


class WarmGenerator:
    """The generator, kept loaded between edits of one content folder."""

    def __init__(self, content: Path, settings: Settings) -> None:
        self.content = content
        self.settings = settings
        self.files = FileCache()
        self.records = RecordMemo()
        self.links = LinkMemo()
        self.signature: Signature | None = None
        self.current: Version | None = None
        self.problems: list[Problem] = []   # of the newest attempt; [] when it succeeded

    def refresh(self, force: bool = False) -> bool:
        """Re-read the content if any file changed since the last look. True when a new
        version was made; on broken content the last good version stays and `problems` says
        what is wrong."""
        signature = tree_signature(self.content)
        if signature == self.signature and not force:
            return False
        self.signature = self.files.signatures = signature
        started = time.perf_counter()
        try:
            with paused_collector():
                version = self._make_version((self.current.number + 1) if self.current else 1)
        except ContentError as error:
            self.problems = error.problems
            return False
        if self.current is None:
            gc.freeze()  # the first version's records stay for good: never scan them again
        self.problems = []
        self.current = version
        log.debug("version %d planned in %.2f s", version.number, time.perf_counter() - started)
        return True

    def _make_version(self, number: int) -> Version:
        problems = Problems()
        records = load_content(self.content, problems, self.files)
        catalogue = build_catalogue(records, problems, self.records)
        self.records.keep_only(records)
        links = link_documents(catalogue, memo=self.links)
        settings = self.settings
        map_set = plan_maps(catalogue, settings.tiles_url)
        history = load_history(self.content)
        dossiers = existing_dossiers(Path(settings.dossiers)) if settings.dossiers else {}
        context = RenderContext(catalogue, settings, links, map_set,
                                extras={"history": file_commits(history),
                                        "dossiers": set(dossiers)})
        version = Version(number, settings.as_of or catalogue.newest_date())
        pages = page_makers(context, {"data": lambda: build_data(catalogue, links)})
        for path, render in pages.items():
            version.makers[path] = _encoded(render)
        version.makers.update(map_set.makers)
        version.makers[FEED_FILE] = lambda: build_feed(
            catalogue, history, settings.site_name, settings.site_url,
            int(source_date_epoch(catalogue.newest_date())))
        version.bundles = [static_assets, lambda: name_index(catalogue),
                           lambda: context.extras["data"].files, lambda: dossiers]
        version.listed = {*data_paths(catalogue), *dossiers}
        return version


def _encoded(render: Callable[[], str]) -> Maker:
    return lambda: render().encode("utf-8")
