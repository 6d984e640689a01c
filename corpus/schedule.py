"""Officers add and cancel meetings: how a board's real calendar gets into the memory.

Every function takes the caller's Session (the caller commits), the acting officer `by`
("telegram:<user id>" or "cli") and `now` (zone-aware UTC), so nothing here reads a clock.
A meeting's own time, venue and status stay derived by `recompute_meeting`: an officer's word
is one more source, outranked by minutes.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlmodel import Session, col, select

from corpus.language.dates import find_dates, format_date, parse_numeric_date
from corpus.meetings import recompute_meeting
from corpus.models import Body, ManualSchedule, Meeting, MeetingChange, MeetingSource

DATE_FORMATS = "2026-12-03, 3 December 2026 or 3/12/2026"
TIME_FORMATS = "10:00, 10.00am, 2pm or 14:00"
# Words that mean "no time yet" rather than a malformed time.
NO_TIME = {"", "-", "tbc", "tba"}

_WEEKDAY = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?", re.IGNORECASE)
_ISO_SHAPE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_NUMERIC_SHAPE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})")
_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*(?:(?P<suffix>[ap])\.?m\.?|hrs?)?",
    re.IGNORECASE,
)


class ScheduleError(ValueError):
    """A schedule request that cannot be carried out; the message says why, for the officer."""


def parse_date(date_text: str) -> dt.date:
    """A date written "2026-12-03", "3 December 2026" (weekday allowed) or "3/12/2026" (day first)."""
    text = date_text.strip()
    if _ISO_SHAPE.fullmatch(text) or _NUMERIC_SHAPE.fullmatch(text):
        date = _iso_or_numeric(text)
        if date is None:
            raise ScheduleError(f"{date_text!r} is not a real date")
        return date
    found = find_dates(text)
    # The whole text must be the date, so "3 December 2026 or the week after" is not read as 3 December.
    if len(found) == 1 and not _WEEKDAY.sub("", text[: found[0].start] + text[found[0].end :]).strip(" ,."):
        return found[0].date
    if not found and _looks_like_impossible_date(text):
        raise ScheduleError(f"{date_text!r} is not a real date")
    raise ScheduleError(f"not a date: {date_text!r} (write it as {DATE_FORMATS})")


def _iso_or_numeric(text: str) -> dt.date | None:
    if "-" in text and len(text.split("-")[0]) == 4:
        year, month, day = (int(part) for part in text.split("-"))
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return parse_numeric_date(text)


def _looks_like_impossible_date(text: str) -> bool:
    """Whether `text` is a day, month name and year that no calendar has ("31 February 2027")."""
    # Day 1 of every month of year 2000 exists, so if the text reads as a date once its day is 1
    # and its year 2000, the day or the year (0000) was impossible.
    some_day = re.sub(r"\b\d{1,2}(?=(?:st|nd|rd|th)?\b)", "1", text, count=1)
    return bool(find_dates(re.sub(r"\b\d{4}\b", "2000", some_day, count=1)))


def parse_time(time_text: str | None) -> dt.time | None:
    """A clock time such as "10:00", "10.00am", "2pm" or "14:00"; None when none is given ("tbc")."""
    if time_text is None or time_text.strip().casefold() in NO_TIME:
        return None
    text = time_text.strip()
    if text.casefold() in ("noon", "midday", "12 noon"):
        return dt.time(12, 0)
    m = _CLOCK.fullmatch(text)
    # A bare number ("10") could be a day or an hour; ask for a real clock time instead.
    if m is None or (m["m"] is None and m["suffix"] is None):
        raise ScheduleError(f"not a time: {time_text!r} (write it as {TIME_FORMATS})")
    hour, minute = int(m["h"]), int(m["m"] or 0)
    if m["suffix"]:
        if not 1 <= hour <= 12:
            raise ScheduleError(f"not a time: {time_text!r} (with am/pm the hour runs 1 to 12)")
        hour = hour % 12 + (12 if m["suffix"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        raise ScheduleError(f"not a time: {time_text!r} (hours run 0 to 23, minutes 0 to 59)")
    return dt.time(hour, minute)


def parse_when(date_text: str, time_text: str | None, today: dt.date) -> tuple[dt.date, dt.time | None]:
    """An officer's date and time, read and checked to be today or later."""
    date = parse_date(date_text)
    if date < today:
        raise ScheduleError(f"{format_date(date)} is in the past (today is {format_date(today)})")
    return date, parse_time(time_text)


# A board plans a few years ahead at most; 9999-12-31 is a typo or a prank.
YEARS_AHEAD = 5


def schedule_meeting(
    session: Session,
    body_name: str,
    date: dt.date,
    time: dt.time | None,
    venue: str | None,
    by: str,
    now: dt.datetime,
) -> Meeting:
    """Record that `body_name` will meet on `date`; re-scheduling a cancelled meeting undoes the cancellation.

    A time or venue left out keeps what the officer said before, so moving the time keeps the room.
    """
    body_name = body_name.strip()
    if not body_name:
        raise ScheduleError("which board is meeting? The board's name is empty")
    # Any zone is within a day of UTC, so a date before yesterday (UTC) is past everywhere.
    today = now.astimezone(dt.UTC).date()
    if date < today - dt.timedelta(days=1):
        raise ScheduleError(f"{format_date(date)} is in the past")
    if date.year - today.year > YEARS_AHEAD:
        raise ScheduleError(
            f"{format_date(date)} is too far ahead: meetings can be scheduled up to {YEARS_AHEAD} years ahead"
        )
    venue = " ".join(venue.split()) if venue and venue.strip() else None
    body = _get_or_create_body(session, body_name)
    meeting = _meeting_of(session, body, date) or Meeting(body_id=body.id, date=date)
    if meeting.id is not None and _has_minutes(session, meeting.id):
        raise ScheduleError(f"the {body.name} meeting of {format_date(date)} has minutes: it was held")
    session.add(meeting)
    session.flush()
    assert meeting.id is not None
    previous = _latest_manual(session, meeting.id)
    time = time or (previous.start_time if previous else None)
    venue = venue or (previous.venue if previous else None)
    session.add(ManualSchedule(meeting_id=meeting.id, start_time=time, venue=venue, set_by=by, set_at=now))
    meeting.cancelled_at = None
    session.add(meeting)
    detail = ", ".join(part for part in (time and time.strftime("%H:%M"), venue) if part)
    session.add(MeetingChange(meeting_id=meeting.id, action="scheduled", detail=detail, by=by, at=now))
    session.flush()
    recompute_meeting(session, meeting.id)
    session.flush()
    return meeting


