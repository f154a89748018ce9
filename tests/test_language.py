"""A document mostly in another language is not suggested: on German or Spanish pages the English rules and
model marked capitalised nouns as actors everywhere. It stays open for annotation by hand; --any-language
(command line) and Suggest → Suggest this document in any language (app) suggest it anyway.

The texts in tests/data/languages/ were written for these tests in the style of wire copy: German and
Spanish news, an English post quoting a Spanish tweet before its translation, and a Spanish article
quoting English sentences.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from helpers.cli_process import annotator, no_traceback

from annotator.core.language import MIN_SHARE, check_language
from annotator.core.model import Document, Span, SpanStatus
from annotator.store import Store
from annotator.ui.main_window import MainWindow
from annotator.work.suggesting import suggest_documents

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = Path(__file__).resolve().parent / "data" / "languages"
GOLD_TEXTS = sorted((ROOT / "benchmarks" / "gold").glob("*/texts/*.txt"))


def text(name: str) -> str:
    return (LANGUAGES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "language"), [
    ("de_bundestag.txt", "de"), ("es_elecciones.txt", "es"), ("es_with_english_quotes.txt", "es"),
])
def test_german_and_spanish_news_is_not_for_the_english_suggester(name: str, language: str) -> None:
    found = check_language(text(name))
    assert found.language == language
    assert not found.suits
    assert found.share < MIN_SHARE


def test_an_english_post_quoting_a_spanish_tweet_and_its_translation_is_english() -> None:
    found = check_language(text("en_with_spanish_quotes.txt"), quick=False)
    assert found.language == "en" and found.suits
    assert "es" in found.languages, "the tweet was read as Spanish, and still the post is English"


def test_every_english_gold_text_is_suggested() -> None:
    """Wikinews and Global Voices texts (Arabic, Armenian, Chinese, Spanish and French quotes among them)."""
    assert len(GOLD_TEXTS) >= 30
    judged = {path.name: check_language(path.read_text(encoding="utf-8")) for path in GOLD_TEXTS}
    assert [name for name, found in judged.items() if not found.suits] == []
    assert all(found.language == "en" for found in judged.values())


def test_the_quick_look_answers_only_where_sampling_would_say_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Common English words pass plain English pages without the classifier, and never pass a page sampling
    turns down, however much English it quotes."""
    import annotator.core.language as language

    texts = [path.read_text(encoding="utf-8") for path in [*GOLD_TEXTS, *sorted(LANGUAGES.glob("*.txt"))]]
    texts.append(text("es_elecciones.txt") + "\n\n" + "The minister said that the plan was the best of its kind.")
    quick = [language._plainly_english(t) for t in texts]
    assert sum(quick) >= 0.8 * len(GOLD_TEXTS)  # the quick look does spare most English pages the classifier
    for t, plain in zip(texts, quick, strict=True):
        if plain:
            assert check_language(t, quick=False).suits
    assert not language._plainly_english(text("es_with_english_quotes.txt"))
    monkeypatch.setattr(language, "_classifier", lambda: pytest.fail("the classifier was asked"))
    assert check_language(texts[quick.index(True)]).suits


@pytest.mark.parametrize("short", ["", "Berlin, 3. Mai", "Gobierno: 43.000 viviendas", "12 | 14 | 15\n7 | 8"])
def test_too_little_text_to_tell_is_suggested(short: str) -> None:
    found = check_language(short)
    assert found.language is None and found.suits


def test_the_description_names_the_language_and_the_english_share() -> None:
    assert check_language(text("de_bundestag.txt")).describe() == "German (de)"
    mixed = text("es_elecciones.txt") + "\n\n" + "The minister said the plan would cost far more than announced."
    described = check_language(mixed).describe()
    assert described.startswith("mostly Spanish (es), ") and described.endswith("% English")


# ------------------------------------------------------------ suggesting over stored documents


@pytest.fixture
def languages_store(store: Store) -> dict[str, int]:
    ids = {}
    for name in ("de_bundestag.txt", "es_elecciones.txt", "en_with_spanish_quotes.txt", "es_with_english_quotes.txt"):
        body = text(name)
        ids[name], _ = store.add_document(Document(text=body, title=body.split("\n", 1)[0]))
    return ids


