"""Every suggestion the pipeline makes, written to a file, to prove a speed change leaves them byte-identical.

    python -m benchmarks.suggest_dump OUT.jsonl                 # dump
    python -m benchmarks.suggest_dump OUT.jsonl --compare OLD.jsonl   # dump, then say where it differs
    python -m benchmarks.suggest_dump OUT.jsonl --quick         # the tuning gold only (about a quarter)

Texts: the tuning gold (own cases, the sample article, GUM news, the Wikinews 2019 and
Global Voices tuning gold, ``benchmarks.gold_data.all_gold``) and the first 200 speed
benchmark articles (``benchmarks.workload.mixed_articles(500)[:200]``). No held-out text
is read. One JSON line per text: the core spans and SPEAKER relations that
``spans_from_doc`` makes (offsets, label, kind, source, confidence), every component's
span group with all its per-span attributes, and the Store path: the same
200 articles through ``suggest_documents`` into a fresh database, its rows of
``spans`` and ``relations`` without the time stamps.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

N_WORKLOAD = 200


def texts(quick: bool = False) -> list[tuple[str, str]]:
    """``(name, text)`` of every text the dump covers, in a fixed order."""
    from benchmarks.gold_data import all_gold
    from benchmarks.workload import mixed_articles

    out = [(f"gold/{d.group}/{d.id}", d.text) for d in all_gold()]
    if not quick:
        out += [(f"workload/{n}", a.text) for n, a in enumerate(mixed_articles(500)[:N_WORKLOAD])]
    return out


def _plain(value: Any) -> Any:
    """JSON for a span-group attribute value (tuples become lists; floats keep their repr)."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return repr(value)
    return value


def _groups(doc: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in sorted(doc.spans):
        if not name.startswith("annotator_"):
            continue
        g = doc.spans[name]
        attrs = {k: [_plain(v) for v in vals] for k, vals in sorted(g.attrs.items())}
        out[name] = {"spans": [[s.start, s.end, s.label_] for s in g], "attrs": attrs}
    return out


def _core(spans: list[Any], relations: list[Any]) -> dict[str, Any]:
    return {
        "spans": [
            [s.start, s.end, s.label, s.kind, str(s.source), s.source_name, repr(s.confidence), str(s.status)]
            for s in spans
        ],
        "relations": [
            [list(r.head), list(r.child), r.label, str(r.source), r.source_name, repr(r.confidence)] for r in relations
        ],
    }


def dump_docs(items: list[tuple[str, str]]) -> list[dict[str, Any]]:
    from annotator.nlp import load_pipeline
    from annotator.nlp.suggest import spans_from_doc

    pipeline = load_pipeline()
    out = []
    docs = pipeline.nlp.pipe((text for _, text in items), batch_size=32)
    for (name, _), doc in zip(items, docs, strict=True):
        spans, relations = spans_from_doc(doc, pipeline)
        out.append({"name": name, "model": pipeline.name, **_core(spans, relations), "groups": _groups(doc)})
    return out


def dump_store(items: list[tuple[str, str]]) -> dict[str, Any]:
    """The workload articles through ``suggest_documents`` into a new database: what it stores."""
    from annotator.core.model import Document
    from annotator.nlp import load_pipeline
    from annotator.store import Store
    from annotator.work.suggesting import suggest_documents

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "dump.db")
        store.add_documents([Document(text=text, title=name, source=name) for name, text in items])
        report = suggest_documents(store, load_pipeline())
        conn = store.db.conn
        span_cols = [r[1] for r in conn.execute("PRAGMA table_info(spans)") if r[1] not in ("created", "updated")]
        rel_cols = [r[1] for r in conn.execute("PRAGMA table_info(relations)") if r[1] not in ("created", "updated")]
        q = ", ".join(f'"{c}"' for c in span_cols)
        spans = [list(r) for r in conn.execute(f"SELECT {q} FROM spans ORDER BY id")]
        q = ", ".join(f'"{c}"' for c in rel_cols)
        rels = [list(r) for r in conn.execute(f"SELECT {q} FROM relations ORDER BY id")]
        versions = [list(r) for r in conn.execute("SELECT id, version FROM documents ORDER BY id")]
        store.close()
    return {
        "name": "store",
        "report": [report.documents, report.spans_added],
        "span_columns": span_cols,
        "spans": spans,
        "relation_columns": rel_cols,
        "relations": rels,
        "versions": versions,
    }


def compare(new: Path, old: Path) -> int:
    a = old.read_text(encoding="utf-8").splitlines()
    b = new.read_text(encoding="utf-8").splitlines()
    if a == b:
        print(f"identical: {len(b)} lines, {new.stat().st_size:,} bytes")
        return 0
    differ = [json.loads(y).get("name", n) for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
    print(f"DIFFERENT: {len(differ)} of {len(b)} lines differ ({len(a)} before), e.g. {differ[:10]}")
    return 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--compare", type=Path, help="an earlier dump: exit 1 when the new one differs")
    ap.add_argument("--quick", action="store_true", help="tuning gold only, no workload articles, no Store")
    ap.add_argument("--no-store", action="store_true", help="leave out the suggest_documents/Store part")
    args = ap.parse_args(argv)
    t = time.process_time()
    items = texts(args.quick)
    lines = dump_docs(items)
    if not (args.quick or args.no_store):
        lines.append(dump_store([(n, x) for n, x in items if n.startswith("workload/")]))
    with args.out.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(lines)} lines to {args.out} ({time.process_time() - t:.0f} s CPU)")
    return compare(args.out, args.compare) if args.compare else 0


if __name__ == "__main__":
    sys.exit(main())
