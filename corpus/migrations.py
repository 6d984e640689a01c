"""The schema's history as frozen, numbered migrations: each is the DDL of its version, fixed forever.

None of them reads `corpus.models`: a model changed today must not change what an old migration
builds, or an old database and a new one would differ. Each migration is also safe on a database
an earlier release built with `create_all` on that release's models (what it would add is checked
first), so every database upgrades the same way. Append new migrations; never edit a released one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Time,
    UniqueConstraint,
    inspect,
    text,
)


def _stamp() -> DateTime:
    """A moment in time, stored with its zone where the database can (TIMESTAMP WITH TIME ZONE)."""
    return DateTime(timezone=True)


def _id() -> Column:
    return Column("id", Integer, primary_key=True)


def _create(engine: Engine, tables: list[Table]) -> None:
    """Create those of `tables` that are missing (an earlier release may have made some)."""
    tables[0].metadata.create_all(engine, tables=tables, checkfirst=True)


def _columns(engine: Engine, table: str) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns(table)}


def _add_column(engine: Engine, table: str, column: str, kind: str) -> None:
    """ALTER TABLE … ADD COLUMN, unless the column is already there; `kind` as a dialect-neutral type."""
    if column not in _columns(engine, table):
        with engine.begin() as connection:
            connection.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


def schema_version_table(metadata: MetaData | None = None) -> Table:
    """The bookkeeping table: which numbered migrations have run (created before migration 1)."""
    return Table(
        "schemaversion",
        metadata or MetaData(),
        Column("version", Integer, primary_key=True),
        Column("applied_at", _stamp(), nullable=False),
    )


def m001_initial(engine: Engine) -> None:
    """The first schema: bodies, documents, meetings and everything read from minutes."""
    metadata = MetaData()
    Table(
        "body",
        metadata,
        _id(),
        Column("name", String, nullable=False, index=True, unique=True),
    )
    Table(
        "document",
        metadata,
        _id(),
        Column("path", String, nullable=False, index=True, unique=True),
        Column("sha256", String, nullable=False, index=True),
        Column("format", String, nullable=False),
        Column("parser_version", Integer, nullable=False),
        Column("body_id", Integer, ForeignKey("body.id"), nullable=False),
        Column("ingested_at", _stamp(), nullable=False),
    )
    Table(
        "meeting",
        metadata,
        _id(),
        Column("body_id", Integer, ForeignKey("body.id"), nullable=False, index=True),
        Column("date", Date, nullable=False, index=True),
        Column("start_time", Time),
        Column("end_time", Time),
        Column("venue", String),
        Column("status", String, nullable=False),
        Column("cancelled_at", _stamp()),
        UniqueConstraint("body_id", "date"),
    )
    Table(
        "meetingsource",
        metadata,
        _id(),
        Column("meeting_id", Integer, ForeignKey("meeting.id"), nullable=False, index=True),
        Column("document_id", Integer, ForeignKey("document.id"), nullable=False, index=True),
        Column("role", String, nullable=False),
        Column("start_time", Time),
        Column("end_time", Time),
        Column("venue", String),
        Column("line", Integer),
    )
    Table(
        "item",
        metadata,
        _id(),
        Column("meeting_id", Integer, ForeignKey("meeting.id"), nullable=False, index=True),
        Column("document_id", Integer, ForeignKey("document.id"), nullable=False, index=True),
        Column("section", String, nullable=False),
        Column("position", Integer, nullable=False),
        Column("minute_number", String, index=True),
        Column("agenda_number", String),
        Column("title", String, nullable=False),
        Column("title_derived", Boolean, nullable=False),
        Column("note", String),
        Column("text", String, nullable=False),
        Column("line_start", Integer, nullable=False),
        Column("line_end", Integer, nullable=False),
    )
    Table(
        "resolution",
        metadata,
        _id(),
        Column("item_id", Integer, ForeignKey("item.id"), nullable=False, index=True),
        Column("position", Integer, nullable=False),
        Column("label", String),
        Column("text", String, nullable=False),
    )
    Table(
        "minutereference",
        metadata,
        _id(),
        Column("item_id", Integer, ForeignKey("item.id"), nullable=False, index=True),
        Column("minute", String, nullable=False),
        Column("text", String, nullable=False),
    )
    Table(
        "attendance",
        metadata,
        _id(),
        Column("meeting_id", Integer, ForeignKey("meeting.id"), nullable=False, index=True),
        Column("document_id", Integer, ForeignKey("document.id"), nullable=False, index=True),
        Column("person", String, nullable=False),
        Column("organisation", String),
        Column("role", String, nullable=False),
    )
    Table(
        "actionlogentry",
        metadata,
        _id(),
        Column("meeting_id", Integer, ForeignKey("meeting.id"), nullable=False, index=True),
        Column("document_id", Integer, ForeignKey("document.id"), nullable=False, index=True),
        Column("item_id", Integer, ForeignKey("item.id")),
        Column("number", String, nullable=False),
        Column("date", Date),
        Column("action", String, nullable=False),
        Column("responsible_officer", String),
        Column("comments", String),
        Column("status", String),
        Column("line", Integer, nullable=False),
    )
    _create(engine, metadata.sorted_tables)


def m002_schedule_and_reminders(engine: Engine) -> None:
    """Officers' scheduling, its history, and reminder pings per chat."""
    metadata = MetaData()
    Table("meeting", metadata, _id())  # referenced only: created by m001
    Table(
        "manualschedule",
        metadata,
        _id(),
        Column("meeting_id", Integer, ForeignKey("meeting.id"), nullable=False, index=True),
        Column("start_time", Time),
        Column("venue", String),
        Column("set_by", String, nullable=False),
        Column("set_at", _stamp(), nullable=False),
    )
    Table(
        "meetingchange",
        metadata,
        _id(),
        Column("meeting_id", Integer, ForeignKey("meeting.id"), nullable=False, index=True),
        Column("action", String, nullable=False),
        Column("detail", String, nullable=False),
        Column("by", String, nullable=False),
        Column("at", _stamp(), nullable=False),
    )
    Table(
        "chatreminders",
        metadata,
        Column("chat_id", Integer, primary_key=True),
        Column("enabled", Boolean, nullable=False),
        Column("lead_days", String, nullable=False),
        Column("updated_at", _stamp(), nullable=False),
    )
    Table(
        "reminder",
        metadata,
        _id(),
        Column("meeting_id", Integer, ForeignKey("meeting.id"), nullable=False, index=True),
        Column("chat_id", Integer, nullable=False, index=True),
        Column("lead_days", Integer, nullable=False),
        Column("due_at", _stamp(), nullable=False),
        Column("sent_at", _stamp()),
        UniqueConstraint("meeting_id", "chat_id", "lead_days"),
    )
    _create(engine, [t for t in metadata.sorted_tables if t.name != "meeting"])


