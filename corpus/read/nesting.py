"""How deep a web page's elements nest and how many there are, from its source, before any parser builds it.

Lexbor, like any parser that follows the HTML standard, checks "is there a <p> in scope?" for every
block tag by walking down its stack of open elements, so a page nested 100,000 deep costs it minutes.
This scan follows the standard's rules for when tags close (closing tags, and the tags a new one closes
implicitly) closely enough to tell a page of ordinary depth from a runaway one in one linear pass.
Where it cannot follow the standard it keeps an element open, so it may say deeper than the parser
would, never much shallower where the parser's cost grows; the reader checks the built tree as well.
"""

from __future__ import annotations

import re
from collections import defaultdict

_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment
    # Elements whose content is text, not tags: one element each, whatever they hold.
    r"|<(script|style|textarea|title|xmp|iframe|noembed|noframes)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<[!?][^>]*>?"  # a doctype, or a bogus comment
    # A tag; one left open at the end of the file runs to the end (which keeps the scan linear).
    r"|<(/?)([a-zA-Z][^\s/>]*)([^>]*)>?",
    re.DOTALL | re.IGNORECASE,
)


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VOID = _names(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr"
)
_MERGED = {"html", "head", "body"}  # a second one's attributes are merged into the first: nothing opens
# The standard's "special" elements (those on which an unmatched closing tag stops), as far as they can be open.
_SPECIAL = _names(
    "address applet article aside blockquote body button caption center colgroup dd details dialog dir "
    "div dl dt fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 head header hgroup html "
    "li listing main marquee menu nav noscript object ol p plaintext pre search section select summary "
    "table tbody td template tfoot th thead tr ul"
)
_SCOPE = {"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"}
# Start tags that close an open <p> (in button scope).
_CLOSES_P = _names(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr listing main menu nav ol p plaintext pre search section "
    "summary table ul li dd dt xmp"
)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Stack:
    """Open elements with, for each name and for the special and scope-ending ones, where they are in it,
    so every question the scan asks is answered without walking the stack."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.at: defaultdict[str, list[int]] = defaultdict(list)
        self.special: list[int] = [-1]
        self.scope: list[int] = [-1]
        self.deepest = 0

    def push(self, name: str) -> None:
        index = len(self.names)
        self.names.append(name)
        self.at[name].append(index)
        if name in _SPECIAL:
            self.special.append(index)
        if name in _SCOPE:
            self.scope.append(index)
        self.deepest = max(self.deepest, index + 1)

    def pop_to(self, index: int) -> None:
        """Close the element at `index` and all opened after it."""
        while len(self.names) > index:
            name = self.names.pop()
            self.at[name].pop()
            if self.special[-1] == len(self.names):
                self.special.pop()
            if self.scope[-1] == len(self.names):
                self.scope.pop()

    def last(self, name: str) -> int:
        where = self.at.get(name)
        return where[-1] if where else -1

    def in_scope(self, name: str, also: tuple[str, ...] = ()) -> int:
        """Where the open `name` is, if no scope-ending element (or one of `also`) was opened after it; else -1."""
        index = self.last(name)
        if index < 0 or self.scope[-1] > index:
            return -1
        return index if all(self.last(other) < index for other in also) else -1

    def top(self) -> str:
        return self.names[-1] if self.names else ""


def nesting(html: str) -> tuple[int, int]:
    """The page's deepest nesting of elements, and how many elements it has, as read from its source."""
    stack = _Stack()
    elements = 0
    for raw, closing, tag, attributes in _TOKEN.findall(html):
        if raw:  # script, style, …
            elements += 1
            continue
        if not tag:
            continue
        name = tag.lower()
        if closing:
            if stack.at.get(name):
                _close(stack, name)
            continue
        elements += 1
        if name in _VOID or name in _MERGED:
            continue
        if attributes.endswith("/") and (stack.last("svg") >= 0 or stack.last("math") >= 0):
            continue
        _close_implied(stack, name)
        stack.push(name)
    return stack.deepest, elements


def _close(stack: _Stack, name: str) -> None:
    """A closing tag: closes its element, unless the standard says it is ignored where it stands."""
    index = stack.last(name)
    if index < 0:
        return
    if name in _SPECIAL:
        also = ("ol", "ul") if name == "li" else ("button",) if name == "p" else ()
        if stack.in_scope(name, also) >= 0:
            stack.pop_to(index)
    elif stack.special[-1] < index:  # an unmatched closing tag stops at the first special element
        stack.pop_to(index)


def _close_implied(stack: _Stack, name: str) -> None:
    """Close what a start tag closes by itself: an open <p> before a block, the last entry before an entry…"""
    if name in _CLOSES_P and (index := stack.in_scope("p", ("button",))) >= 0:
        stack.pop_to(index)
    if name == "li" and (index := stack.in_scope("li", ("ol", "ul"))) >= 0 and stack.special[-1] == index:
        stack.pop_to(index)
    elif name in ("dd", "dt"):
        index = max(stack.in_scope("dd"), stack.in_scope("dt"))
        if index >= 0 and stack.special[-1] == index:
            stack.pop_to(index)
    elif (name in _HEADINGS and stack.top() in _HEADINGS) or (name == "option" and stack.top() == "option"):
        stack.pop_to(len(stack.names) - 1)  # headings do not nest, nor options
    elif name in ("a", "nobr") and (index := stack.last(name)) > stack.special[-1]:
        stack.pop_to(index)  # a second link closes the first, if nothing special stands between them
    elif name == "button" and (index := stack.in_scope("button")) >= 0:
        stack.pop_to(index)
    elif name == "table" and (index := stack.last("table")) >= 0 and stack.scope[-1] == index:
        stack.pop_to(index)  # a table opened in a table, not in a cell of it, closes that table
    elif name in ("tr", "td", "th", "tbody", "thead", "tfoot"):
        # A row closes the last row, a cell the last cell, a section the last section, within their table.
        kin = {"tr": {"tr"}, "td": {"td", "th"}, "th": {"td", "th"}}.get(name, {"tbody", "thead", "tfoot"})
        index = max(stack.last(each) for each in kin)
        if index > stack.last("table"):
            stack.pop_to(index)
