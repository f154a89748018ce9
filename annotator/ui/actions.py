"""Every QAction of the app, declared once with its keys (docs/design.md, "Keyboard").

The window connects handlers by name; the F1 dialog and the tests read the
same table, so a key cannot be documented in one place and bound in another.
Label keys come from the labels file.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from annotator.core.labels import LabelSet


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    keys: tuple[str, ...] = ()
    help: str = ""
    checkable: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("accept", "&Accept suggestion", ("A",), "accept the selected suggestion and go to the next span"),
    ActionSpec("accept_all", "Accept a&ll suggestions", ("Shift+A",), "accept all suggestions in this document"),
    ActionSpec("reject", "&Reject / delete span", ("X", "Delete"),
               "reject the selected suggestion / delete the selected span, and go to the next span"),
    ActionSpec("next_span", "&Next span", ("Tab",), "next span"),
    # One spelling only: Qt also tries Shift+Tab for the Backtab that X11 sends, and binding
    # Backtab too made the keys "ambiguous" there, so Shift+Tab did nothing.
    ActionSpec("previous_span", "&Previous span", ("Shift+Tab",), "previous span"),
    ActionSpec("speaker", "Choose &speaker…", ("S",), "choose the speaker of the selected quote"),
    ActionSpec("grow_token", "&Grow selection by a token", ("W",),
               "grow the selection by a token to the right (it starts at the current span)"),
    ActionSpec("shrink_token", "Shrin&k selection by a token", ("Shift+W",),
               "shrink the selection by a token from the right"),
    ActionSpec("grow_token_left", "Grow selection to the &left", ("Q",), "grow the selection by a token to the left"),
    ActionSpec("shrink_token_left", "Shrink selection from the left", ("Shift+Q",),
               "shrink the selection by a token from the left"),
    ActionSpec("grow_phrase", "Grow selection to the &phrase end", ("E",),
               "grow the selection to the end of the phrase (through a closing quote mark)"),
    ActionSpec("grow_sentence", "Grow selection to the se&ntence", ("Shift+E",),
               "grow the selection to the whole sentence (again: the next one too)"),
    ActionSpec("done_next", "Mark &done and open next", ("Ctrl+Return", "Ctrl+Enter"),
               "mark this document done and open the next one not done (open suggestions: A accepts, R rejects,"
               " B or Esc goes back)"),
    ActionSpec("skip_next", "S&kip and open next", ("Ctrl+Shift+Return",),
               "mark this document skipped and open the next one not done"),
    ActionSpec("undo", "&Undo", ("Ctrl+Z",), "undo"),
    ActionSpec("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "redo"),
    ActionSpec("find", "&Find document…", ("Ctrl+F",), "find a document"),
    ActionSpec("import", "&Import…", ("Ctrl+O",), "import articles (.txt, .html, .warc, .jsonl, folders)"),
    ActionSpec("import_folder", "Import &folder…", (), "import every article, page, archive and JSONL file in a"
               " folder"),
    ActionSpec("export", "&Export…", ("Ctrl+E",), "export annotations"),
    ActionSpec("labels_file", "&Labels file…", (), "use another labels file (names, colours, hotkeys) for this"
               " database"),
    ActionSpec("shortcuts", "&Keyboard shortcuts", ("F1",), "the list of shortcuts"),
    ActionSpec("guidelines", "Annotation &guidelines", ("Shift+F1",), "the annotation guidelines"),
    ActionSpec("statistics", "Corpus &statistics", ("Ctrl+I",), "progress and spans per label in the whole database"),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), "quit"),
    ActionSpec("suggest_document", "Suggest this &document", (), "run the model on the open document"),
    ActionSpec("suggest_any_language", "Suggest this document in any &language", (),
               "run the model on the open document even if it is not in the model's language"),
    ActionSpec("suggest_all", "Suggest &all documents", (), "run the model on every document"),
    ActionSpec("use_model", "&Use model…", (), "suggest with another spaCy model folder"),
    ActionSpec("use_builtin_model", "Use the &built-in model", (),
               "suggest with the installed English model again (forget the chosen folder)"),
    ActionSpec("train", "&Train…", (), "train a model on the documents marked done"),
    ActionSpec("learning_curve", "&Learning curve…", (), "does more annotation still help?"),
    ActionSpec("order_by_teaching", "&Order open documents by what they teach", (),
               "list first the open documents the model and the rules disagree on most", checkable=True),
    ActionSpec("cancel_work", "&Cancel background work", (), "stop suggesting, importing or exporting"),
    ActionSpec("show_rejected", "Show &rejected spans", (), "show rejected spans struck through", checkable=True),
    ActionSpec("panels", "Side &panels", ("F6",), "show or hide the document list and the span panel",
               checkable=True),
    ActionSpec("snap_tokens", "Snap selection to &tokens", (), "grow a selection to whole tokens", checkable=True),
    ActionSpec("review_mode", "Re&view mode", ("Ctrl+R",),
               "review mode: the annotators' versions together, Tab to each disagreement", checkable=True),
    *(
        ActionSpec(f"take_{n}", f"Take annotator &{n}'s", (f"Alt+{n}",),
                   f"review: take annotator {n}'s choice here" if n > 1 else
                   "review: take annotator 1's (2, 3 … with Alt+2, Alt+3 …) choice here")
        for n in range(1, 10)
    ),
    ActionSpec("take_0", "Take &neither", ("Alt+0",), "review: take nobody's choice here (reject them all)"),
    ActionSpec("charts", "Statistics &charts", ("Ctrl+Shift+I",),
               "charts: progress per annotator over time, spans and agreement per label"),
)


# Same action (or one of a numbered family) under another key: not worth listing.
_ALTERNATES = {"Ctrl+Enter", "Ctrl+Y", *(f"Alt+{n}" for n in range(2, 10))}


def label_specs(labels: LabelSet) -> list[ActionSpec]:
    """An action for every label: one without a hotkey is labelled from the Edit and right-click menus."""
    return [
        ActionSpec(f"label:{label.name}", f"Label as {label.name}", (label.hotkey,) if label.hotkey else (),
                   f"label the selected text as {label.name}, or relabel the selected span")
        for label in labels
    ]


def help_rows(specs: list[ActionSpec]) -> list[tuple[str, str]]:
    """(keys, what they do) in declaration order: the F1 dialog and the README's table."""
    rows = [(", ".join(k for k in spec.keys if k not in _ALTERNATES), spec.help) for spec in specs]
    return [(keys, text) for keys, text in rows if keys]


def keyboard_markdown(labels: LabelSet) -> str:
    """The README's keyboard table, made from the same registry as the actions."""
    lines = ["| key | action |", "|-----|--------|"]
    lines += [f"| {keys} | {text} |" for keys, text in help_rows([*label_specs(labels), *ACTIONS])]
    return "\n".join(lines) + "\n"


class ActionRegistry:
    """The window's actions by name; ``label:NAME`` for the label keys."""

    def __init__(self, parent: QObject, labels: LabelSet) -> None:
        self.actions: dict[str, QAction] = {}
        self.specs: list[ActionSpec] = []
        for spec in [*label_specs(labels), *ACTIONS]:
            self._add(parent, spec)

    def _add(self, parent: QObject, spec: ActionSpec) -> None:
        action = QAction(spec.text, parent)
        action.setObjectName(spec.name)
        action.setShortcuts([QKeySequence(k) for k in spec.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(spec.checkable)
        action.setStatusTip(spec.help)
        self.actions[spec.name] = action
        self.specs.append(spec)

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def shortcut_keys(self) -> set[QKeySequence]:
        return {seq for action in self.actions.values() for seq in action.shortcuts()}

    def help_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for the F1 dialog, in declaration order."""
        return help_rows(self.specs)
