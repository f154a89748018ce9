"""Palette: the Fusion style with the system's light or dark scheme, or one forced by name.

Span colours are drawn with transparency over the text background, so the same
label colours stay readable on both schemes.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

LIGHT_SELECTION = "#8e30d8"
DARK_SELECTION = "#8a3ffc"  # white text on it: about 5:1 (WCAG AA)
# The pane that has the keys shows it: a frame in the selection colour, a thin neutral one otherwise.
FOCUS_FRAME = """
QPlainTextEdit, QTreeView, QListView, QTableView { border: 1px solid palette(mid); }
QPlainTextEdit:focus, QTreeView:focus, QListView:focus, QTableView:focus, QLineEdit:focus {
    border: 2px solid palette(highlight);
}
"""


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    colors = {
        role.Window: "#1f2227", role.WindowText: "#e6e6e6", role.Base: "#16181c", role.AlternateBase: "#22262c",
        role.ToolTipBase: "#2b2f36", role.ToolTipText: "#f0f0f0", role.Text: "#e6e6e6", role.Button: "#2a2e35",
        role.ButtonText: "#e6e6e6", role.BrightText: "#ff6b6b", role.Highlight: DARK_SELECTION,
        role.HighlightedText: "#ffffff", role.PlaceholderText: "#8a8f98", role.Link: "#7ab0ff",
    }
    for r, c in colors.items():
        palette.setColor(r, QColor(c))
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor("#6b7079"))
    palette.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor("#6b7079"))
    palette.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor("#6b7079"))
    return palette


def apply_theme(app: QApplication, scheme: str | None = None) -> None:
    """Fusion honours palettes everywhere; ``scheme`` "dark" or "light" overrides the system's choice.

    The selection is violet in both schemes: the label colours are blue, amber and green, and a
    selected span must never look like an ACTOR. The pane with the keyboard focus has a frame.
    """
    app.setStyle("Fusion")
    if scheme == "dark":
        palette = dark_palette()
    elif scheme == "light":
        palette = app.style().standardPalette()
    else:
        palette = app.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(DARK_SELECTION if dark else LIGHT_SELECTION))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(palette)
    app.setStyleSheet(FOCUS_FRAME)
