"""Items become chunks that fit the model's window and know where they sit."""

import datetime as dt

from retrieval.chunks import MAX_TOKENS, ItemRecord, chunk_item, model_token_counter

COUNT = model_token_counter()


def record(text, **overrides):
    values = {
        "item_id": 1,
        "section": "minutes",
        "meeting_date": dt.date(2016, 6, 8),
        "body": "Test Board",
        "title": "Domestic Homicide Reviews",
        "text": text,
        "source": "x.txt:1-2",
        "minute": "86",
    }
    return ItemRecord(**(values | overrides))


def test_a_short_item_is_one_chunk_with_a_header_saying_where_it_sits():
    (chunk,) = chunk_item(record("The Board received a report."))

    assert chunk.header == "Test Board · 8 June 2016 · Minute 86 · Domestic Homicide Reviews"
    assert chunk.kind == "minutes"
    assert chunk.embed_text.startswith(chunk.header)


def test_a_long_item_splits_at_paragraphs_and_every_chunk_fits_the_window():
    paragraphs = [f"Paragraph {n}. " + "The Board noted the figures for the quarter. " * 12 for n in range(12)]
    chunks = chunk_item(record("\n\n".join(paragraphs)))

    assert len(chunks) > 1
    assert all(COUNT(c.embed_text) <= MAX_TOKENS for c in chunks)
    assert all(c.text.startswith("Paragraph") for c in chunks)  # never cut mid-paragraph here


def test_a_paragraph_longer_than_the_window_splits_at_sentences():
    sentences = " ".join(f"Sentence number {n} says something about community safety." for n in range(80))
    chunks = chunk_item(record(sentences))

    assert len(chunks) > 1
    assert all(COUNT(c.embed_text) <= MAX_TOKENS for c in chunks)
    assert all(c.text.endswith(".") for c in chunks)


def test_resolutions_are_a_chunk_of_their_own_kind():
    chunks = chunk_item(record("Discussion.", resolutions=("(a) That the report be noted", "(b) That £42,089 be paid")))

    assert [c.kind for c in chunks] == ["minutes", "resolution"]
    assert "£42,089" in chunks[1].text


def test_a_report_header_names_its_agenda_item():
    (chunk,) = chunk_item(record("Text.", section="report", minute=None, agenda_number="9", title="DHR Update"))

    assert chunk.kind == "report"
    assert "Report for agenda item 9 · DHR Update" in chunk.header


def test_the_chunk_key_follows_its_text():
    (first,) = chunk_item(record("Same text."))
    (again,) = chunk_item(record("Same text."))
    (other,) = chunk_item(record("Other text."))

    assert first.key == again.key != other.key
