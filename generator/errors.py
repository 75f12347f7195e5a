"""The generator's one exception family: content problems carry a path and a line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, reported as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class BriefingError(Exception):
    """Base class: the CLI turns any of these into a clear message and a non-zero exit."""


class ContentError(BriefingError):
    """Every problem found in one run, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:
        return ContentError, (self.problems,)   # crosses from a forked stage intact


class BuildError(BriefingError):
    """A build step other than content failed (MkDocs, writing files)."""


MESSAGE_LIMIT = 400


class Problems:
    """Collects problems across a whole stage, then raises them together."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, path: Path | str, line: int, message: str) -> None:
        if len(message) > MESSAGE_LIMIT:  # a quoted value can be huge; the line must stay readable
            message = message[:MESSAGE_LIMIT] + " [...]"
        self.found.append(Problem(self._show(path), max(line, 1), message))

    def raise_if_any(self) -> None:
        if self.found:
            raise ContentError(self.found)

    def __bool__(self) -> bool:
        return bool(self.found)

    @staticmethod
    def _show(path: Path | str) -> str:
        """A path as the user typed it: relative to the working folder where possible."""
        path = Path(path)
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)
