"""The first-run article: a new, empty database gets the sample article so the app shows something real."""

from __future__ import annotations

from annotator.core.model import Document
from annotator.core.paths import resource_path
from annotator.core.text import guess_title, normalise_text
from annotator.io.clean import clean_text
from annotator.store import Store

SAMPLE = "sample_article.txt"


def ensure_sample(store: Store) -> int | None:
    """Import the sample article into an empty database; returns its id, or None if nothing was done."""
    if store.count_documents() > 0:
        return None
    path = resource_path(SAMPLE)
    # The file is a page as scraped (its headline twice, a comment box at the end: the import
    # cleaner's test case); a first look at the app shows it as `import --clean` would store it.
    cleaned = clean_text(normalise_text(path.read_text(encoding="utf-8")))
    text = cleaned.text
    meta = {"sample": True, "clean": cleaned.meta()}
    doc_id, _ = store.add_document(Document(text=text, title=guess_title(text), source=SAMPLE, meta=meta))
    return doc_id
