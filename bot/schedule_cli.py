"""`boardmem schedule add|cancel|list` and `boardmem calendar`: officers keep the board's calendar.

Thin handlers, each `(config, args) -> int`; the rules live in `corpus.schedule`. `bot.cli` wires
them in with `add_schedule_parsers` and calls `args.handler(config, args)`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from corpus.calendar import to_ics
from corpus.language.dates import format_date
from corpus.models import Meeting
from corpus.schedule import (
    DATE_FORMATS,
    ScheduleError,
    body_names,
    cancel_meeting,
    default_body,
    meeting_history,
    parse_date,
    parse_when,
    schedule_meeting,
    upcoming_meetings,
    with_body_names,
)
from corpus.settings import Config, ConfigError
from corpus.store import open_engine

BY = "cli"
DateType = Callable[[str], dt.date]


def add_schedule_parsers(subparsers: argparse._SubParsersAction, date_type: DateType) -> None:
    """Register `schedule add|cancel|list` and `calendar`; each sets `handler` to its function.

    `date_type` (the CLI's lenient date reader) is the fallback for `schedule cancel DATE` after
    the officer formats; `schedule add` reads its DATE itself, as it must also refuse the past.
    """
    schedule = subparsers.add_parser("schedule", help="add, cancel or list upcoming meetings")
    actions = schedule.add_subparsers(dest="schedule_command", required=True)

    add = actions.add_parser("add", help="schedule a meeting (or re-schedule a cancelled one)")
    add.add_argument("date", help=f"meeting date: {DATE_FORMATS} (quote dates with spaces)")
    add.add_argument("time", help='start time: 10:00, 10.00am, 2pm or 14:00; "tbc" if not yet known')
    add.add_argument("venue", nargs="*", help="where it sits, e.g. Council Chamber")
    add.add_argument("--body", help="the board meeting (default: the only board the memory knows)")
    add.set_defaults(handler=schedule_add)

    cancel = actions.add_parser("cancel", help="cancel a scheduled meeting (it stays listed, as cancelled)")
    cancel.add_argument("date", type=_date_argument(date_type), help=f"meeting date: {DATE_FORMATS}")
    cancel.add_argument("--body", help="the board, when several meet that day")
    cancel.set_defaults(handler=schedule_cancel)

    listing = actions.add_parser("list", help="upcoming meetings, scheduled and cancelled")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=schedule_list)

    feed = subparsers.add_parser("calendar", help="print upcoming meetings as iCalendar (.ics) for calendar apps")
    feed.set_defaults(handler=calendar)


def _change(config: Config, act: Callable[[Session, dt.datetime, dt.date], str]) -> int:
    """Run one calendar change in a transaction; print what it did, or the reason it could not."""
    now, today = _clock(config)
    engine = open_engine(config.resolved_database_url)
    try:
        with Session(engine) as session:
            line = act(session, now, today)
            session.commit()
    except ScheduleError as error:
        return _fail(error)
    finally:
        engine.dispose()
    print(line)
    return 0


def schedule_add(config: Config, args: argparse.Namespace) -> int:
    """Schedule the meeting on args.date at args.time in args.venue (words), for args.body or the only board."""

    def act(session: Session, now: dt.datetime, today: dt.date) -> str:
        date, time = parse_when(str(args.date), args.time, today)
        body = args.body or _only_body(session)
        meeting = schedule_meeting(session, body, date, time, " ".join(args.venue or []) or None, BY, now)
        history = meeting_history(session, meeting.id or 0)
        line = f"Scheduled: {_describe(meeting, body)}"
        if len(history) > 1 and history[-2].action == "cancelled":
            line += " (no longer cancelled)"
        return line

    return _change(config, act)


def schedule_cancel(config: Config, args: argparse.Namespace) -> int:
    """Cancel the meeting on args.date (of args.body, or the day's only meeting)."""

    def act(session: Session, now: dt.datetime, _today: dt.date) -> str:
        date = args.date if isinstance(args.date, dt.date) else parse_date(args.date)
        meeting = cancel_meeting(session, args.body, date, BY, now)
        ((_, body),) = with_body_names(session, [meeting])
        return f"Cancelled: {_describe(meeting, body)}"

    return _change(config, act)


def schedule_list(config: Config, args: argparse.Namespace) -> int:
    """Print upcoming meetings (scheduled and cancelled), soonest first; `--json` for a list of objects."""
    rows = _upcoming(config)
    if getattr(args, "json", False):
        print(json.dumps([_as_json(meeting, body) for meeting, body in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No upcoming meetings: add one with `boardmem schedule add DATE TIME [VENUE]`.")
        return 0
    width = max(len(body) for _, body in rows)
    for meeting, body in rows:
        time = meeting.start_time.strftime("%H:%M") if meeting.start_time else "--:--"
        line = f"{meeting.date}  {meeting.date:%a}  {time}  {meeting.status:<9}  {body:<{width}}  {meeting.venue or ''}"
        print(line.rstrip())
    return 0


def calendar(config: Config, args: argparse.Namespace) -> int:
    """Print the upcoming scheduled and cancelled meetings as an iCalendar document."""
    now, _today = _clock(config)
    # The text carries its own CRLF line endings, as RFC 5545 requires.
    sys.stdout.write(to_ics(_upcoming(config), config.timezone, now))
    return 0


def _upcoming(config: Config) -> list[tuple[Meeting, str]]:
    _now, today = _clock(config)
    engine = open_engine(config.resolved_database_url)
    try:
        with Session(engine) as session:
            return with_body_names(session, upcoming_meetings(session, today, include_cancelled=True))
    finally:
        engine.dispose()


def _only_body(session: Session) -> str:
    """The board to schedule for when none is named: the only one, else an error saying which exist."""
    name = default_body(session)
    if name is not None:
        return name
    known = body_names(session)
    if not known:
        raise ScheduleError("no board is known yet: name it with --body")
    raise ScheduleError(f"several boards are known ({', '.join(known)}): say which with --body")


def _clock(config: Config) -> tuple[dt.datetime, dt.date]:
    """Now (UTC) and today's date where the board meets."""
    try:
        zone = ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(f"timezone {config.timezone!r} is not a known time zone") from error
    now = dt.datetime.now(dt.UTC)
    return now, now.astimezone(zone).date()


def _date_argument(fallback: DateType) -> DateType:
    """An argparse type reading the officer formats first, then the CLI's own lenient reader."""

    def read(text: str) -> dt.date:
        try:
            return parse_date(text)
        except ScheduleError as error:
            try:
                return fallback(text)
            except (argparse.ArgumentTypeError, ValueError):
                raise argparse.ArgumentTypeError(str(error)) from error

    return read


def _describe(meeting: Meeting, body: str) -> str:
    parts = [f"{meeting.date:%A} {format_date(meeting.date)}"]
    parts.append(meeting.start_time.strftime("%H:%M") if meeting.start_time else "time to be confirmed")
    if meeting.venue:
        parts.append(meeting.venue)
    return f"{body} meeting, {', '.join(parts)}"


def _as_json(meeting: Meeting, body: str) -> dict[str, str | None]:
    return {
        "date": meeting.date.isoformat(),
        "time": meeting.start_time.strftime("%H:%M") if meeting.start_time else None,
        "venue": meeting.venue,
        "status": meeting.status,
        "body": body,
    }


def _fail(error: Exception) -> int:
    print(f"boardmem: {error}", file=sys.stderr)
    return 1
