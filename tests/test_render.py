"""Replies become valid Telegram HTML messages, never too long, never cut inside a tag."""

import pytest

from bot.render import MESSAGE_LIMIT, to_html, to_text
from bot.replies import Block, Button, Kind, Reply
from tests.fake_telegram import check_html


def test_document_text_is_escaped_once():
    reply = Reply().add(Kind.CITATION, "Minute 5 · A & B <Review>").add(Kind.PASSAGE, 'He said "<b>no</b>" & left')

    (message,) = to_html(reply)

    assert message == '<b>Minute 5 · A &amp; B &lt;Review&gt;</b>\n\nHe said "&lt;b&gt;no&lt;/b&gt;" &amp; left'
    check_html(message)


def test_long_replies_split_between_blocks_under_the_limit():
    reply = Reply()
    for n in range(40):
        reply.add(Kind.CITATION, f"{n}. Minute {n} · 8 June 2016 · Title").add(Kind.PASSAGE, "Words & more. " * 20)

    messages = to_html(reply)

    assert len(messages) > 1
    assert all(len(m) <= MESSAGE_LIMIT for m in messages)
    assert all(m.startswith("<b>") for m in messages)  # each message starts at a block
    for message in messages:
        check_html(message)


def test_a_block_longer_than_a_message_is_cut_outside_its_tags():
    reply = Reply().add(Kind.NOTICE, "<&> " * 3000)

    messages = to_html(reply)

    assert len(messages) > 1 and all(len(m) <= MESSAGE_LIMIT for m in messages)
    for message in messages:
        check_html(message)
        assert message.startswith("<i>") and message.endswith("</i>")


def test_a_word_longer_than_a_message_is_still_cut():
    messages = to_html(Reply().add(Kind.PASSAGE, "x" * 10_000))

    assert all(len(m) <= MESSAGE_LIMIT for m in messages) and sum(len(m) for m in messages) == 10_000


def test_callback_data_over_64_bytes_is_refused():
    with pytest.raises(ValueError, match="64 bytes"):
        Button("More", "more:" + "x" * 60)


def test_the_console_shows_citations_resolutions_and_buttons():
    reply = Reply([Block(Kind.CITATION, "Minute 86 · 8 June 2016"), Block(Kind.RESOLUTION, "(b) That …")])
    reply.buttons.append(Button("More", "more:1:5"))

    assert to_text(reply) == "== Minute 86 · 8 June 2016\n\n   RESOLVED: (b) That …\n\n[More]"
