"""MkDocs hook for `make serve`: regenerate the docs from content/ before every (re)build."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from generator.errors import BriefingError, ContentError
from generator.pipeline import generate

log = logging.getLogger("mkdocs.plugins.briefing")


def on_pre_build(config: Any, **_: Any) -> None:
    content = Path(os.environ.get("BRIEFING_CONTENT", "content"))
    try:
        report = generate(content, Path(config["docs_dir"]))
    except ContentError as error:
        for problem in error.problems:
            log.error("%s", problem)
        log.error("content has problems: showing the last good pages until they are fixed")
        return
    except BriefingError as error:
        log.error("%s", error)
        return
    log.info("regenerated: %s", report.summary())
