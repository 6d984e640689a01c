"""Reading in a worker process: its result, its progress and its ParseErrors come back; running out of memory,
being killed or failing otherwise comes back as one ParseError line, and no child is left behind."""

import multiprocessing
import os
import signal
import time

import pytest

from corpus.parsed import ParseError
from corpus.read.limits import ReadProgress
from corpus.read.worker import run_bounded

# The functions the child runs: module-level, so the spawned child can import them.


def add(first: int, second: int, progress=None) -> int:
    return first + second


def count_pages(pages: int, progress=None) -> str:
    for done in range(1, pages + 1):
        progress(ReadProgress(done, pages, "page"))
    return "read"


def refuse(progress=None) -> None:
    raise ParseError("the PDF is encrypted (password-protected): save an unprotected copy", "pack.pdf")


def hoard(megabytes: int, progress=None) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def die(progress=None) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def recurse(progress=None) -> None:
    recurse()


def report_then_wait(progress=None) -> None:
    progress(ReadProgress(1, None, "element"))
    time.sleep(60)


def children_left() -> list:
    return multiprocessing.active_children()


def test_the_return_value_comes_back():
    assert run_bounded(add, 2, 3, memory_mb=512, path="minutes.pdf") == 5


def test_progress_is_forwarded_in_order():
    heard: list[ReadProgress] = []

    result = run_bounded(count_pages, 4, memory_mb=512, path="pack.pdf", progress=heard.append)

    assert result == "read"
    assert heard == [ReadProgress(done, 4, "page") for done in range(1, 5)]


def test_a_parse_error_in_the_child_is_raised_again_with_its_words():
    with pytest.raises(ParseError) as raised:
        run_bounded(refuse, memory_mb=512, path="elsewhere.pdf")

    assert (raised.value.reason, raised.value.path) == (
        "the PDF is encrypted (password-protected): save an unprotected copy",
        "pack.pdf",
    )


def test_needing_more_memory_than_allowed_names_reader_memory_mb_and_the_caller_goes_on():
    with pytest.raises(ParseError, match=r"needed more than 300 MB of memory \(the reader_memory_mb setting\)"):
        run_bounded(hoard, 2000, memory_mb=300, path="bomb.docx")

    assert run_bounded(hoard, 10, memory_mb=300, path="small.docx") == 10 * 1024 * 1024


def test_a_child_killed_outright_is_noticed_at_once():
    started = time.monotonic()

    with pytest.raises(ParseError, match="stopped by SIGKILL"):
        run_bounded(die, memory_mb=512, path="minutes.html")

    assert time.monotonic() - started < 10
    assert children_left() == []


def test_any_other_failure_is_one_line_naming_its_kind():
    with pytest.raises(ParseError) as raised:
        run_bounded(recurse, memory_mb=512, path="deep.html")

    assert raised.value.reason.startswith("could not be read (RecursionError")
    assert "\n" not in str(raised.value)


def test_a_read_that_runs_past_its_time_is_stopped():
    with pytest.raises(ParseError, match="took longer than 1 s"):
        run_bounded(report_then_wait, memory_mb=512, path="slow.html", timeout=1)

    assert children_left() == []


def test_the_child_is_ended_when_the_caller_fails_while_it_reads():
    def fail(_progress: ReadProgress) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_bounded(report_then_wait, memory_mb=512, path="slow.html", progress=fail)

    assert children_left() == []


def test_only_a_module_level_function_can_be_run():
    with pytest.raises(TypeError, match="module-level function"):
        run_bounded(lambda progress=None: 1, memory_mb=512, path="x.txt")
