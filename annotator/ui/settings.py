"""Settings, declared once: user preferences apart from saved window state.

Tests redirect everything by passing a QSettings on a temporary ini file.
"""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "news-annotator"
APPLICATION = "annotator"
STATE_VERSION = 1  # bump when the dock/splitter layout changes so old state is not restored


def default_qsettings(path: Path | None = None) -> QSettings:
    """The app's settings: an ini file in the user's config folder, or ``path`` (tests)."""
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def default_annotator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        return "annotator"


class Settings:
    """Typed access to the QSettings keys the app uses."""

    def __init__(self, qsettings: QSettings) -> None:
        self.q = qsettings

    # preferences
    @property
    def annotator(self) -> str | None:
        value = self.q.value("user/annotator", "")
        return str(value) if value else None

    @annotator.setter
    def annotator(self, name: str) -> None:
        self.q.setValue("user/annotator", name)

    @property
    def snap_to_tokens(self) -> bool:
        return str(self.q.value("editing/snap_to_tokens", "true")).lower() == "true"

    @snap_to_tokens.setter
    def snap_to_tokens(self, on: bool) -> None:
        self.q.setValue("editing/snap_to_tokens", "true" if on else "false")

    @property
    def panels_shown(self) -> bool:
        return str(self.q.value("window/panels_shown", "true")).lower() == "true"

    @panels_shown.setter
    def panels_shown(self, on: bool) -> None:
        self.q.setValue("window/panels_shown", "true" if on else "false")

    @property
    def show_rejected(self) -> bool:
        return str(self.q.value("view/show_rejected", "false")).lower() == "true"

    @show_rejected.setter
    def show_rejected(self, on: bool) -> None:
        self.q.setValue("view/show_rejected", "true" if on else "false")

    @property
    def theme(self) -> str | None:
        """"light" or "dark" to override the system's colour scheme; unset follows the system."""
        value = str(self.q.value("view/theme", "") or "").lower()
        return value if value in ("light", "dark") else None

    @property
    def model(self) -> str | None:
        value = self.q.value("suggest/model", "")
        return str(value) if value else None

    @model.setter
    def model(self, name: str | None) -> None:
        self.q.setValue("suggest/model", name or "")

    @property
    def seen_hint(self) -> bool:
        return str(self.q.value("user/seen_hint", "false")).lower() == "true"

    @seen_hint.setter
    def seen_hint(self, on: bool) -> None:
        self.q.setValue("user/seen_hint", "true" if on else "false")

    def labels_file(self, db_path: str) -> str | None:
        """The labels file chosen for this database (File → Labels file…), or None: the packaged one."""
        value = self.q.value(f"labels/file/{_key(db_path)}", "")
        return str(value) if value else None

    def set_labels_file(self, db_path: str, path: str | None) -> None:
        self.q.setValue(f"labels/file/{_key(db_path)}", path or "")

    # window state
    def last_document(self, db_path: str) -> int | None:
        value = self.q.value(f"state/last_document/{_key(db_path)}", None)
        try:
            return int(value) if value is not None else None  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return None

    def set_last_document(self, db_path: str, doc_id: int) -> None:
        self.q.setValue(f"state/last_document/{_key(db_path)}", doc_id)

    def last_span(self, db_path: str) -> int | None:
        """The span that was selected when the window closed (in the last document)."""
        value = self.q.value(f"state/last_span/{_key(db_path)}", None)
        try:
            return int(value) if value not in (None, "") else None  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return None

    def set_last_span(self, db_path: str, span_id: int | None) -> None:
        self.q.setValue(f"state/last_span/{_key(db_path)}", "" if span_id is None else span_id)

    def state(self, name: str) -> QByteArray | None:
        if int(self.q.value("state/version", 0) or 0) != STATE_VERSION:  # type: ignore[call-overload]
            return None
        value = self.q.value(f"state/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_state(self, name: str, value: QByteArray) -> None:
        self.q.setValue("state/version", STATE_VERSION)
        self.q.setValue(f"state/{name}", value)

    def sync(self) -> None:
        self.q.sync()


def _key(db_path: str) -> str:
    """A settings key for a database path (slashes would make nested groups)."""
    import hashlib

    return hashlib.sha1(str(Path(db_path).resolve()).encode()).hexdigest()[:12]
