"""A small fake Telegram Bot API server on loopback, so the real python-telegram-bot can be tested offline.

PTB talks HTTP to it exactly as to api.telegram.org; tests push updates in and read the bot's calls back.

Faults, for tests of how the bot holds up (each applies to the next `times` calls of a method, or of any
method with "*", optionally only those for one `chat_id`; `times=None` means until `clear_faults()`):
  fake.fail("sendMessage", 429, retry_after=3)   # Telegram refuses: 429 (with retry_after), 500, 403, 400 ...
  fake.fail("sendMessage", 403, chat_id=5, times=None)  # one chat blocked the bot; the others still work
  fake.fail("*", 401)                            # every request answered 401 Unauthorized (a revoked token)
  fake.delay("sendMessage", 2.0)                 # the answer comes 2 s late (cut short when the fake stops)
A failed call is still recorded in `calls` and `rejected`; `sent` only holds messages Telegram accepted.

Also as Telegram does: files sent to the bot are served by getFile and /file/bot<token>/<path> (see
`document_update`); while a webhook is set (setWebhook), getUpdates is refused with 409 Conflict;
forum topics (`thread_id`) and replies (`reply_parameters`) are checked like Telegram checks them.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import email.parser
import email.policy
import itertools
import json
import re
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from telegram import Bot, Update

TOKEN = "4242:fake-telegram-test-token"
BOT_USER: dict[str, Any] = {
    "id": 4242,
    "is_bot": True,
    "first_name": "Board Memory",
    "username": "board_memory_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
DEFAULT_GROUP_ID = -1001234567890
MAX_MESSAGE_LENGTH = 4096

JSONDict = dict[str, Any]

# Form fields Telegram reads as plain strings; every other form value is JSON (PTB json.dumps non-strings),
# so "123" in `text` or `callback_query_id` must stay a string while `chat_id=123` becomes an int.
_STRING_FIELDS = frozenset(
    {
        "text",
        "parse_mode",
        "caption",
        "callback_query_id",
        "inline_message_id",
        "url",
        "action",
        "language_code",
        "business_connection_id",
        "message_effect_id",
        "secret_token",
    }
)
_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")
_FILE_PATH = re.compile(r"^/file/bot(?P<token>[^/]+)/(?P<path>.+)$")
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
# Tags Telegram's HTML parse mode accepts; anything else is a 400 "can't parse entities".
_HTML_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre"}
    | {"blockquote", "tg-emoji"}
)


class ApiError(Exception):
    """A Bot API error reply: HTTP status and Telegram's description."""

    def __init__(self, code: int, description: str):
        super().__init__(description)
        self.code = code
        self.description = description


# What Telegram says with each status when a test does not choose the words.
_FAULT_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass
class _Fault:
    """One injected fault: an error reply (status set) or a late answer (delay set)."""

    method: str  # lower-case method name, or "*" for every method
    times: int | None  # how many more calls it applies to; None: until cleared
    status: int | None = None
    description: str = ""
    retry_after: int | None = None
    delay: float = 0.0
    chat_id: int | str | None = None  # only calls for this chat; None: any

    def reply(self) -> JSONDict:
        """The Bot API error body for this fault."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def _take(faults: list[_Fault], method: str, payload: JSONDict) -> _Fault | None:
    """The first fault that applies to this call, used up once (dropped when it has no uses left)."""
    for fault in faults:
        if fault.method in ("*", method.lower()) and fault.chat_id in (None, payload.get("chat_id")):
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    faults.remove(fault)
            return fault
    return None


class _HtmlChecker(HTMLParser):
    """Finds the HTML mistakes Telegram rejects: unsupported tags and unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problem: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:
            self.problem = self.problem or f'unsupported start tag "{tag}"'
        else:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            expected = f'"</{self.open[-1]}>"' if self.open else "nothing"
            self.problem = self.problem or f'unmatched end tag, expected {expected}, found "</{tag}>"'
        else:
            self.open.pop()


def check_html(text: str) -> None:
    """Raise ApiError(400) where Telegram would refuse `text` in parse_mode HTML."""
    checker = _HtmlChecker()
    checker.feed(text)
    checker.close()
    if checker.problem is None and checker.open:
        checker.problem = f'can\'t find end tag corresponding to start tag "{checker.open[-1]}"'
    if checker.problem:
        raise ApiError(400, f"Bad Request: can't parse entities: {checker.problem}")


