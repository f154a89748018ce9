"""Text normalisation and identity: done once at import, never again."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left

MAX_CHARS_DEFAULT = 1_000_000
"""Articles longer than this are refused at import (configurable)."""

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Characters that UTF-8 and SQLite cannot store (json.loads accepts "\\ud800")."""


class InvalidText(ValueError):
    """Text that cannot be stored as an article; the message is for the user."""


def normalise_text(text: str) -> str:
    """Drop a leading BOM and turn ``\\r\\n`` and ``\\r`` into ``\\n``.

    This is the only transformation text ever gets; offsets are into its result.
    Idempotent (so import -> export -> import keeps the text): every leading U+FEFF
    goes, since a second one would otherwise become the BOM of the next import.
    :class:`NormalisedOffsets` maps offsets into the raw text to offsets into the result.
    """
    text = text.lstrip("\ufeff")
    if "\r" not in text:  # the usual text: one scan, not two replaces
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


class NormalisedOffsets:
    """Maps an offset into a raw text to the same place in ``normalise_text(raw)``.

    Normalising only removes characters (the leading BOMs, the ``\\r`` of each ``\\r\\n``;
    a lone ``\\r`` becomes ``\\n`` in place): an offset moves left by the removed characters before it.
    """

    def __init__(self, raw: str) -> None:
        removed = list(range(len(raw) - len(raw.lstrip("\ufeff"))))
        removed += [i for i in range(len(raw) - 1) if raw[i] == "\r" and raw[i + 1] == "\n"]
        self.removed = removed

    def __call__(self, offset: int) -> int:
        return offset - bisect_left(self.removed, offset)


def check_text(text: str, *, max_chars: int = MAX_CHARS_DEFAULT, surrogates: bool = True) -> None:
    """Raise InvalidText if ``text`` (already normalised) cannot be an article.

    ``surrogates=False`` skips the search for lone surrogates, for a caller that knows the
    text cannot hold one (see annotator.io.records.may_hold_surrogates).
    """
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        raise InvalidText("empty text")
    if len(text) > max_chars:
        raise InvalidText(f"text has {len(text):,} characters, over the limit of {max_chars:,}")
    match = LONE_SURROGATE.search(text) if surrogates else None
    if match:
        raise InvalidText(f"lone surrogate U+{ord(match.group()):04X} at character {match.start()}")
    if "\x00" in text:
        raise InvalidText(f"NUL character at character {text.index(chr(0))} (binary data?)")


def text_hash(text: str) -> str:
    """A document's identity: the sha256 of its normalised text, as hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def guess_title(text: str, *, max_len: int = 200) -> str:
    """The first non-empty line, trimmed; what a .txt article uses as its title."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= max_len else line[: max_len - 1] + "…"
    return ""


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun in the right number, for messages: "1 document", "2 documents"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


# What a terminal must not get raw from data: C0/C1 controls and DEL (escape sequences can move the
# cursor, retitle the window or hide text), line and paragraph separators (a fake new message line),
# bidi controls (they reorder what is shown) and lone surrogates (file names that are not UTF-8).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with every character a terminal could act on written as an escape (``\\x1b``, ``\\u2028``).

    For one line of output: a newline from data is escaped too, so it cannot start a fake message.
    """
    return text if text.isascii() and text.isprintable() else _UNSAFE.sub(_escape, text)


def json_for_terminal(text: str) -> str:
    """JSON text (ensure_ascii=False) with the same characters written as JSON escapes: still valid JSON."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}" if m.group() not in "\n" else "\n", text)
