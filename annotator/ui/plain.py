"""Showing user text literally: article text, titles and labels are never markup."""

from __future__ import annotations

import html


def as_plain_tooltip(text: str) -> str:
    """Qt guesses whether a tooltip is HTML; escaping it inside <qt> makes any text show literally.

    Empty text stays empty, so Qt shows no tooltip at all (not an empty box).
    """
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def one_line(text: str, limit: int = 90) -> str:
    """A span's text for a list row: one line, shortened in the middle if long."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return text[:half] + "…" + text[-half:]
