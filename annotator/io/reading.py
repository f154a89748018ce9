"""Reading files as text: encodings by byte-order mark, never a silent guess.

UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM are read. Anything
else is refused with the byte offset and line of the first byte that is not
UTF-8; charset-normalizer only *suggests* the likely encoding in that message.
UTF-16/32 without a BOM is recognised and named in the refusal, never read on a guess.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_STARTS = frozenset(bom[0] for bom, _ in _BOMS)
_CHUNK = 1 << 20
_SNIFF = 64 * 1024


class FileRefused(Exception):
    """A whole file cannot be imported; ``line`` is set when the problem has one."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


class TextLine(NamedTuple):
    """One physical line of a text file: its number (from 1), text and size in bytes.

    A line longer than the limit given to :func:`iter_lines` is never held in memory: its
    ``text`` is empty and ``too_long`` is its size in bytes. (A tuple: made for every line,
    it costs a third of a frozen dataclass.)
    """

    number: int
    text: str
    nbytes: int
    too_long: int = 0


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"),
)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, for messages."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_regular(path: str | os.PathLike[str]) -> io.FileIO:
    """Open a file for reading in binary, refusing anything but a regular file.

    Opened non-blocking, so a named pipe without a writer cannot hang the import, and checked with
    fstat on the open descriptor, so a link to ``/dev/zero`` is refused before a byte is read.
    (O_NONBLOCK changes nothing for regular files.)
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        try:  # a socket cannot be opened at all (ENXIO): say what it is rather than "no such device"
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise FileRefused(f"skipped: {kind_of(mode)}, not a regular file") from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise FileRefused(f"skipped: {kind_of(mode)}, not a regular file")
        return io.FileIO(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def sniff_encoding(path: Path) -> str:
    """The codec to read ``path`` with, after checking every byte decodes with it.

    Raises FileRefused for empty, binary and non-UTF files.
    """
    with open_regular(path) as fh:
        head = fh.read(_SNIFF)
    codec = _codec_of(head)
    _check_decodes(path, codec)
    return codec


def _codec_of(head: bytes) -> str:
    """The codec the first bytes of a file call for (BOM, else UTF-8); refuses empty, binary and unmarked UTF-16/32."""
    if not head:
        raise FileRefused("empty file")
    if head[0] in _BOM_STARTS:  # most files start with a letter: skip the five comparisons
        for bom, codec in _BOMS:
            if head.startswith(bom):
                return codec
    if b"\x00" in head:
        wide = _unmarked_utf(head)
        if wide:
            raise FileRefused(_unmarked_message(wide))
        raise FileRefused(f"binary file, not text (NUL byte at byte offset {head.index(0):,})")
    return "utf-8"


def _check_decodes(path: Path, codec: str) -> None:
    """Decode the whole file in chunks (constant memory) and refuse it at the first bad byte."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    ascii_ok = codec in ("utf-8", "utf-8-sig")
    offset = 0
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if ascii_ok and chunk and not decoder.getstate()[0] and chunk.isascii():
                offset += len(chunk)  # ASCII is valid UTF-8 as it is: a scan, not a decode (JSON from json.dumps)
                continue
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                # The decoder holds back the bytes of an unfinished character between
                # chunks; exc.start counts from the first of those.
                bad = offset - (len(exc.object) - len(chunk)) + exc.start
                line = _line_of(path, bad) if codec == "utf-8" else None
                raise FileRefused(_encoding_message(path, codec, bad), line=line) from exc
            if not chunk:
                return
            offset += len(chunk)


def _line_of(path: Path, offset: int) -> int:
    """The line number (from 1) of byte ``offset`` of an ASCII-compatible file."""
    newlines = 0
    with open(path, "rb") as fh:
        while offset > 0:
            chunk = fh.read(min(_CHUNK, offset))
            if not chunk:
                break
            newlines += chunk.count(b"\n")
            offset -= len(chunk)
    return newlines + 1


