"""Table text told from prose: rows of cells and glued figures are tables; sentences with figures are prose."""

import pytest

from corpus.language.sentences import sentences
from corpus.language.tables import looks_tabular, prose_only, tabular_lines
from corpus.read import read_document
from tests.seeds import FIXTURES, seed

# -- rows of cells -------------------------------------------------------------------------------


def test_a_tab_separated_row_of_figures_is_tabular():
    assert looks_tabular("New callers to the helpline\t49\t186\t56\t91\t55\t127\t71\t635\t1551\t1500")


def test_a_tab_separated_row_of_two_short_cells_is_tabular():
    assert looks_tabular("Sir Clive Loader\tPolice and Crime Commissioner")


def test_a_tab_row_whose_one_cell_is_a_sentence_is_prose():
    assert not looks_tabular("\tA presentation will be provided by the Superintendent of the local police.\t")


def test_a_markdown_rule_row_is_tabular():
    assert looks_tabular("|---|---|---|")


# -- cells glued into lines by a PDF's text layer ------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Q1 Q2 Q3 12 15 9 Total 36",
        "Helpline calls received (district & county are Q4 only) 39 230 58 143 51 148 65 734 2893 3000",
        "38.9% (2013-14) 56.1%",
        "1,264",
        "Service user feels safer following intervention - measured at exit 88% 100.00%",
    ],
)
def test_cells_glued_into_a_line_are_tabular(line):
    assert looks_tabular(line)


# -- prose, even with figures --------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The budget of £42,089 was agreed by 12 votes to 3.",
        "Payments for authorisation: Resolved to pay: salary costs: £800.92; AJ Williams: £2088; ICO £40.",
        "Future meetings will be held on 20 September 2019, 6 December 2019 and 20 March 2020.",
        "Kim motioned to amend library hours Tuesday 10-5:30, Thursday 1-5:30, Saturday 10-2.30.",
        "Allotment: 005/24 – 2 applications for allotments 1 and 4 have been received.",
        "Contact: Jo Bloggs  01234 567890",
        "The scores were 12, 15 and 9 in the three quarters.",
    ],
)
def test_prose_with_figures_is_not_tabular(sentence):
    assert not looks_tabular(sentence)


def test_no_finished_sentence_of_the_real_minutes_is_judged_tabular():
    judged = []
    for folder in ("real", "real_heldout"):
        for path in sorted((FIXTURES / folder).glob("*.txt")):
            for sentence in sentences(read_document(path).text):
                if len(sentence.split()) >= 8 and sentence.endswith(".") and looks_tabular(sentence):
                    judged.append(sentence)

    assert judged == []


# -- lines of a document -------------------------------------------------------------------------


def test_lone_column_headings_beside_a_table_are_table_text():
    text = "Fund balances\n\nGeneral Fund\n$45,275.61\nWater Fund\n4,671.81\nTotal\n$49,947.42\n\nThe report was noted."

    assert prose_only(text) == "Fund balances\n\nThe report was noted."


def test_a_heading_beside_a_lone_minute_number_stays():
    text = "15.126\nDECLARATIONS OF INTEREST\nThere were none."

    assert prose_only(text) == "DECLARATIONS OF INTEREST\nThere were none."


def test_prose_only_keeps_the_sentences_around_a_table():
    text = (
        "The Board considered the performance report.\n"
        "Outcomes\tTarget\tPerformance\n"
        "Service users feel safer\t88%\t100.00%\n"
        "Referrals\t40%\t12.96%\n"
        "RESOLVED: That the report be noted."
    )

    assert prose_only(text) == "The Board considered the performance report.\nRESOLVED: That the report be noted."


def test_the_seed_agenda_pack_tables_are_found_and_its_minutes_prose_is_kept():
    text = read_document(seed("004")).text
    lines = text.splitlines()
    marks = tabular_lines(text)
    tabular = [line for line, mark in zip(lines, marks, strict=True) if mark]

    assert len(tabular) >= 60
    assert any(line.startswith("Helpline calls received") for line in tabular)
    assert not any("were taken as read and confirmed as a correct record" in line for line in tabular)
