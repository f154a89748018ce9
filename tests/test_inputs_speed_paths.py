"""The import's fast paths skip a search only when the line shows it cannot find anything."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.io.records import RecordError, RecordReader, may_hold_surrogates, parse_line

TOKENS = ["\\\\", "\\uD83D", "\\uDE00", "\\ud800", "\\udfff", "\\u2019", "a", "u", "D83D", "\\\\u", '\\"', "\\n", "😀"]


def _lone(value: object) -> bool:
    if isinstance(value, str):
        return any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    if isinstance(value, dict):
        return any(_lone(k) or _lone(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_lone(v) for v in value)
    return False


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=12), st.lists(st.sampled_from(TOKENS), max_size=4))
def test_no_lone_surrogate_gets_past_the_line_check(text: list[str], key: list[str]) -> None:
    line = '{"text": "' + "".join(text) + '", "meta": {"' + "".join(key) + '": 1}}'
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        return
    if _lone(obj):
        assert may_hold_surrogates(line), line


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F64F), max_size=30))
def test_json_dumps_lines_are_judged_right(text: str) -> None:
    line = json.dumps({"text": text})
    if _lone(json.loads(line)):
        assert may_hold_surrogates(line)
    elif "\\ud" not in line.lower():
        assert not may_hold_surrogates(line)


def test_a_lone_surrogate_is_still_refused_with_its_place() -> None:
    reader = RecordReader(["ACTOR"], source="x.jsonl", max_chars=1000)
    line = json.dumps({"text": "Hello 😀 world \ud800!"})
    try:
        reader.read(parse_line(line), line=line)
    except RecordError as exc:
        assert str(exc) == "lone surrogate U+D800 in text at character 14"
    else:
        raise AssertionError("a lone surrogate was let through")


def test_the_size_limit_still_counts_meta_when_the_line_is_long() -> None:
    reader = RecordReader(["ACTOR"], source="x.jsonl", max_chars=100)
    line = json.dumps({"text": "Short text.", "meta": {"note": "x" * 200}})
    try:
        reader.read(parse_line(line), line=line)
    except RecordError as exc:
        assert "over the limit of 100" in str(exc)
    else:
        raise AssertionError("an oversized meta was let through")


def test_deep_nesting_is_still_refused_past_the_bracket_count() -> None:
    line = '{"text": "x", "meta": {"a": ' + "[" * 25 + "]" * 25 + "}}"
    try:
        parse_line(line)
    except RecordError as exc:
        assert "nested more than 20 deep" in str(exc)
    else:
        raise AssertionError("deep nesting was let through")
