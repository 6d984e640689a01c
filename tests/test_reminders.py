"""Reminder pings: the database decides what is due, each goes once, never for a past meeting."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from bot.reminders import ChatReminders, Reminder, claim, due_at, mark_sent, ping, sync_reminders
from bot.settings import load_bot_config
from corpus.followups.views import describe_action, list_actions
from corpus.ingest import ingest_paths
from corpus.models import Meeting
from corpus.schedule import cancel_meeting, schedule_meeting

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
BOARD = "Leicestershire Safer Communities Strategy Board"
ZONE = ZoneInfo("Europe/London")


@pytest.fixture
def calendar(service):
    config, own = service
    with Session(own.engine) as session:
        schedule_meeting(session, BOARD, dt.date(2026, 12, 10), dt.time(10), "Room 1", "cli", NOW)
        session.add(ChatReminders(chat_id=77, enabled=True, lead_days="7,1", updated_at=NOW))
        session.commit()
    return config, own.engine


def test_each_chat_gets_a_ping_per_lead_day_at_nine_london_time(calendar):
    config, engine = calendar
    with Session(engine) as session:
        pending = sync_reminders(session, config, NOW)

    assert [(r.chat_id, r.lead_days) for r in pending] == [(77, 7), (77, 1)]
    assert due_at(dt.date(2026, 12, 10), 7, dt.time(9), ZONE) == dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    assert due_at(dt.date(2026, 7, 10), 1, dt.time(9), ZONE) == dt.datetime(2026, 7, 9, 8, 0, tzinfo=dt.UTC)


def test_syncing_twice_makes_no_duplicates(calendar):
    config, engine = calendar
    with Session(engine) as session:
        sync_reminders(session, config, NOW)
        sync_reminders(session, config, NOW)
        assert len(session.exec(select(Reminder)).all()) == 2


def test_a_sent_reminder_is_not_claimed_again(calendar):
    config, engine = calendar
    with Session(engine) as session:
        first = sync_reminders(session, config, NOW)[0]
        mark_sent(session, claim(session, first.id, config, NOW), NOW)

        assert claim(session, first.id, config, NOW) == []
        assert [r.lead_days for r in sync_reminders(session, config, NOW)] == [1]


def test_a_cancelled_meeting_loses_its_unsent_reminders(calendar):
    config, engine = calendar
    with Session(engine) as session:
        sync_reminders(session, config, NOW)
        cancel_meeting(session, None, dt.date(2026, 12, 10), "cli", NOW)
        session.commit()

        assert sync_reminders(session, config, NOW) == []
        assert session.exec(select(Reminder)).all() == []


def test_a_missed_reminder_still_goes_while_the_meeting_is_ahead_but_not_after(calendar):
    config, engine = calendar
    after_due = dt.datetime(2026, 12, 9, 20, 0, tzinfo=dt.UTC)  # both pings overdue, meeting tomorrow
    after_meeting = dt.datetime(2026, 12, 10, 11, 0, tzinfo=dt.UTC)
    with Session(engine) as session:
        overdue = sync_reminders(session, config, after_due)
        assert len(overdue) == 2 and claim(session, overdue[0].id, config, after_meeting) == []
        assert claim(session, overdue[0].id, config, after_due)


def test_turning_reminders_off_removes_the_unsent_ones(calendar):
    config, engine = calendar
    with Session(engine) as session:
        sync_reminders(session, config, NOW)
        session.get(ChatReminders, 77).enabled = False
        session.commit()

        assert sync_reminders(session, config, NOW) == []


def test_the_ping_says_when_and_where(calendar):
    config, engine = calendar
    with Session(engine) as session:
        reminder = sync_reminders(session, config, NOW)[1]
        reply = ping(session, reminder, config, dt.datetime(2026, 12, 9, 9, 0, tzinfo=dt.UTC))

    assert reply.blocks[0].text == f"Reminder: {BOARD} meets tomorrow"
    assert "Thursday 10 December 2026 at 10:00, Room 1." in reply.plain
    assert "No agenda published yet." in reply.plain


def test_the_ping_lists_the_open_follow_ups_due_by_the_meeting(calendar):
    config, engine = calendar
    with Session(engine) as session:
        reminder = sync_reminders(session, config, NOW)[0]
        reply = ping(session, reminder, config, NOW)

    assert "Open follow-ups due by this meeting:" in reply.plain


JUNE = dt.date(2024, 6, 4)
MARCH_MINUTES = """Minutes of a meeting of the Test Board held at the Town Hall on 5 March 2024.

10. Footpaths

RESOLVED:

That the Highways Manager be requested to report on the footpath to the meeting on 4 June 2024.

11. Grants

It was agreed that Jo Smith would write to the village groups about grants.

12. Hedges

RESOLVED:

That the Clerk be requested to obtain quotes for hedge cutting by 1 May 2024.

13. Bins

RESOLVED:

That a report on litter bins be brought to the meeting on 4 June 2024.

14. Lighting

RESOLVED:

