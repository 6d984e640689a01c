"""One gate decides who may use the bot, in what role, and how fast."""

from bot.access import AccessPolicy, Gate, RateLimiter, Remembered, Role

POLICY = AccessPolicy(users=frozenset({1}), chats=frozenset({-100}), officers=frozenset({9}))


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def gate(per_minute=20, clock=None):
    return Gate(POLICY, RateLimiter(per_minute, clock or Clock()))


def test_roles_come_from_the_allowlists():
    assert POLICY.role(1, 1) is Role.MEMBER
    assert POLICY.role(9, 9) is Role.OFFICER
    assert POLICY.role(5, -100) is Role.MEMBER  # anyone in the board's group
    assert POLICY.role(5, 5) is None


def test_a_stranger_is_refused_politely_once_then_ignored():
    g = gate()

    first = g.check(5, 5, asks=True)
    second = g.check(5, 5, asks=True)

    assert not first.allowed and "only for members and officers" in first.reply.plain
    assert not second.allowed and second.reply is None


def test_a_member_is_slowed_down_past_the_rate_limit_and_let_back_after_a_minute():
    clock = Clock()
    g = gate(per_minute=3, clock=clock)

    decisions = [g.check(1, 1, asks=True) for _ in range(5)]
    clock.now = 61
    later = g.check(1, 1, asks=True)

    assert [d.allowed for d in decisions] == [True, True, True, False, False]
    assert "wait a minute" in decisions[3].reply.plain and decisions[4].reply is None
    assert later.allowed


def test_updates_that_ask_nothing_do_not_count_against_the_limit():
    g = gate(per_minute=1)

    assert all(g.check(1, 1, asks=False).allowed for _ in range(5))
    assert g.check(1, 1, asks=True).allowed


def test_a_strangers_chatter_does_not_use_up_their_one_refusal():
    g = gate()

    chatter = g.check(5, -200, asks=False)
    spoken_to = g.check(5, -200, asks=True)

    assert chatter.reply is None and "only for members" in spoken_to.reply.plain


def test_a_channel_with_no_user_is_never_refused_and_noted_once():
    g = gate()

    decisions = [g.check(None, -300, asks=True) for _ in range(3)]

    assert [d.reply for d in decisions] == [None, None, None]
    assert [d.first for d in decisions] == [True, False, False]


def test_the_gate_keeps_a_bounded_number_of_strangers_in_mind():
    g = Gate(POLICY, RateLimiter(20, Clock()), refused=Remembered(limit=3))

    for stranger in range(100, 110):
        g.check(stranger, stranger, asks=True)

    assert len(g.refused) == 3 and 109 in g.refused and 100 not in g.refused
