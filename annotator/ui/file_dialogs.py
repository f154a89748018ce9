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
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


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


def file_dialog(parent: QWidget | None, caption: str, directory: str = "") -> QFileDialog:
    """A QFileDialog that does not read the files it lists (see the module docstring)."""
    global _provider
    dialog = QFileDialog(parent, caption, directory)
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        if _provider is None:
            _provider = NamesOnlyIconProvider()
        dialog.setIconProvider(_provider)
    return dialog


def open_files(parent: QWidget | None, caption: str, name_filter: str) -> list[str]:
    dialog = file_dialog(parent, caption)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setNameFilter(name_filter)
    return dialog.selectedFiles() if dialog.exec() else []


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
