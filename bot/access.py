"""Who may talk to the bot, in what role, and how fast: one gate in front of every update."""

from __future__ import annotations

import time
from collections import OrderedDict, defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from bot.replies import Kind, Reply
from bot.settings import BotConfig
from corpus.settings import ConfigError

REFUSAL = (
    "Sorry, this assistant is only for members and officers of the board. "
    "If you should have access, ask an officer to add your Telegram user id."
)
SLOW_DOWN = "You're asking faster than I can keep up with. Please wait a minute and try again."
REMEMBERED = 100_000  # people and channels the gate keeps in mind at once; the oldest are forgotten past this


class Role(StrEnum):
    MEMBER = "member"
    OFFICER = "officer"


def _ids(name: str, values: Iterable[str]) -> frozenset[int]:
    try:
        return frozenset(int(value) for value in values)
    except ValueError as error:
        raise ConfigError(f"setting {name!r}: Telegram ids are whole numbers ({error})") from error


@dataclass(frozen=True)
class AccessPolicy:
    users: frozenset[int] = frozenset()
    chats: frozenset[int] = frozenset()
    officers: frozenset[int] = frozenset()

    @classmethod
    def from_config(cls, config: BotConfig) -> AccessPolicy:
        return cls(
            users=_ids("allowed_users", config.allowed_users),
            chats=_ids("allowed_chats", config.allowed_chats),
            officers=_ids("officers", config.officers),
        )

    def role(self, user_id: int | None, chat_id: int | None) -> Role | None:
        """The user's role in this chat, or None if they may not use the bot."""
        if user_id in self.officers:
            return Role.OFFICER
        if user_id in self.users or chat_id in self.chats:
            return Role.MEMBER
        return None


class RateLimiter:
    """At most `per_minute` questions per user in any sixty seconds."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self.clock = clock
        self._asked: dict[int, deque[float]] = defaultdict(deque)

    def allow(self, user_id: int) -> bool:
        now = self.clock()
        asked = self._asked[user_id]
        while asked and now - asked[0] >= 60:
            asked.popleft()
        if len(asked) >= self.per_minute:
            return False
        asked.append(now)
        return True


class Remembered:
    """A set of ids that forgets the oldest past `limit`, so a flood of strangers cannot grow memory without end.

    A forgotten stranger is at worst refused once more.
    """

    def __init__(self, limit: int = REMEMBERED):
        self.limit = limit
        self._ids: OrderedDict[int | None, None] = OrderedDict()

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, key: int | None) -> None:
        self._ids[key] = None
        self._ids.move_to_end(key)
        while len(self._ids) > self.limit:
            self._ids.popitem(last=False)

    def discard(self, key: int | None) -> None:
        self._ids.pop(key, None)


@dataclass
class Decision:
    role: Role | None
    reply: Reply | None = None  # what to say instead of handling the update, if anything
    first: bool = False  # the first time this person or chat is turned away: worth one log line

    @property
    def allowed(self) -> bool:
        return self.role is not None and self.reply is None


@dataclass
class Gate:
    """Access and pace for every update; refusals are said once per person, then silence."""

    policy: AccessPolicy
    limiter: RateLimiter
    refused: Remembered = field(default_factory=Remembered)
    slowed: Remembered = field(default_factory=Remembered)
    ignored_chats: Remembered = field(default_factory=Remembered)

    def check(self, user_id: int | None, chat_id: int | None, asks: bool) -> Decision:
        """May this update be handled, and in what role; `asks` when it speaks to the bot."""
        role = self.policy.role(user_id, chat_id)
        if role is None:
            return self._turn_away(user_id, chat_id, asks)
        who = user_id if user_id is not None else chat_id  # a channel's posts have no user: pace the channel
        if asks and who is not None and not self.limiter.allow(who):
            first = who not in self.slowed
            self.slowed.add(who)
            return Decision(None, Reply.say(SLOW_DOWN, Kind.NOTICE) if first else None, first=first)
        self.slowed.discard(who)
        return Decision(role)

    def _turn_away(self, user_id: int | None, chat_id: int | None, asks: bool) -> Decision:
        """Refuse a person once, the first time they speak to the bot; never a channel."""
        if user_id is None:
            # A post with no person (a channel): a refusal per post would be the bot amplifying it.
            first = chat_id not in self.ignored_chats
            self.ignored_chats.add(chat_id)
            return Decision(None, first=first)
        if not asks:
            return Decision(None)  # chatter near the bot: the refusal waits until they speak to it
        first = user_id not in self.refused
        self.refused.add(user_id)
        return Decision(None, Reply.say(REFUSAL, Kind.NOTICE) if first else None, first=first)
