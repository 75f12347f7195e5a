"""The folders a command writes: refused where they would destroy work, locked while in use, and
swapped in whole so a good site exists at every instant."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import BuildError

MARKER = ".briefing-output"   # written into every folder we own, so we only ever replace our own
RENAME_EXCHANGE = 2           # renameat2(2): swap two paths in one step (Linux 3.15+)


def guard(target: Path, content: Path, purpose: str, repository: Path | None = None) -> None:
    """Refuse an output folder that is, holds or sits inside content/ or the repository root,
    or an existing folder with files that this program did not write."""
    out, kept = target.resolve(), content.resolve()
    if out == kept or out.is_relative_to(kept) or kept.is_relative_to(out):
        raise BuildError(f"the {purpose} folder {target} overlaps the content folder {content}: "
                         f"choose another folder; nothing was written")
    root = (repository or Path(__file__).resolve().parent.parent).resolve()
    if out == root or root.is_relative_to(out) or out in (Path.home().resolve(), Path("/")):
        raise BuildError(f"the {purpose} folder {target} would replace {out} itself: choose a "
                         f"folder of its own, like build/{purpose}; nothing was written")
    if out.is_dir() and any(out.iterdir()) and not owned(out):
        raise BuildError(f"the {purpose} folder {target} already holds files this program did "
                         f"not write: choose an empty or new folder (or remove it yourself); "
                         f"nothing was written")


def owned(folder: Path) -> bool:
    """A folder we wrote: it carries our marker, or is a site or docs folder from before markers."""
    if (folder / MARKER).exists():
        return True
    return ((folder / "index.html").is_file() and (folder / "sitemap.xml").is_file()) or \
        ((folder / "index.md").is_file() and (folder / "assets" / "briefing.css").is_file())


def mark(folder: Path) -> None:
    (folder / MARKER).write_text("written by the briefing generator; safe to delete\n",
                                 encoding="utf-8")


@contextmanager
def exclusive(folder: Path) -> Iterator[None]:
    """One build at a time per output folder: a second one waits, and says why."""
    lock_path = folder.with_name(f".{folder.name}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"another build is writing {folder}; waiting for it to finish...",
                  file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def retired_of(site: Path) -> Path:
    return site.with_name(f".{site.name}.previous")


def staging_of(site: Path) -> Path:
    return site.with_name(f".{site.name}.building")


def recover(site: Path) -> None:
    """Undo a swap cut short (by a kill or a crash): the retired site is the last good one."""
    retired = retired_of(site)
    if retired.exists() and not site.exists():
        retired.rename(site)
    shutil.rmtree(retired, ignore_errors=True)
    shutil.rmtree(staging_of(site), ignore_errors=True)


def swap_in(staging: Path, site: Path) -> None:
    """Put the staging folder in the site's place. Where the system can exchange two folders in
    one step, the site path always holds a complete site; elsewhere a kill between the two
    renames leaves the old site beside it, and the next build's `recover` puts it back."""
    _fault("before-swap")
    if site.exists() and _exchange(staging, site):
        _fault("after-exchange")
        shutil.rmtree(staging, ignore_errors=True)  # now the old site
        return
    retired = retired_of(site)
    if site.exists():
        site.rename(retired)
        _fault("between-renames")
    try:
        staging.rename(site)
    except OSError as error:
        if retired.exists():
            retired.rename(site)
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"could not put the new site in place ({error.strerror or error}): the "
                         f"previous site was left in place") from error
    shutil.rmtree(retired, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """renameat2(RENAME_EXCHANGE); False where the system or file system cannot do it."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                       RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EXDEV):
        return False
    raise BuildError(f"could not put the new site in place "
                     f"({os.strerror(ctypes.get_errno())}): the previous site was left in place")


def _fault(step: str) -> None:
    """For the tests that kill a build at each step of the swap."""
    if os.environ.get("BRIEFING_KILL_AT") == step:
        os.kill(os.getpid(), 9)
