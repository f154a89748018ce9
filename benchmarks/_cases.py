"""What one benchmark child process measures. Each case returns ``{"seconds": ..., ...}``.

A case runs in its own process (see ``_runner``), so its peak RSS is its own.
Imports of the project's modules happen inside the case: a module that has not
landed yet raises :class:`NotAvailable` and the table says so. Timers start
after imports and model loading (the same for figure and baseline) and stop
when the work is on disk.
"""

from __future__ import annotations

import atexit
import importlib
import inspect
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Params = dict[str, Any]
CASES: dict[str, Callable[[Params], dict[str, Any]]] = {}


class NotAvailable(Exception):
    """A project module this benchmark needs is missing (or lacks the function)."""


def case(fn: Callable[[Params], dict[str, Any]]) -> Callable[[Params], dict[str, Any]]:
    CASES[fn.__name__] = fn
    return fn


def need(module: str, name: str) -> Any:
    """``module.name``, or NotAvailable when it is not there yet."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == module or module.startswith(exc.name + ".")):
            raise NotAvailable(f"{module} missing") from exc
        raise
    if not hasattr(mod, name):
        raise NotAvailable(f"{module}.{name} missing")
    return getattr(mod, name)


def _suggest_documents() -> Any:
    """Where suggesting lives: ``annotator.work.suggesting``, in older commits ``annotator.io.suggestions``."""
    try:
        return need("annotator.work.suggesting", "suggest_documents")
    except NotAvailable:
        return need("annotator.io.suggestions", "suggest_documents")


def _tmp() -> Path:
    """A folder for one run's files, removed when the child exits (an import run leaves 60-130 MB)."""
    path = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


# ------------------------------------------------------------------ suggest


def _model_package() -> str:
    from annotator.nlp.pipeline import FALLBACK_MODELS, _installed

    return next(name for name in FALLBACK_MODELS if _installed(name))


@case
def suggest(p: Params) -> dict[str, Any]:
    from annotator.store import Store
    from benchmarks._db import copy_db

    suggest_documents = _suggest_documents()
    from annotator.nlp import load_pipeline

    store = Store.open(copy_db(Path(p["db"]), _tmp()))
    pipeline = load_pipeline()
    kw = {k: p[k] for k in ("batch_size", "n_process") if p.get(k)}
    t = time.perf_counter()
    suggest_documents(store, pipeline, **kw)
    seconds = time.perf_counter() - t
    n_spans = store.db.conn.execute("SELECT count(*) FROM spans").fetchone()[0]
    return {"seconds": seconds, "spans": n_spans, "model": pipeline.name}


@case
def suggest_raw(p: Params) -> dict[str, Any]:
    import spacy

    texts = [r[0] for r in sqlite3.connect(p["db"]).execute("SELECT text FROM documents ORDER BY id")]
    nlp = spacy.load(_model_package())
    kw = {k: p[k] for k in ("batch_size", "n_process") if p.get(k)}
    if not kw:  # the same batch size and processes as `suggest` uses by default
        try:
            defaults = inspect.signature(_suggest_documents()).parameters
            kw = {k: defaults[k].default for k in ("batch_size", "n_process") if k in defaults}
        except NotAvailable:
            pass
    t = time.perf_counter()
    n_ents = sum(len(doc.ents) for doc in nlp.pipe(texts, **kw))
    return {"seconds": time.perf_counter() - t, "ents": n_ents, **kw}


# ------------------------------------------------------------------- import


@case
def import_files(p: Params) -> dict[str, Any]:
    from annotator.store import Store

    import_paths = need("annotator.io.importer", "import_paths")
    store = Store.open(_tmp() / "import.db")
    t = time.perf_counter()
    import_paths(store, [Path(p["texts"])])
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "docs": store.count_documents()}


