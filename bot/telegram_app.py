"""Telegram wiring: the real python-telegram-bot Application around the conversation.

Handler groups, in the order every update meets them:
  -1  the gate: access and pace for every update, buttons included (filters do not apply to
      callback queries, so the check cannot live in the handlers' filters);
   0  commands, then any other /command (answered with help rather than silence);
   1  plain text: a question in a private chat, or when the bot is mentioned or replied to;
      documents: an officer's upload, in a private chat;
and buttons (More, Full text) through one callback handler.

In groups an answer is a reply to its question, in a forum topic it goes to that topic, and an edited
question edits the answer it had (the bot remembers which messages answered which question).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
import sys
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, func, select
from telegram import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeChatMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType, MessageEntityType, ParseMode
from telegram.error import BadRequest, InvalidToken, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.access import AccessPolicy, Gate, RateLimiter, Role
from bot.commands import COMMANDS, OFFICER_COMMANDS, menu
from bot.conversation import Clock, Conversation, Request, utc_now
from bot.reminders import ChatReminders, Reminder, as_utc, claim, mark_sent, ping, release, sync_reminders
from bot.render import to_html
from bot.replies import Kind, Reply
from bot.settings import BotConfig
from bot.telegram_io import CONCURRENT_UPDATES, ChatOrderedUpdates, PerChatRateLimiter, WatchfulRequest
from bot.upload_desk import Job, NotFetched, UploadDesk
from bot.uploads import Upload, for_chat, incoming_path, refusal, shown_name, upload_limit
from bot.webhook import Webhook, run_webhook, webhook_secret
from corpus.models import Item, Meeting
from retrieval.records import memory_fingerprint
from retrieval.service import Service, refresh_index, searcher_for

log = logging.getLogger("boardmem.bot")

SORRY = "Something went wrong on my side. Please try again in a moment."
# How long an answer may wait for the index to take in a memory that moved under it (see _index_caught_up).
INDEX_CATCH_UP_SECONDS = 1.0
# Questions whose answer messages are remembered, so an edited question can edit its answer.
REMEMBERED_ANSWERS = 5_000
# "/start ask_play_area": what a t.me/<bot>?start=ask_play_area link sends (underscores for spaces).
_DEEP_LINK = re.compile(r"/start(?:@\w+)?\s+ask_([A-Za-z0-9_-]+)\s*", re.ASCII)


@dataclass
class Parts:
    """What the handlers share, kept in application.bot_data."""

    config: BotConfig
    service: Service
    conversation: Conversation
    gate: Gate
    now: Clock
    errors: list[BaseException] = field(default_factory=list)
    refreshing: asyncio.Lock = field(default_factory=asyncio.Lock)  # one index refresh at a time
    # (chat id, question message id) → the message ids of its answer, oldest forgotten past the limit.
    answers: OrderedDict[tuple[int, int], list[int]] = field(default_factory=OrderedDict)
    started: float = field(default_factory=time.monotonic)
    handled: int = 0  # updates that reached a handler, for the heartbeat
    uploads: UploadDesk = field(init=False)  # officers' documents, one at a time
    catching_up: asyncio.Task | None = None  # an index refresh questions started, and since when
    catching_up_since: float = 0.0

    def remember_answer(self, chat_id: int, question_id: int, answer_ids: list[int]) -> None:
        """Note which messages answered a question (bounded: the oldest is forgotten first)."""
        self.answers[(chat_id, question_id)] = answer_ids
        self.answers.move_to_end((chat_id, question_id))
        while len(self.answers) > REMEMBERED_ANSWERS:
            self.answers.popitem(last=False)


def _parts(context: CallbackContext) -> Parts:
    return context.application.bot_data["parts"]


def build_application(
    config: BotConfig,
    service: Service,
    token: str,
    now: Clock = utc_now,
    token_refused: Callable[[], None] = lambda: log.error("Telegram refused the bot token (401)"),
    concurrent: bool = False,
) -> Application:
    """The bot, ready for `run_polling` (or for tests to drive against a fake Bot API).

    `concurrent` (what `run_bot` serves with) handles chats side by side, each chat's updates in order;
    without it updates go one at a time, for tests that script an order across chats. Either way a 429
    holds back only its own chat, and any 401 calls `token_refused`.
    """
    builder = (
        ApplicationBuilder()
        .token(token)
        .post_init(_post_init)
        .rate_limiter(PerChatRateLimiter())
        .concurrent_updates(ChatOrderedUpdates() if concurrent else False)
        .request(WatchfulRequest(token_refused, connection_pool_size=CONCURRENT_UPDATES))
        .get_updates_request(WatchfulRequest(token_refused, connection_pool_size=1))
    )
    if config.api_base_url:
        builder = builder.base_url(config.api_base_url).base_file_url(_file_url(config.api_base_url))
    app = builder.build()

    def calendar_changed() -> None:
        app.job_queue.run_once(_sync_reminders, 0, name="sync-reminders")

    parts = app.bot_data["parts"] = Parts(
        config=config,
        service=service,
        conversation=Conversation(service, config, now=now, calendar_changed=calendar_changed),
        gate=Gate(AccessPolicy.from_config(config), RateLimiter(config.rate_limit_per_minute)),
        now=now,
    )

    async def upload_added() -> None:
        await _refresh_index(parts, wait=True)
        app.job_queue.run_once(_sync_reminders, 0, name="sync-reminders")

    parts.uploads = UploadDesk(config, service.engine, upload_added)
    app.add_handler(TypeHandler(Update, _gate), group=-1)
    app.add_handler(CommandHandler([c.name for c in COMMANDS], _on_message), group=0)
    app.add_handler(MessageHandler(filters.COMMAND, _on_message), group=0)
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _on_text), group=1)
    app.add_handler(MessageHandler(filters.Document.ALL & filters.UpdateType.MESSAGE, _on_document), group=1)
    app.add_handler(CallbackQueryHandler(_on_button))
    app.add_error_handler(_on_error)
    return app


def _file_url(api_base_url: str) -> str:
    """Where files are downloaded from, beside the Bot API endpoint (Telegram's pattern: /bot → /file/bot)."""
    head, bot, _ = api_base_url.rstrip("/").rpartition("/bot")
    return f"{head}/file/bot" if bot else f"{api_base_url.rstrip('/')}/file/bot"


def _counts(service: Service) -> tuple[int, int]:
    with Session(service.engine) as session:
        meetings = session.exec(select(func.count()).select_from(Meeting)).one()
        return meetings, session.exec(select(func.count()).select_from(Item)).one()


async def _post_init(app: Application) -> None:
    parts: Parts = app.bot_data["parts"]
    await _set_command_menus(app, parts.gate.policy)
    meetings, items = await asyncio.to_thread(_counts, parts.service)
    log.info(
        "Loaded %d meetings, %d items, %d chunks in %.1f s",
        meetings,
        items,
        len(parts.service.index),
        parts.service.load_seconds,
    )
    # Jobs are not persisted: the database says which reminders are due, so read it now and
    # again every few minutes (a later ingest may have announced new meetings).
    await _sync_reminders(_Context(app))
    app.job_queue.run_repeating(
        _sync_reminders, interval=dt.timedelta(minutes=parts.config.reminder_refresh_minutes), name="sync-reminders"
    )


def member_commands() -> list[BotCommand]:
    """The menu everyone sees: the commands without the officers' ones."""
    return [BotCommand(name, text) for name, text in menu(Role.MEMBER)]


def officer_commands() -> list[BotCommand]:
    """The officers' menu: every command."""
    return [BotCommand(name, text) for name, text in menu(Role.OFFICER)]


async def _set_command_menus(app: Application, policy: AccessPolicy) -> None:
    """Members' commands by default; every command in each officer's private chat and, for them, in the
    allowed groups. A scope Telegram refuses (an officer who never started the bot) is logged and skipped."""
    await app.bot.set_my_commands(member_commands())
    scopes = [BotCommandScopeChat(officer) for officer in sorted(policy.officers)]
    scopes += [BotCommandScopeChatMember(chat, officer) for chat in sorted(policy.chats) for officer in policy.officers]
    for scope in scopes:
        try:
            await app.bot.set_my_commands(officer_commands(), scope=scope)
        except TelegramError as error:
            log.warning("Could not set the officers' command menu for %s: %s", scope.to_dict(), error.message)


def deep_link_text(text: str) -> str:
    """ "/start ask_play_area" (a t.me link's payload) as the question it stands for, "/ask play area"."""
    match = _DEEP_LINK.fullmatch(text)
    if match is None:
        return text
    return "/ask " + " ".join(match[1].replace("_", " ").split())


class _Context:
    """The slice of CallbackContext the reminder jobs use, for calling them outside the queue."""

    def __init__(self, app: Application):
        self.application = app
        self.bot = app.bot


def _addressed_to_bot(update: Update, username: str | None, bot_id: int) -> bool:
    """Whether the update speaks to the bot (a refusal is owed only then)."""
    if update.callback_query:
        return True
    message = update.effective_message
    if message is None or update.effective_chat is None:
        return False
    if update.effective_chat.type == ChatType.PRIVATE:
        return True
    if (message.text or "").startswith("/"):
        return not _for_another_bot(message.text or "", username)
    return _mentions(update, username) or _replies_to_bot(update, bot_id)


def command_name(text: str) -> str:
    """ "ask" for "/ask@board_bot what …"; "" for a message that is not a command, "/" alone included."""
    words = text.strip().split(maxsplit=1)
    if not words or not words[0].startswith("/"):
        return ""
    return words[0][1:].split("@")[0].lower()


def _for_another_bot(text: str, username: str | None) -> bool:
    """Whether `text` is a command addressed to some other bot: "/help@other_bot" in a shared group."""
    command = text.split(maxsplit=1)[0] if text.startswith("/") else ""
    _, at, target = command.partition("@")
    return bool(at) and target.lower() != (username or "").lower()


def _mentions(update: Update, username: str | None) -> bool:
    message = update.effective_message
    if not message or not username:
        return False
    kinds = [MessageEntityType.MENTION]
    mentions = [*message.parse_entities(kinds).values(), *message.parse_caption_entities(kinds).values()]
    return any(m.lstrip("@").lower() == username.lower() for m in mentions)


def _replies_to_bot(update: Update, bot_id: int) -> bool:
    message = update.effective_message
    replied = message.reply_to_message if message else None
    return bool(replied and replied.from_user and replied.from_user.id == bot_id)


async def _gate(update: Update, context: CallbackContext) -> None:
    parts = _parts(context)
    user, chat = update.effective_user, update.effective_chat
    addressed = _addressed_to_bot(update, context.bot.username, context.bot.id)
    decision = parts.gate.check(user.id if user else None, chat.id if chat else None, asks=addressed)
    if decision.allowed:
        return
    try:
        if decision.first and not decision.reply:
            # Once per person or channel: a flood of ignored updates must not flood the log too.
            log.info("Ignoring updates from user %s in chat %s", user.id if user else None, chat.id if chat else None)
        elif decision.reply and addressed and chat is not None:
            # Logged without the message: what a refused person wrote is none of our business.
            log.info("Refused user %s in chat %s", user.id if user else None, chat.id)
            await _turn_away(update, context, chat.id, decision.reply)
    except Exception as error:  # Telegram refusing the refusal (429, 403, ...) must not let the update through
        log.warning(
            "Could not send the refusal to user %s in chat %s: %s",
            user.id if user else None,
            chat.id if chat else None,
            error,
            exc_info=not isinstance(error, TelegramError),
        )
    finally:
        raise ApplicationHandlerStop  # denial never depends on a send succeeding


async def _turn_away(update: Update, context: CallbackContext, chat_id: int, reply: Reply) -> None:
    """Say why the update is not handled: an alert on a button, else a message."""
    if update.callback_query:
        await update.callback_query.answer(reply.plain[:190], show_alert=True)
    else:
        await _send(context, chat_id, reply, origin=update.effective_message)


def _request(update: Update, context: CallbackContext, text: str) -> Request | None:
    """Who asks what, in which role; None when the allowlists give them none (the gate stops those first)."""
    user_id = update.effective_user.id if update.effective_user else None
    chat_id = update.effective_chat.id if update.effective_chat else None
    role = _parts(context).gate.policy.role(user_id, chat_id)
    if role is None:
        return None
    thread = _thread_of(update.effective_message) if update.callback_query is None else None
    return Request(user_id=user_id or 0, chat_id=chat_id or 0, text=text, role=role, thread_id=thread)


async def _on_message(update: Update, context: CallbackContext) -> None:
    message = update.effective_message
    if message is None or not message.text or _for_another_bot(message.text, context.bot.username):
        return
    await _answer(update, context, deep_link_text(message.text))


async def _on_text(update: Update, context: CallbackContext) -> None:
    message = update.effective_message
    if message is None or not message.text or update.effective_chat is None:
        return
    text = message.text
    if update.effective_chat.type != ChatType.PRIVATE:
        if not (_mentions(update, context.bot.username) or _replies_to_bot(update, context.bot.id)):
            return  # group chatter not meant for the bot
        text = text.replace(f"@{context.bot.username}", " ")
    await _answer(update, context, text)


async def _answer(update: Update, context: CallbackContext, text: str) -> None:
    """Answer a message; an edited one edits the answer it had (or is answered afresh if it had none)."""
    message = update.effective_message
    request = _request(update, context, text)
    if message is None or request is None:
        return
    parts = _parts(context)
    parts.handled += 1
    edited = update.edited_message is not None
    command = command_name(text)
    await _index_caught_up(parts)
    if edited and command in OFFICER_COMMANDS:  # officers' commands change the memory or the calendar
        # Acting twice on one command (a second meeting, a second note) is worse than asking again.
        reply = Reply.say(f"I don't act on an edited /{command}: send it again as a new message.", Kind.NOTICE)
    else:
        # Search, embedding and the database block: off the event loop, so other chats go on.
        reply = await asyncio.to_thread(parts.conversation.handle, request)
    earlier = parts.answers.get((message.chat_id, message.message_id)) if edited else None
    if earlier:
        sent = await _replace(context, message, earlier, reply)
    else:
        sent = await _send(context, message.chat_id, reply, origin=message)
    parts.remember_answer(message.chat_id, message.message_id, sent)


async def _replace(context: CallbackContext, question: Message, earlier: list[int], reply: Reply) -> list[int]:
    """Edit the answer messages in place with the new reply; pages beyond them are sent, spare ones deleted."""
    pages = to_html(reply)
    kept: list[int] = []
    for number, page in enumerate(pages):
        markup = _keyboard(reply) if number == len(pages) - 1 else None
        if number < len(earlier):
            try:
                await context.bot.edit_message_text(
                    page,
                    chat_id=question.chat_id,
                    message_id=earlier[number],
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    link_preview_options=_NO_PREVIEW,
                )
            except BadRequest as error:
                if "not modified" not in error.message:  # the same answer again is no failure
                    raise
            kept.append(earlier[number])
        else:
            kept += await _send(context, question.chat_id, Reply.say(""), origin=question, pages=[page], markup=markup)
    for spare in earlier[len(pages) :]:
        try:
            await context.bot.delete_message(question.chat_id, spare)
        except TelegramError as error:  # too old to delete (48 h) or already gone: it stays, harmless
            log.info("Could not delete an old answer page in chat %s: %s", question.chat_id, error.message)
    return kept


async def _on_document(update: Update, context: CallbackContext) -> None:
    """An officer's document, in a private chat: queued, downloaded, read, and answered with the parse report."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or message.document is None or chat is None:
        return
    private = chat.type == ChatType.PRIVATE
    if not private and not (_mentions(update, context.bot.username) or _replies_to_bot(update, context.bot.id)):
        return  # a file shared in a group is for its members, not for the bot
    parts = _parts(context)
    parts.handled += 1
    document = message.document
    upload = Upload(document.file_name, document.mime_type, document.file_size)
    role = parts.gate.policy.role(update.effective_user.id if update.effective_user else None, chat.id)
    why = refusal(role, private, upload, upload_limit(parts.config))
    if why is not None:
        await _send(context, chat.id, Reply.say(why, Kind.NOTICE), origin=message)
        return
    name = shown_name(upload)

    async def download(target: Path) -> None:
        await _download(context, parts, document.file_id, upload, target)

    async def say(text: str, notice: bool) -> int:
        sent = await _send(context, chat.id, Reply.say(text, Kind.NOTICE if notice else Kind.TEXT), origin=message)
        return sent[-1]

    async def edit(message_id: int, text: str) -> None:
        [page] = to_html(Reply.say(text, Kind.NOTICE))
        await context.bot.edit_message_text(page, chat_id=chat.id, message_id=message_id, parse_mode=ParseMode.HTML)

    target = incoming_path(parts.config, document.file_unique_id, name)
    job = Job(chat.id, name, target, download, say, edit)
    await parts.uploads.take(job, context.application.create_task)


async def _download(context: CallbackContext, parts: Parts, file_id: str, upload: Upload, target: Path) -> None:
    """Fetch the upload from Telegram into `target`; NotFetched (for the officer) when it cannot be had."""
    name, limit = shown_name(upload), upload_limit(parts.config)
    try:
        file = await context.bot.get_file(file_id)
        if file.file_size is not None and file.file_size > limit:
            raise NotFetched(refusal(Role.OFFICER, True, Upload(name, upload.mime_type, file.file_size), limit))
        await file.download_to_drive(target)
    except TelegramError as error:
        log.warning("Could not download %s: %s", name, error.message)
        raise NotFetched(
            f"I could not download {name} from Telegram ({for_chat(error.message)}). Please send it again."
        ) from None


async def _on_button(update: Update, context: CallbackContext) -> None:
    query = update.callback_query
    request = _request(update, context, "")
    if query is None or query.data is None or request is None:
        return
    await _index_caught_up(_parts(context))
    reply = await asyncio.to_thread(_parts(context).conversation.press, request, query.data)
    if all(block.kind is Kind.NOTICE for block in reply.blocks):
        # An expired, spent or forged button: a brief alert, and the message under it stays as it was.
        await query.answer(reply.plain[:190], show_alert=True)
        return
    await query.answer()
    pages = to_html(reply)
    if query.data.startswith("more:") and len(pages) == 1 and query.message is not None:
        # Paging replaces the page in place, so the chat does not fill with old pages.
        await query.edit_message_text(
            pages[0], parse_mode=ParseMode.HTML, reply_markup=_keyboard(reply), link_preview_options=_NO_PREVIEW
        )
        return
    chat_id = update.effective_chat.id if update.effective_chat else query.from_user.id
    shown_under = query.message if isinstance(query.message, Message) else None
    await _send(context, chat_id, reply, thread=_thread_of(shown_under))


_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def _keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    sources = [
        InlineKeyboardButton(b.label.replace("Full text ", "Text "), callback_data=b.data)
        for b in reply.buttons
        if b.data.startswith("src:")
    ]
    others = [
        InlineKeyboardButton(b.label, callback_data=b.data) for b in reply.buttons if not b.data.startswith("src:")
    ]
    return InlineKeyboardMarkup([row for row in (sources, others) if row])


def _thread_of(message: Message | None) -> int | None:
    """The forum topic a message is in (None in General, in other chats, or for a reply thread elsewhere)."""
    return message.message_thread_id if message is not None and message.is_topic_message else None


async def _send(
    context: CallbackContext,
    chat_id: int,
    reply: Reply,
    origin: Message | None = None,
    thread: int | None = None,
    pages: list[str] | None = None,
    markup: InlineKeyboardMarkup | None = None,
) -> list[int]:
    """Send the reply as one or more messages, the buttons under the last; returns their message ids.

    Said in answer to `origin`: in its forum topic, and in a group as a reply to it (the first page), so a
    busy group sees which question it answers; if that message is gone, the answer is sent anyway.
    """
    pages = to_html(reply) if pages is None else pages
    markup = _keyboard(reply) if markup is None else markup
    thread = thread if thread is not None else _thread_of(origin)
    quoted = origin is not None and origin.chat.type != ChatType.PRIVATE
    sent = []
    for number, page in enumerate(pages, start=1):
        message = await context.bot.send_message(
            chat_id,
            page,
            parse_mode=ParseMode.HTML,
            reply_markup=markup if number == len(pages) else None,
            link_preview_options=_NO_PREVIEW,
            message_thread_id=thread,
            reply_parameters=(
                ReplyParameters(origin.message_id, allow_sending_without_reply=True)
                if quoted and origin is not None and number == 1
                else None
            ),
        )
        sent.append(message.message_id)
    return sent


async def _on_error(update: object, context: CallbackContext) -> None:
    parts = _parts(context)
    if context.error is not None:
        parts.errors.append(context.error)
    log.error("Error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(
                update.effective_chat.id, SORRY, message_thread_id=_thread_of(update.effective_message)
            )
        except Exception:  # the apology failing too must not raise into another error round
            log.warning("Could not send the apology to chat %s", update.effective_chat.id)


def _index_is_current(service: Service) -> bool:
    with Session(service.engine) as session:
        return memory_fingerprint(session) == service.index.manifest.get("fingerprint")


async def _refresh_index(parts: Parts, wait: bool = False) -> None:
    """Pick up what a later `boardmem ingest` added, without a restart (all of it off the event loop).

    One refresh at a time: a sync that finds one running skips its own (the running one sees the
    memory as it is, and the next sync catches anything later); index.py also locks across processes.
    An upload `wait`s instead, since the running refresh may have begun before its document was stored.
    """
    if parts.refreshing.locked() and not wait:
        return
    async with parts.refreshing:
        service = parts.service
        if await asyncio.to_thread(_index_is_current, service):
            return
        index = await asyncio.to_thread(refresh_index, parts.config, service.engine, service.embedder, log.info)
        service.index = index
        service.searcher = searcher_for(index, service.embedder, parts.config)
        log.info("Search index reloaded: %d chunks", len(index))


async def _index_caught_up(parts: Parts) -> None:
    """Before an answer: if the memory has moved under the index (a restore, another process's ingest), refresh
    it, waiting at most INDEX_CATCH_UP_SECONDS from the refresh's start. A restore is taken in by then, so no
    answer cites a meeting the memory no longer holds; a large new document is not, and questions meanwhile
    are answered from the index as it was rather than wait for its embedding."""
    task = parts.catching_up
    if task is None or task.done():
        if await asyncio.to_thread(_index_is_current, parts.service):
            return
        task = parts.catching_up = asyncio.create_task(_refresh_logged(parts))
        parts.catching_up_since = time.monotonic()
    left = parts.catching_up_since + INDEX_CATCH_UP_SECONDS - time.monotonic()
    if left > 0:
        await asyncio.wait({task}, timeout=left)


async def _refresh_logged(parts: Parts) -> None:
    try:
        await _refresh_index(parts)
    except Exception:  # answers go on from the index as it was; the next question or sync tries again
        log.exception("Refreshing the search index failed")


def _pending_reminders(parts: Parts, now: dt.datetime) -> list[tuple[int, dt.datetime, int]]:
    with Session(parts.service.engine) as session:
        return [(r.id, as_utc(r.due_at), r.chat_id) for r in sync_reminders(session, parts.config, now) if r.id]


async def _sync_reminders(context: CallbackContext | _Context) -> None:
    """Make the job queue hold exactly the unclaimed reminders that are still ahead."""
    app = context.application
    parts: Parts = app.bot_data["parts"]
    await _refresh_index(parts)
    now = parts.now()
    pending = await asyncio.to_thread(_pending_reminders, parts, now)
    keep = set()
    scheduled: dict[str, dt.datetime] = app.bot_data.setdefault("reminder_due", {})
    for reminder_id, due, chat_id in pending:
        name = f"reminder:{reminder_id}"
        keep.add(name)
        if scheduled.get(name) == due and app.job_queue.get_jobs_by_name(name):
            continue
        for job in app.job_queue.get_jobs_by_name(name):
            job.schedule_removal()
        scheduled[name] = due
        # A delay measured on the bot's own clock (injected, so tests may set it), not a wall-clock
        # moment. A reminder whose time passed while the bot was down is still sent while its
        # meeting is ahead; without misfire_grace_time=None the scheduler would drop it.
        app.job_queue.run_once(
            _send_reminder,
            when=max(0.0, (due - now).total_seconds()),
            name=name,
            data=reminder_id,
            chat_id=chat_id,
            job_kwargs={"misfire_grace_time": None},
        )
    for job in app.job_queue.jobs():
        if job.name and job.name.startswith("reminder:") and job.name not in keep:
            job.schedule_removal()
    for name in set(scheduled) - keep:
        del scheduled[name]


@dataclass(frozen=True)
class _Ping:
    """A claimed ping: where it goes, what it says, and the reminders it stands for."""

    chat_id: int
    thread_id: int | None
    reply: Reply
    reminder_ids: list[int]


def _claim_ping(parts: Parts, reminder_id: int, now: dt.datetime) -> _Ping | None:
    with Session(parts.service.engine) as session:
        claimed = claim(session, reminder_id, parts.config, now)
        if not claimed:
            return None  # already claimed or sent, or its meeting was cancelled, minuted or is past
        reply = ping(session, claimed[0], parts.config, now)
        chat = session.get(ChatReminders, claimed[0].chat_id)
        thread = chat.thread_id if chat is not None else None
        return _Ping(claimed[0].chat_id, thread, reply, [r.id for r in claimed if r.id is not None])


def _settle(parts: Parts, reminder_ids: list[int], now: dt.datetime, sent: bool) -> None:
    with Session(parts.service.engine) as session:
        rows = [r for r in (session.get(Reminder, i) for i in reminder_ids) if r is not None]
        if sent:
            mark_sent(session, rows, now)
        else:
            release(session, rows)


async def _send_reminder(context: CallbackContext) -> None:
    parts = _parts(context)
    reminder_id = context.job.data if context.job else None
    now = parts.now()
    claimed = await asyncio.to_thread(_claim_ping, parts, reminder_id, now) if reminder_id else None
    if claimed is None:
        return
    try:
        await _send_ping(context, parts, claimed)
    except RetryAfter:
        # Flood-limited: Telegram surely did not send it, so the next sync may schedule it again.
        await asyncio.to_thread(_settle, parts, claimed.reminder_ids, now, False)
        log.warning("Reminder %s to chat %s put off: flood limit", claimed.reminder_ids, claimed.chat_id)
        return
    await asyncio.to_thread(_settle, parts, claimed.reminder_ids, now, True)
    log.info("Sent reminder %s to chat %s", claimed.reminder_ids, claimed.chat_id)


async def _send_ping(context: CallbackContext, parts: Parts, claimed: _Ping) -> None:
    """To the topic reminders were turned on in; if that topic is gone, to the chat itself (and from now on)."""
    try:
        await _send(context, claimed.chat_id, claimed.reply, thread=claimed.thread_id)
    except BadRequest as error:
        if claimed.thread_id is None or "thread not found" not in error.message.lower():
            raise
        log.warning("Topic %s of chat %s is gone: its reminders go to the chat", claimed.thread_id, claimed.chat_id)
        await asyncio.to_thread(_forget_topic, parts, claimed.chat_id)
        await _send(context, claimed.chat_id, claimed.reply)


def _forget_topic(parts: Parts, chat_id: int) -> None:
    with Session(parts.service.engine) as session:
        chat = session.get(ChatReminders, chat_id)
        if chat is not None:
            chat.thread_id = None
            session.add(chat)
            session.commit()


class _Redact(logging.Filter):
    """Belt and braces: the token never reaches a log line, whoever logs it, tracebacks included."""

    def __init__(self, secret: str):
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secret:
            return True
        if self.secret in record.getMessage():
            record.msg, record.args = record.getMessage().replace(self.secret, "<token>"), None
        if record.exc_info and not record.exc_text:
            # PTB's InvalidToken quotes the token; the formatter would print it with the traceback.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = record.exc_text.replace(self.secret, "<token>")
        return True


def _not_a_refused_token(record: logging.LogRecord) -> bool:
    """PTB logs a traceback when Telegram refuses the token; run_bot says so in one line instead."""
    return not (record.exc_info and isinstance(record.exc_info[1], InvalidToken))


class JsonLines(logging.Formatter):
    """One JSON object per line (time, level, logger, message; a traceback as `exception`) for log collectors."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:  # already redacted by _Redact, which runs first
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(token: str, *secrets: str, level: str = "INFO", as_json: bool = False) -> None:
    """Logs for the bot from `level` up, as text or (`as_json`) JSON lines; httpx (which writes request URLs,
    token included) at WARNING; the token and any other `secrets` (the webhook's, which PTB logs when a
    post brings a wrong one) never shown."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    logging.getLogger().setLevel(level)  # basicConfig does nothing when a handler is already there
    if as_json:
        for handler in logging.getLogger().handlers:
            handler.setFormatter(JsonLines())
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:
        for secret in (token, *secrets):
            handler.addFilter(_Redact(secret))
        handler.addFilter(_not_a_refused_token)


def schedule_heartbeat(app: Application, minutes: int) -> None:
    """Log that the bot is alive every `minutes` (0: never), so a quiet log is told from a dead bot."""
    if minutes > 0:
        interval = dt.timedelta(minutes=minutes)
        app.job_queue.run_repeating(_heartbeat, interval=interval, first=interval, name="heartbeat")


async def _heartbeat(context: CallbackContext) -> None:
    parts = _parts(context)
    log.info(
        "Alive: up %d min, holding %d chunks, %d messages handled",
        (time.monotonic() - parts.started) // 60,
        len(parts.service.index),
        parts.handled,
    )


TOKEN_REFUSED = (
    "boardmem: Telegram refused the bot token (401 Unauthorized: revoked or mistyped); "
    "set TELEGRAM_BOT_TOKEN to a current token from BotFather"
)


def run_bot(
    config: BotConfig,
    service: Service,
    token: str,
    now: Clock = utc_now,
    webhook_url: str | None = None,
    listen: tuple[str, int] | None = None,
) -> int:
    """Long polling, or with `webhook_url` the webhook server on `listen`, until interrupted (0), or until
    Telegram refuses the token (1: a supervisor should restart the bot once the token is fixed, rather
    than keep a process that hears nothing)."""
    from bot.webhook import DEFAULT_LISTEN, WebhookError, listen_address

    try:
        secret = webhook_secret() if webhook_url else ""
    except WebhookError as error:
        print(f"boardmem: {error}", file=sys.stderr)
        return 2
    configure_logging(token, secret, level=config.log_level, as_json=config.log_json)
    refused: list[bool] = []
    stop = asyncio.Event()

    def token_refused() -> None:
        if not refused:  # once: the shutdown's own requests are refused too
            if webhook_url:
                stop.set()  # serve_webhook's own lifecycle ends on it
            else:
                app.stop_running()  # the polling loop gives up on a 401 but the process would live on, deaf
        refused.append(True)

    app = build_application(config, service, token, now, token_refused, concurrent=True)
    try:
        if webhook_url:
            host, port = listen or listen_address(DEFAULT_LISTEN)
            run_webhook(app, Webhook(webhook_url, host, port, secret), stop)
        else:
            schedule_heartbeat(app, config.heartbeat_minutes)
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:  # at start-up; its message quotes the token, so it is not shown
        refused.append(True)
    if refused:
        print(TOKEN_REFUSED, file=sys.stderr)
        return 1
    return 0
