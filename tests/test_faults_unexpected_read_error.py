"""A file whose reading fails in a way no reader foresaw is that file's one-line failure; the files beside it go in.

The bad file is a real Word document whose numbering names a list level "first" instead of a number: the
.docx reader trips over it with a ValueError (any unforeseen error would do; this one needs no patching).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from corpus.ingest import ingest_paths
from corpus.settings import REPO_ROOT
from tests.seeds import FIXTURES

HARBOUR = FIXTURES / "harbour_town_2024-03-05.txt"


def folder_with_a_bad_word_file(folder: Path) -> tuple[Path, Path]:
    """A folder holding good minutes and a .docx with a damaged list definition: (bad, good)."""
    folder.mkdir()
    document = docx.Document()
    document.add_paragraph("Minutes of the meeting of the Harbour Board held on 5 March 2024")
    document.add_paragraph("1. Apologies")
    numbering = document.part.numbering_part.element
    abstract = etree.SubElement(numbering, qn("w:abstractNum"), {qn("w:abstractNumId"): "7"})
    etree.SubElement(abstract, qn("w:lvl"), {qn("w:ilvl"): "first"})
    bad, good = folder / "a_damaged.docx", folder / "b_minutes.txt"
    document.save(str(bad))
    shutil.copy(HARBOUR, good)
    return bad, good


def test_an_unforeseen_error_reading_one_file_fails_that_file_and_the_next_is_ingested(engine, tmp_path):
    bad, good = folder_with_a_bad_word_file(tmp_path / "minutes")

    outcomes = {Path(o.path).name: o for o in ingest_paths(engine, [tmp_path / "minutes"])}

    assert outcomes[good.name].status == "added"
    assert outcomes[bad.name].status == "failed"
    assert outcomes[bad.name].message.startswith(f"{bad}: could not be read (ValueError: invalid literal")
    assert "\n" not in outcomes[bad.name].message


def test_boardmem_ingest_reports_it_in_one_line_without_a_traceback_and_exits_1(tmp_path):
    bad, good = folder_with_a_bad_word_file(tmp_path / "minutes")
    env = {key: value for key, value in os.environ.items() if not key.startswith("BOARDMEM_")}
    env |= {"BOARDMEM_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}

    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ingest", str(tmp_path / "minutes")],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert run.returncode == 1, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    failures = [line for line in run.stderr.splitlines() if line.startswith("failed")]
    reason = "ValueError: invalid literal for int() with base 10: 'first'"
    assert failures == [f"failed     {bad}: could not be read ({reason})"]
    assert any(line.startswith("added") and str(good) in line for line in run.stdout.splitlines())
