"""Reading in a child process held to a memory limit, so no document can take the caller down with it.

The caller (the bot: asyncio plus threads) is never forked: the child is spawned afresh, limits its own
memory before it imports anything of the reader's, and hands back the result, a ParseError's words, or
how far it got. A child that dies (out of memory, a signal, a crash in a C library) is noticed at once
through its process sentinel and becomes one ParseError line; the child is always reaped.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import pickle
import resource
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from corpus.parsed import ParseError
from corpus.read.limits import MEGABYTE, Progress, ReadProgress

T = TypeVar("T")

# Numerical libraries start a thread (and a buffer) per core on import; a reader needs none of them.
_ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
_REAP_SECONDS = 10.0


def run_bounded(
    function: Callable[..., T],
    *args: Any,
    memory_mb: int,
    path: str,
    progress: Progress | None = None,
    timeout: float | None = None,
    **kwargs: Any,
) -> T:
    """`function(*args, progress=…, **kwargs)` run in a child process of at most `memory_mb` MB; its return value.

    `function` must be defined at module level and its arguments and result picklable. Progress the child
    reports is passed to `progress` in this thread. Raises ParseError (about `path`) for the child's own
    ParseError, for running out of memory or time, and for any other way the child fails.
    """
    target = _reference(function)
    payload = pickle.dumps((args, kwargs))  # unpickled in the child only once its memory is limited
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(target, payload, memory_mb, sender), name="boardmem-reader", daemon=True
    )
    child.start()
    sender.close()  # the child holds the only writing end now
    try:
        return _collect(child, receiver, memory_mb, path, progress, timeout)
    finally:
        receiver.close()
        _reap(child)


def _reference(function: Callable[..., Any]) -> tuple[str, str]:
    """Where the child finds `function`: (module, qualified name); only a module-level function can be found."""
    module, name = getattr(function, "__module__", None), getattr(function, "__qualname__", "")
    if not module or not name or "<" in name:
        raise TypeError(f"run_bounded needs a module-level function, not {function!r}")
    return module, name


def _collect(
    child: multiprocessing.process.BaseProcess,
    receiver: Connection,
    memory_mb: int,
    path: str,
    progress: Progress | None,
    timeout: float | None,
) -> Any:
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        # The sentinel as well as the pipe: a child killed outright never writes, and must not be waited on.
        ready = wait([receiver, child.sentinel], left)
        if not ready:
            raise ParseError(f"reading it took longer than {timeout:g} s; not read", path)
        if receiver not in ready and not receiver.poll():
            raise ParseError(_ended(child, memory_mb), path)
        try:
            kind, value = receiver.recv()
        except EOFError:
            raise ParseError(_ended(child, memory_mb), path) from None
        if kind == "progress":
            if progress is not None:
                progress(value)
        elif kind == "result":
            return value
        elif kind == "refused":
            reason, where, line = value
            raise ParseError(reason, where or path, line)
        elif kind == "memory":
            raise ParseError(_out_of_memory(memory_mb), path)
        else:
            raise ParseError(f"could not be read ({value})", path)


def _ended(child: multiprocessing.process.BaseProcess, memory_mb: int) -> str:
    """Why the child ended without a word: a signal (most often the kernel's, for memory) or an exit status."""
    child.join(_REAP_SECONDS)
    code = child.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return (
            f"the reader was stopped by {name} while reading it (it may have needed more than {memory_mb:,} MB "
            "of memory, the reader_memory_mb setting); not read"
        )
    return f"the reader ended unexpectedly (exit status {code}); not read"


def _out_of_memory(memory_mb: int) -> str:
    return f"reading it needed more than {memory_mb:,} MB of memory (the reader_memory_mb setting); not read"


def _reap(child: multiprocessing.process.BaseProcess) -> None:
    """Leave no child behind, finished or not, whatever happened in this thread."""
    if child.is_alive():
        child.kill()
    child.join(_REAP_SECONDS)
    if child.exitcode is not None:
        child.close()


# --- in the child ---------------------------------------------------------------------------------------


class _Forward:
    """The child's progress callback: each report goes down the pipe to the caller."""

    def __init__(self, sender: Connection):
        self.sender = sender

    def __call__(self, progress: ReadProgress) -> None:
        self.sender.send(("progress", progress))


def _child(target: tuple[str, str], payload: bytes, memory_mb: int, sender: Connection) -> None:
    hold_memory(memory_mb)
    os.environ.update(_ONE_THREAD)
    try:
        module, name = target
        function: Any = importlib.import_module(module)
        for part in name.split("."):
            function = getattr(function, part)
        args, kwargs = pickle.loads(payload)
        message: tuple[str, Any] = ("result", function(*args, progress=_Forward(sender), **kwargs))
    except ParseError as error:
        # Sent as its parts: ParseError's pickled form would lose them (it pickles its whole message as the reason).
        message = ("refused", (error.reason, error.path, error.line))
    except MemoryError:
        message = ("memory", None)  # the block's end frees what the failed read held, so this much fits
    except BaseException as error:  # anything else is this one document's failure, said in a line
        message = ("failed", _one_line(error))
    try:
        sender.send(message)
    except MemoryError:
        sender.send(("memory", None))
    except Exception as error:  # a result that will not pickle
        sender.send(("failed", _one_line(error)))
    sender.close()


def hold_memory(memory_mb: int) -> None:
    """Limit this process's address space to `memory_mb` MB: past it, allocations fail with MemoryError."""
    # RLIMIT_AS rather than RLIMIT_DATA: it also counts memory mapped by C libraries, on every kernel.
    limit = memory_mb * MEGABYTE
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def release_memory() -> None:
    """Lift the hold `hold_memory` put on this process (as far as its hard limit allows)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    said = text[0][:200] if text else ""
    return f"{type(error).__name__}: {said}" if said else type(error).__name__
