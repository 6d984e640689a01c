"""Reminder pings before meetings. The database, not the job queue, is the source of truth.

`sync_reminders` makes the Reminder rows match the calendar and the chats' settings (it is
run at start-up, after every calendar change, and every few minutes, so a later ingest is
picked up without a restart); whatever is unclaimed and still ahead is then scheduled.
A ping is claimed in the database before it is sent, with every other ping of its meeting and
chat already due, so a chat gets one message however many lead days fall due together, and a
bot killed while Telegram was answering does not send it again after a restart.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Field, Session, SQLModel, UniqueConstraint, col, select

from bot.replies import Kind, Reply
from bot.settings import BotConfig
from corpus.followups.views import ActionView, list_actions
from corpus.language.dates import format_date
from corpus.models import Body, Item, Meeting

OPEN_LIMIT = 8  # follow-ups a ping lists; the rest are one /actions away
NO_OWNER = "No owner named"


class ChatReminders(SQLModel, table=True):
    """A chat's reminder pings: on or off, how many days before a meeting, and the forum topic they go to."""

    chat_id: int = Field(primary_key=True)
    enabled: bool = True
    lead_days: str = "7,1"  # comma-separated whole days
    updated_at: dt.datetime
    thread_id: int | None = None  # the topic /remind was given in (None: the chat itself, or General)


class Reminder(SQLModel, table=True):
    """One ping due to one chat before one meeting; `claimed_at`, set before sending, makes sure it goes at
    most once (a claimed ping whose send was never confirmed is not resent); `sent_at` confirms it went."""

    __table_args__ = (UniqueConstraint("meeting_id", "chat_id", "lead_days"),)

    id: int | None = Field(default=None, primary_key=True)
    # A meeting the memory deletes (no document speaks of it any more) takes its pings with it.
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    chat_id: int = Field(index=True)
    lead_days: int
    due_at: dt.datetime
    claimed_at: dt.datetime | None = None
    sent_at: dt.datetime | None = None


def lead_days(text: str) -> list[int]:
    """ "7,1" → [7, 1]; anything unreadable is left out."""
    return sorted({int(d) for d in text.split(",") if d.strip().isdigit()}, reverse=True)