def _decode_fields(fields: dict[str, Any]) -> JSONDict:
    """Turn PTB's JSON-encoded field values (reply_markup, chat_id, ...) back into Python values."""
    decoded: JSONDict = {}
    for key, value in fields.items():
        if isinstance(value, str) and key not in _STRING_FIELDS:
            with contextlib.suppress(ValueError):  # a plain string such as chat_id="@channel" stays one
                value = json.loads(value)
        decoded[key] = value
    return decoded


def _parse_multipart(body: bytes, content_type: str) -> dict[str, Any]:
    """Fields of a multipart/form-data body; file parts become {"filename", "content"}."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        content = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        fields[str(name)] = content.decode() if filename is None else {"filename": filename, "content": content}
    return fields


def parse_body(content_type: str, body: bytes) -> JSONDict:
    """Parse a Bot API request body: JSON, url-encoded form (what PTB sends) or multipart."""
    kind = content_type.split(";")[0].strip().lower()
    if not body:
        return {}
    if kind == "application/json":
        return _decode_fields(json.loads(body))
    if kind == "multipart/form-data":
        return _decode_fields(_parse_multipart(body, content_type))
    return _decode_fields(dict(parse_qsl(body.decode(), keep_blank_values=True)))


def make_update(bot: Bot, update_dict: JSONDict) -> Update:
    """A PTB Update from an update dict (e.g. FakeTelegram.message_update) for application.process_update."""
    return Update.de_json(copy.deepcopy(update_dict), bot)


class _Handler(BaseHTTPRequestHandler):
    """Hands each request to the FakeTelegram; one request per connection keeps shutdown simple."""

    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = 5.0  # a client that connects and never sends cannot hold up stop() for long

    def do_POST(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path.startswith("/file/"):
            status, data = self.server.fake.handle_download(self.path)
            kind = "application/octet-stream"
        else:
            status, reply = self.server.fake.handle_request(self.path, self.headers.get("Content-Type", ""), body)
            data, kind = json.dumps(reply).encode(), "application/json"
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # PTB cancels its in-flight getUpdates when the updater stops; nobody is listening

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the request line contains the bot token."""


