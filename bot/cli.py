"""The `boardmem` command: parse arguments, call the memory, print. No logic lives here."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session, func, select

from bot.schedule_cli import add_schedule_parsers
from bot.settings import BotConfig, load_bot_config
from bot.webhook import DEFAULT_LISTEN, listen_address, webhook_url
from corpus.browse import item_views, list_meetings, meetings_on, select_items
from corpus.followups.views import CSV_COLUMNS, csv_rows, describe_action, list_actions
from corpus.ingest import MEGABYTE, Outcome, ingest_paths, lock_refused, prune_missing
from corpus.language.dates import find_dates, format_date
from corpus.lock import MemoryBusy, writing
from corpus.manifest import Hints, ManifestError, load_manifest
from corpus.models import Item
from corpus.read.limits import ReadLimits
from corpus.reading import reader_here
from corpus.settings import Config, ConfigError
from corpus.store import StoreError, database_fault, is_database_fault, migrate, open_engine

if TYPE_CHECKING:  # the model, FAISS and the bot load only for the commands that need them
    from retrieval.search import Answer
    from retrieval.service import Service


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        dates = find_dates(text)
        if dates:
            return dates[0].date
    raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD, e.g. 2016-06-08)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="boardmem", description="Board Memory: a board's minutes, cited.")
    parser.add_argument("--config", type=Path, help="config file (default: config.toml, or $BOARDMEM_CONFIG)")
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help="read minutes and agenda packs into the memory")
    ingest.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the configured corpus)")
    ingest.add_argument("--body", help="the board these documents belong to (overrides the text's wording)")
    ingest.add_argument("--date", type=_date, help="meeting date for documents whose text gives none")
    ingest.add_argument("--json", action="store_true", help="print one JSON object per file")

    meetings = commands.add_parser("meetings", help="list the meetings the memory holds")
    meetings.add_argument("--json", action="store_true", help="print JSON")

    show = commands.add_parser("show", help="a meeting's items, or one item, with citations")
    show.add_argument("date", type=_date, help="meeting date, e.g. 2016-06-08")
    show.add_argument("item", nargs="?", help='minute number ("86"), "agenda 7", or words of the title')
    show.add_argument("--json", action="store_true", help="print JSON")

    ask = commands.add_parser("ask", help="answer a question from the minutes, with citations")
    ask.add_argument("question", nargs="?", help="the question, in plain words")
    ask.add_argument("--k", type=int, help="how many results (default: the `results` setting)")
    ask.add_argument("--json", action="store_true", help="print JSON")
    ask.add_argument("--batch", type=Path, help="answer one question per line of FILE, one JSON object per line")

    evaluate = commands.add_parser("eval", help="score retrieval on question files, against a generic baseline")
    evaluate.add_argument(
        "file", type=Path, nargs="+", help="questions in JSON lines (see ../shared/eval/questions.jsonl); each scored"
    )
    evaluate.add_argument("--json", action="store_true", help="print JSON")
    evaluate.add_argument(
        "--corpus",
        type=Path,
        help="ingest this folder (and its manifest.toml) into a memory of its own first; its items.jsonl and "
        "followups.jsonl, if any, are scored too",
    )
    evaluate.add_argument(
        "--figures-only", action="store_true", help="print the figures, not the misses (for a held-out set)"
    )

    bench = commands.add_parser("bench", help="measure ingest, index and search speed at scale")
    bench.add_argument("--queries", type=int, default=200, help="questions timed per corpus size")
    bench.add_argument("--million", action="store_true", help="also measure 1,000,000 chunks, if memory allows")
    bench.add_argument("--json", action="store_true", help="print every figure as one JSON document")

    actions = commands.add_parser("actions", help="follow-ups: who agreed to do what, where, and how it stands")
    actions.add_argument("--open", action="store_true", help="only actions not done")
    actions.add_argument("--owner", help="only this owner's (part of the name will do)")
    actions.add_argument("--meeting", type=_date, help="only actions created at this meeting")
    shape = actions.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON")
    shape.add_argument("--csv", action="store_true", help="print CSV for a spreadsheet (id, owner, text, status, …)")

    bot = commands.add_parser(
        "bot", help="run the Telegram bot (long polling, or --webhook); the token comes from TELEGRAM_BOT_TOKEN"
    )
    _add_webhook_arguments(bot)
    commands.add_parser("chat", help="the bot's console twin: ask and use its commands in this terminal")
    add_schedule_parsers(commands, _date)
    run = commands.add_parser(
        "run", help="ingest the configured corpus if needed, then serve: the bot with a token, else chat"
    )
    _add_webhook_arguments(run)
    add_keeping_parsers(commands)
    return parser


def add_keeping_parsers(commands) -> None:
    """`backup`, `restore` and `export`: the memory kept safe and taken elsewhere."""
    backup = commands.add_parser("backup", help="copy the SQLite memory to FILE while it runs (PostgreSQL: pg_dump)")
    backup.add_argument("file", type=Path, help="the backup file to write (replaced whole if it exists)")
    restore = commands.add_parser("restore", help="put a backup back; the current memory is kept as *.before-restore")
    restore.add_argument("file", type=Path, help="a file `boardmem backup` wrote")
    restore.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="while an ingest is writing the memory, wait up to SECONDS for it to finish (default: refuse at once)",
    )
    export = commands.add_parser("export", help="meetings, items, resolutions and follow-ups as CSV and JSON in DIR")
    export.add_argument("dir", type=Path, help="folder to write into (created if missing)")


def _add_webhook_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--webhook",
        type=webhook_url,
        metavar="URL",
        help="serve by webhook at this public URL instead of polling (secret: $BOARDMEM_WEBHOOK_SECRET, else random)",
    )
    parser.add_argument(
        "--listen",
        type=listen_address,
        metavar="HOST:PORT",
        help=f"where the webhook server (and GET /healthz) listens (default {DEFAULT_LISTEN})",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `boardmem` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    config: BotConfig | None = None
    try:
        config = load_bot_config(args.config)
        handlers = {
            "ingest": _ingest,
            "meetings": _meetings,
            "show": _show,
            "ask": _ask,
            "eval": _eval,
            "bench": _bench,
            "actions": _actions,
            "bot": _bot,
            "chat": _chat,
            "run": _run,
            "backup": _backup,
            "restore": _restore,
            "export": _export,
        }
        handler = getattr(args, "handler", None) or handlers[args.command]
        return handler(config, args)
    except (ConfigError, ManifestError, MemoryBusy, StoreError) as error:
        print(f"boardmem: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # Output piped into `head` and cut short: not an error worth a traceback.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - must outlive this frame for interpreter exit
        return 0
    except Exception as error:
        # The server stopped or the link was cut mid-command (any command, any step): one line, as at
        # start-up, instead of a traceback with SQL in it. Anything else is a bug worth its traceback.
        if not is_database_fault(error):
            raise
        print(f"boardmem: {database_fault(config.resolved_database_url if config else '', error)}", file=sys.stderr)
        return 2


def _engine(config: Config):
    return open_engine(config.resolved_database_url)


def _locked(stack: ExitStack, engine: Engine) -> Outcome | None:
    """Hold the memory's write lock until `stack` closes; if it cannot be had, the failure an ingest reports."""
    try:
        stack.enter_context(writing(engine))
    except (MemoryBusy, OSError) as error:
        return lock_refused(engine, error)
    migrate(engine)  # a restore just before we got the lock may have put back an older schema
    return None