def due_at(meeting_date: dt.date, lead: int, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """When the ping for `lead` days before is due, in UTC (09:00 local by default)."""
    local = dt.datetime.combine(meeting_date - dt.timedelta(days=lead), at, tzinfo=zone)
    return local.astimezone(dt.UTC)


def starts_at(meeting: Meeting, zone: ZoneInfo) -> dt.datetime:
    """When the meeting starts, in UTC; with no time known, the end of its day (so it stays ahead)."""
    local = dt.datetime.combine(meeting.date, meeting.start_time or dt.time(23, 59), tzinfo=zone)
    return local.astimezone(dt.UTC)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """The moment as UTC; SQLite hands datetimes back without their zone (they were stored as UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def reminder_clock(config: BotConfig) -> tuple[ZoneInfo, dt.time]:
    hour, _, minute = config.reminder_time.partition(":")
    return ZoneInfo(config.timezone), dt.time(int(hour), int(minute or 0))


def _unclaimed():
    return select(Reminder).where(col(Reminder.sent_at).is_(None), col(Reminder.claimed_at).is_(None))


def sync_reminders(session: Session, config: BotConfig, now: dt.datetime) -> list[Reminder]:
    """Bring Reminder rows in line with meetings and chats; return the unclaimed ones still ahead."""
    zone, at = reminder_clock(config)
    today = now.astimezone(zone).date()
    meetings = session.exec(select(Meeting).where(Meeting.status == "scheduled", Meeting.date >= today)).all()
    chats = session.exec(select(ChatReminders).where(ChatReminders.enabled == True)).all()  # noqa: E712
    wanted = {
        (meeting.id, chat.chat_id, lead): due_at(meeting.date, lead, at, zone)
        for meeting in meetings
        for chat in chats
        for lead in lead_days(chat.lead_days)
    }
    pending: list[Reminder] = []
    # A claimed row stays whatever happens: deleting it would let the same ping be made and sent again.
    for reminder in session.exec(_unclaimed()).all():
        key = (reminder.meeting_id, reminder.chat_id, reminder.lead_days)
        if key not in wanted:
            session.delete(reminder)  # cancelled, minuted, or the chat turned it off
            continue
        if as_utc(reminder.due_at) != wanted[key]:
            reminder.due_at = wanted[key]  # the meeting moved
            session.add(reminder)
    session.flush()
    existing = {(r.meeting_id, r.chat_id, r.lead_days) for r in session.exec(select(Reminder)).all()}
    for (meeting_id, chat_id, lead), due in wanted.items():
        if (meeting_id, chat_id, lead) not in existing:
            session.add(Reminder(meeting_id=meeting_id, chat_id=chat_id, lead_days=lead, due_at=due))
    session.commit()
    by_id = {m.id: m for m in meetings}
    for reminder in session.exec(_unclaimed()).all():
        meeting = by_id.get(reminder.meeting_id)
        if meeting and starts_at(meeting, zone) > now:
            pending.append(reminder)
    return sorted(pending, key=lambda r: (as_utc(r.due_at), r.id or 0))


def claim(session: Session, reminder_id: int, config: BotConfig, now: dt.datetime) -> list[Reminder]:
    """Claim the reminder, if it should go out now, with its chat's other pings for the meeting already due.

    Committed before anything is sent: whatever happens next, these pings are never sent again.
    Returns the claimed rows (the asked-for one first), or [] when there is nothing to send.
    """
    reminder = session.get(Reminder, reminder_id)
    if reminder is None or reminder.sent_at is not None or reminder.claimed_at is not None:
        return []
    meeting = session.get(Meeting, reminder.meeting_id)
    zone, _ = reminder_clock(config)
    if meeting is None or meeting.status != "scheduled" or starts_at(meeting, zone) <= now:
        return []
    due_together = session.exec(
        _unclaimed().where(
            Reminder.meeting_id == reminder.meeting_id,
            Reminder.chat_id == reminder.chat_id,
            Reminder.id != reminder.id,
            col(Reminder.due_at) <= now,
        )
    ).all()
    ids = [reminder_id] + [r.id for r in due_together if r.id is not None]
    # One conditional UPDATE: if another sender claimed the row first, this one gets nothing.
    claimed = session.execute(
        update(Reminder)
        .where(col(Reminder.id).in_(ids), col(Reminder.claimed_at).is_(None), col(Reminder.sent_at).is_(None))
        .values(claimed_at=now)
        .returning(Reminder.id)
    )
    won = set(claimed.scalars().all())
    session.commit()
    if reminder_id not in won:
        return []
    return [row for row in (session.get(Reminder, i) for i in ids if i in won) if row is not None]


def mark_sent(session: Session, reminders: list[Reminder], now: dt.datetime) -> None:
    """Telegram confirmed the ping: record it against every reminder it stood for."""
    for reminder in reminders:
        reminder.sent_at = now
        session.add(reminder)
    session.commit()


def release(session: Session, reminders: list[Reminder]) -> None:
    """The ping surely did not go (Telegram refused it before sending): let a later sync try again."""
    for reminder in reminders:
        reminder.claimed_at = None
        session.add(reminder)
    session.commit()


def ping(session: Session, reminder: Reminder, config: BotConfig, now: dt.datetime) -> Reply:
    """The reminder message: when and where, the agenda if known, and the open follow-ups due by then, by owner."""
    meeting = session.get(Meeting, reminder.meeting_id)
    assert meeting is not None
    body = session.get(Body, meeting.body_id)
    zone, _ = reminder_clock(config)
    days = (meeting.date - now.astimezone(zone).date()).days
    soon = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    when = f"{meeting.date:%A} {format_date(meeting.date)}"
    if meeting.start_time:
        when += f" at {meeting.start_time:%H:%M}"
    reply = Reply().add(Kind.CITATION, f"Reminder: {body.name if body else 'the board'} meets {soon}")
    reply.add(Kind.TEXT, f"{when}{', ' + meeting.venue if meeting.venue else ''}.")
    agenda = session.exec(
        select(Item).where(Item.meeting_id == meeting.id, Item.section == "agenda").order_by(col(Item.position))
    ).all()
    if agenda:
        reply.add(Kind.TEXT, "Agenda:\n" + "\n".join(f"{i.agenda_number}. {i.title}" for i in agenda))
    else:
        reply.add(Kind.NOTICE, "No agenda published yet.")
    # Only a due date makes a follow-up due by the meeting; undated ones are for /actions, not the ping.
    due = [a for a in list_actions(session, open_only=True, due_by=meeting.date) if a.due_date is not None]
    if due:
        reply.add(Kind.TEXT, "Open follow-ups due by this meeting:\n" + follow_ups_by_owner(due))
    return reply


def _line(action: ActionView) -> str:
    text = action.text if len(action.text) <= 140 else action.text[:140] + "…"
    due = f" (due {format_date(action.due_date)})" if action.due_date else ""
    return f"• {action.ref} {text}{due}"  # the id people type: /action 240305-3


def follow_ups_by_owner(actions: list[ActionView], limit: int = OPEN_LIMIT) -> str:
    """Follow-ups grouped under their owner ("Jo Smith:", then "No owner named:"), soonest due first,
    at most `limit` of them with a count of the rest."""
    shown = sorted(actions, key=lambda a: (a.due_date or dt.date.max, a.id))[:limit]
    groups: dict[str, list[ActionView]] = {}
    for action in shown:
        groups.setdefault((action.owner or "").casefold(), []).append(action)
    # Named owners alphabetically, then the unowned: the ones somebody has to pick up.
    order = sorted(groups, key=lambda key: (key == "", key))
    lines = []
    for key in order:
        lines.append(f"{groups[key][0].owner if key else NO_OWNER}:")
        lines.extend(_line(action) for action in groups[key])
    if len(actions) > limit:
        lines.append(f"…and {len(actions) - limit} more (/actions).")
    return "\n".join(lines)
