"""Find direct quotations in plain text by their marks, paragraph by paragraph.

Pure Python on the text (no spaCy), one linear pass per paragraph, so it is fast
and testable on its own. Rules (see resources/guidelines.md):

- double marks ``" “ ” « » „`` open and close quotes (a ``”`` before a word with
  nothing open opens one: some layouts type it for the opener); ``‘ ’`` and ``'`` are quote
  marks only when they stand at a word boundary the way quote marks do, so
  apostrophes (It’s, officials’) never are;
- a quote never runs past the end of its paragraph; a paragraph that leaves a
  quote open is kept only when the next paragraph reopens it (the news
  convention for a quote over several paragraphs), otherwise the stray mark is
  ignored and the paragraph scanned again without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

DOUBLE_OPEN = "“«„"
SINGLE_OPEN = "‘"
OPENERS_BEFORE = " \t([{—–-/:;,“«„‘\"'"  # what may stand before an opening mark
MAX_RESCANS = 20

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """A direct quotation: ``text[start:end]`` includes its marks."""

    start: int
    end: int
    paragraph: int
    closed: bool = True  # False: the paragraph ended before the closing mark
    continues: bool = False  # the next paragraph reopens this quote

    def inner_words(self, text: str) -> int:
        return len(text[self.start + 1 : self.end - (1 if self.closed else 0)].split())


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding whitespace."""
    for m in _PARAGRAPH.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            yield s, e


def _kind(mark: str) -> str:
    return "single" if mark in "‘'" else "double"


def _scan(text: str, start: int, end: int, ignored: set[int]) -> tuple[list[tuple[int, int]], int | None]:
    """Balanced quotes in ``text[start:end]``; also the position of an outermost mark left open."""
    found: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i in range(start, end):
        c = text[i]
        if c not in "\"“”«»„‘’'" or i in ignored:
            continue
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        top = stack[-1][0] if stack else "\0"  # never a mark: `"" in s` would be True
        can_open = prev in OPENERS_BEFORE and not nxt.isspace()
        can_close = not prev.isspace() and not nxt.isalnum()
        if c == '"' and prev == " " and i - 2 >= start and text[i - 2] in "'’" and not nxt.isalnum():
            can_close = True  # '... I'm a drummer' ", he recalled': a space between the inner and outer closing mark
        if c == "”" and not stack and prev in OPENERS_BEFORE and nxt.isalnum():
            stack.append((c, i))  # '”We are ready,” said Ana Ruiz': a closing mark typed as the opener
            continue
        # 'added, "There is no question ... decision.“ However': an opening mark typed for the closer, after a
        # word and before a space, closes what is open
        typed_closer = c == "“" and can_close and not can_open and any(_kind(m) == "double" for m, _ in stack)
        if c in DOUBLE_OPEN and not (c == "“" and top == "„") and not typed_closer:
            if len(stack) < 2 or _kind(top) != "double":
                stack.append((c, i))
            continue
        if c in '”»“"' and any(_kind(m) == "double" for m, _ in stack):
            if c == '"' and top != '"' and can_open and not can_close:
                stack.append((c, i))  # a straight mark nested in typographic ones
                continue
            if c == '"' and not can_close and not (top == '"' and not prev.isspace()):
                continue
            while stack and _kind(stack[-1][0]) != "double":
                stack.pop()  # an inner single quote left open: drop it
            _m, pos = stack.pop()
            if not stack:
                found.append((pos, i + 1))
            continue
        if c == '"':
            if can_open:
                stack.append((c, i))
            continue
        if c in "‘'" and can_open and (nxt.isalnum() or nxt in "…."):
            if c == "'" and prev.isalnum():
                continue
            stack.append((c, i))
            continue
        if c in "’'" and top in "‘'" and can_close:
            _m, pos = stack.pop()
            if not stack:
                found.append((pos, i + 1))
    outer = next((pos for m, pos in stack if _kind(m) == "double"), None)
    return found, outer


def find_quotes(text: str) -> list[QuoteMatch]:
    """All direct quotations of ``text`` in order, never longer than their paragraph."""
    paras = list(paragraphs(text))
    result: list[QuoteMatch] = []
    for n, (ps, pe) in enumerate(paras):
        ignored: set[int] = set()
        for _ in range(MAX_RESCANS):
            found, open_at = _scan(text, ps, pe, ignored)
            if open_at is None:
                break
            next_opens = n + 1 < len(paras) and text[paras[n + 1][0]] in DOUBLE_OPEN + '"”'
            if next_opens:
                result.extend(QuoteMatch(s, e, n) for s, e in found if e <= open_at)
                result.append(QuoteMatch(open_at, pe, n, closed=False, continues=True))
                found = []
                break
            ignored.add(open_at)  # a stray mark: scan the paragraph again without it
        result.extend(QuoteMatch(s, e, n) for s, e in found)
    result.sort(key=lambda q: q.start)
    return result
