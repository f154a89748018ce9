"""File dialogs that never open the files they list.

To show an icon and a type for each file, Qt's own file dialog reads the first
bytes of every file in the folder (MIME sniffing), and so do the GTK dialogs Qt
uses in-process on many Linux desktops. Opening and closing the database file
that way drops every SQLite lock this process holds on it (see
``annotator.store.files``): the next process that closes the database deletes
the -wal file the window still writes into. So outside Windows (whose locks do
not work that way) the dialogs here are Qt's own, with an icon provider that
goes by the file name only.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QCheckBox, QFileDialog, QFileIconProvider, QGridLayout, QWidget


class NamesOnlyIconProvider(QFileIconProvider):
    """Icons and types from the name alone: a folder, or a file with its suffix."""

    def icon(self, what: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        if isinstance(what, QFileInfo):
            kinds = QAbstractFileIconProvider.IconType
            return super().icon(kinds.Folder if what.isDir() else kinds.File)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        return f"{info.suffix().upper()} file" if info.suffix() else "File"


_provider: NamesOnlyIconProvider | None = None  # a dialog does not own its icon provider


def _names_only(dialog: QFileDialog) -> None:
    """Make ``dialog`` Qt's own, with icons and types from file names only."""
    global _provider
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if _provider is None:
        _provider = NamesOnlyIconProvider()
    dialog.setIconProvider(_provider)


def file_dialog(parent: QWidget | None, caption: str, directory: str = "") -> QFileDialog:
    """A QFileDialog that does not read the files it lists (see the module docstring)."""
    dialog = QFileDialog(parent, caption, directory)
    if sys.platform != "win32":
        _names_only(dialog)
    return dialog


def open_files(parent: QWidget | None, caption: str, name_filter: str) -> list[str]:
    dialog = file_dialog(parent, caption)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setNameFilter(name_filter)
    return dialog.selectedFiles() if dialog.exec() else []


def open_file(parent: QWidget | None, caption: str, name_filter: str) -> str:
    dialog = file_dialog(parent, caption)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilter(name_filter)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def existing_folder(parent: QWidget | None, caption: str) -> str:
    dialog = file_dialog(parent, caption)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def save_file(parent: QWidget | None, caption: str, suggested: str, name_filter: str) -> str:
    dialog = file_dialog(parent, caption, suggested)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(name_filter)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def import_filters() -> list[str]:
    """The import dialog's name filters: what the importer reads (io.importer.IMPORTABLE), then all files."""
    from annotator.io.importer import IMPORTABLE_ENDINGS  # the importer pulls in trafilatura: not at start-up

    return [f"Articles, web pages and records ({' '.join('*' + e for e in IMPORTABLE_ENDINGS)})", "All files (*)"]


class ImportDialog(QFileDialog):
    """Choose files (or a folder) to import, with ``import --clean`` as a check box.

    Qt's own dialog on every platform (a system dialog cannot hold the check box),
    going by file names only like the others here.
    """

    def __init__(self, parent: QWidget | None = None, *, folder: bool = False) -> None:
        super().__init__(parent, "Import a folder of articles" if folder else "Import articles")
        _names_only(self)
        if folder:
            self.setFileMode(QFileDialog.FileMode.Directory)
            self.setOption(QFileDialog.Option.ShowDirsOnly, True)
        else:
            self.setFileMode(QFileDialog.FileMode.ExistingFiles)
            self.setNameFilters(import_filters())
        self.clean = QCheckBox("Remove scraped boilerplate (repeated headline, ads, share, cookie and comment lines)")
        self.clean.setToolTip(
            "Each removed line is kept in the document's meta. Records that carry spans are imported as they are."
        )
        layout = self.layout()
        if isinstance(layout, QGridLayout):
            layout.addWidget(self.clean, layout.rowCount(), 0, 1, -1)
        elif layout is not None:
            layout.addWidget(self.clean)