def _configured_ingest(config: Config, engine: Engine, paths: list[Path], hints: Hints) -> list[Outcome]:
    manifest = load_manifest(config.manifest) if config.manifest and config.manifest.exists() else None
    max_bytes = config.max_document_mb * MEGABYTE
    read = reader_here(ReadLimits.from_config(config))
    outcomes = ingest_paths(engine, paths or config.corpus_paths, hints, manifest, max_bytes=max_bytes, read=read)
    # The configured corpus is the source of truth for its folders: files taken out of it go.
    return outcomes if paths else outcomes + prune_missing(engine, config.corpus_paths)


def _print_outcomes(outcomes: list[Outcome], as_json: bool, quiet_unchanged: bool = False) -> None:
    for outcome in outcomes:
        if as_json:
            print(json.dumps(outcome.to_json()))
        elif outcome.failed:
            print(f"failed     {outcome.message}", file=sys.stderr)
        elif not (quiet_unchanged and outcome.status in ("unchanged", "duplicate")):
            print(f"{outcome.status:<10} {outcome.path}  ({_found(outcome)})")
            for warning in outcome.warnings:
                print(f"{'':<10} note: {warning}")


def _found(outcome: Outcome) -> str:
    """ "generic: 12 items, 4 resolutions, 9 attendees, 1 table; 5 May 2021": what the parse found."""
    if not outcome.shape:
        return outcome.message

    def counted(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    counts = [
        counted(outcome.items, "item"),
        counted(outcome.resolutions, "resolution"),
        counted(outcome.attendance, "attendee"),
        counted(outcome.tables, "table"),
    ]
    dates = ", ".join(format_date(d) for d in outcome.meetings)
    shape = outcome.shape if outcome.file_format in (None, "text") else f"{outcome.file_format} {outcome.shape}"
    return f"{shape}: {', '.join(counts)}; {dates}"


def _ingest(config: Config, args: argparse.Namespace) -> int:
    engine = _engine(config)
    # One writer for the whole command, indexing included: a restore or another ingest waits (or is
    # refused) until what is printed here is in the memory and its index.
    with ExitStack() as stack:
        refused = _locked(stack, engine)
        if refused:
            _print_outcomes([refused], args.json)
            return 1
        outcomes = _configured_ingest(config, engine, args.paths, Hints(body=args.body, date=args.date))
        if not outcomes:
            print("boardmem: no documents found to ingest", file=sys.stderr)
            return 1
        _print_outcomes(outcomes, args.json)
        _index(config, engine, quiet=args.json)
    return 1 if any(o.failed for o in outcomes) else 0


def _index(config: Config, engine: Engine, quiet: bool = False) -> None:
    """Bring the search index up to date with the memory (embedding only what is new)."""

    from retrieval.service import embedder_for, refresh_index

    log = (lambda _m: None) if quiet else (lambda m: print(m, file=sys.stderr))
    index = refresh_index(config, engine, embedder_for(config), log)
    stats = index.stats
    if stats.chunks and not quiet:
        print(
            f"indexed    {stats.chunks} chunks ({stats.embedded} embedded in {stats.embed_seconds:.1f} s, "
            f"indexes built in {stats.index_seconds:.2f} s)"
        )


def _meetings(config: Config, args: argparse.Namespace) -> int:
    today = dt.datetime.now(ZoneInfo(config.timezone)).date()  # a past meeting is never "scheduled"
    with Session(_engine(config)) as session:
        views = list_meetings(session, today)
    if args.json:
        print(json.dumps([v.to_json() for v in views], indent=2))
        return 0
    if not views:
        print("No meetings yet: run `boardmem ingest`.")
    for view in views:
        time = view.time.strftime("%H:%M") if view.time else "--:--"
        numbers = f" minutes {view.minute_numbers[0]}-{view.minute_numbers[-1]}" if view.minute_numbers else ""
        venue = f"  {view.venue}" if view.venue else ""
        print(f"{view.date}  {time}  {view.status:<23} {view.items:>3} items{numbers}{venue}")
    return 0


def _show(config: Config, args: argparse.Namespace) -> int:
    with Session(_engine(config)) as session:
        meetings = meetings_on(session, args.date)
        if not meetings:
            known = [v.date for v in list_meetings(session)]
            nearest = sorted(known, key=lambda d: abs((d - args.date).days))[:3]
            hint = ", ".join(d.isoformat() for d in sorted(nearest)) or "none yet"
            print(f"boardmem: no meeting on {args.date.isoformat()}; nearest: {hint}", file=sys.stderr)
            return 1
        views = [v for meeting in meetings for v in item_views(session, meeting)]
    if args.item:
        views = select_items(views, args.item)
        if not views:
            print(f"boardmem: no item {args.item!r} at the meeting of {format_date(args.date)}", file=sys.stderr)
            return 1
    if args.json:
        payload = views[0].to_json() if args.item and len(views) == 1 else [v.to_json() for v in views]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    for view in views:
        print(f"{view.citation}  [{view.source}]")
        if args.item:
            print(f"\n{view.text}\n")
        for label, text in view.resolutions:
            print(f"    {label + ' ' if label else ''}{text}")
        if not args.item:
            print()
    return 0


def _ask(config: Config, args: argparse.Namespace) -> int:
    if not args.question and not args.batch:
        print("boardmem: ask needs a question, or --batch FILE", file=sys.stderr)
        return 2
    questions = [args.question] if args.question else _batch_questions(args.batch)
    if questions is None:
        return 1

    from retrieval.service import load_service

    service = load_service(config, log=lambda m: print(m, file=sys.stderr))
    k = args.k or config.results
    for question in questions:
        answer = service.searcher.ask(question, k=k)
        if args.json or args.batch:
            print(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            _print_answer(answer)
    return 0


def _batch_questions(path: Path) -> list[str] | None:
    try:
        return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError) as error:
        print(f"boardmem: {path}: cannot read questions ({error})", file=sys.stderr)
        return None


def _print_answer(answer: Answer) -> None:
    """The answer as the console chat shows it: quoted answer, decision, citation; then the other results."""
    from bot.answer_reply import NOT_FOUND, first_page, further_page
    from bot.render import to_text

    if not answer.answered or not answer.results:
        print(NOT_FOUND)
        return
    reply, shown = first_page(answer)
    print(to_text(reply))
    rest = dataclasses.replace(answer, results=answer.results[len(shown) :])
    if rest.results:
        print("\nMore:\n")
        print(to_text(further_page(rest)))
    print(f"\n(sources: {', '.join(dict.fromkeys(r.source for r in answer.results))})")


def _eval(config: Config, args: argparse.Namespace) -> int:
    from retrieval.evaluate import run_eval  # loads the baseline only when asked

    for path in args.file:
        if not path.exists():
            print(f"boardmem: {path}: no such file", file=sys.stderr)
            return 1
    if args.corpus is not None and not args.corpus.is_dir():
        print(f"boardmem: {args.corpus}: not a folder", file=sys.stderr)
        return 1
    return run_eval(config, args.file, as_json=args.json, corpus=args.corpus, figures_only=args.figures_only)


def _bench(config: Config, args: argparse.Namespace) -> int:
    from retrieval.bench import run_bench

    return run_bench(config, queries=args.queries, million=args.million, as_json=args.json)


def _actions(config: Config, args: argparse.Namespace) -> int:
    with Session(_engine(config)) as session:
        views = list_actions(session, open_only=args.open, owner=args.owner, meeting_date=args.meeting)
    if args.json:
        print(json.dumps([v.to_json() for v in views], indent=2, ensure_ascii=False))
        return 0
    if args.csv:
        table = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        table.writeheader()
        table.writerows(csv_rows(views))
        return 0
    if not views:
        print("No follow-ups match.")
    for view in views:
        print(describe_action(view))
        print()
    return 0


def _loaded(config: Config) -> Service:
    from retrieval.service import load_service

    service = load_service(config, log=lambda m: print(m, file=sys.stderr))
    with Session(service.engine) as session:
        meetings = len(list_meetings(session))
        items = session.exec(select(func.count()).select_from(Item)).one()
    print(
        f"Loaded {meetings} meetings, {items} items, {len(service.index)} chunks in {service.load_seconds:.1f} s.",
        file=sys.stderr,
    )
    return service


def _bot(config: BotConfig, args: argparse.Namespace, service: Service | None = None) -> int:
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        print("boardmem: set TELEGRAM_BOT_TOKEN to run the bot (or use `boardmem chat`)", file=sys.stderr)
        return 2
    from bot.telegram_app import run_bot  # telegram is imported by the bot only

    return run_bot(config, service or _loaded(config), token, webhook_url=args.webhook, listen=args.listen)


def _chat(config: BotConfig, args: argparse.Namespace, service: Service | None = None) -> int:
    from bot.console import run_console
    from bot.conversation import Conversation

    return run_console(Conversation(service or _loaded(config), config, channel="console"))


NO_TOKEN_NO_TERMINAL = (
    "boardmem: run has no Telegram token and no terminal to chat in: set TELEGRAM_BOT_TOKEN in its environment "
    "(a systemd EnvironmentFile, compose's env_file) to serve the bot; the token is never read from config.toml"
)


def _run(config: BotConfig, args: argparse.Namespace) -> int:
    has_token = bool(os.environ.get("TELEGRAM_BOT_TOKEN", "").strip())
    if not has_token and (sys.stdin is None or not sys.stdin.isatty()):
        # Under a service manager the console chat would read end-of-file at once and exit 0: a silent success.
        print(NO_TOKEN_NO_TERMINAL, file=sys.stderr)
        return 2
    engine = _engine(config)
    with ExitStack() as stack:  # one writer until the memory and its index agree; then serve without the lock
        refused = _locked(stack, engine)
        outcomes = [refused] if refused else _configured_ingest(config, engine, [], Hints())
        _print_outcomes(outcomes, as_json=False, quiet_unchanged=True)
        # Serving loads the model and refreshes the index in one go; no separate indexing pass.
        service = _loaded(config)
    return _bot(config, args, service) if has_token else _chat(config, args, service)


def _backup(config: Config, args: argparse.Namespace) -> int:
    from corpus.backup import BackupError, backup_database

    try:
        target = backup_database(config.resolved_database_url, args.file)
    except BackupError as error:
        print(f"boardmem: {error}", file=sys.stderr)
        return 2
    print(f"backed up  {target} ({target.stat().st_size // 1024} KiB)")
    return 0


def _restore(config: Config, args: argparse.Namespace) -> int:
    from corpus.backup import BackupError, restore_database

    try:
        restored = restore_database(config.resolved_database_url, args.file, wait=args.wait)
    except BackupError as error:
        print(f"boardmem: {error}", file=sys.stderr)
        return 2
    print(f"restored   {restored.database} from {args.file} (schema {restored.schema_version})")
    if restored.kept:
        print(f"kept       the memory it replaced as {restored.kept}")
    print("The search index is rebuilt from the restored memory when the bot or `boardmem ask` next loads it.")
    return 0


def _export(config: Config, args: argparse.Namespace) -> int:
    from corpus.backup import export_memory

    for table in export_memory(_engine(config), args.dir):
        rows = f"{table.rows} row{'' if table.rows == 1 else 's'}"
        print(f"{table.table:<18} {rows:>11}  {table.csv_path.name}, {table.json_path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
