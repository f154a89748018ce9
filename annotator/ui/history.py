"""Ctrl+Z for the window: the open document's undo stack, and one step back across Ctrl+Return.

Each document keeps its own undo stack (its commands refer to its spans). Ctrl+Return
("mark done and open the next") puts its "mark done" on the finished document's stack;
a user who presses Ctrl+Z right after it expects that to be undone, so on the freshly
opened document, while it has nothing of its own to undo, Ctrl+Z goes back to the
previous document and undoes its "mark done" there. Opening a document any other way
ends that offer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction

from annotator.core.model import DocStatus
from annotator.ui.commands import SetStatus
from annotator.ui.editing import Editor
from annotator.ui.session import DocumentSession

StatusMessage = Callable[[str, int], None]


class History:
    """The window's undo: what Ctrl+Z does and whether the undo action is offered."""

    def __init__(
        self, session: DocumentSession, editor: Editor, undo_action: QAction,
        open_document: Callable[[int], None], status: StatusMessage,
    ) -> None:
        self.session = session
        self.editor = editor
        self.undo_action = undo_action
        self.open_document = open_document
        self.status = status
        self.back_to: int | None = None  # the document Ctrl+Return just marked done
        editor.group.canUndoChanged.connect(lambda _can: self.update_action())
        undo_action.setEnabled(False)

    def forget(self) -> None:
        """A document is being opened: the way back ends (Ctrl+Return sets it again)."""
        self.back_to = None

    def went_on_from(self, doc_id: int | None) -> None:
        """Ctrl+Return (or Ctrl+Shift+Return) marked ``doc_id`` done (or skipped) and opened the next document."""
        self.back_to = doc_id
        self.update_action()

    def _finish_command(self, doc_id: int) -> SetStatus | None:
        """The "mark done" (or "skipped") on top of a document's undo stack, if that is its last change."""
        stack = self.editor.stack_of(doc_id)
        if stack is None or not stack.canUndo():
            return None
        command = stack.command(stack.index() - 1)
        finished = (DocStatus.DONE, DocStatus.SKIPPED)
        return command if isinstance(command, SetStatus) and command.status in finished else None

    def can_go_back(self) -> bool:
        return self.back_to is not None and self._finish_command(self.back_to) is not None

    def undo(self) -> None:
        group = self.editor.group
        if group.canUndo():
            self.editor.undo()
            return
        back = self.back_to
        if back is None or not self.can_go_back():
            self.forget()
            self.update_action()
            return
        self.open_document(back)
        if self.session.doc_id != back:  # it could not be opened (reported already)
            return
        command = self._finish_command(back)
        self.editor.undo()
        document = self.session.document
        title = (document.title if document else "") or "untitled"
        what = command.status.value if command is not None else "done"
        self.status(f"Back to “{title}”: no longer marked {what}.", 6000)

    def update_action(self) -> None:
        self.undo_action.setEnabled(self.editor.group.canUndo() or self.can_go_back())
