"""Offsets never go wrong: property tests of the code-point/UTF-16 map, grapheme rules and normalisation."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from annotator.core.offsets import OffsetMap
from annotator.core.spans import is_grapheme_boundary, snap_to_graphemes
from annotator.core.text import normalise_text

try:
    import regex  # the reference for grapheme clusters (UAX #29)
except ImportError:  # pragma: no cover
    regex = None
needs_regex = pytest.mark.skipif(regex is None, reason="the regex module is the grapheme reference")

# The characters that break naive offset code, as whole pieces and as loose parts.
PIECES = [
    "a", "Z", " ", ".", "\t", "\n", "\u00a0", "\u2028", "\u2029", "\ufeff", "“", "”", "中", "ß", "𝔸",
    "é", "e\u0301", "a\u0308\u0301", "\u0301",  # precomposed, combining, stacked, a lone combining mark
    "😀", "👍🏽", "\U0001f3fd",  # emoji, with a skin tone, a lone modifier
    "👨\u200d👩\u200d👧", "🏳️\u200d🌈", "\u200d", "\ufe0f", "\u200c",  # ZWJ families, VS16, ZWNJ
    "🇺🇸", "🇬🇧", "\U0001f1fa",  # flags and a lone regional indicator
    "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # England's flag (tags)
    "\u0915\u094d\u0937", "\u0928\u092e\u0938\u094d\u0924\u0947",  # Devanagari conjuncts
    "\u1100\u1161\u11a8", "\u1100", "\u1161",  # a Hangul syllable from jamo, loose jamo
    "\u0600\u0661",  # Arabic number sign (a prepended mark)
]

texts = st.builds(
    lambda bom, parts: ("\ufeff" if bom else "") + "".join(parts),
    st.booleans(),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40),
)


def clusters(text: str) -> set[int]:
    """Grapheme cluster boundaries by Unicode's rules (UAX #29) as the ``regex`` module implements them."""
    return {0, len(text)} | {m.end() for m in regex.finditer(r"\X", text)}


# ------------------------------------------------------------------ OffsetMap


@settings(max_examples=300, deadline=None)
@given(texts)
@example("\ufeff😀\t\u2028e\u0301👨\u200d👩\u200d👧\u00a0\u2029")
def test_codepoint_to_utf16_and_back_is_the_identity(text: str) -> None:
    omap = OffsetMap(text)
    assert omap.length == len(text)
    assert omap.utf16_length == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        u16 = omap.to_utf16(cp)
        assert u16 == len(text[:cp].encode("utf-16-le")) // 2
        assert omap.to_codepoint(u16) == cp


@settings(max_examples=300, deadline=None)
@given(texts)
def test_every_utf16_position_maps_or_is_inside_a_surrogate_pair(text: str) -> None:
    omap = OffsetMap(text)
    units = text.encode("utf-16-le")
    for u16 in range(omap.utf16_length + 1):
        unit = int.from_bytes(units[2 * u16 : 2 * u16 + 2], "little")
        inside_pair = 0 < u16 < omap.utf16_length and 0xDC00 <= unit <= 0xDFFF
        if inside_pair:
            with pytest.raises(ValueError, match="surrogate pair"):
                omap.to_codepoint(u16)
            left, right = omap.to_codepoint(u16, snap="left"), omap.to_codepoint(u16, snap="right")
            assert right == left + 1 and ord(text[left]) > 0xFFFF
            assert (omap.to_utf16(left), omap.to_utf16(right)) == (u16 - 1, u16 + 1)
        else:
            cp = omap.to_codepoint(u16)
            assert omap.to_utf16(cp) == u16
            assert text[:cp].encode("utf-16-le") == units[: 2 * u16]


@given(texts)
def test_out_of_range_offsets_are_refused(text: str) -> None:
    omap = OffsetMap(text)
    for bad in (-1, omap.length + 1):
        with pytest.raises(IndexError):
            omap.to_utf16(bad)
    for bad in (-1, omap.utf16_length + 1):
        with pytest.raises(IndexError):
            omap.to_codepoint(bad)