def _encoding_message(path: Path, codec: str, bad: int) -> str:
    with open(path, "rb") as fh:
        fh.seek(bad)
        byte = fh.read(1)
        fh.seek(0)
        sample = fh.read(_CHUNK)
    name = "UTF-8" if codec.startswith("utf-8") else codec.upper()
    message = f"not valid {name}: byte 0x{byte.hex().upper()} at byte offset {bad:,} cannot be decoded"
    suggestion = _suggest_encoding(sample) if codec == "utf-8" else None
    if suggestion:
        message += f"; it may be {suggestion} (charset-normalizer's guess): save it as UTF-8 and import it again"
    elif codec == "utf-8":
        message += "; it is in another encoding (e.g. Windows-1252 or Latin-1): save it as UTF-8 and import it again"
    else:
        message += "; save it as UTF-8 and import it again"
    return message


# A guess from a few bytes is noise ("café" in Latin-1 comes out as cp1006, an Urdu code page):
# name it only from a sample this long, and only if it is an encoding people actually save files in.
_MIN_GUESS_BYTES = 200
_COMMON_ENCODINGS = frozenset({
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "latin_1", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9", "iso8859_15", "koi8_r", "koi8_u",
    "mac_roman", "cp437", "cp850", "shift_jis", "cp932", "euc_jp", "iso2022_jp", "gb2312", "gbk", "gb18030",
    "big5", "euc_kr", "cp949", "tis_620", "cp874",
})


def _suggest_encoding(sample: bytes) -> str | None:
    if len(sample) < _MIN_GUESS_BYTES:
        return None
    from charset_normalizer import from_bytes  # only needed for this message

    best = from_bytes(sample).best()
    # No NUL bytes, so not UTF-16/32 text (see _unmarked_utf): a guess of those would mislead.
    if best is None or best.encoding not in _COMMON_ENCODINGS:
        return None
    return str(best.encoding)


_WIDE = {"utf_16_le": "UTF-16", "utf_16_be": "UTF-16", "utf_32_le": "UTF-32", "utf_32_be": "UTF-32"}


def _unmarked_message(name: str) -> str:
    return f"looks like {name} without a byte-order mark; save it as UTF-8 and import it again"