@case
def import_insert_all(p: Params) -> dict[str, Any]:
    from sqlite_utils import Database

    db = Database(_tmp() / "baseline.db")
    t = time.perf_counter()
    files = sorted(Path(p["texts"]).rglob("*.txt"))
    db.table("documents").insert_all(
        ({"title": f.stem, "text": f.read_text(encoding="utf-8")} for f in files), batch_size=1000
    )
    return {"seconds": time.perf_counter() - t, "docs": db["documents"].count}


@case
def import_jsonl(p: Params) -> dict[str, Any]:
    """``annotator import`` of a JSONL file of scraped articles, every check included."""
    from annotator.store import Store

    import_paths = need("annotator.io.importer", "import_paths")
    store = Store.open(_tmp() / "import.db")
    t = time.perf_counter()
    report = import_paths(store, [Path(p["jsonl"])], clean=bool(p.get("clean")))
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "docs": store.count_documents(), "rejected": len(report.rejected)}


@case
def import_jsonl_insert_all(p: Params) -> dict[str, Any]:
    """The baseline: read the same lines, json.loads each, sqlite-utils insert_all with a unique sha256 per text."""
    import hashlib

    from sqlite_utils import Database

    db = Database(_tmp() / "baseline.db")
    db["documents"].create({"id": int, "hash": str, "title": str, "meta": str, "text": str}, pk="id")
    db["documents"].create_index(["hash"], unique=True)
    t = time.perf_counter()

    def rows() -> Any:
        with open(p["jsonl"], encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                text = record["text"]
                meta = record.get("meta") or {}
                yield {"hash": hashlib.sha256(text.encode("utf-8")).hexdigest(), "title": meta.get("title", ""),
                       "meta": json.dumps(meta, ensure_ascii=False), "text": text}

    db["documents"].insert_all(rows(), batch_size=1000, ignore=True)
    return {"seconds": time.perf_counter() - t, "docs": db["documents"].count}


@case
def store_add_document(p: Params) -> dict[str, Any]:
    from annotator.core.model import Document
    from annotator.store import Store

    store = Store.open(_tmp() / "store.db")
    files = sorted(Path(p["texts"]).rglob("*.txt"))
    t = time.perf_counter()
    docs: list[Document] = []
    for f in files:  # batches of 500, as the importer commits them
        text = f.read_text(encoding="utf-8")
        docs.append(Document(text=text, title=text.split("\n", 1)[0], source=f.name))
        if len(docs) == 500:
            store.add_documents(docs)
            docs = []
    if docs:
        store.add_documents(docs)
    return {"seconds": time.perf_counter() - t, "docs": store.count_documents()}


# ------------------------------------------------------------------- export


@case
def export(p: Params) -> dict[str, Any]:
    from annotator.store import Store

    export_documents = need("annotator.io.export", "export_documents")
    store = Store.open(p["db"], readonly=True)
    out = _tmp() / f"out.{p['format']}"
    t = time.perf_counter()
    export_documents(store, p["format"], out, include_all=False, progress=None)
    return {"seconds": time.perf_counter() - t, "bytes": out.stat().st_size}


def _done_docs(db: str) -> Any:
    """(id, text, [(start, end, label)], [(head, child)]) of done documents, streamed as an exporter should."""
    conn = sqlite3.connect(db)
    for doc_id, text in conn.execute("SELECT id, text FROM documents WHERE status = 'done' ORDER BY id"):
        spans = conn.execute(
            'SELECT start, "end", label FROM spans WHERE doc_id = ? AND status = \'accepted\' ORDER BY start',
            (doc_id,),
        ).fetchall()
        relations = conn.execute(
            'SELECT h.start, h."end", h.label, c.start, c."end", c.label FROM relations r'
            " JOIN spans h ON h.id = r.head_id JOIN spans c ON c.id = r.child_id WHERE r.doc_id = ?",
            (doc_id,),
        ).fetchall()
        yield doc_id, text, spans, relations


@case
def export_jsonl_baseline(p: Params) -> dict[str, Any]:
    from annotator.nlp import make_tokenizer

    tokenizer = make_tokenizer()
    out = _tmp() / "out.jsonl"
    t = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        for doc_id, text, spans, relations in _done_docs(p["db"]):
            doc = tokenizer(text)
            tokens = [
                {"text": t.text, "start": t.idx, "end": t.idx + len(t), "id": t.i, "ws": bool(t.whitespace_)}
                for t in doc
            ]
            out_spans = []
            for start, end, label in spans:
                span = doc.char_span(start, end, alignment_mode="expand")
                out_spans.append({"start": start, "end": end, "label": label, "text": text[start:end],
                                  "token_start": span.start, "token_end": span.end - 1})
            out_rels = [
                {"label": "SPEAKER", "head": doc.char_span(r[0], r[1], alignment_mode="expand").end - 1,
                 "child": doc.char_span(r[3], r[4], alignment_mode="expand").end - 1}
                for r in relations
            ]
            record = {"text": text, "meta": {"doc_id": doc_id}, "tokens": tokens, "spans": out_spans,
                      "relations": out_rels}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"seconds": time.perf_counter() - t, "bytes": out.stat().st_size}


