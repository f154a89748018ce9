"""Fit the ACTOR re-scorer on all tuning gold and write ``resources/actor_scorer.json``.

    python scripts/train_actor_scorer.py [--adopt] [--model NAME] [--out PATH] [--log]

The threshold is chosen by leave-one-group-out inside the tuning gold (``benchmarks.actor_scorer``); the
coefficients come from one logistic regression on every labelled candidate. Deterministic: the gold is read in
its fixed order, lbfgs draws nothing at random, numbers are rounded and features sorted, so a rerun on the same
gold, pipeline and scikit-learn writes the same bytes. ``--adopt`` marks the model as used by the app's
suggestions; without it the app keeps every rule candidate (docs/actor_scorer.md says when to adopt: check
``python -m benchmarks.actor_scorer_cv`` first). Tuning gold only; needs ``pip install -e ".[bench]"``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.actor_scorer import collect, to_json, train  # noqa: E402

OUT = ROOT / "resources" / "actor_scorer.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adopt", action="store_true", help="let the app's suggestions use the model")
    parser.add_argument("--model", default=None, help="model package or folder (default: as the app chooses)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--log", action="store_true", help="print the threshold search")
    args = parser.parse_args(argv)
    data = collect(model=args.model)
    scorer = train(data, print if args.log else None)
    args.out.write_text(to_json(scorer, data, args.adopt), encoding="utf-8")
    kept = sum(1 for w in scorer.weights.values() if w)
    print(f"wrote {args.out}: {kept} features, threshold {scorer.threshold}, adopted {args.adopt}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
