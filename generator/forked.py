"""Run a stage in a forked child while this process goes on, and take its result when needed:
`make site` makes the open-data files on one core while the pages render on another."""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

from generator.errors import BuildError

T = TypeVar("T")


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