def m003_actions(engine: Engine) -> None:
    """Follow-ups and their history."""
    metadata = MetaData()
    Table("meeting", metadata, _id())  # referenced only: created by m001
    Table("item", metadata, _id())
    Table(
        "action",
        metadata,
        _id(),
        Column("key", String, nullable=False, index=True, unique=True),
        Column("kind", String, nullable=False),
        Column("meeting_id", Integer, ForeignKey("meeting.id"), nullable=False, index=True),
        Column("item_id", Integer, ForeignKey("item.id")),
        Column("text", String, nullable=False),
        Column("owner", String),
        Column("owner_raw", String),
        Column("due_date", Date),
        Column("due_text", String),
        Column("status", String, nullable=False),
        Column("rag", String),
        Column("log_number", String),
        Column("stale", Boolean, nullable=False),
    )
    Table(
        "actionevent",
        metadata,
        _id(),
        Column("action_id", Integer, ForeignKey("action.id"), nullable=False, index=True),
        Column("kind", String, nullable=False),
        Column("origin", String, nullable=False),
        Column("meeting_id", Integer, ForeignKey("meeting.id")),
        Column("item_id", Integer, ForeignKey("item.id")),
        Column("text", String, nullable=False),
        Column("confidence", Float),
        Column("by", String),
        Column("at", _stamp(), nullable=False),
    )
    _create(engine, [t for t in metadata.sorted_tables if t.name in ("action", "actionevent")])


def m004_reminder_claims(engine: Engine) -> None:
    """Reminders are claimed before they are sent (at most once)."""
    kind = _stamp().compile(dialect=engine.dialect)  # TIMESTAMP WITH TIME ZONE, or SQLite's DATETIME
    _add_column(engine, "reminder", "claimed_at", str(kind))


