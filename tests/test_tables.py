"""An update carries an index's unchanged rows over a run at a time, their bytes copied as they are."""

import errno
import os

import numpy as np
import pytest

from retrieval.tables import copy_span, runs


def test_rows_are_carried_over_in_runs_of_consecutive_rows():
    assert runs(np.array([0, 1, 2, 5, 6, 9])) == [(0, 3), (5, 7), (9, 10)]
    assert runs(np.arange(100_000)) == [(0, 100_000)]
    assert runs(np.array([], dtype=np.int64)) == []


def test_a_span_of_bytes_is_appended_and_writing_goes_on_after_it(tmp_path):
    source = tmp_path / "texts.bin"
    source.write_bytes(b"0123456789")

    with (tmp_path / "copy.bin").open("wb") as target:
        target.write(b"<")
        copy_span(source, target, 2, 6)
        copy_span(source, target, 8, 10)
        target.write(b">")

    assert (tmp_path / "copy.bin").read_bytes() == b"<234589>"


def test_where_the_kernel_cannot_copy_the_bytes_are_read_and_written(tmp_path, monkeypatch):
    def refused(*_args):
        raise OSError(errno.EXDEV, "cross-device copy")

    monkeypatch.setattr(os, "copy_file_range", refused)
    source = tmp_path / "texts.bin"
    source.write_bytes(bytes(range(256)) * 1000)

    with (tmp_path / "copy.bin").open("wb") as target:
        copy_span(source, target, 100, 200_000)

    assert (tmp_path / "copy.bin").read_bytes() == source.read_bytes()[100:200_000]


def test_a_file_shorter_than_its_offsets_say_is_named(tmp_path):
    source = tmp_path / "texts.bin"
    source.write_bytes(b"short")

    with (tmp_path / "copy.bin").open("wb") as target, pytest.raises(ValueError, match=r"texts\.bin: ends at byte 5"):
        copy_span(source, target, 0, 50)
