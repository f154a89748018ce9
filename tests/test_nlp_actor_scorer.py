"""The ACTOR re-scorer (annotator.nlp.actors.scorer): the stored model read right, speakers never dropped,
training deterministic, the resource shipped."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from annotator.core.paths import resource_path
from annotator.nlp import suggest as suggest_module
from annotator.nlp.actors import RULE_ATTR
from annotator.nlp.actors.scorer import SCORER_FILE, Scorer, applies, candidates, rescore, shipped_scorer
from annotator.nlp.doc_units import ACTORS
from annotator.nlp.pipeline import LoadedPipeline
from annotator.nlp.suggest import spans_from_doc

TEXT = (
    "Officials meet in Geneva\n\n"
    'The council approved the plan on Monday. "We will not wait," said Maria Lopez, the mayor of Springfield. '
    "Germany and France sent observers to the talks in Geneva. The spokesman said the vote was close.\n"
)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def test_the_scorer_adds_the_weights_of_the_features_a_span_has() -> None:
    data = {"format": 1, "adopted": True, "threshold": 0.4, "intercept": 0.5, "features": ["a", "b"],
            "coefficients": [1.0, -2.0]}  # fmt: skip
    scorer = Scorer.from_json(data)
    assert scorer.probability(["a"]) == pytest.approx(_sigmoid(1.5))
    assert scorer.probability(["b"]) == pytest.approx(_sigmoid(-1.5))
    assert scorer.probability(["a", "b", "never seen"]) == pytest.approx(_sigmoid(-0.5))
    assert scorer.probability([]) == pytest.approx(_sigmoid(0.5))
    assert scorer.probability(["b"] * 400) == pytest.approx(0.0)  # no overflow far out
    with pytest.raises(ValueError, match="2 feature names but 1 coefficients"):
        Scorer.from_json({**data, "coefficients": [1.0]})
    with pytest.raises(ValueError, match="format"):
        Scorer.from_json({**data, "format": 99})


def test_the_resource_loads_from_the_installed_package() -> None:
    path = resource_path(SCORER_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    scorer = shipped_scorer()
    assert data["features"] == sorted(data["features"]) and len(data["features"]) > 50
    assert scorer.weights == dict(zip(data["features"], data["coefficients"], strict=True))
    assert 0.0 < scorer.threshold < 1.0 and scorer.adopted is data["adopted"]


@pytest.mark.slow
def test_run_time_probabilities_are_the_stored_models(trained: LoadedPipeline) -> None:
    """The probability the app computes is the stored logistic model's, on the features the training saw."""
    data = json.loads(resource_path(SCORER_FILE).read_text(encoding="utf-8"))
    index = {name: j for j, name in enumerate(data["features"])}
    coef = np.array(data["coefficients"])
    doc = trained.nlp(TEXT)
    found = candidates(doc)
    assert len(found) >= 5
    known = sum(f in index for c in found for f in c.features) / sum(len(c.features) for c in found)
    assert known > 0.9  # the features the app computes are the ones the model was fitted on
    scorer = shipped_scorer()
    for c in found:
        x = np.zeros(len(coef))
        for f in c.features:
            if f in index:
                x[index[f]] = 1.0
        assert scorer.probability(c.features) == pytest.approx(_sigmoid(float(x @ coef) + data["intercept"]))
    council = next(c for c in found if TEXT[c.start_char : c.end_char] == "The council")
    assert {"rule=group", "dep=nsubj", "det=the", "len=2", "gov_verb", "sent_start", "para=1"} <= set(
        council.features
    )
    lopez = next(c for c in found if TEXT[c.start_char : c.end_char] == "Maria Lopez")
    assert {"rule=entity", "ent=PERSON", "speaker", "ent_exact", "shape=title"} <= set(lopez.features)


@pytest.mark.slow
def test_a_speaker_is_never_dropped(trained: LoadedPipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = trained.nlp(TEXT)
    every_rule = {s.key for s in spans_from_doc(doc, trained, TEXT, rescore_actors=False)[0] if s.label == "ACTOR"}
    no = Scorer({}, intercept=-20.0, threshold=0.5, adopted=True)  # every candidate far below the threshold
    scores = rescore(doc, no)
    assert scores and all(p is None for n, p in scores.items() if n not in _speaker_indices(doc))
    monkeypatch.setattr(suggest_module, "rescore", lambda d: rescore(d, no))
    spans, relations = spans_from_doc(doc, trained, TEXT)
    actors = {s.key: s for s in spans if s.label == "ACTOR"}
    assert relations and all(r.child in actors for r in relations)  # every speaker link still has its actor
    said = {TEXT[r.child[0] : r.child[1]] for r in relations}
    assert {"Maria Lopez", "The spokesman"} <= said
    assert "Germany" in {TEXT[k[0] : k[1]] for k in every_rule} and "Germany" not in said
    assert "Germany" not in {TEXT[k[0] : k[1]] for k in actors}  # a candidate that speaks nothing goes
    lopez = next(s for s in actors.values() if TEXT[s.start : s.end] == "Maria Lopez")
    assert lopez.confidence == pytest.approx(_sigmoid(-20.0))  # the probability is the confidence


def _speaker_indices(doc) -> set[int]:  # type: ignore[no-untyped-def]
    return {c.index for c in candidates(doc) if c.speaker}


@pytest.mark.slow
def test_a_model_not_adopted_leaves_the_suggestions_as_the_rules_make_them(trained: LoadedPipeline) -> None:
    doc = trained.nlp(TEXT)
    assert rescore(doc, Scorer({}, -20.0, 0.5, adopted=False)) == {}
    if not shipped_scorer().adopted:
        assert spans_from_doc(doc, trained, TEXT) == spans_from_doc(doc, trained, TEXT, rescore_actors=False)


@pytest.mark.slow
def test_every_actor_candidate_names_its_rule_and_only_a_parsed_doc_is_rescored(
    trained: LoadedPipeline, blank: LoadedPipeline
) -> None:
    doc = trained.nlp(TEXT)
    rules = doc.spans[ACTORS].attrs[RULE_ATTR]
    assert len(rules) == len(doc.spans[ACTORS]) and set(rules) <= {"entity", "repeat", "handle", "group"}
    assert applies(doc)
    plain = blank.nlp(TEXT)
    assert set(plain.spans[ACTORS].attrs[RULE_ATTR]) <= {"capitals", "handle", "group"}
    assert not applies(plain) and candidates(plain) == []  # no entities, no parse: the rules alone


@pytest.mark.slow
def test_training_is_deterministic(trained: LoadedPipeline) -> None:
    pytest.importorskip("sklearn")
    from benchmarks.actor_scorer import collect, to_json, train
    from benchmarks.gold_data import statedept, whitehouse

    data = collect(whitehouse()[:3] + statedept()[:3], model=None)
    assert {y for d in data for y in d.labels} >= {0, 1}
    first = to_json(train(data), data, adopted=False)
    again = collect(whitehouse()[:3] + statedept()[:3], model=None)
    assert to_json(train(again), again, adopted=False) == first
    record = json.loads(first)
    assert record["features"] == sorted(record["features"]) and record["adopted"] is False
