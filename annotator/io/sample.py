"""The first-run article: a new, empty database gets the sample article so the app shows something real."""

from __future__ import annotations

from annotator.core.model import Document
from annotator.core.paths import resource_path
from annotator.core.text import guess_title, normalise_text
from annotator.store import Store

SAMPLE = "sample_article.txt"


def ensure_sample(store: Store) -> int | None:
    """Import the sample article into an empty database; returns its id, or None if nothing was done."""
    if store.count_documents() > 0:
        return None
    path = resource_path(SAMPLE)
    text = normalise_text(path.read_text(encoding="utf-8"))
    doc_id, _ = store.add_document(Document(text=text, title=guess_title(text), source=SAMPLE, meta={"sample": True}))
    return doc_id
