"""The entry point: ``annotator``, ``python main.py`` and ``python -m annotator`` all run :func:`main`.

With a command it runs the command line (``annotator.cli``, no Qt). Without
one it opens the database, gives a new empty one the sample article, and
starts the desktop app, importing Qt only then.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from annotator import cli
from annotator.store import Store, StoreError, resolve_db_path


def launch_app(db_path: Path, labels_file: str | None = None) -> int:
    """Prepare the database and start the desktop app on it."""
    from annotator.io.sample import ensure_sample

    try:
        with Store.open(db_path) as store:
            ensure_sample(store)
    except StoreError as exc:
        print(f"{cli.PROG}: error: {exc}", file=sys.stderr)
        return cli.EXIT_USAGE
    try:
        from annotator.ui.app import run
    except ImportError as exc:
        print(
            f"{cli.PROG}: error: the desktop app cannot start ({exc}). The command line works: "
            f"{cli.PROG} --help",
            file=sys.stderr,
        )
        return cli.EXIT_USAGE
    return int(run(db_path, labels_file))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    args = cli.parse_args(argv)
    if isinstance(args, int):
        return args
    if args.command is None:
        return launch_app(resolve_db_path(args.db), args.labels)
    return cli.run(args)
