"""Code-point <-> UTF-16 offset conversion: the one place where the two meet.

Stored and exported offsets are Python ``str`` indices (code points). Qt counts
UTF-16 code units: every astral character (most emoji) is two units. A plain
text ``QTextDocument`` turns each ``\\n`` into a block separator that also
counts one position, so for our normalised text a document position is exactly
a UTF-16 index. ``annotator.ui`` converts through :class:`OffsetMap` and
nowhere else.
"""

from __future__ import annotations

from bisect import bisect_left


class OffsetMap:
    """Converts between code-point and UTF-16 offsets of one text in O(log n)."""

    __slots__ = ("_astral_cp", "_astral_u16", "length", "utf16_length")

    def __init__(self, text: str) -> None:
        # Code-point indices of the characters that take two UTF-16 units.
        self._astral_cp = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        # The UTF-16 index of each of those characters.
        self._astral_u16 = [cp + k for k, cp in enumerate(self._astral_cp)]
        self.length = len(text)
        self.utf16_length = len(text) + len(self._astral_cp)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 index of code-point index ``cp`` (0 <= cp <= len(text))."""
        if not 0 <= cp <= self.length:
            raise IndexError(f"code-point offset {cp} outside 0..{self.length}")
        return cp + bisect_left(self._astral_cp, cp)

    def to_codepoint(self, u16: int, *, snap: str = "refuse") -> int:
        """Code-point index of UTF-16 index ``u16``.

        An index between the two halves of a surrogate pair has no code-point
        equivalent: ``snap="refuse"`` raises ValueError, ``"left"``/``"right"``
        move it to the start or the end of that character.
        """
        if not 0 <= u16 <= self.utf16_length:
            raise IndexError(f"UTF-16 offset {u16} outside 0..{self.utf16_length}")
        k = bisect_left(self._astral_u16, u16)
        # k astral characters start before u16; check whether u16 is inside the last one.
        if k and self._astral_u16[k - 1] + 1 == u16:
            if snap == "left":
                return self._astral_cp[k - 1]
            if snap == "right":
                return self._astral_cp[k - 1] + 1
            raise ValueError(f"UTF-16 offset {u16} splits a surrogate pair")
        return u16 - k