def m005_memory_state(engine: Engine) -> None:
    """Follow-ups know which memory they were derived from; actions remember where they were minuted."""
    metadata = MetaData()
    Table(
        "memorystate",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=False),  # one row, id 1: no sequence
        Column("generation", Integer, nullable=False),
        Column("actions_generation", Integer, nullable=False),
    )
    _create(engine, metadata.sorted_tables)
    _add_column(engine, "action", "anchor", "VARCHAR")
    with engine.begin() as connection:
        if connection.execute(text("SELECT id FROM memorystate WHERE id = 1")).first() is None:
            # A memory that already holds documents has follow-ups of unknown age: derive them once more.
            held = connection.execute(text("SELECT id FROM document LIMIT 1")).first() is not None
            connection.execute(
                text("INSERT INTO memorystate (id, generation, actions_generation) VALUES (1, :held, 0)"),
                {"held": int(held)},
            )


def m006_action_refs(engine: Engine) -> None:
    """Follow-ups get the id people type, derived from where they were minuted (filled by the next derivation)."""
    _add_column(engine, "action", "ref", "VARCHAR")
    with engine.begin() as connection:
        if "ix_action_ref" not in {index["name"] for index in inspect(connection).get_indexes("action")}:
            connection.exec_driver_sql("CREATE UNIQUE INDEX ix_action_ref ON action (ref)")
        # Derive follow-ups once more, giving each its id.
        connection.execute(text("UPDATE memorystate SET actions_generation = -1 WHERE id = 1"))


def m007_reminders_follow_meetings_and_topics(engine: Engine) -> None:
    """A chat's pings go to the forum topic reminders were turned on in; a deleted meeting takes its pings with it
    (ON DELETE CASCADE: the reminder tables are the bot's, and the memory deletes meetings without knowing them)."""
    _add_column(engine, "chatreminders", "thread_id", "INTEGER")
    keys = inspect(engine).get_foreign_keys("reminder")
    if any(key["referred_table"] == "meeting" and key["options"].get("ondelete") == "CASCADE" for key in keys):
        return
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            for key in keys:
                if key["referred_table"] == "meeting" and key["name"]:
                    connection.exec_driver_sql(f"ALTER TABLE reminder DROP CONSTRAINT {key['name']}")
            connection.exec_driver_sql(
                "ALTER TABLE reminder ADD CONSTRAINT reminder_meeting_id_fkey "
                "FOREIGN KEY (meeting_id) REFERENCES meeting (id) ON DELETE CASCADE"
            )
        return
    # SQLite cannot change a constraint: the table is made again, as its documentation describes.
    metadata = MetaData()
    Table("meeting", metadata, _id())  # referenced only
    reminder = Table(
        "reminder",
        metadata,
        _id(),
        Column("meeting_id", Integer, ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True),
        Column("chat_id", Integer, nullable=False, index=True),
        Column("lead_days", Integer, nullable=False),
        Column("due_at", _stamp(), nullable=False),
        Column("sent_at", _stamp()),
        Column("claimed_at", _stamp()),
        UniqueConstraint("meeting_id", "chat_id", "lead_days"),
    )
    columns = ", ".join(column.name for column in reminder.columns)
    with engine.begin() as connection:
        for index in inspect(connection).get_indexes("reminder"):
            if index["name"] and index["name"].startswith("ix_"):
                connection.exec_driver_sql(f"DROP INDEX {index['name']}")
        connection.exec_driver_sql("ALTER TABLE reminder RENAME TO reminder_before_m007")
        reminder.create(connection)
        connection.exec_driver_sql(f"INSERT INTO reminder ({columns}) SELECT {columns} FROM reminder_before_m007")
        connection.exec_driver_sql("DROP TABLE reminder_before_m007")


# Run in order, each once; append new ones, never edit a released one, so old databases upgrade.
MIGRATIONS: list[Callable[[Engine], None]] = [
    m001_initial,
    m002_schedule_and_reminders,
    m003_actions,
    m004_reminder_claims,
    m005_memory_state,
    m006_action_refs,
    m007_reminders_follow_meetings_and_topics,
]
