"""Progress lines for long builds: "render… done in 1.23s" on an interactive terminal only.

Quiet when stderr is not a TTY or when a CI variable is set, so logs and tests stay clean.
BRIEFING_PROGRESS=1 forces the lines on, BRIEFING_PROGRESS=0 turns them off.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


def interactive(stream: TextIO | None = None) -> bool:
    """Whether progress should be shown on stream (stderr by default)."""
    forced = os.environ.get("BRIEFING_PROGRESS")
    if forced is not None and forced != "":
        return forced not in ("0", "false", "no")
    if os.environ.get("CI"):
        return False
    stream = stream if stream is not None else sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def stage(name: str, stream: TextIO | None = None) -> Iterator[None]:
    """Announce a stage, then how long it took (or that it failed)."""
    stream = stream if stream is not None else sys.stderr
    if not interactive(stream):
        yield
        return
    started = time.perf_counter()
    stream.write(f"{name}… ")
    stream.flush()
    try:
        yield
    except BaseException:
        stream.write(f"failed after {time.perf_counter() - started:.2f}s\n")
        stream.flush()
        raise
    stream.write(f"done in {time.perf_counter() - started:.2f}s\n")
    stream.flush()
