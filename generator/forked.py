"""Run a stage in a forked child while this process goes on, and take its result when needed:
`make site` makes the open-data files on one core while the pages render on another, and
shares linking and rendering between one worker a core (`in_shares`)."""

from __future__ import annotations

import functools
import gc
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Generic, TypeVar

from generator.errors import BuildError

T = TypeVar("T")
R = TypeVar("R")
MAX_WORKERS = 8


def workers_wanted() -> int:
    """One worker a core this process may use (BRIEFING_WORKERS overrides)."""
    given = os.environ.get("BRIEFING_WORKERS", "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, MAX_WORKERS))


def in_shares(items: Sequence[T], work: Callable[[Sequence[T]], R], name: str,
              workers: int | None = None) -> list[R]:
    """work() over `items` dealt into one share a worker (every n-th item, so each gets some of
    every kind): the first share here, the others in forked children; results in share order.
    A failure anywhere is raised once every child has ended."""
    count = max(1, min(workers or workers_wanted(), len(items)))
    shares = [items[index::count] for index in range(count)]
    children = [Forked(functools.partial(work, share), name) for share in shares[1:]]
    results: list[R] = []
    failure: BaseException | None = None
    try:
        results.append(work(shares[0]))
    except BaseException as error:
        failure = error
    for child in children:
        try:
            results.append(child.result())
        except BaseException as error:
            failure = failure or error
    if failure:
        raise failure
    return results


def made_in_shares(makers: Mapping[str, Callable[[], R]], name: str) -> dict[str, R]:
    """Every maker's output, made by one worker a core (each alone, so any split gives the
    same), in the makers' order."""
    made: dict[str, R] = {}
    for part in in_shares(list(makers), lambda share: {key: makers[key]() for key in share},
                          name):
        made.update(part)
    return {key: made[key] for key in makers}


@contextmanager
def paused_collector() -> Iterator[None]:
    """No cyclic garbage collection inside the block (a preview version made, a Pagefind merge):
    with a large briefing in memory each full collection walks millions of objects (reference
    counting still frees)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Forked(Generic[T]):
    """work() started in a child now; result() waits for it and returns its value, or raises
    the exception it raised. Where fork is missing, work() simply runs when asked for."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self.work, self.name = work, name
        self.pid: int | None = None
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:   # the child: never returns
            os.close(read)
            _child(work, write)
        os.close(write)
        self.pid, self.read = pid, read

    def result(self) -> T:
        if self.pid is None:
            return self.work()
        with os.fdopen(self.read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if not data:
            raise BuildError(f"the {self.name} stage stopped ({_described(status)}); the "
                             f"previous site was left in place")
        done, value = pickle.loads(data)
        if done:
            return value
        raise value


def _child(work: Callable[[], object], write: int) -> None:
    gc.freeze()   # what the parent made is never scanned here: a scan would copy every page of it
    code = 0
    try:
        try:
            result: tuple[bool, object] = (True, work())
        except BaseException as error:  # handed to the parent, which raises it
            result = (False, error)
        try:
            data = pickle.dumps(result)
        except Exception:  # an exception that does not pickle still says what it was
            data = pickle.dumps((False, BuildError(f"the stage failed: {result[1]!r}")))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _described(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