def test_suggesting_passes_over_other_languages_and_names_them(store: Store, languages_store: dict[str, int],
                                                               blank) -> None:  # type: ignore[no-untyped-def]
    report = suggest_documents(store, blank)
    german, spanish = languages_store["de_bundestag.txt"], languages_store["es_elecciones.txt"]
    assert set(report.other_language) == {german, spanish, languages_store["es_with_english_quotes.txt"]}
    assert report.documents == 1
    assert store.spans(german) == [] and store.spans(spanish) == []
    assert store.spans(languages_store["en_with_spanish_quotes.txt"]), "the English post is suggested"
    line = report.other_language[german].line()
    assert line.startswith(f"document {german} ('Bundestag beschließt") and "German (de), not English" in line
    assert "3 documents not in English, left without suggestions (--any-language to suggest them anyway)" in \
        report.summary()
    # Still open, and checked again on the next run (nothing marks them as suggested).
    again = suggest_documents(store, blank)
    assert set(again.other_language) == set(report.other_language) and again.skipped == 1


def test_any_language_suggests_them_anyway(store: Store, languages_store: dict[str, int],
                                           blank) -> None:  # type: ignore[no-untyped-def]
    report = suggest_documents(store, blank, any_language=True)
    assert report.other_language == {} and report.documents == 4
    assert store.spans(languages_store["de_bundestag.txt"])


def test_redo_removes_suggestions_made_before_the_check(store: Store, languages_store: dict[str, int],
                                                        blank) -> None:  # type: ignore[no-untyped-def]
    german = languages_store["de_bundestag.txt"]
    body = store.get_document(german).text
    start = body.index("Katastrophenschutz")
    mine = body.index("Markus Lewe")
    store.save_suggestions(german, [Span(start, start + len("Katastrophenschutz"), "ACTOR"),
                                    Span(mine, mine + len("Markus Lewe"), "ACTOR")])
    (lewe,) = [s for s in store.spans(german) if s.start == mine]
    store.update_span(lewe.id, status=SpanStatus.ACCEPTED, annotator="alice")
    report = suggest_documents(store, blank, doc_ids=[german], redo=True)
    assert german in report.other_language and report.spans_dropped == 1
    assert [(s.start, s.status) for s in store.spans(german)] == [(mine, SpanStatus.ACCEPTED)], \
        "the open suggestion went; the annotator's span stayed"


def test_the_command_line_names_what_it_passed_over(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Cusco"}])
    model = tmp_path / "ruler"
    nlp.to_disk(model)
    db = tmp_path / "news.db"
    imported = annotator("--db", db, "import", LANGUAGES)
    assert imported.returncode == 0, imported.stderr
    result = annotator("--db", db, "suggest", "--model", model)
    no_traceback(result)
    assert result.returncode == 0, "passing a document over is no error"
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: document")]
    assert len(notes) == 3 and any("German (de), not English: no suggestions" in n for n in notes), result.stderr
    assert "(--any-language to suggest them anyway)" in result.stdout
    anyway = annotator("--db", db, "suggest", "--model", model, "--any-language")
    assert anyway.returncode == 0 and "in 3 documents" in anyway.stdout, anyway.stdout
    stats = json.loads(annotator("--db", db, "stats", "--json").stdout)
    assert stats["documents"]["total"] == 4


# ------------------------------------------------------------ the app


def test_the_window_says_why_a_document_has_no_suggestions(qtbot, make_window, db_path: Path) -> None:
    store = Store.open(db_path)
    body = text("de_bundestag.txt")
    doc_id, _ = store.add_document(Document(text=body, title="Bundestag"))
    win: MainWindow = make_window(store)
    assert win.session.doc_id == doc_id
    assert win.session.spans == {}, "nothing suggested on a German page"
    note = win.language_note
    assert note.isVisible()
    assert "German (de)" in note.text() and "Suggest this document in any language" in note.text()
    assert note.textFormat().name == "PlainText"
    win.actions_["suggest_any_language"].trigger()
    qtbot.waitUntil(lambda: bool(win.session.spans))
    assert not note.isVisible(), "suggested now: the note is gone"
    assert win.errors.messages == []


def test_the_note_goes_with_the_document(qtbot, make_window, db_path: Path) -> None:
    store = Store.open(db_path)
    german, _ = store.add_document(Document(text=text("de_bundestag.txt"), title="Bundestag"))
    english, _ = store.add_document(Document(text=text("en_with_spanish_quotes.txt"), title="Peru"))
    win: MainWindow = make_window(store)
    assert win.session.doc_id == german and win.language_note.isVisible()
    win.open_document(english)
    assert not win.language_note.isVisible()
    assert win.session.spans, "the English post is suggested when it opens"
    win.open_document(german)
    assert win.language_note.isVisible()
