"""Stage 7, site: `mkdocs build --strict` in this process, its pages built by one worker a core.

MkDocs builds pages one after another on one core. Here the same steps run in the same order,
through MkDocs' own functions (files, navigation, plugins, `_populate_page`, `_build_page`), but
once the navigation is known the pages are shared out between forked workers, one a core: each
page's HTML depends only on its own Markdown, the navigation and the configuration, so the site
is byte for byte the one `mkdocs build` writes. The static files (maps, downloads, the theme's
assets) are shared out too, each worker copying its part once its pages are written. Strict mode
is MkDocs': any warning, in any worker, fails the build, and the warnings become the error
message.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.errors import BuildError
from generator.forked import Forked, workers_wanted

log = logging.getLogger(__name__)


class _Capture(logging.Handler):
    """Keeps what MkDocs logs at WARNING and above: strict mode's count and the error message."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} - {record.getMessage()}")


@contextmanager
def mkdocs_logging() -> Iterator[_Capture]:
    """The `mkdocs` logger routed to a capture, at WARNING, so that strict mode counts every
    warning whatever the caller's logging, and nothing reaches the terminal on success."""
    logger = logging.getLogger("mkdocs")
    capture = _Capture()
    saved = logger.level, logger.propagate, list(logger.handlers)
    logger.handlers = [capture]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield capture
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """Environment variables (SOURCE_DATE_EPOCH) set for the length of an in-process build."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build(config_file: Path, env: dict[str, str], workers: int | None = None) -> None:
    """`mkdocs build --strict -f config_file`, in this process; its errors as a BuildError."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    gc.collect()   # what the generator left: its pages are written, its records no longer needed
    with environment(env), mkdocs_logging() as capture:
        try:
            config = load_config(str(config_file))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                _build(config, workers or workers_wanted(), capture)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as error:
            raise BuildError(_failure(capture.lines, str(error))) from error
        if capture.lines and config.strict:
            count = len(capture.lines)
            raise BuildError(_failure(capture.lines, f"Aborted with {count} warning"
                                                     f"{'s' if count != 1 else ''} in strict mode!"))


def _failure(lines: list[str], last: str) -> str:
    shown = "\n".join([*lines[:50], *([f"... and {len(lines) - 50} more"] if len(lines) > 50
                                      else []), last])
    return f"mkdocs build failed; the previous site was left in place:\n{shown}"


def _build(config: Any, workers: int, capture: _Capture) -> None:
    """mkdocs.commands.build.build, step by step, with the pages shared between workers."""
    from mkdocs import utils
    from mkdocs.commands.build import _build_extra_template, _build_theme_template
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in doc_files:
            if file.page is None:
                Page(None, file, config)
        # a page's anchors are checked against other pages' headings, which only the worker
        # that built them has read: where that check may warn, one worker builds everything
        if config.validation.links.anchors >= logging.WARNING:
            workers = 1
        static = [file for file in files if not file.is_documentation_page()
                  and InclusionLevel.is_included(file.inclusion)]
        shares = [(doc_files[index::workers], static[index::workers])
                  for index in range(workers)]
        children = [Forked(functools.partial(_reported, capture, functools.partial(
            _pages, *share, config, files, doc_files, nav, env)), "build worker")
            for share in shares[1:]]
        failure = None
        try:
            _pages(*shares[0], config, files, doc_files, nav, env)
        except Exception:
            failure = traceback.format_exc()
        for child in children:
            try:
                warnings, error = child.result()
            except BuildError as stopped:   # the worker died without a word
                warnings, error = [], str(stopped)
            capture.lines.extend(warnings)
            failure = failure or error
        if failure:
            raise BuildError(_failure([], failure))
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)
        if workers == 1:
            for file in doc_files:
                file.page.validate_anchor_links(files=files,
                                                log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
    except BaseException as error:
        config.plugins.on_build_error(error=error)
        raise


def _pages(share: Sequence[Any], static: Sequence[Any], config: Any, files: Any,
           doc_files: Any, nav: Any, env: Any) -> None:
    """Read, render and write these pages, as MkDocs does for all of them, then copy these
    static files; a page's HTML is let go once it is written (MkDocs keeps it to the end: no
    template reads another page's HTML; a plugin might, so with plugins it is kept). Its
    Markdown stays: MkDocs reads a page's title through it."""
    from mkdocs.commands.build import _build_page, _populate_page
    let_go = not config.plugins
    for file in share:
        _populate_page(file.page, config, files)
    env = config.plugins.on_env(env, config=config, files=files)
    for file in share:
        _build_page(file.page, config, doc_files, nav, env)
        if let_go:
            file.page.content = None
    for file in static:
        file.copy_file(dirty=False)


def _reported(capture: _Capture, work: Callable[[], None]) -> tuple[list[str], str | None]:
    """What a worker hands back: the warnings MkDocs logged while work() ran, and its error as
    text (the worker's own lines only: the parent's stay the parent's)."""
    kept, capture.lines = capture.lines, []
    error = None
    try:
        work()
    except Exception:  # noqa: BLE001 - everything goes back to the parent
        error = traceback.format_exc()
    warnings, capture.lines = capture.lines, kept
    return warnings, error
