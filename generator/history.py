"""Stage 1, load (git): the content's history, read from the clone it is built in, if any.

One `git log` lists every commit that touched the content and the files each changed; one
`git cat-file --batch` then reads the text of the newest changed files at that commit and at its
parent, so the feed can say which fields changed. Outside a clone (or without git) there is no
history, and the feed falls back on the content's own dates.
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from generator.load import FOLDERS

log = logging.getLogger(__name__)
NEWEST = 50  # changes whose file texts are read: the feed's entries
RECORD = "\x1e"
UNIT = "\x1f"
LOG_FORMAT = f"{RECORD}%H{UNIT}%P{UNIT}%ct{UNIT}%s"


@dataclass(frozen=True)
class Change:
    """One file of the content added, modified, renamed or deleted by one commit."""

    commit: str
    parent: str | None
    timestamp: int          # the commit's time, seconds since the epoch (UTC)
    subject: str
    status: str             # A, M, D, R (renamed), C (copied), T (type changed)
    path: str               # relative to the content folder, as posix
    old_path: str | None = None

    @property
    def folder(self) -> str:
        return self.path.split("/", 1)[0]

    @property
    def slug(self) -> str:
        return Path(self.path).stem


@dataclass(frozen=True)
class History:
    """The content's changes, newest first, and the texts the feed compares."""

    changes: tuple[Change, ...] = ()
    texts: dict[tuple[str, str], str] = field(default_factory=dict)  # (commit, path) -> text

    def before(self, change: Change) -> str | None:
        """The file's text at the commit's parent (None if it did not exist there)."""
        if change.parent is None or change.status == "A":
            return None
        return self.texts.get((change.parent, change.old_path or change.path))

    def after(self, change: Change) -> str | None:
        return self.texts.get((change.commit, change.path))


def record_changes(changes: tuple[Change, ...]) -> list[Change]:
    """The changes to profiles, documents and incidents (not the gazetteer), newest first."""
    return [c for c in changes if c.folder in FOLDERS and "/" in c.path]


def load_history(content: Path, newest: int = NEWEST) -> History | None:
    """The git history of the content folder, or None where it has none."""
    log_text = _git(content, "log", "-z", f"--format={LOG_FORMAT}", "--name-status",
                    "--relative", "--", ".")
    changes = parse_log(log_text or "")
    if changes and (_git(content, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        # a shallow clone's oldest commit seems to add every file: what it changed is unknown
        changes = tuple(c for c in changes if c.parent is not None)
        log.warning("a shallow clone: the feed leaves out its oldest commit (fetch the whole "
                    "history, e.g. fetch-depth: 0, for a complete feed)")
    if not changes:
        return None
    wanted = []
    for change in record_changes(changes)[:newest]:
        if change.status != "D":
            wanted.append((change.commit, change.path))
        if change.parent and change.status != "A":
            wanted.append((change.parent, change.old_path or change.path))
    texts = read_blobs(content, list(dict.fromkeys(wanted)))
    log.info("read %d changes from git, %d file versions", len(changes), len(texts))
    return History(changes, texts)


def parse_log(text: str) -> tuple[Change, ...]:
    """`git log -z --name-status` in LOG_FORMAT as changes, newest first."""
    changes: list[Change] = []
    for chunk in text.split(RECORD)[1:]:
        header, _, rest = chunk.partition("\0")
        commit, parents, timestamp, subject = (header.split(UNIT) + ["", "", "0", ""])[:4]
        parent = parents.split()[0] if parents.split() else None
        tokens = [t for t in rest.lstrip("\n").split("\0")]
        index = 0
        while index < len(tokens) and tokens[index].strip():
            status = tokens[index].strip()[:1]
            if status in "RC" and index + 2 < len(tokens):
                old, path, index = tokens[index + 1], tokens[index + 2], index + 3
            else:
                old, path, index = None, tokens[index + 1] if index + 1 < len(tokens) else "", \
                    index + 2
            if path:
                changes.append(Change(commit, parent, int(timestamp or 0), subject, status, path,
                                      old))
    return tuple(changes)


def read_blobs(content: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The text of each (commit, content-relative path), through one `git cat-file --batch`."""
    if not wanted:
        return {}
    request = "".join(f"{commit}:./{path}\n" for commit, path in wanted).encode("utf-8")
    try:
        result = subprocess.run(["git", "-C", str(content), "cat-file", "--batch"],
                                input=request, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("could not read file versions from git: %s", error)
        return {}
    texts, data, position = {}, result.stdout, 0
    for key in wanted:
        end = data.find(b"\n", position)
        if end < 0:
            break
        header = data[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            texts[key] = data[position:position + size].decode("utf-8", errors="replace")
            position += size + 1
    return texts


def _git(content: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(content), *args], capture_output=True,
                                check=False, timeout=300)
    except (OSError, subprocess.SubprocessError) as error:
        log.info("no git history (%s)", error)
        return None
    if result.returncode != 0:
        log.info("no git history: %s", result.stderr.decode("utf-8", "replace").strip())
        return None
    return result.stdout.decode("utf-8", errors="replace")


def file_commits(history: History | None) -> dict[str, list[tuple[str, str]]]:
    """{"militias/x.md": [(YYYY-MM-DD, subject)]}, newest first: a profile page's "Changes"."""
    found: dict[str, list[tuple[str, str]]] = {}
    for change in (history.changes if history else ()):
        day = dt.datetime.fromtimestamp(change.timestamp, dt.UTC).date().isoformat()
        found.setdefault(change.path, []).append((day, change.subject))
    return found
