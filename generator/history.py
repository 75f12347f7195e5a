"""Stage 1, load (continued): each content file's commits, when the content is in a git clone."""

from __future__ import annotations

import subprocess
from pathlib import Path

History = dict[str, list[tuple[str, str]]]   # "militias/x.md" -> [(YYYY-MM-DD, subject)], newest first
RECORD = "\x1e"
FIELD = "\x1f"


def read_history(content: Path) -> History:
    """One `git log` over the content folder; {} outside a clone or without git."""
    try:
        result = subprocess.run(
            ["git", "-C", str(content), "log", "--relative", "--name-only", "--no-renames",
             f"--format={RECORD}%cs{FIELD}%s", "--", "."],
            capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    history: History = {}
    for block in result.stdout.split(RECORD)[1:]:
        header, _, names = block.partition("\n")
        date, _, subject = header.partition(FIELD)
        for name in names.split():
            history.setdefault(name, []).append((date, subject.strip()))
    return history
