"""What an export wrote and what it left out: shared by the export formats, so none imports another."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import Document
from annotator.core.text import counted


@dataclass
class ExportReport:
    written: int = 0
    spans: int = 0
    relations: int = 0
    warnings: list[str] = field(default_factory=list)
    left_out: int = 0  # spans that could not be represented in the format (spacy: not on token boundaries)
    suggestions_left_out: int = 0  # open suggestions a format cannot mark as such (doccano)
    cancelled: bool = False

    def summary(self, output: Path) -> str:
        parts = [counted(self.written, "document"), counted(self.spans, "span"), counted(self.relations, "relation")]
        text = f"exported {', '.join(parts)} to {output}"
        if self.left_out:
            text += f" ({counted(self.left_out, 'span')} left out, see the warnings)"
        if self.suggestions_left_out:
            text += (f" ({counted(self.suggestions_left_out, 'open suggestion')} left out: doccano cannot mark"
                     " a span as a suggestion)")
        if self.cancelled:
            text += " (cancelled, nothing written)"
        return text


def describe(doc: Document) -> str:
    return f"document {doc.id} ({doc.title[:40]!r})"