That the Clerk be requested to review the street lighting contract by 1 September 2024.
"""


@pytest.fixture
def june_ping(engine, tmp_path):
    """The ping a day before a meeting on 4 June 2024, after minutes of 5 March that set five follow-ups."""
    minutes = tmp_path / "march.txt"
    minutes.write_text(MARCH_MINUTES)
    ingest_paths(engine, [minutes])
    config = load_bot_config(env={"BOARDMEM_DATA_DIR": str(tmp_path / "data")})
    now = dt.datetime(2024, 6, 3, 8, 0, tzinfo=dt.UTC)
    with Session(engine) as session:
        meeting = schedule_meeting(session, "Test Board", JUNE, dt.time(19), "Town Hall", "cli", now)
        reminder = Reminder(meeting_id=meeting.id, chat_id=77, lead_days=1, due_at=now)
        session.add(reminder)
        session.commit()
        views = list_actions(session)
        return ping(session, reminder, config, now).plain, views


def shown_id(views, words: str) -> str:
    """The id /actions shows for the follow-up whose text holds `words`."""
    view = next(v for v in views if words in v.text)
    return describe_action(view, history=False).split()[0]


def test_a_follow_up_due_by_the_meeting_is_in_its_ping(june_ping):
    plain, _ = june_ping

    assert "obtain quotes for hedge cutting" in plain and "report on the footpath" in plain


def test_a_follow_up_due_after_the_meeting_is_not_in_its_ping(june_ping):
    plain, _ = june_ping

    assert "street lighting" not in plain


def test_a_follow_up_with_no_due_date_is_not_in_the_ping(june_ping):
    plain, _ = june_ping

    assert "write to the village groups" not in plain and "Jo Smith" not in plain


def test_follow_ups_are_grouped_under_their_owner_with_the_unowned_last(june_ping):
    plain, _ = june_ping
    listed = plain[plain.index("Open follow-ups due by this meeting:") :].splitlines()

    owners = [line for line in listed[1:] if not line.startswith("• ")]
    assert owners == ["Clerk:", "Highways Manager:", "No owner named:"]
    assert "litter bins" in listed[listed.index("No owner named:") + 1]


def test_each_follow_up_in_the_ping_carries_the_id_actions_shows(june_ping):
    plain, views = june_ping

    assert f"• {shown_id(views, 'hedge cutting')} That the Clerk be requested" in plain


def test_the_ping_lists_at_most_eight_follow_ups_and_counts_the_rest(engine, tmp_path):
    items = "".join(
        f"{n}. Verge {n}\n\nRESOLVED:\n\nThat the Clerk be requested to cut verge number {n} by 1 May 2024.\n\n"
        for n in range(10, 21)
    )
    minutes = tmp_path / "march.txt"
    minutes.write_text(f"Minutes of a meeting of the Test Board held at the Town Hall on 5 March 2024.\n\n{items}")
    ingest_paths(engine, [minutes])
    config = load_bot_config(env={"BOARDMEM_DATA_DIR": str(tmp_path / "data")})
    now = dt.datetime(2024, 6, 3, 8, 0, tzinfo=dt.UTC)
    with Session(engine) as session:
        meeting = schedule_meeting(session, "Test Board", JUNE, dt.time(19), None, "cli", now)
        reminder = Reminder(meeting_id=meeting.id, chat_id=77, lead_days=1, due_at=now)
        session.add(reminder)
        session.commit()
        plain = ping(session, reminder, config, now).plain

    assert plain.count("• ") == 8 and "…and 3 more (/actions)." in plain


def test_leads_due_together_are_claimed_as_one_ping(calendar):
    config, engine = calendar
    both_due = dt.datetime(2026, 12, 9, 9, 30, tzinfo=dt.UTC)  # 7-day and 1-day pings both overdue
    with Session(engine) as session:
        seven, one = sync_reminders(session, config, NOW)
        claimed = claim(session, seven.id, config, both_due)

        assert [r.lead_days for r in claimed] == [7, 1]
        assert claim(session, one.id, config, both_due) == []  # its own job finds nothing left to send


def test_a_lead_not_yet_due_is_not_claimed_with_an_earlier_one(calendar):
    config, engine = calendar
    week_before = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)
    with Session(engine) as session:
        seven, _ = sync_reminders(session, config, NOW)

        assert [r.lead_days for r in claim(session, seven.id, config, week_before)] == [7]
        assert [r.lead_days for r in sync_reminders(session, config, week_before)] == [1]


def test_a_claimed_but_unconfirmed_ping_is_never_scheduled_again(calendar):
    config, engine = calendar
    with Session(engine) as session:
        seven, _ = sync_reminders(session, config, NOW)
        claim(session, seven.id, config, dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC))
        session.get(ChatReminders, 77).enabled = False  # even turning reminders off and on again
        session.commit()
        sync_reminders(session, config, NOW)
        session.get(ChatReminders, 77).enabled = True
        session.commit()

        assert [r.lead_days for r in sync_reminders(session, config, NOW)] == [1]
        assert claim(session, seven.id, config, NOW) == []


def test_a_meeting_no_document_speaks_of_any_more_takes_its_pings_with_it(engine, tmp_path):
    minutes = tmp_path / "minutes.txt"
    body = "1. Verges\n\nRESOLVED:\n\nThat the Clerk be requested to cut the verges.\n"
    minutes.write_text(f"Minutes of a meeting of the Test Board held at the Town Hall on 5 March 2024.\n\n{body}")
    ingest_paths(engine, [minutes])
    with Session(engine) as session:
        (meeting,) = session.exec(select(Meeting)).all()
        session.add(Reminder(meeting_id=meeting.id, chat_id=77, lead_days=1, due_at=NOW))
        session.commit()

    minutes.write_text(f"Minutes of a meeting of the Test Board held at the Town Hall on 12 March 2024.\n\n{body}")
    (outcome,) = ingest_paths(engine, [minutes])

    assert outcome.status == "replaced", outcome.message
    with Session(engine) as session:
        assert [m.date for m in session.exec(select(Meeting)).all()] == [dt.date(2024, 3, 12)]
        assert session.exec(select(Reminder)).all() == []
