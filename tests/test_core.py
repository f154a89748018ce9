"""Core rules: text normalisation, identity, span validity, snapping, labels."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core import InvalidText, Span, load_labels, normalise_text, text_hash
from annotator.core.labels import LabelError
from annotator.core.spans import (
    is_grapheme_boundary,
    simple_tokens,
    snap_to_graphemes,
    snap_to_tokens,
    trim_whitespace,
    validate_span,
)
from annotator.core.text import NormalisedOffsets, check_text, guess_title


def test_normalise_drops_bom_and_unifies_newlines() -> None:
    assert normalise_text("\ufeffa\r\nb\rc\n") == "a\nb\nc\n"
    # Only a leading BOM is dropped: a ZWNBSP inside the text is content.
    assert normalise_text("a\ufeffb") == "a\ufeffb"


def test_text_hash_is_sha256_of_utf8() -> None:
    assert text_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "empty"), ("  \n\t", "empty"), ("a\ud800b", "lone surrogate U+D800"), ("a\x00b", "NUL")],
)
def test_check_text_refuses(text: str, message: str) -> None:
    with pytest.raises(InvalidText, match=re.escape(message)):
        check_text(text)


def test_check_text_size_limit() -> None:
    check_text("x" * 10, max_chars=10)
    with pytest.raises(InvalidText, match="over the limit"):
        check_text("x" * 11, max_chars=10)


def test_guess_title_is_first_non_empty_line() -> None:
    assert guess_title("\n\n  Headline here \nbody") == "Headline here"
    assert guess_title("   ") == ""


@pytest.mark.parametrize(("start", "end"), [(3, 3), (4, 2), (-1, 2)])
def test_span_refuses_empty_or_reversed(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        Span(start, end, "ACTOR")


def test_span_refuses_booleans_and_floats() -> None:
    with pytest.raises(TypeError):
        Span(True, 3, "ACTOR")
    with pytest.raises(TypeError):
        Span(0, 3.0, "ACTOR")  # type: ignore[arg-type]


def test_grapheme_boundaries() -> None:
    text = "e\u0301 👨\u200d👩\u200d👧 🇫🇷🇩🇪 👍🏽"
    assert not is_grapheme_boundary(text, 1)  # before a combining accent
    family_start = text.index("👨")
    for i in range(family_start + 1, family_start + 5):
        assert not is_grapheme_boundary(text, i)
    flags = text.index("🇫")
    assert not is_grapheme_boundary(text, flags + 1)
    assert is_grapheme_boundary(text, flags + 2)
    assert not is_grapheme_boundary(text, flags + 3)
    assert snap_to_graphemes(text, 1, 1) == (0, 2)


def test_snap_to_tokens_grows_to_whole_words() -> None:
    text = "The Taliban said 50 civilians died."
    tokens = simple_tokens(text)
    assert snap_to_tokens(6, 9, tokens) == (4, 11)  # "Taliban"
    assert snap_to_tokens(9, 6, tokens) == (4, 11)  # reversed selection
    assert snap_to_tokens(3, 4, tokens) is None  # only the space
    assert text[slice(*snap_to_tokens(17, 25, tokens))] == "50 civilians"


def test_trim_whitespace() -> None:
    assert trim_whitespace("  ab  ", 0, 6) == (2, 4)


def test_validate_span() -> None:
    text = "Mujahid said so 😀."
    assert validate_span(text, Span(0, 7, "ACTOR"), ["ACTOR"]) is None
    assert "outside" in (validate_span(text, Span(0, 99, "ACTOR")) or "")
    assert "unknown label" in (validate_span(text, Span(0, 7, "PER"), ["ACTOR"]) or "")
    assert "whitespace" in (validate_span(text, Span(7, 8, "ACTOR")) or "")


def test_default_labels_have_hotkeys_and_colours() -> None:
    labels = load_labels()
    assert labels.names == ("ACTOR", "QUOTE", "FIGURE")
    assert [label.hotkey for label in labels] == ["1", "2", "3"]
    assert labels.by_hotkey("2").name == "QUOTE"  # type: ignore[union-attr]
    assert labels.relation("SPEAKER").head == "QUOTE"  # type: ignore[union-attr]


def test_bad_labels_file_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "labels.json"
    bad.write_text('{"labels": [{"name": "A", "hotkey": "1"}, {"name": "B", "hotkey": "1"}]}')
    with pytest.raises(LabelError, match="hotkey appears twice"):
        load_labels(bad)
    bad.write_text("{not json")
    with pytest.raises(LabelError, match=str(bad.name)):
        load_labels(bad)


@pytest.mark.parametrize(
    ("hotkey", "message"),
    [
        ("A", "hotkey 'A' of label FOO is taken by 'accept'"),
        ("s", "hotkey 's' of label FOO is taken by 'speaker'"),
        ("X", "hotkey 'X' of label FOO is taken by 'reject'"),
        ("Tab", "hotkey 'Tab' of label FOO is taken by 'next span'"),
        ("Delete", "hotkey 'Delete' of label FOO is taken by 'reject'"),
        ("F5", "hotkey 'F5' of label FOO is not a single printable character"),
        ("\t", "is not a single printable character"),
        (" ", "is not a single printable character"),
    ],
)
def test_a_hotkey_taken_by_the_app_is_refused(tmp_path, hotkey: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "labels.json"
    path.write_text(json.dumps({"labels": [{"name": "FOO", "hotkey": hotkey}]}), encoding="utf-8")
    with pytest.raises(LabelError, match=re.escape(f"{path}: {message}") if message.startswith("hotkey")
                       else re.escape(message)):
        load_labels(path)
    path.write_text(json.dumps({"labels": [{"name": "FOO", "hotkey": "4"}, {"name": "BAR"}]}), encoding="utf-8")
    assert [label.hotkey for label in load_labels(path)] == ["4", ""]


def test_reserved_hotkeys_agree_with_the_window_actions() -> None:
    """core cannot import the UI, so this test keeps the two tables in step."""
    from annotator.core.labels import RESERVED_HOTKEYS, RESERVED_KEY_NAMES
    from annotator.ui.actions import ACTIONS

    single = {key: spec.name for spec in ACTIONS for key in spec.keys if len(key) == 1}
    assert single == RESERVED_HOTKEYS
    named = {key for spec in ACTIONS for key in spec.keys}
    assert set(RESERVED_KEY_NAMES) <= named


@given(st.text(alphabet="ab\r\n\ufeff", max_size=40))
def test_normalised_offsets_follow_normalise_text(raw: str) -> None:
    """Each raw character that normalising keeps lands where the offset map says; the end maps to the end."""
    text = normalise_text(raw)
    to_text = NormalisedOffsets(raw)
    assert to_text(len(raw)) == len(text)
    removed = set(to_text.removed)
    for i, ch in enumerate(raw):
        if i not in removed:
            assert text[to_text(i)] == ("\n" if ch == "\r" else ch)