@case
def export_spacy_baseline(p: Params) -> dict[str, Any]:
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    from annotator.nlp import make_tokenizer

    tokenizer = make_tokenizer()
    out = _tmp() / "out.spacy"
    t = time.perf_counter()
    docbin = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
    for doc_id, text, spans, relations in _done_docs(p["db"]):
        doc = tokenizer(text)
        doc.spans["sc"] = [doc.char_span(s, e, label=lab, alignment_mode="expand") for s, e, lab in spans]
        doc.ents = filter_spans([s for s in doc.spans["sc"] if s.label_ != "QUOTE"])
        doc.user_data["doc_id"] = doc_id
        doc.user_data["relations"] = [
            {"label": "SPEAKER", "head": list(r[:3]), "child": list(r[3:])} for r in relations
        ]
        docbin.add(doc)
    docbin.to_disk(out)
    return {"seconds": time.perf_counter() - t, "bytes": out.stat().st_size}


# ------------------------------------------------------------ store queries


@case
def list_documents(p: Params) -> dict[str, Any]:
    from annotator.store import Store

    t = time.perf_counter()
    store = Store.open(p["db"], readonly=True)
    opened = time.perf_counter() - t
    rows = store.list_documents()
    return {"seconds": time.perf_counter() - t, "open_s": round(opened, 3), "docs": len(rows)}


@case
def store_stats(p: Params) -> dict[str, Any]:
    from annotator.store import Store

    t = time.perf_counter()
    store = Store.open(p["db"], readonly=True)
    opened = time.perf_counter() - t
    stats = store.stats()
    return {"seconds": time.perf_counter() - t, "open_s": round(opened, 3), "docs": stats["documents"]["total"]}


