"""The bad-input corpus: writes the small files of this folder, and the large ones into any folder.

``python tests/data/bad/make_bad.py`` rewrites the committed small files;
``tests/test_trust_badinput.py`` checks they still match ``SMALL`` and builds
the large ones (``LARGE``) in a temporary folder at test time, so megabytes
are never committed.

Each JSONL line is chosen so that the importer must report it by its physical
line number; ``tests/test_trust_badinput.py`` holds the expected messages.
"""

from __future__ import annotations

import codecs
import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
VALID_1 = '{"text": "Valid one. The Taliban said so.", "spans": [{"start": 15, "end": 22, "label": "ACTOR"}]}'
VALID_2 = '{"text": "Valid two: 50 civilians died.", "spans": [{"start": 11, "end": 23, "label": "FIGURE"}]}'
# Raw U+2028/U+2029 are legal inside JSON strings; a reader that splits on them loses the record.
VALID_LS = json.dumps(
    {"text": (t := "Line\u2028separator and\u2029paragraph: Pakistan replied."),
     "spans": [{"start": t.index("Pakistan"), "end": t.index("Pakistan") + 8, "label": "ACTOR"}]},
    ensure_ascii=False,
)
# Untrusted strings are data: stored and shown literally, never executed or interpreted.
VALID_HOSTILE = json.dumps(
    {
        "text": 'x"); DROP TABLE spans;-- <img src="file:///etc/passwd"> <b>x</b> said the Taliban.',
        "meta": {"title": '<b>PER</b> x"); DROP TABLE documents;--', "source": "<script>alert(1)</script>"},
        "spans": [{"start": 74, "end": 81, "label": "ACTOR", "text": "Taliban"}],
    },
    ensure_ascii=False,
)

# (physical line, line text): the expectations live in the test, by line number.
MALFORMED_LINES = [
    VALID_1,  # 1
    "",  # 2 blank line: skipped silently
    '{"text": "Cut off in the mid',  # 3 truncated record
    "   \t ",  # 4 whitespace only: skipped
    '{"text": "control \x01 character"}',  # 5 raw control character inside a string
    '{"text": "The Taliban.", "spans": [{"start": NaN, "end": 11, "label": "ACTOR"}]}',  # 6
    '{"text": "The Taliban.", "spans": [{"start": true, "end": 11, "label": "ACTOR"}]}',  # 7
    '{"text": "The Taliban.", "spans": [{"start": 3.0, "end": 11, "label": "ACTOR"}]}',  # 8
    '{"text": "first", "text": "second"}',  # 9 duplicate key
    '{"text": "lone \\ud800 surrogate"}',  # 10 escaped lone surrogate
    VALID_LS,  # 11
    VALID_2,  # 12
    '{"text": "The R&D unit.", "spans": [{"start": 4, "end": 7, "label": "R&D"}]}',  # 13
    '{"text": "The Taliban.", "spans": [{"start": 4, "end": 11, "label": "<b>PER</b>"}]}',  # 14
    '{"text": "The Taliban.", "spans": [{"start": 4, "end": 11, "label": "x\\"); DROP TABLE spans;--"}]}',  # 15
    '{"text": "The Taliban.", "spans": [{"start": 4, "end": 11, "label": "\u0410CTOR"}]}',  # 16 Cyrillic A
    '{"text": "nul \\u0000 inside"}',  # 17
    '{"text": 5}',  # 18
    "[1, 2, 3]",  # 19
    '{"text": "The Taliban.", "spans": [{"start": 4, "end": 99, "label": "ACTOR"}]}',  # 20
    '{"text": "\U0001f44d\U0001f3fd ok", "spans": [{"start": 0, "end": 1, "label": "ACTOR"}]}',  # 21 splits a cluster
    '{"text": "The Taliban.", "spans": [{"start": -4, "end": 11, "label": "ACTOR"}]}',  # 22
    '{"text": "The Taliban.", "spans": [{"start": 4, "end": 1e400, "label": "ACTOR"}]}',  # 23 infinity
    "[" * 5_000,  # 24 nested too deeply
    '{"no_text": "here"}',  # 25
    '{"text": "The Taliban.", "spans": [{"start": 4, "end": 11, "label": "ACTOR", "text": "Pakistan"}]}',  # 26
    '{"text": "   \\n\\t  "}',  # 27 empty text
    VALID_HOSTILE,  # 28
    '{"text": "Valid three.\\r\\nThe Taliban.", "spans": [{"start": 18, "end": 25, "label": "ACTOR"}]}',  # 29 CRLF
    '{"text": "The Taliban.", "spans": "ACTOR"}',  # 30
    '{"text": "The Taliban.", "spans": [{"start": 4, "end": 11, "label": "ACTOR"}],'
    ' "relations": [{"label": "SPEAKER", "head_span": {"start": 0, "end": 3, "label": "QUOTE"},'
    ' "child_span": {"start": 4, "end": 11, "label": "ACTOR"}}]}',  # 31 relation to a missing span
    '{"text": "Valid one. The Taliban said so."}',  # 32 duplicate of line 1's text
]


