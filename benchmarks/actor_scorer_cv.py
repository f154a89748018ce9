"""The ACTOR re-scorer judged leave-one-group-out on the tuning gold: for each group (publisher), a model fitted on
the other groups (its threshold chosen by leave-one-group-out inside them) scores the left-out group.

    python -m benchmarks.actor_scorer_cv [--model NAME] [--thresholds]

Prints ACTOR precision / recall / F1 (overlap matching, as ``benchmarks.quality``) per left-out group with the
rules alone and with the re-scorer, the threshold each fold chose, the change at two fixed thresholds, and the
pooled figures. Nothing is chosen on
the left-out group. Tuning gold only (``benchmarks/gold``); needs scikit-learn (``.[bench]``).
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.actor_scorer import (
    Counts,
    actor_counts,
    by_group,
    collect,
    outputs,
    probabilities,
    train,
)

FIXED = (0.3, 0.5)  # thresholds not chosen by anything: how much a firmer cut would cost or win


def _log(group: str, line: str) -> None:
    print(f"[{group}]{line}")


def _cell(c: Counts) -> str:
    p, r, f = c.prf()
    return f"{p:.2f} / {r:.2f} / **{f:.2f}**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="model package or folder (default: as the app chooses)")
    parser.add_argument("--thresholds", action="store_true", help="print each fold's threshold search")
    args = parser.parse_args(argv)
    data = collect(model=args.model)
    groups = by_group(data)
    rows = [
        "| left-out group | docs | candidates (right / false) | rules alone P / R / F1 | with re-scorer P / R / F1 "
        "| ΔF1 | threshold | dropped (right / false) | ΔF1 at a fixed 0.3 / 0.5 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    pooled_before, pooled_after = Counts(), Counts()
    for name, held in groups.items():
        rest = [d for g, docs in groups.items() if g != name for d in docs]
        scorer = train(rest, functools.partial(_log, name) if args.thresholds else None)
        probs = probabilities(scorer, held)
        before = actor_counts(held, outputs(held, None, 0.0))
        after = actor_counts(held, outputs(held, probs, scorer.threshold))
        right = sum(1 for d in held for y in d.labels if y == 1)
        false = sum(1 for d in held for y in d.labels if y == 0)
        drop_right = drop_false = 0
        for d, ps in zip(held, probs, strict=True):
            for c, y, p in zip(d.cands, d.labels, ps, strict=True):
                if not scorer.keeps(c, p):
                    drop_right += y == 1
                    drop_false += y == 0
        for total, got in ((pooled_before, before), (pooled_after, after)):
            total.tp, total.fp, total.fn = total.tp + got.tp, total.fp + got.fp, total.fn + got.fn
        delta = after.prf()[2] - before.prf()[2]
        fixed = [actor_counts(held, outputs(held, probs, t)).prf()[2] - before.prf()[2] for t in FIXED]
        rows.append(
            f"| {name} | {len(held)} | {right + false} ({right} / {false}) | {_cell(before)} | {_cell(after)} "
            f"| {delta:+.3f} | {scorer.threshold:.3f} | {drop_right} / {drop_false} "
            f"| {' / '.join(f'{d:+.3f}' for d in fixed)} |"
        )
        print(rows[-1], flush=True)
    delta = pooled_after.prf()[2] - pooled_before.prf()[2]
    rows.append(
        f"| all (pooled) | {len(data)} | | {_cell(pooled_before)} | {_cell(pooled_after)} | {delta:+.3f} | | | |"
    )
    print()
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
