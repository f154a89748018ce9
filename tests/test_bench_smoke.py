"""The benchmark suite still runs: its generator is deterministic and a quick run prints a table.

No timing is asserted here (figures belong in ``python -m benchmarks.speed``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.workload import Generator

ROOT = Path(__file__).resolve().parent.parent


def test_generator_is_deterministic_and_spans_match_text() -> None:
    first = list(Generator(7).articles(5))
    again = list(Generator(7).articles(5))
    other = list(Generator(8).articles(5))
    assert [a.text for a in first] == [a.text for a in again]
    assert [a.text for a in first] != [a.text for a in other]
    for art in first:
        assert len(art.spans) >= 40
        assert {label for _, _, label in art.spans} == {"ACTOR", "QUOTE", "FIGURE"}
        for start, end, _label in art.spans:
            piece = art.text[start:end]
            assert piece and piece == piece.strip()
        quotes = {s for s in art.spans if s[2] == "QUOTE"}
        assert quotes and all(head in quotes for head, _ in art.relations)


def test_quick_run_of_one_cheap_benchmark_prints_the_table(tmp_path: Path) -> None:
    env = {**os.environ, "ANNOTATOR_BENCH_CACHE": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.speed", "--quick", "--only", "stats"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "| Store.stats(), 2,000 documents |" in proc.stdout
    assert "| benchmark | figure (median) |" in proc.stdout
