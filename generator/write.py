"""Stage 6, write: put pages, maps and assets into the docs folder, touching only what changed."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.errors import BuildError

log = logging.getLogger(__name__)


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)   # every file the docs folder is to hold
    removed: list[str] = field(default_factory=list)


def safe_target(out: Path, relative: str) -> Path:
    """The file for a docs-relative path, refusing anything that would land outside out."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts or "\\" in relative:
        raise BuildError(f"refusing to write {relative!r}: it would leave the output folder")
    return out.joinpath(*parts)


def write_tree(out: Path, files: dict[str, bytes], written_already: WriteReport | None = None
               ) -> WriteReport:
    """Make out hold exactly files and those written_already: write new or changed ones,
    delete stale ones."""
    report = joined([write_files(out, list(files), files.__getitem__),
                     written_already or WriteReport()])
    report.removed = _remove_stale(out, {safe_target(out, name) for name in report.kept})
    log.info("wrote %d files, %d unchanged, removed %d", len(report.written), report.unchanged,
             len(report.removed))
    return report


def joined(reports: Iterable[WriteReport]) -> WriteReport:
    """What several writers wrote, as one report."""
    together = WriteReport()
    for report in reports:
        together.written += report.written
        together.unchanged += report.unchanged
        together.kept += report.kept
        together.removed += report.removed
    return together


def write_files(out: Path, names: Sequence[str], make: Callable[[str], bytes]) -> WriteReport:
    """Write each named file that is new or changed, made as it is written; delete nothing.
    Nothing is written if any name would land outside out."""
    report = WriteReport()
    targets = [safe_target(out, name) for name in names]
    for name, target in zip(names, targets, strict=True):
        data = make(name)
        report.kept.append(name)
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)  # a full disk or Ctrl-C leaves no half file behind
            raise
        report.written.append(str(target.relative_to(out)))
    return report


def _remove_stale(out: Path, keep: set[Path]) -> list[str]:
    removed = []
    for path in sorted(out.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
            removed.append(str(path.relative_to(out)))
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