def _unmarked_utf(head: bytes) -> str | None:
    """"UTF-16" or "UTF-32" if ``head`` reads as text in one of them (it has no BOM), else None.

    Only called for a head with NUL bytes (real UTF-16/32 text has them: spaces, digits,
    line ends). Latin text has a NUL in every other byte; for other scripts
    charset-normalizer decides. Either way the bytes must decode strictly to mostly
    printable text, so a binary file is not taken for text.
    """
    candidates: list[str] = []
    even = head[: len(head) // 2 * 2]
    if len(even) >= 4:
        half = len(even) // 2
        low, high = even[0::2].count(0), even[1::2].count(0)
        if high >= half // 4 and low <= half // 50:
            candidates.append("utf_16_le")
        if low >= half // 4 and high <= half // 50:
            candidates.append("utf_16_be")
    if not candidates:
        from charset_normalizer import from_bytes  # only for files that are not UTF-8

        best = from_bytes(head).best()
        if best is not None and best.encoding in _WIDE:
            candidates.append(best.encoding)
    for codec in candidates:
        unit = 4 if "32" in codec else 2
        decoder = codecs.getincrementaldecoder(codec)("strict")
        try:  # not final: the sample may end inside a character
            text = decoder.decode(head[: len(head) // unit * unit], final=False)
        except UnicodeDecodeError:
            continue
        printable = sum(c.isprintable() or c in "\n\r\t" for c in text)
        if text and printable >= 0.95 * len(text):
            return _WIDE[codec]
    return None


def read_text(path: str | os.PathLike[str], *, max_chars: int) -> str:
    """The whole text of a file (newlines not yet normalised)."""
    return read_text_bytes(path, max_chars=max_chars)[0]


def read_text_bytes(path: str | os.PathLike[str], *, max_chars: int) -> tuple[str, bytes | None]:
    """:func:`read_text`, and the file's bytes when they are exactly the text's UTF-8 (no BOM), else None.

    One open and one read: the common case (valid UTF-8) costs a strict decode and
    nothing more. Only a file that fails it is read again, to name the bad byte's offset
    and line and to ask charset-normalizer for a guess. The bytes let import hash the
    text without encoding it again.
    """
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > 4 * max_chars + 4:  # UTF-8 and UTF-32 need at most 4 bytes a character
            raise FileRefused(f"file is {size:,} bytes, over the limit of {max_chars:,} characters")
        data = fh.readall()
    codec = _codec_of(data[:_SNIFF])
    try:
        text = data.decode(codec)  # the utf-8-sig/16/32 codecs drop the BOM, as reading the file as text did
    except UnicodeDecodeError:
        _check_decodes(Path(path), codec)  # raises FileRefused with offset, line and guess
        raise FileRefused("the file changed while it was read; import it again") from None
    return text, data if codec == "utf-8" else None


def iter_lines(path: Path, *, limit: int = 1 << 62) -> Iterator[TextLine]:
    """Physical lines of a text file, without their line ends, in memory bounded by ``limit`` bytes.

    ``\\n``, ``\\r\\n`` and a lone ``\\r`` each end a line (JSON strings cannot hold
    a raw ``\\r``, so this never splits a record), so numbers match an editor's. A line
    longer than ``limit`` is read past in chunks, never whole (see TextLine.too_long).
    """
    codec = sniff_encoding(path)
    number = 0
    if codec == "utf-8":
        with open_regular(path) as raw_fh, io.BufferedReader(raw_fh, _CHUNK) as fh:
            while raw := fh.readline(limit + 1):
                if len(raw) > limit and not raw.endswith(b"\n"):
                    size, breaks = _skip_line(fh, raw)
                    number += 1
                    yield TextLine(number, "", size, too_long=size)
                    number += breaks  # lone \r inside it ended lines too, as an editor counts them
                    continue
                if b"\r" not in raw:  # the usual line: no splitting
                    number += 1
                    yield TextLine(number, (raw[:-1] if raw[-1:] == b"\n" else raw).decode("utf-8"), len(raw))
                    continue
                pieces = _split_cr(raw)
                for i, piece in enumerate(pieces):
                    number += 1
                    yield TextLine(number, piece.decode("utf-8"), len(raw) if i == len(pieces) - 1 else 0)
        return
    # UTF-16/32 files are rare: a newline is not one byte there, so read them as text.
    with open_regular(path) as raw_fh, open(raw_fh.fileno(), encoding=codec, newline="", closefd=False) as fh:
        while line := fh.readline(limit // 2 + 1):
            number += 1
            if len(line) > limit // 2 and not line.endswith(("\n", "\r")):
                size = len(line.encode("utf-8"))
                while (more := fh.readline(_CHUNK)) and not more.endswith(("\n", "\r")):
                    size += len(more.encode("utf-8"))
                yield TextLine(number, "", size, too_long=size)
                continue
            yield TextLine(number, line.rstrip("\r\n"), len(line.encode("utf-8")))


def _skip_line(fh: IO[bytes], start: bytes) -> tuple[int, int]:
    """Read past the rest of an over-long line in chunks: its size in bytes and the lone \\r in it."""
    size, breaks, previous = len(start), _lone_crs(start), start
    while not previous.endswith(b"\n"):
        chunk = fh.readline(_CHUNK)
        if not chunk:
            break
        if previous.endswith(b"\r") and not chunk.startswith(b"\n"):
            breaks += 1
        size += len(chunk)
        breaks += _lone_crs(chunk)
        previous = chunk
    return size, breaks


def _lone_crs(chunk: bytes) -> int:
    """\\r not followed by \\n inside ``chunk`` (a \\r at its very end is decided by the next chunk)."""
    return chunk[:-1].count(b"\r") - chunk.count(b"\r\n")


def _split_cr(raw: bytes) -> list[bytes]:
    line = raw[:-1] if raw.endswith(b"\n") else raw
    if line.endswith(b"\r"):
        line = line[:-1]
    if b"\r" not in line:
        return [line]
    return line.split(b"\r")
