"""Big benchmark databases and text folders, built fast and cached by seed and size.

The schema is made by ``Store.open`` (so it is always the current one); the rows
go in through plain ``sqlite3`` ``executemany`` in one transaction, which builds
100,000 documents in well under a minute. Files are written under a temporary
name and renamed, so an interrupted build never leaves a half cache behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from annotator.store import Store
from annotator.store.schema import SCHEMA_VERSION
from benchmarks.workload import Generator, mixed_articles

BUILD_VERSION = 1  # bump when the generator or the layout below changes
ANNOTATORS = ("alice", "bob", "carol", "dmitri")
STATUSES = ("new", "in_progress", "done", "skipped")


def cache_dir() -> Path:
    """``$ANNOTATOR_BENCH_CACHE`` or a folder in the system temp directory."""
    root = Path(os.environ.get("ANNOTATOR_BENCH_CACHE") or Path(tempfile.gettempdir()) / "annotator-bench")
    root.mkdir(parents=True, exist_ok=True)
    return root


def _key(kind: str, **params: object) -> str:
    parts = "-".join(f"{k}{v}" for k, v in sorted(params.items()))
    return f"{kind}-{parts}-b{BUILD_VERSION}-s{SCHEMA_VERSION}"


def build_db(n: int, *, seed: int = 0, spans: int = 0, done: bool = False) -> Path:
    """A database of ``n`` articles with ``spans`` spans each (cached).

    ``done``: every document done and every span accepted by one annotator
    (the export workload); otherwise a mix of statuses, annotators and
    suggested/accepted spans (the list/stats workload). ``spans=0``: plain new
    articles, the real sample and GUM ones first (the suggest workload).
    """
    path = cache_dir() / (_key("db", n=n, seed=seed, spans=spans, done=int(done)) + ".db")
    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    Store.open(tmp).close()
    conn = sqlite3.connect(tmp, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    now = 1_764_300_000
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO annotators (name, created) VALUES (?, ?)", [(a, now) for a in ANNOTATORS])
    docs: list[tuple[object, ...]] = []
    span_rows: list[tuple[object, ...]] = []
    rel_rows: list[tuple[object, ...]] = []
    span_id = 0
    generator = Generator(seed)
    real = mixed_articles(min(n, 25), seed) if spans == 0 else []
    for i in range(n):
        art = real[i] if i < len(real) else generator.article(min_spans=spans)
        doc_id = i + 1
        annotator: str | None
        if done:
            status, annotator = "done", ANNOTATORS[0]
        elif spans:
            status = STATUSES[i % 7 % 4]
            annotator = ANNOTATORS[i % len(ANNOTATORS)] if status != "new" else None
        else:
            status, annotator = "new", None
        digest = hashlib.sha256(art.text.encode("utf-8")).hexdigest()
        docs.append((doc_id, digest, art.title, f"bench/{doc_id:06d}.txt", "{}", art.text, len(art.text),
                     status, annotator, now, now, 0))
        ids: dict[tuple[int, int, str], int] = {}
        for j, (start, end, label) in enumerate(art.spans[:spans]):
            span_id += 1
            ids[(start, end, label)] = span_id
            accepted = done or (status != "new" and j % 3 != 0)
            span_rows.append((span_id, doc_id, start, end, label, "accepted" if accepted else "suggested",
                              "annotator" if accepted else "model", annotator or "en_core_web_sm 3.8.0",
                              annotator if accepted else None, now, now))
        for head, child in art.relations:
            if head in ids and child in ids:
                rel_rows.append((doc_id, ids[head], ids[child], now, now))
        if len(docs) >= 5000 or i == n - 1:  # flush in chunks so memory stays flat
            _insert(conn, docs, span_rows, rel_rows)
            docs, span_rows, rel_rows = [], [], []
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    os.replace(tmp, path)
    return path


def _insert(
    conn: sqlite3.Connection,
    docs: list[tuple[object, ...]],
    span_rows: list[tuple[object, ...]],
    rel_rows: list[tuple[object, ...]],
) -> None:
    conn.executemany(
        "INSERT INTO documents (id, hash, title, source, meta, text, n_chars, status, annotator, created, updated,"
        " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", docs,
    )
    conn.executemany(
        'INSERT INTO spans (id, doc_id, start, "end", label, status, source, source_name, annotator, created,'
        " updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", span_rows,
    )
    conn.executemany(
        "INSERT INTO relations (doc_id, label, head_id, child_id, status, source, source_name, created, updated)"
        " VALUES (?, 'SPEAKER', ?, ?, 'accepted', 'annotator', 'alice', ?, ?)", rel_rows,
    )


def build_texts(n: int, *, seed: int = 0) -> Path:
    """A folder of ``n`` .txt articles (~5 kB each; the real ones first), cached."""
    path = cache_dir() / _key("texts", n=n, seed=seed)
    if path.exists():
        return path
    tmp = Path(f"{path}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    for i, art in enumerate(mixed_articles(n, seed)):
        (tmp / f"{i:06d}.txt").write_text(art.text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def build_scraped_jsonl(n: int, *, seed: int = 0, size: int = 2000) -> Path:
    """A JSONL file of ``n`` scraped articles of about ``size`` characters, as a scraper writes them (cached).

    Each line is ``{"text", "meta": {"url", "title", "site"}}`` written by ``json.dumps``
    with its defaults (non-ASCII as ``\\u`` escapes, as most Python scrapers leave it).
    """
    import json

    path = cache_dir() / (_key("scraped", n=n, seed=seed, size=size) + ".jsonl")
    if path.exists():
        return path
    tmp = Path(f"{path}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for i, art in enumerate(Generator(seed).articles(n, chars=size, min_spans=0)):
            kept: list[str] = []
            for paragraph in art.text.split("\n\n"):
                kept.append(paragraph)
                if sum(map(len, kept)) >= size:
                    break
            text = "\n\n".join(kept)
            meta = {"url": f"https://news.example/{seed}/{i}", "title": kept[0], "site": "news.example"}
            fh.write(json.dumps({"text": text, "meta": meta}) + "\n")
    os.replace(tmp, path)
    return path


def copy_db(src: Path, dst_dir: Path) -> Path:
    """A private copy of a cached database, for benchmarks that write to it."""
    dst = dst_dir / src.name
    # Through SQLite, never a file copy: a copy misses what is still in the -wal file, and a plain
    # descriptor on a database drops SQLite's locks on it in this process (annotator.store.files).
    with closing(sqlite3.connect(f"file:{src}?mode=ro", uri=True)) as source, closing(sqlite3.connect(dst)) as target:
        source.backup(target)
    return dst