@case
def cli_stats(p: Params) -> dict[str, Any]:
    """``annotator stats --json`` as a user runs it: interpreter start included."""
    need("annotator.cli", "main")
    from annotator import cli

    if "stats" not in Path(cli.__file__).read_text(encoding="utf-8"):
        raise NotAvailable("annotator.cli has no stats command yet")
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", p["db"], "stats", "--json"], capture_output=True, text=True
    )
    seconds = time.perf_counter() - t
    if proc.returncode:
        raise RuntimeError(f"annotator stats exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
    return {"seconds": seconds, "docs": json.loads(proc.stdout)["documents"]["total"]}


# ----------------------------------------------------------------------- ui

BASELINE_WINDOW = """
import time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.show()
app.processEvents()
print(time.perf_counter() - t0)
"""


@case
def ui_app_start_baseline(p: Params) -> dict[str, Any]:
    """``import PySide6.QtWidgets`` and an empty QMainWindow shown, interpreter start included."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", BASELINE_WINDOW], capture_output=True, text=True, check=True)
    return {"seconds": time.perf_counter() - t, "in_process": float(proc.stdout.split()[-1])}


APP_START = """
import os, sys
from annotator.ui.settings import Settings, default_qsettings
Settings(default_qsettings()).annotator = "bench"  # no first-run name dialog (config in a temp folder)
from annotator.ui import main_window
shown = main_window.MainWindow.show
def show(self):
    shown(self)
    from PySide6.QtWidgets import QApplication
    QApplication.processEvents()  # the first paint
    sys.stdout.flush()
    os._exit(0)
main_window.MainWindow.show = show
"""


@case
def ui_app_start(p: Params) -> dict[str, Any]:
    """``annotator --db FILE`` until its window is shown and painted, interpreter start included."""
    need("annotator.ui.main_window", "MainWindow")
    from benchmarks._db import copy_db

    tmp = _tmp()
    db = copy_db(Path(p["db"]), tmp)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp / "config"), "QT_QPA_PLATFORM": "offscreen"}
    # The settings patch runs first (its time is counted), then the real entry point.
    code = APP_START + f"from annotator.main import main\nmain(['--db', {str(db)!r}])\n"
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    seconds = time.perf_counter() - t
    if proc.returncode:
        raise RuntimeError(f"app exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
    return {"seconds": seconds}


UI_LINES = {  # what benchmarks/ui_bench.py prints, and where our figures are in it
    "start_paint_s": r"start to first paint.*?:\s*([\d.]+) ms",
    "seconds": r"^open .*\(first paint\):\s*([\d.]+) ms",
    "p50_s": r"label key press to repaint.*median ([\d.]+) ms",
    "p95_s": r"label key press to repaint.*p95 ([\d.]+) ms",
}


@case
def ui_bench(p: Params) -> dict[str, Any]:
    """Run the UI engineer's ``benchmarks/ui_bench.py`` (long article, key presses) and read its figures."""
    import re

    script = Path(__file__).resolve().parent / "ui_bench.py"
    if not script.exists():
        raise NotAvailable("benchmarks/ui_bench.py missing")
    args = ["--words", str(p["words"]), "--spans", str(p["spans"]), "--presses", "40" if p.get("quick") else "200"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, env=env, timeout=600)
    if proc.returncode:
        raise RuntimeError(f"ui_bench.py exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
    out: dict[str, Any] = {}
    for key, pattern in UI_LINES.items():
        match = re.search(pattern, proc.stdout, re.MULTILINE)
        if match is None:
            raise RuntimeError(f"ui_bench.py output has no line for {key}: {proc.stdout[-300:]}")
        out[key] = float(match.group(1)) / 1000
    return out


@case
def ui_document_list(p: Params) -> dict[str, Any]:
    """The window on a big database: Store.open, MainWindow built and shown, document list painted."""
    need("annotator.ui.main_window", "MainWindow")
    from PySide6.QtCore import QEvent, QObject

    from annotator.nlp.pipeline import blank_pipeline
    from annotator.store import Store
    from annotator.ui.app import make_application
    from annotator.ui.main_window import MainWindow
    from annotator.ui.settings import Settings, default_qsettings
    from benchmarks._db import copy_db

    tmp = _tmp()
    db = copy_db(Path(p["db"]), tmp)  # the window writes (annotator, settings): never the cached file

    class Painted(QObject):
        seen = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    app = make_application([])
    settings = Settings(default_qsettings(tmp / "settings.ini"))
    t = time.perf_counter()
    store = Store.open(db)
    opened = time.perf_counter() - t
    window = MainWindow(store, settings, "bench", pipeline_loader=blank_pipeline, interactive=False)
    watch = Painted()
    window.doc_list.viewport().installEventFilter(watch)
    window.show()
    while not watch.seen and time.perf_counter() - t < 120:
        app.processEvents()
    seconds = time.perf_counter() - t
    rows = window.doc_model.rowCount()
    window.close()
    return {"seconds": seconds, "open_s": round(opened, 3), "rows": rows}
