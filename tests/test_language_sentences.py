"""One sentence splitter for minutes: titles, initials and short forms do not end a sentence."""

from corpus.language.sentences import sentence_spans, sentences


def test_a_title_and_initial_do_not_end_the_sentence():
    text = "Mr. J. Smith agreed to send the report. The Clerk would write."

    assert sentences(text) == ["Mr. J. Smith agreed to send the report.", "The Clerk would write."]


def test_two_initials_stay_with_the_name():
    assert sentences("Cllr. J. T. Brown CC said so. Next.") == ["Cllr. J. T. Brown CC said so.", "Next."]


def test_a_police_rank_does_not_end_the_sentence():
    assert len(sentences("Ch. Supt. K. Lee and Insp. Rao attended. Sgt. Ng reported.")) == 2


def test_a_morning_time_before_lower_case_goes_on():
    assert sentences("The 10.30 a.m. start was delayed.") == ["The 10.30 a.m. start was delayed."]


def test_a_time_before_a_capital_ends_the_sentence():
    assert sentences("It began at 10.30 a.m. The Chair welcomed all.") == [
        "It began at 10.30 a.m.",
        "The Chair welcomed all.",
    ]


def test_decimals_and_sums_do_not_split():
    assert sentences("Costs rose 2.5 per cent to £1.2m this year.") == ["Costs rose 2.5 per cent to £1.2m this year."]


def test_a_number_after_no_or_min_stays():
    assert sentences("See Min. 45 and No. 12 for details. Noted.") == ["See Min. 45 and No. 12 for details.", "Noted."]


def test_no_before_a_capital_ends_the_sentence():
    assert sentences('The answer was "no." Then the Board moved on.') == [
        'The answer was "no."',
        "Then the Board moved on.",
    ]


def test_latin_short_forms_go_on():
    assert len(sentences("Partners, e.g. Police and i.e. Health, agreed. Done.")) == 2


def test_etc_before_lower_case_goes_on():
    assert len(sentences("Parks, roads etc. and schools were named. Done.")) == 2


def test_a_sentence_ends_before_a_digit_or_bracket():
    assert sentences("It was agreed. 12 members voted. (See below.) Done.") == [
        "It was agreed.",
        "12 members voted.",
        "(See below.)",
        "Done.",
    ]


def test_each_line_is_its_own_entry():
    assert sentences("Points:\n- (i) budgets\n- (ii) prisons") == ["Points:", "- (i) budgets", "- (ii) prisons"]


def test_clauses_cut_at_semicolons_and_colons_only_when_asked():
    text = "Noted: The first point; Second point."

    assert sentences(text) == [text]
    assert sentences(text, clauses=True) == ["Noted:", "The first point;", "Second point."]


def test_spans_point_into_the_text():
    text = "One. Two.\nThree."

    assert [text[a:b] for a, b in sentence_spans(text)] == ["One.", "Two.", "Three."]
