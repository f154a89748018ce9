"""The one error path: a message box with plain text, and an excepthook for everything unexpected."""

from __future__ import annotations

import sqlite3
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.store import ConflictError, StoreError

STORE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, StoreError)
"""What a Store call can raise when the database is damaged, full, locked or gone."""


def guarded(
    fn: Callable[..., object], failed: Callable[[Exception], None], *, takes_argument: bool = False
) -> Callable[..., None]:
    """A slot that hands a failed Store call to ``failed`` instead of letting it escape into Qt.

    The slot takes no parameter unless ``takes_argument``: Qt then passes none (an action's
    ``triggered`` would otherwise hand its "checked" flag to a function that takes nothing).
    """
    if takes_argument:

        def call_with(value: Any) -> None:
            try:
                fn(value)
            except STORE_ERRORS as exc:
                failed(exc)

        return call_with

    def call() -> None:
        try:
            fn()
        except STORE_ERRORS as exc:
            failed(exc)

    return call


def describe(exc: BaseException) -> str:
    """A sentence for the user about an error they can meet."""
    if isinstance(exc, ConflictError):
        return ("This document was changed elsewhere (another window, annotator or program) since it was opened."
                " Your last change was not applied; the window now shows what is saved.")
    if isinstance(exc, StoreError):
        return f"The change was not saved: {exc}"
    if isinstance(exc, sqlite3.IntegrityError):
        return f"The change was not saved: it would duplicate an existing span ({exc})."
    if isinstance(exc, sqlite3.Error):
        return f"The change was not saved: the database reported an error ({exc})."
    return f"{type(exc).__name__}: {exc}"


class ErrorReporter:
    """Shows errors to the user; tests set ``interactive=False`` and read ``messages``."""

    def __init__(self, parent: QWidget | None = None, *, interactive: bool = True) -> None:
        self.parent = parent
        self.interactive = interactive
        self.messages: list[str] = []

    def show(self, title: str, text: str, details: str = "") -> None:
        self.messages.append(text)
        print(f"annotator: {title}: {text}", file=sys.stderr)
        if not self.interactive:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if details:
            box.setDetailedText(details)
        box.exec()

    def error(self, exc: BaseException, title: str = "Not saved") -> None:
        self.show(title, describe(exc))

    def unreadable(self, exc: BaseException) -> None:
        """A read from the database failed: nothing was changed, but what is shown may be stale."""
        self.show(
            "Database error",
            f"The database could not be read ({exc}). Nothing was changed; what the window shows may be"
            " out of date. Close the app and run `annotator check`; restore a backup if it finds damage.",
        )

    def excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """Unexpected errors: shown with details instead of vanishing into a terminal."""
        details = "".join(traceback.format_exception(kind, exc, tb))
        self.show("Unexpected error", f"Something went wrong: {exc}", details)