def _jsonl(lines: list[str], ending: str = "\n") -> bytes:
    return ending.join(lines).encode("utf-8") + ending.encode()


CP1252_ARTICLE = "\u201cWe will not leave,\u201d said the caf\u00e9 owner \u2013 50 civilians."

SMALL: dict[str, bytes] = {
    "malformed.jsonl": _jsonl(MALFORMED_LINES),
    # The same records with Windows line ends and no final newline: line numbers must not change.
    "malformed_crlf.jsonl": _jsonl(MALFORMED_LINES, "\r\n")[:-2],
    "empty.jsonl": b"",
    "blank_lines.jsonl": b"\n\n   \n\t\n",
    "empty.txt": b"",
    "whitespace.txt": b"  \n\t\r\n  ",
    "bom_only.txt": codecs.BOM_UTF8,
    "cp1252.txt": ("Caf\u00e9 report\n\n" + CP1252_ARTICLE + "\n").encode("cp1252"),
    "cp1252.jsonl": (VALID_1 + "\n" + json.dumps({"text": CP1252_ARTICLE}, ensure_ascii=False) + "\n").encode("cp1252"),
    "utf16.txt": codecs.BOM_UTF16_LE + ("UTF-16 report\n\n" + CP1252_ARTICLE + " \U0001f600\n").encode("utf-16-le"),
    "utf16.jsonl": codecs.BOM_UTF16_LE + (VALID_1 + "\n" + VALID_2 + "\n").encode("utf-16-le"),
    "utf16_no_bom.txt": "No BOM here.\n".encode("utf-16-le"),
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "binary.jsonl": bytes(range(256)) * 4,
    "surrogate_bytes.txt": b"An encoded lone surrogate \xed\xa0\x80 in UTF-8.\n",
    "crlf_and_bom.txt": codecs.BOM_UTF8 + b"Title line\r\n\r\nThe Taliban said \xe2\x80\x9cno\xe2\x80\x9d.\rEnd.\r\n",
    "article.jsonl.gz": gzip.compress(_jsonl([VALID_1]), mtime=0),
    "notes.csv": b"text,label\nThe Taliban,ACTOR\n",
}


def _long_article(n: int) -> str:
    sentence = "The Taliban said 50 civilians died. \U0001f600 Caf\u00e9 owners disagreed.\n"
    return (sentence * (n // len(sentence) + 1))[:n]


LARGE: dict[str, Callable[[], bytes]] = {
    # 1.5 million characters: over the default limit of 1,000,000.
    "long_article.txt": lambda: _long_article(1_500_000).encode("utf-8"),
    "long_article.jsonl": lambda: _jsonl([VALID_1, json.dumps({"text": _long_article(1_500_000)}), VALID_2]),
    # A gzip bomb: 128 MiB of zeros in about 128 KB. Compressed input is not accepted, so it must never be opened.
    "bomb.jsonl.gz": lambda: _gzip_bomb(),
}


def _gzip_bomb() -> bytes:
    zeros = bytes(1 << 20)
    import io

    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as gz:
        for _ in range(128):
            gz.write(zeros)
    return buf.getvalue()


def write_small(folder: Path = HERE) -> list[Path]:
    paths = []
    for name, data in SMALL.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def write_large(folder: Path) -> list[Path]:
    paths = []
    for name, make in LARGE.items():
        path = folder / name
        path.write_bytes(make())
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_small(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)
