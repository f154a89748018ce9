"""Fuzz the JSONL importer and the offset mapper for as long as you like.

    python scripts/fuzz.py --seconds 600            # both targets, 10 minutes
    python scripts/fuzz.py --seconds 60 --target import
    python scripts/fuzz.py --seconds 60 --target hostile   # records with wrong types/numbers in every field

Uses the same targets as ``tests/test_trust_fuzz.py`` (tests/helpers/fuzz_targets.py)
with Hypothesis, which shrinks any failure to a small example and prints it.
Hypothesis keeps failing examples in ``.hypothesis/`` and replays them first.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402


def _targets() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_targets", ROOT / "tests" / "helpers" / "fuzz_targets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to run (default 60)")
    parser.add_argument("--target", choices=["import", "hostile", "offsets", "all"], default="all")
    parser.add_argument("--batch", type=int, default=500, help="examples per Hypothesis run")
    args = parser.parse_args(argv)
    targets = _targets()
    chosen = {
        "import": (targets.jsonl_files(), targets.check_import),
        "hostile": (targets.hostile_files(), targets.check_import),
        "offsets": (targets.any_text, targets.check_offsets),
    }
    names = list(chosen) if args.target == "all" else [args.target]
    deadline = time.monotonic() + args.seconds
    runs = 0
    while time.monotonic() < deadline:
        for name in names:
            strategy, check = chosen[name]
            # derandomize=False and a fresh run each time: new examples every batch.
            run = settings(max_examples=args.batch, deadline=None, database=None,
                           suppress_health_check=list(HealthCheck))(given(strategy)(check))
            run()
            runs += 1
            if time.monotonic() >= deadline:
                break
    print(f"fuzzed for {args.seconds:.0f} s in {runs} runs: "
          + ", ".join(f"{n} {k} examples" for k, n in targets.COUNTS.items()))
    print("importer outcomes: " + ", ".join(f"{n} {k}" for k, n in targets.OUTCOMES.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
