"""The default reply to a question: the answer quoted first, then its decision and citation, in one short message."""

import datetime as dt
import json

import pytest

from bot.answer_reply import REPLY_CHARS
from bot.conversation import Conversation, Request
from bot.render import to_html
from bot.replies import Kind
from tests.seeds import FIXTURES, SEED_EVAL

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
PUBLIC = [json.loads(line) for line in (SEED_EVAL / "questions.jsonl").read_text().splitlines() if line.strip()]
PARAPHRASED = [
    json.loads(line) for line in (FIXTURES / "paraphrased_questions.jsonl").read_text().splitlines() if line.strip()
]


@pytest.fixture(scope="module")
def conversation(real_service):
    config, service = real_service
    return Conversation(service, config, now=lambda: NOW)


def flat(text):
    return " ".join(text.split())


def visible_length(reply):
    return sum(len(block.text) for block in reply.blocks) + 2 * (len(reply.blocks) - 1)


@pytest.mark.parametrize("question", [q["question"] for q in PUBLIC + PARAPHRASED if q["expect"]])
def test_the_first_line_quotes_a_sentence_of_the_cited_item(conversation, question):
    reply = conversation.handle(Request(7, 7, question))

    opening = next(b for b in reply.blocks if b.kind is not Kind.NOTICE)
    whole_item = flat(conversation.handle(Request(7, 7, "/source 1")).plain)
    assert opening.kind is Kind.PASSAGE
    assert flat(opening.text.strip("“”").removesuffix(" …")) in whole_item


@pytest.mark.parametrize("question", [q["question"] for q in PUBLIC + PARAPHRASED])
def test_the_default_reply_fits_one_short_message(conversation, question):
    reply = conversation.handle(Request(8, 8, question))

    assert visible_length(reply) <= REPLY_CHARS
    assert len(to_html(reply)) == 1


def test_a_decision_is_shown_once(conversation):
    reply = conversation.handle(Request(9, 9, "What was the Domestic Homicide Review budget allocation increased to?"))

    decisions = [b.text for b in reply.blocks if b.kind is Kind.RESOLUTION]
    quoted = flat(reply.blocks[0].text)
    assert decisions and not any(flat(d.split(" ", 1)[-1]) in quoted for d in decisions)
    assert len(decisions) == len(set(decisions))
