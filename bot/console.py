"""The console twin of the Telegram bot: the same conversation, typed in a terminal."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.access import Role
from bot.conversation import Conversation, Request, whole_number
from bot.render import to_text

PROMPT = "board memory> "
CONSOLE_USER = 0  # the person at the terminal runs the installation: an officer


def _typed_button(line: str) -> str:
    """Buttons are shown as [More] and [Full text 2]; typing their label presses them."""
    words = line.lower().split()
    if words == ["more"]:
        return "/more"
    if len(words) == 3 and words[:2] == ["full", "text"] and whole_number(words[2]) is not None:
        return f"/source {words[2]}"
    return line


def run_console(conversation: Conversation, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Read questions until end of input or `quit`; answer each as the bot would."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout  # looked up now: tests and pipes swap them
    interactive = stdin.isatty()
    print("Ask about anything the board has minuted; /help lists commands; quit to leave.", file=stdout)
    while True:
        if interactive:
            print(PROMPT, end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line or line.strip().lower() in ("quit", "exit", "/quit"):
            return 0
        if not line.strip():
            continue
        request = Request(CONSOLE_USER, CONSOLE_USER, _typed_button(line.strip()), Role.OFFICER)
        print(to_text(conversation.handle(request)) + "\n", file=stdout, flush=True)