class _Server(ThreadingHTTPServer):
    """Non-daemon handler threads, so server_close() joins every one of them."""

    daemon_threads = False
    block_on_close = True
    request_queue_size = 128  # many clients at once (the load test): the default backlog of 5 drops connections

    def __init__(self, fake: FakeTelegram):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class FakeTelegram:
    """Fake Bot API on 127.0.0.1 in a background thread; use as a context manager or start()/stop()."""

    def __init__(self, token: str = TOKEN, *, max_poll_wait: float = 1.0):
        self.token = token
        self.max_poll_wait = max_poll_wait  # cap on getUpdates long polling, so stopping is prompt
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._update_ids = itertools.count(100)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(9001)
        self._queue: list[JSONDict] = []
        self._chats: dict[int | str, JSONDict] = {}
        self._deleted_topics: set[tuple[int, int]] = set()
        self._messages: dict[tuple[int | str, int], JSONDict] = {}
        self._bot_message_keys: list[tuple[int | str, int]] = []
        self._open_callbacks: set[str] = set()
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self._calls: list[tuple[str, JSONDict]] = []
        self._sent: list[JSONDict] = []
        self._edited: list[JSONDict] = []
        self._answered: list[JSONDict] = []
        self._rejected: list[tuple[str, str]] = []
        self._errors: list[str] = []
        self._deleted: list[JSONDict] = []
        self._update_messages: dict[int, int] = {}  # update_id → message_id, for tests that edit a message
        self._webhook: JSONDict = {}
        self._files: dict[str, tuple[JSONDict, bytes]] = {}  # file_id → (File dict, content)
        self._file_ids = itertools.count(1)
        self._failures: list[_Fault] = []
        self._delays: list[_Fault] = []
        self._methods: dict[str, tuple[str, Callable[[JSONDict], Any]]] = {
            name.lower(): (name, func)
            for name, func in {
                "getMe": lambda p: dict(BOT_USER),
                "deleteWebhook": self._delete_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "getUpdates": self._get_updates,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "deleteMessage": self._delete_message,
                "setWebhook": self._set_webhook,
                "getFile": self._get_file,
                "answerCallbackQuery": self._answer_callback_query,
                "sendChatAction": lambda p: True,
                "close": lambda p: True,
                "logOut": lambda p: True,
            }.items()
        }

    # -- lifecycle -------------------------------------------------------------------------------------------

    def start(self) -> FakeTelegram:
        """Bind a free loopback port and serve in a background thread."""
        if self._server is not None:
            raise RuntimeError("FakeTelegram is already running")
        self._stopping = False
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-telegram", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake pending long polls, stop serving, and join the server and all handler threads."""
        if self._server is None or self._thread is None:
            return
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        self._server.shutdown()
        self._server.server_close()  # joins handler threads (block_on_close)
        self._thread.join(timeout=5.0)
        alive = self._thread.is_alive()
        self._server = self._thread = None
        if alive:
            raise RuntimeError("fake Telegram server thread did not stop")

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The loopback port the server listens on."""
        if self._server is None:
            raise RuntimeError("FakeTelegram is not running")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """PTB's base_url form; PTB appends the token and /method."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's base_file_url form (files getFile names are served there)."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- faults (see the module docstring) -------------------------------------------------------------------

    def fail(
        self,
        method: str,
        status: int,
        *,
        description: str | None = None,
        retry_after: int | None = None,
        times: int | None = 1,
        chat_id: int | str | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` ("*": any) with HTTP `status` and Telegram's error body."""
        if status == 429 and retry_after is None:
            retry_after = 1
        words = description or _FAULT_DESCRIPTIONS.get(status, f"Error {status}")
        text = words.format(retry_after=retry_after)
        fault = _Fault(method.lower(), times, status, text, retry_after, chat_id=chat_id)
        with self._lock:
            self._failures.append(fault)

    def delay(self, method: str, seconds: float, *, times: int | None = 1, chat_id: int | str | None = None) -> None:
        """Hold the answer to the next `times` calls of `method` ("*": any) for `seconds`."""
        with self._lock:
            self._delays.append(_Fault(method.lower(), times, delay=seconds, chat_id=chat_id))

    def clear_faults(self) -> None:
        """Forget every injected failure and delay."""
        with self._lock:
            self._failures.clear()
            self._delays.clear()

    # -- what the bot did (copies, safe to read from any thread) ---------------------------------------------

    @property
    def calls(self) -> list[tuple[str, JSONDict]]:
        """Every authorised request as (method, payload), getUpdates included."""
        with self._lock:
            return copy.deepcopy(self._calls)

    @property
    def sent(self) -> list[JSONDict]:
        """Payloads of successful sendMessage calls, in order."""
        with self._lock:
            return copy.deepcopy(self._sent)

    @property
    def edited(self) -> list[JSONDict]:
        """Payloads of successful editMessageText calls."""
        with self._lock:
            return copy.deepcopy(self._edited)

    @property
    def answered_callbacks(self) -> list[JSONDict]:
        """Payloads of successful answerCallbackQuery calls."""
        with self._lock:
            return copy.deepcopy(self._answered)

    @property
    def commands(self) -> list[JSONDict]:
        """Commands set for the default scope and language."""
        return self.commands_for()

    def commands_for(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """Commands set for one scope (e.g. {"type": "all_group_chats"}) and language."""
        with self._lock:
            return copy.deepcopy(self._commands.get(self._scope_key(scope, language_code), []))

    @property
    def deleted(self) -> list[JSONDict]:
        """Payloads of successful deleteMessage calls."""
        with self._lock:
            return copy.deepcopy(self._deleted)

    @property
    def webhook(self) -> JSONDict:
        """The setWebhook payload in force (url, secret_token, ...), or {} when polling."""
        with self._lock:
            return copy.deepcopy(self._webhook)

    @property
    def bot_messages(self) -> list[JSONDict]:
        """The Message dicts the bot has sent, as they are now (after edits)."""
        with self._lock:
            return copy.deepcopy([self._messages[key] for key in self._bot_message_keys])

    @property
    def rejected(self) -> list[tuple[str, str]]:
        """(method, description) of every request answered with an error, e.g. bad HTML."""
        with self._lock:
            return list(self._rejected)

    @property
    def errors(self) -> list[str]:
        """Tracebacks of bugs inside the fake itself (answered with HTTP 500)."""
        with self._lock:
            return list(self._errors)

    # -- updates in --------------------------------------------------------------------------------------------

    def message_update(
        self,
        text: str,
        user_id: int = 1,
        chat_id: int | None = None,
        chat_type: str = "private",
        username: str = "member",
        entities: list[JSONDict] | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> JSONDict:
        """Build (without queueing) a message Update dict; `reply_to` is the message_id being replied to,
        `thread_id` a forum topic of the (then forum) supergroup."""
        if entities is None and text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            entities = [{"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}]
        fields: JSONDict = {"text": text, **({"entities": entities} if entities else {})}
        return self._user_message(fields, user_id, chat_id, chat_type, username, reply_to, thread_id)

    def document_update(
        self,
        content: bytes,
        file_name: str,
        user_id: int = 1,
        chat_id: int | None = None,
        chat_type: str = "private",
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        file_size: int | None = None,
        caption_entities: list[JSONDict] | None = None,
    ) -> JSONDict:
        """Build (without queueing) a message carrying a document; getFile then serves `content`.

        `file_size` is what Telegram claims (default: the real size), to test limits without big files.
        """
        number = next(self._file_ids)
        file_id = f"document-{number}"
        size = len(content) if file_size is None else file_size
        document = {
            "file_id": file_id,
            "file_unique_id": f"unique-{number}",
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": size,
        }
        with self._lock:
            record = {"file_id": file_id, "file_unique_id": f"unique-{number}", "file_size": size}
            self._files[file_id] = ({**record, "file_path": f"documents/file_{number}"}, content)
        fields: JSONDict = {"document": document, **({"caption": caption} if caption else {})}
        if caption_entities:
            fields["caption_entities"] = caption_entities
        return self._user_message(fields, user_id, chat_id, chat_type, "member", None, None)

    def _user_message(
        self,
        fields: JSONDict,
        user_id: int,
        chat_id: int | None,
        chat_type: str,
        username: str,
        reply_to: int | None,
        thread_id: int | None,
    ) -> JSONDict:
        user = self._user(user_id, username)
        if chat_type == "private":
            chat = {"id": chat_id if chat_id is not None else user_id, "type": "private"}
            chat.update({k: user[k] for k in ("first_name", "username")})
        else:
            chat = {"id": chat_id if chat_id is not None else DEFAULT_GROUP_ID, "type": chat_type, "title": "Board"}
        with self._lock:
            if thread_id is not None or self._chats.get(chat["id"], {}).get("is_forum"):
                chat["is_forum"] = True
            self._chats[chat["id"]] = chat
            message: JSONDict = {
                "message_id": next(self._message_ids),
                "from": user,
                "chat": chat,
                "date": int(time.time()),
                **fields,
            }
            if thread_id is not None:
                message.update(message_thread_id=thread_id, is_topic_message=True)
            if reply_to is not None:
                message["reply_to_message"] = self._find_message(chat["id"], reply_to)
            self._messages[(chat["id"], message["message_id"])] = message
            update_id = next(self._update_ids)
            self._update_messages[update_id] = message["message_id"]
            return {"update_id": update_id, "message": copy.deepcopy(message)}

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        """An admin deletes a forum topic: sending to it fails from now on, as Telegram's does."""
        with self._lock:
            self._deleted_topics.add((chat_id, thread_id))

    def edit_update(self, chat_id: int, message_id: int, text: str) -> JSONDict:
        """Build (without queueing) an edited_message Update: the user changed the text of a message they sent."""
        with self._lock:
            message = self._messages.get((chat_id, message_id))
            if message is None:
                raise ValueError(f"no message {message_id} in chat {chat_id}")
            message["text"] = text
            message.pop("entities", None)
            if text.startswith("/"):
                command = text.split(maxsplit=1)[0]
                length = len(command.encode("utf-16-le")) // 2
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
            message["edit_date"] = int(time.time())
            return {"update_id": next(self._update_ids), "edited_message": copy.deepcopy(message)}

    def callback_update(
        self, data: str, user_id: int = 1, chat_id: int | None = None, message_id: int | None = None
    ) -> JSONDict:
        """Build (without queueing) a callback_query Update on a bot message (default: the latest one)."""
        with self._lock:
            keys = [k for k in self._bot_message_keys if chat_id is None or k[0] == chat_id]
            keys = [k for k in keys if message_id is None or k[1] == message_id]
            if not keys:
                raise ValueError(f"no message sent by the bot matches chat_id={chat_id} message_id={message_id}")
            message = copy.deepcopy(self._messages[keys[-1]])
            query_id = str(next(self._callback_ids))
            self._open_callbacks.add(query_id)
            query = {
                "id": query_id,
                "from": self._user(user_id, "member"),
                "message": message,
                "chat_instance": f"instance{message['chat']['id']}",
                "data": data,
            }
            return {"update_id": next(self._update_ids), "callback_query": query}

    def channel_post_update(self, text: str, chat_id: int, title: str = "Board news") -> JSONDict:
        """Build (without queueing) a channel_post Update: a post signed by the channel, with no user."""
        chat = {"id": chat_id, "type": "channel", "title": title}
        entities = []
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            entities = [{"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}]
        with self._lock:
            self._chats[chat_id] = chat
            post: JSONDict = {
                "message_id": next(self._message_ids),
                "sender_chat": dict(chat),
                "chat": chat,
                "date": int(time.time()),
                "text": text,
            }
            if entities:
                post["entities"] = entities
            self._messages[(chat_id, post["message_id"])] = post
            return {"update_id": next(self._update_ids), "channel_post": copy.deepcopy(post)}

    def push(self, update: JSONDict) -> int:
        """Queue an update dict for getUpdates; returns its update_id."""
        with self._changed:
            self._queue.append(copy.deepcopy(update))
            self._changed.notify_all()
        return int(update["update_id"])

    def push_message(
        self,
        text: str,
        user_id: int = 1,
        chat_id: int | None = None,
        chat_type: str = "private",
        username: str = "member",
        entities: list[JSONDict] | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> int:
        """Queue a message from a user (bot_command entity added for "/..."); returns the update_id."""
        update = self.message_update(text, user_id, chat_id, chat_type, username, entities, reply_to, thread_id)
        return self.push(update)

    def push_document(self, content: bytes, file_name: str, **kwargs: Any) -> int:
        """Queue a message carrying a document (see `document_update`); returns the update_id."""
        return self.push(self.document_update(content, file_name, **kwargs))

    def push_edit(self, chat_id: int, message_id: int, text: str) -> int:
        """Queue an edit of an earlier user message; returns the update_id."""
        return self.push(self.edit_update(chat_id, message_id, text))

    def message_id_of(self, update_id: int) -> int:
        """The message_id of a message update this fake built (to edit or reply to it later)."""
        with self._lock:
            return self._update_messages[update_id]

    def push_callback(
        self, data: str, user_id: int = 1, chat_id: int | None = None, message_id: int | None = None
    ) -> int:
        """Queue a button press on a bot message (default: the latest); returns the update_id."""
        return self.push(self.callback_update(data, user_id, chat_id, message_id))

    # -- waiting (from the test's event loop) ------------------------------------------------------------------

    async def wait_for(self, predicate: Callable[[], object], timeout: float = 5.0) -> None:
        """Poll `predicate` every 20 ms; AssertionError listing what the fake received on timeout."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() >= deadline:
                raise AssertionError(f"condition not met within {timeout}s; {self.summary()}")
            await asyncio.sleep(0.02)

    async def wait_for_sent(self, count: int, timeout: float = 5.0) -> list[JSONDict]:
        """Wait until at least `count` messages were sent; returns all sent payloads."""
        await self.wait_for(lambda: len(self.sent) >= count, timeout)
        return self.sent

    def summary(self) -> str:
        """What the bot asked of the fake, for failure messages (long polls left out)."""
        with self._lock:
            methods = [method for method, _ in self._calls if method != "getUpdates"]
            texts = [payload.get("text") for payload in self._sent]
            return (
                f"calls={methods} sent_texts={texts} rejected={self._rejected} "
                f"pending_updates={len(self._queue)} fake_errors={len(self._errors)}"
            )

    # -- HTTP side -------------------------------------------------------------------------------------------

    def handle_download(self, path: str) -> tuple[int, bytes]:
        """Serve a file getFile named: (HTTP status, bytes)."""
        match = _FILE_PATH.match(urlsplit(path).path)
        if match is None or unquote(match["token"]) != self.token:
            return 404, b"Not Found"
        wanted = unquote(match["path"])
        with self._lock:
            self._calls.append(("download", {"file_path": wanted}))
            for record, content in self._files.values():
                if record["file_path"] == wanted:
                    return 200, content
        return 404, b"Not Found"

    def handle_request(self, path: str, content_type: str, body: bytes) -> tuple[int, JSONDict]:
        """Answer one Bot API request: (HTTP status, Telegram-style reply)."""
        url = urlsplit(path)
        match = _PATH.match(url.path)
        if match is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        if match["token"] != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = match["method"]
        try:
            payload = {**_decode_fields(dict(parse_qsl(url.query))), **parse_body(content_type, body)}
        except ValueError as exc:
            return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: unparsable body: {exc}"}
        known = self._methods.get(method.lower())
        with self._changed:
            late = _take(self._delays, method, payload)
            if late is not None:  # waiting on the condition releases the lock; stop() cuts it short
                self._changed.wait_for(lambda: self._stopping, timeout=late.delay)
            name = known[0] if known else method
            self._calls.append((name, copy.deepcopy(payload)))
            failure = _take(self._failures, method, payload)
            if failure is not None and failure.status is not None:
                self._rejected.append((name, failure.description))
                return failure.status, failure.reply()
            try:
                if known is None:
                    raise ApiError(404, f"Not Found: method {method}")
                return 200, {"ok": True, "result": known[1](payload)}
            except ApiError as exc:
                self._rejected.append((name, exc.description))
                return exc.code, {"ok": False, "error_code": exc.code, "description": exc.description}
            except Exception as exc:  # a bug in the fake: make it visible rather than hang the test
                self._errors.append(traceback.format_exc())
                return 500, {"ok": False, "error_code": 500, "description": f"fake Telegram error: {exc!r}"}

    # -- Bot API methods (called with the lock held) ---------------------------------------------------------

    def _delete_webhook(self, p: JSONDict) -> bool:
        if p.get("drop_pending_updates"):
            self._queue.clear()
        self._webhook = {}
        return True

    def _set_webhook(self, p: JSONDict) -> bool:
        url = str(p.get("url") or "")
        if not url:
            return self._delete_webhook(p)
        secret = p.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        self._webhook = dict(p)
        return True

    def _get_webhook_info(self, p: JSONDict) -> JSONDict:
        url = self._webhook.get("url", "")
        return {"url": url, "has_custom_certificate": False, "pending_update_count": len(self._queue)}

    def _get_file(self, p: JSONDict) -> JSONDict:
        found = self._files.get(str(p.get("file_id")))
        if found is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        record, _ = found
        if record["file_size"] > 20 * 1024 * 1024:
            raise ApiError(400, "Bad Request: file is too big")
        return copy.deepcopy(record)

    def _delete_message(self, p: JSONDict) -> bool:
        key = (p.get("chat_id"), p.get("message_id"))
        if key not in self._messages:
            raise ApiError(400, "Bad Request: message to delete not found")
        del self._messages[key]
        self._deleted.append(copy.deepcopy(p))
        return True

    @staticmethod
    def _scope_key(scope: JSONDict | None, language_code: str | None) -> tuple[str, str]:
        return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code or ""

    def _set_my_commands(self, p: JSONDict) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: commands must be a list")
        for entry in commands:
            if not _COMMAND.match(str(entry.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(entry.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: command description is invalid")
        self._commands[self._scope_key(p.get("scope"), p.get("language_code"))] = commands
        return True

    def _get_my_commands(self, p: JSONDict) -> list[JSONDict]:
        return self._commands.get(self._scope_key(p.get("scope"), p.get("language_code")), [])

    def _delete_my_commands(self, p: JSONDict) -> bool:
        self._commands.pop(self._scope_key(p.get("scope"), p.get("language_code")), None)
        return True

    def _get_updates(self, p: JSONDict) -> list[JSONDict]:
        if self._webhook:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(p.get("offset") or 0)
        # Like Telegram: a positive offset confirms (drops) earlier updates; a negative one keeps the last -offset.
        if offset > 0:
            self._queue[:] = [u for u in self._queue if u["update_id"] >= offset]
        elif offset < 0:
            self._queue[:] = self._queue[offset:]
        wait = min(float(p.get("timeout") or 0), self.max_poll_wait)
        if wait > 0:
            self._changed.wait_for(lambda: bool(self._queue) or self._stopping, timeout=wait)
        limit = min(max(int(p.get("limit") or 100), 1), 100)
        return copy.deepcopy(self._queue[:limit])

    def _chat(self, chat_id: Any) -> JSONDict:
        if chat_id in self._chats:
            return self._chats[chat_id]
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": "Member"}
        return {"id": chat_id, "type": "supergroup" if str(chat_id).startswith("-100") else "group", "title": "Board"}

    def _find_message(self, chat_id: Any, message_id: Any) -> JSONDict:
        message = self._messages.get((chat_id, message_id))
        if message is None:
            raise ApiError(400, "Bad Request: message not found")
        return copy.deepcopy(message)

    @staticmethod
    def _check_text(p: JSONDict) -> str:
        text = p.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > MAX_MESSAGE_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        if str(p.get("parse_mode", "")).lower() == "html":
            check_html(text)
        return text

    @staticmethod
    def _inline_markup(p: JSONDict) -> JSONDict | None:
        # Telegram echoes only inline keyboards in the returned Message; reply keyboards are not part of it.
        markup = p.get("reply_markup")
        return markup if isinstance(markup, dict) and "inline_keyboard" in markup else None

    def _send_message(self, p: JSONDict) -> JSONDict:
        if "chat_id" not in p:
            raise ApiError(400, "Bad Request: chat_id is empty")
        chat = self._chat(p["chat_id"])
        message: JSONDict = {
            "message_id": next(self._message_ids),
            "from": dict(BOT_USER),
            "chat": chat,
            "date": int(time.time()),
            "text": self._check_text(p),
        }
        if (thread := p.get("message_thread_id")) is not None:
            if not chat.get("is_forum") or (chat["id"], thread) in self._deleted_topics:
                raise ApiError(400, "Bad Request: message thread not found")
            message.update(message_thread_id=thread, is_topic_message=True)
        if (markup := self._inline_markup(p)) is not None:
            message["reply_markup"] = markup
        parameters = p.get("reply_parameters") or {}
        replied = parameters.get("message_id") or p.get("reply_to_message_id")
        if replied is not None and (chat["id"], replied) in self._messages:
            message["reply_to_message"] = copy.deepcopy(self._messages[(chat["id"], replied)])
        elif replied is not None and not parameters.get("allow_sending_without_reply"):
            raise ApiError(400, "Bad Request: message to be replied not found")
        key = (chat["id"], message["message_id"])
        self._messages[key] = message
        self._bot_message_keys.append(key)
        self._sent.append(copy.deepcopy(p))
        return copy.deepcopy(message)

    def _edit_message_text(self, p: JSONDict) -> JSONDict | bool:
        text = self._check_text(p)
        if "inline_message_id" in p:
            self._edited.append(copy.deepcopy(p))
            return True
        message = self._messages.get((p.get("chat_id"), p.get("message_id")))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if message["from"]["id"] != BOT_USER["id"]:
            raise ApiError(400, "Bad Request: message can't be edited")
        markup = self._inline_markup(p)
        if message["text"] == text and message.get("reply_markup") == markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message",
            )
        message["text"] = text
        message["edit_date"] = int(time.time())
        message.pop("reply_markup", None)  # an edit without reply_markup removes the keyboard, as in Telegram
        if markup is not None:
            message["reply_markup"] = markup
        self._edited.append(copy.deepcopy(p))
        return copy.deepcopy(message)

    def _answer_callback_query(self, p: JSONDict) -> bool:
        query_id = p.get("callback_query_id")
        if query_id not in self._open_callbacks:
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        self._open_callbacks.discard(query_id)
        self._answered.append(copy.deepcopy(p))
        return True

    @staticmethod
    def _user(user_id: int, username: str) -> JSONDict:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": username.capitalize(),
            "username": username,
            "language_code": "en",
        }