@settings(max_examples=200, deadline=None)
@given(texts, st.data())
def test_a_utf16_selection_becomes_the_same_code_point_text(text: str, data: st.DataObject) -> None:
    """What the widget selects (UTF-16 units) is exactly the text stored (code points), snapping outward."""
    omap = OffsetMap(text)
    a = data.draw(st.integers(0, omap.utf16_length))
    b = data.draw(st.integers(a, omap.utf16_length))
    start, end = omap.to_codepoint(a, snap="left"), omap.to_codepoint(b, snap="right")
    units = text.encode("utf-16-le")
    # The code-point span covers the selection and at most the rest of the characters it cut.
    assert omap.to_utf16(start) <= a and omap.to_utf16(end) >= b
    assert a - omap.to_utf16(start) <= 1 and omap.to_utf16(end) - b <= 1
    assert text[start:end].encode("utf-16-le") == units[2 * omap.to_utf16(start) : 2 * omap.to_utf16(end)]


# ------------------------------------------------------------- grapheme rules


@needs_regex
@settings(max_examples=500, deadline=None)
@given(texts)
def test_a_boundary_the_core_allows_never_splits_a_cluster(text: str) -> None:
    truth = clusters(text)
    for offset in range(len(text) + 1):
        if is_grapheme_boundary(text, offset):
            assert offset in truth, f"{offset} splits a cluster of {text!r}: {sorted(truth)}"
        else:  # and refuses no real boundary (with ``regex`` installed the rules are Unicode's own)
            assert offset not in truth, f"{offset} is a boundary of {text!r} the core refuses"


@needs_regex
@pytest.mark.parametrize(
    "text",
    [
        "🇺🇸" * 400 + "🇺",  # flags: the pairing depends on the whole run, far beyond any window
        "x" + "🇺" * 1001 + " y",
        "👨‍👩‍👧" * 200 + "́",
        "a" + "́" * 700 + "b",  # one enormous cluster
        "؀" * 600 + "a",  # prepended marks join what follows
        ("नमस्ते दुनिया " * 50 + "\n") * 3,
    ],
    ids=["flags", "odd-indicators", "families", "zalgo", "prepend", "devanagari"],
)
def test_long_runs_beyond_the_search_window(text: str) -> None:
    truth = clusters(text)
    assert [i for i in range(len(text) + 1) if is_grapheme_boundary(text, i)] == sorted(truth)


@needs_regex
@settings(max_examples=500, deadline=None)
@given(texts, st.data())
def test_snapping_gives_whole_clusters_and_never_shrinks(text: str, data: st.DataObject) -> None:
    assume(text)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    start, end = snap_to_graphemes(text, a, b)
    truth = clusters(text)
    assert start <= a and end >= b
    assert start in truth and end in truth
    # And the smallest such widening: no cluster boundary is skipped.
    assert start == max(t for t in truth if t <= a)
    assert end == min(t for t in truth if t >= b)


KNOWN_CLUSTERS = [
    "e\u0301", "a\u0308\u0301", "👍🏽", "👨\u200d👩\u200d👧", "🏳️\u200d🌈", "🇺🇸", "❤️",
    "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "\u0915\u094d\u0937", "\u1100\u1161\u11a8", "\uac01", "a\u200c", "\u0600\u0661", "\u0e01\u0e33",
]


@pytest.mark.parametrize("cluster", KNOWN_CLUSTERS, ids=[c.encode("unicode_escape").decode() for c in KNOWN_CLUSTERS])
def test_known_clusters_are_never_split(cluster: str) -> None:
    text = "x " + cluster + " y"
    inner = range(3, 2 + len(cluster))
    assert [i for i in inner if is_grapheme_boundary(text, i)] == []
    assert is_grapheme_boundary(text, 2) and is_grapheme_boundary(text, 2 + len(cluster))
    for i in inner:
        assert snap_to_graphemes(text, i, i) == (2, 2 + len(cluster))


@needs_regex
def test_the_regex_reference_agrees_with_the_known_clusters() -> None:
    """Guards the reference itself: an old ``regex`` with older Unicode rules would weaken the property tests."""
    for cluster in KNOWN_CLUSTERS:
        assert [m.group() for m in regex.finditer(r"\X", cluster)] == [cluster]


# -------------------------------------------------------------- normalisation


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["\r", "\n", "\r\n", "\ufeff", "a", "é", "😀", "\u2028", " "]), max_size=30).map("".join)
)
def test_normalise_text_is_idempotent_and_only_touches_newlines_and_the_bom(raw: str) -> None:
    text = normalise_text(raw)
    assert "\r" not in text
    # Import -> export -> import must not change the text (or every offset after it would move).
    assert normalise_text(text) == text
    assert text.replace("\n", "") == raw.lstrip("\ufeff").replace("\r", "").replace("\n", "")
    assert text.count("\n") == raw.count("\n") + raw.count("\r") - raw.count("\r\n")
