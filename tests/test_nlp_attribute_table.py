"""The attribute table sets exactly the token attributes spaCy's AttributeRuler sets, rule for rule."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from annotator.nlp.attribute_table import ATTRIBUTE_TABLE, RULER, AttributeTable

COLUMNS = [POS, TAG, MORPH, LEMMA, DEP]
WORDS = ["the", "The", "ai", "n't", "nt", "y'", "y", "all", "nothin'", "said", "Said", "she", " ", "\n", ",", "it"]
TAGS = ["DT", "VBP", "VBZ", "RB", "PRP", "NN", "VBD", "_SP", ",", ""]
DEPS = ["det", "nsubj", "ROOT", "neg", "dep", "punct", ""]
POSES = ["DET", "VERB", "AUX", "PART", "PRON", "NOUN", "SPACE", "PUNCT", "X"]
MORPHS = ["_", "Definite=Def|PronType=Art", "Polarity=Neg", "Tense=Past|VerbForm=Fin", "PunctType=Comm"]


def _token_spec(rng: random.Random) -> dict:  # type: ignore[type-arg]
    spec: dict = {}  # type: ignore[type-arg]
    for _ in range(rng.randint(1, 2)):
        kind = rng.choice(["TAG", "LOWER", "DEP", "IS_SPACE", "TAG_IN", "DEP_NOT_IN", "LOWER_REGEX"])
        if kind == "TAG":
            spec["TAG"] = rng.choice(TAGS[:-1])
        elif kind == "LOWER":
            spec["LOWER"] = rng.choice(WORDS).lower()
        elif kind == "DEP":
            spec["DEP"] = rng.choice(DEPS[:-1])
        elif kind == "IS_SPACE":
            spec["IS_SPACE"] = rng.random() < 0.5
        elif kind == "TAG_IN":
            spec["TAG"] = {"IN": rng.sample(TAGS[:-1], 2)}
        elif kind == "DEP_NOT_IN":
            spec["DEP"] = {"NOT_IN": [""]}
        else:
            spec["LOWER"] = {"REGEX": rng.choice(["^n'?t$", "^y'?$", "^nothin'$", "^s"])}
    return spec


def _ruler_patterns(rng: random.Random, n: int) -> list[dict]:  # type: ignore[type-arg]
    patterns = []
    for _ in range(n):
        length = 1 if rng.random() < 0.7 else 2
        attrs: dict = {}  # type: ignore[type-arg]
        for name in rng.sample(["POS", "TAG", "MORPH", "LEMMA", "DEP"], rng.randint(1, 3)):
            attrs[name] = {
                "POS": lambda: rng.choice(POSES),
                "TAG": lambda: rng.choice(TAGS[:-1]),
                "MORPH": lambda: rng.choice(MORPHS),
                "LEMMA": lambda: rng.choice(["be", "not", "you", "nothing"]),
                "DEP": lambda: rng.choice(DEPS[:-1]),
            }[name]()
        pattern = [_token_spec(rng) for _ in range(length)]
        index = rng.choice([0, -1] if length == 1 else [0, 1, -1])
        patterns.append({"patterns": [pattern], "attrs": attrs, "index": index})
    return patterns


def _random_doc(nlp, rng: random.Random) -> Doc:  # type: ignore[no-untyped-def]
    n = rng.randint(1, 30)
    words = [rng.choice(WORDS) for _ in range(n)]
    doc = Doc(nlp.vocab, words=words, spaces=[rng.random() < 0.6 for _ in words])
    for tok in doc:
        tok.tag_ = rng.choice(TAGS)
        tok.dep_ = rng.choice(DEPS)
    return doc


def _attributes(doc: Doc) -> tuple[list[list[int]], list[str]]:
    return doc.to_array(COLUMNS).tolist(), [str(t.morph) for t in doc]


@pytest.mark.parametrize("seed", range(12))
def test_the_table_sets_what_the_ruler_sets(seed: int) -> None:
    rng = random.Random(seed)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(_ruler_patterns(rng, 40))
    table = AttributeTable.compile(ruler)
    assert table is not None
    changed = 0
    for _ in range(60):
        doc = _random_doc(nlp, rng)
        by_ruler, by_table = ruler(doc.copy()), table(doc.copy())
        assert _attributes(by_table) == _attributes(by_ruler), [t.text for t in doc]
        changed += _attributes(by_ruler) != _attributes(doc)
    assert changed > 10  # the rules did set something


def test_later_rules_override_earlier_ones_and_matches_see_the_attributes_before_any_rule() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(
        [
            {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB", "TAG": "NN"}},
            {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},  # not for the token the rule above retagged
            {"patterns": [[{"LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "not"}, "index": -1},
            {"patterns": [[{"LOWER": "says"}]], "attrs": {"POS": "AUX"}},
        ]
    )
    table = AttributeTable.compile(ruler)
    assert table is not None
    doc = Doc(nlp.vocab, words=["She", "says", "it", "ai", "n't"])
    for tok, tag in zip(doc, ["PRP", "VBZ", "PRP", "VBP", "RB"], strict=True):
        tok.tag_ = tag
    by_ruler, by_table = ruler(doc.copy()), table(doc.copy())
    assert [t.pos_ for t in by_table] == ["", "AUX", "", "", ""]
    assert [t.tag_ for t in by_table][1] == "NN" and by_table[4].lemma_ == "not"
    assert _attributes(by_table) == _attributes(by_ruler)


@pytest.mark.parametrize(
    "pattern",
    [
        [{"TAG": "NN", "OP": "+"}],
        [{"TEXT": "Said"}],
        [{"LOWER": "a"}, {"LOWER": "b"}, {"LOWER": "c"}],
        [{"_": {"thing": True}}],
        [{"LENGTH": {">=": 3}}],
    ],
)
def test_other_rules_keep_spacys_ruler(pattern: list) -> None:  # type: ignore[type-arg]
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}])
    assert AttributeTable.compile(ruler) is not None
    ruler.add_patterns([{"patterns": [pattern], "attrs": {"POS": "X"}}])
    assert AttributeTable.compile(ruler) is None


@pytest.mark.slow
def test_the_trained_pipeline_runs_its_rules_as_a_table_with_the_same_attributes(trained) -> None:  # type: ignore[no-untyped-def]
    from tests.test_nlp_speed_paths import TEXTS

    nlp = trained.nlp
    assert ATTRIBUTE_TABLE in nlp.pipe_names and RULER not in nlp.pipe_names
    ruler, table = nlp.get_pipe(RULER), nlp.get_pipe(ATTRIBUTE_TABLE)
    before = [n for n in nlp.pipe_names if n != ATTRIBUTE_TABLE and not n.startswith("annotator_")]
    text = " ".join(TEXTS) + " She ain't said nothin' and y'all know it. He says they aren't. ’Tis true, innit?"
    with nlp.select_pipes(enable=[n for n in before if n not in ("ner",)]):
        doc = nlp(text)
    by_ruler, by_table = ruler(doc.copy()), table(doc.copy())
    assert _attributes(by_table) == _attributes(by_ruler)
    assert sum(t.pos_ != "" for t in by_table) == len(doc)


@pytest.mark.slow
def test_a_saved_pipeline_compiles_its_table_once_the_ruler_has_its_rules_again(trained, tmp_path) -> None:  # type: ignore[no-untyped-def]
    nlp = trained.nlp
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert ATTRIBUTE_TABLE in loaded.pipe_names and RULER not in loaded.pipe_names
    text = "She ain't said nothin', y'all. The ministers said they would not sign the Paris Agreement."
    assert _attributes(loaded(text)) == _attributes(nlp(text))
    with loaded.select_pipes(disable=[ATTRIBUTE_TABLE]), nlp.select_pipes(disable=[ATTRIBUTE_TABLE]):
        bare = nlp(text)
    assert _attributes(loaded(text)) != _attributes(bare)  # the table did set the attributes