def cancel_meeting(session: Session, body_name: str | None, date: dt.date, by: str, now: dt.datetime) -> Meeting:
    """Mark a meeting cancelled (it stays, with its history); without a body, the day's only meeting."""
    meeting = _find_meeting(session, body_name, date)
    assert meeting.id is not None
    name = _body_name(session, meeting)
    if _has_minutes(session, meeting.id):
        raise ScheduleError(f"the {name} meeting of {format_date(date)} has minutes: it was held, not cancelled")
    if meeting.cancelled_at is not None:
        when = format_date(meeting.cancelled_at.date())
        raise ScheduleError(f"the {name} meeting of {format_date(date)} is already cancelled (since {when})")
    meeting.cancelled_at = now
    session.add(meeting)
    session.add(MeetingChange(meeting_id=meeting.id, action="cancelled", by=by, at=now))
    session.flush()
    recompute_meeting(session, meeting.id)
    session.flush()
    return meeting


def upcoming_meetings(session: Session, today: dt.date, include_cancelled: bool = False) -> list[Meeting]:
    """Scheduled meetings from `today` on, soonest first (and cancelled ones, if asked)."""
    statuses = ["scheduled", "cancelled"] if include_cancelled else ["scheduled"]
    return list(
        session.exec(
            select(Meeting)
            .where(Meeting.date >= today, col(Meeting.status).in_(statuses))
            .order_by(col(Meeting.date), col(Meeting.start_time), col(Meeting.body_id))
        )
    )


def meeting_history(session: Session, meeting_id: int) -> list[MeetingChange]:
    """Who scheduled and cancelled the meeting, oldest first."""
    return list(
        session.exec(
            select(MeetingChange)
            .where(MeetingChange.meeting_id == meeting_id)
            .order_by(col(MeetingChange.at), col(MeetingChange.id))
        )
    )


def default_body(session: Session) -> str | None:
    """The board's name when the memory knows exactly one board (most deployments serve one), else None."""
    names = session.exec(select(Body.name).limit(2)).all()
    return names[0] if len(names) == 1 else None


def body_names(session: Session) -> list[str]:
    """Every board the memory knows, by name."""
    return sorted(session.exec(select(Body.name)).all(), key=str.casefold)


def _body_name(session: Session, meeting: Meeting) -> str:
    body = session.get(Body, meeting.body_id)
    return body.name if body else "?"


def with_body_names(session: Session, meetings: list[Meeting]) -> list[tuple[Meeting, str]]:
    """Each meeting paired with its board's name, as `corpus.calendar.to_ics` takes them."""
    return [(meeting, _body_name(session, meeting)) for meeting in meetings]


def _find_body(session: Session, name: str) -> Body | None:
    wanted = name.strip().casefold()
    return next((body for body in session.exec(select(Body)) if body.name.casefold() == wanted), None)


def _get_or_create_body(session: Session, name: str) -> Body:
    body = _find_body(session, name)
    if body is None:
        body = Body(name=name)
        session.add(body)
        session.flush()
    return body


def _meeting_of(session: Session, body: Body, date: dt.date) -> Meeting | None:
    return session.exec(select(Meeting).where(Meeting.body_id == body.id, Meeting.date == date)).first()


def _find_meeting(session: Session, body_name: str | None, date: dt.date) -> Meeting:
    if body_name:
        body = _find_body(session, body_name)
        if body is None:
            raise ScheduleError(f"no board called {body_name!r}; known: {', '.join(body_names(session)) or 'none'}")
        meeting = _meeting_of(session, body, date)
        if meeting is None:
            raise ScheduleError(f"no {body.name} meeting on {format_date(date)}")
        return meeting
    meetings = list(session.exec(select(Meeting).where(Meeting.date == date)))
    if not meetings:
        raise ScheduleError(f"no meeting on {format_date(date)}")
    if len(meetings) > 1:
        names = ", ".join(sorted(_body_name(session, m) for m in meetings))
        raise ScheduleError(f"{len(meetings)} boards meet on {format_date(date)} ({names}); say which")
    return meetings[0]


def _has_minutes(session: Session, meeting_id: int) -> bool:
    """Whether minutes record the meeting: then it was held, whatever anyone says of it."""
    query = select(MeetingSource.id).where(MeetingSource.meeting_id == meeting_id, MeetingSource.role == "minutes")
    return session.exec(query).first() is not None


def _latest_manual(session: Session, meeting_id: int) -> ManualSchedule | None:
    return session.exec(
        select(ManualSchedule)
        .where(ManualSchedule.meeting_id == meeting_id)
        .order_by(col(ManualSchedule.set_at).desc(), col(ManualSchedule.id).desc())
    ).first()
