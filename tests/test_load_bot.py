"""The load test at a small scale: every question answered, private chats quick while a group is flood-limited."""

from __future__ import annotations

from tests.load_bot import run_load


def test_private_questions_stay_quick_and_none_is_lost_while_a_group_is_flood_limited():
    result = run_load(users=20, group_users=5)

    assert result.lost == 0 and result.errors == [], result.lines()
    assert result.refused_429 > 0
    assert result.percentile(0.95) < 2.0, result.lines()
