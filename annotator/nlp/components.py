"""The project's spaCy components, registered by versioned name so any English pipeline can add them.

    nlp.add_pipe("annotator_actors")   # after "ner" when there is one
    nlp.add_pipe("annotator_quotes")   # needs the actors: speakers are ACTOR spans
    nlp.add_pipe("annotator_figures")

Each component writes its own span group, ``doc.spans[name]``, with per-span lists in
the group's ``attrs`` (confidence, source, type, kind, speaker), and never another's.
The quotes component reads the actors' group and adds the speakers it finds that are
not actors yet ("the spokesman") to ``doc.spans["annotator_speakers"]``; a quote's
``speaker`` is the character offsets of its ACTOR span in either group.
What each reads and sets is declared (``requires``/``assigns``), so
``nlp.analyze_pipes()`` shows the order they need.
Where the pipeline's trained components predict ACTOR, QUOTE or FIGURE themselves
(a pipeline trained on our export), those predictions are used (source "model")
and the rules for that label stay off; speakers always come from the rules.
Registered as ``spacy_factories`` entry points too, so ``spacy.load`` of a saved
pipeline that holds them needs no import of ours first.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from annotator.nlp.actors import suggest_actors
from annotator.nlp.doc_units import ACTORS, FIGURES, QUOTES, line_break_tokens
from annotator.nlp.figures import suggest_figures
from annotator.nlp.model_output import ModelOutput, model_output
from annotator.nlp.quotes import suggest_model_quotes, suggest_quotes

ACTORS_VERSION = 5  # 2: issue 11 guideline decisions; 3: places of motion, titles, products, common words; 4: blogs;
# 5: place lists, storms, works, title chains, people's origins
QUOTES_VERSION = 10  # 2: mixed quotes, content before its source, news layouts; 3: nested/negated attribution;
# 4: indirect speech as news writes it (sources inside or after the sentence, clauses the parser misplaces);
# 5: speakers on unseen news (pronoun gender, paragraphs), block quotes after a colon, wire layouts, "by reports"
# 6: press transcripts (every paragraph of a turn, reporters' Q turns, labels resolved to full names), "attributable to"
# 7: blog and social-media layouts (tweet lines, block quotes without a colon, originals and translations)
# 8: the main speech verb speaks, names that modify or follow a phrase are not speakers, spaced closing marks
# 9: quote boundaries (brackets, a second report, relative clauses, ellipsis) and clauses the parser misplaces
# 10: a paragraph's label before a colon and a quote mark speaks ("Sen. Jim Banks (R-IN): “...”"); no headline turn
FIGURES_VERSION = 2  # 2: relative time, ages, measures, number words
COMPONENT_NAMES = {
    ACTORS: f"{ACTORS}/{ACTORS_VERSION}",
    QUOTES: f"{QUOTES}/{QUOTES_VERSION}",
    FIGURES: f"{FIGURES}/{FIGURES_VERSION}",
}


class _Suggester:
    """Knows the pipeline it is part of, to use what its trained components predict of our labels."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._output: ModelOutput | None = None

    @property
    def model(self) -> ModelOutput:
        # Looked up on first use: while a saved pipeline loads, the components before us have no labels yet.
        if self._output is None:
            self._output = model_output(self.nlp)
        return self._output


class ActorSuggester(_Suggester):
    def __init__(self, nlp: Language, use_capitals: bool) -> None:
        super().__init__(nlp)
        self.use_capitals = use_capitals

    def __call__(self, doc: Doc) -> Doc:
        return suggest_actors(doc, self.use_capitals, self.model)


class QuoteSuggester(_Suggester):
    def __init__(self, nlp: Language, scare_quotes: str, indirect: bool) -> None:
        if scare_quotes not in ("drop", "low"):
            raise ValueError(f"scare_quotes must be 'drop' or 'low', not {scare_quotes!r}")
        super().__init__(nlp)
        self.scare_quotes = scare_quotes
        self.indirect = indirect

    def __call__(self, doc: Doc) -> Doc:
        if self.model.predicts("QUOTE"):
            return suggest_model_quotes(doc, self.model.spans(doc, "QUOTE"))
        return suggest_quotes(doc, self.scare_quotes, self.indirect)


class FigureSuggester(_Suggester):
    def __call__(self, doc: Doc) -> Doc:
        return suggest_figures(doc, self.model)


PARAGRAPHS = "annotator_paragraphs"


@Language.component(PARAGRAPHS, assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, so the parser never joins a headline to the next paragraph."""
    for i in line_break_tokens(doc):
        if i + 1 < len(doc):
            doc[i + 1].is_sent_start = True
    return doc


# The actors component reads doc.ents and the parse when the pipeline has them (a rule fallback
# otherwise), so neither is required.
@Language.factory(ACTORS, default_config={"use_capitals": True}, assigns=["doc.spans"])
def make_actor_suggester(nlp: Language, name: str, use_capitals: bool) -> ActorSuggester:
    """ACTOR spans from PERSON/ORG/GPE/NORP entities, or from capitalisation when there is no NER."""
    return ActorSuggester(nlp, use_capitals)


@Language.factory(
    QUOTES, default_config={"scare_quotes": "drop", "indirect": True}, requires=["doc.spans"], assigns=["doc.spans"]
)
def make_quote_suggester(nlp: Language, name: str, scare_quotes: str, indirect: bool) -> QuoteSuggester:
    """Direct and indirect QUOTE spans with their speakers; scare quotes dropped or kept at low confidence."""
    return QuoteSuggester(nlp, scare_quotes, indirect)


@Language.factory(FIGURES, default_config={}, assigns=["doc.spans"])
def make_figure_suggester(nlp: Language, name: str) -> FigureSuggester:
    """FIGURE spans: numbers with what they count."""
    return FigureSuggester(nlp)


def add_components(nlp: Language) -> Language:
    """Add the three components (once) at the end of ``nlp``, and the paragraph marker before its parser."""
    if PARAGRAPHS not in nlp.pipe_names:
        parser = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
        if parser is not None:
            nlp.add_pipe(PARAGRAPHS, before=parser)
    for name in (ACTORS, QUOTES, FIGURES):
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp
