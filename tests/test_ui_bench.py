"""The desktop benchmark still runs (a tiny article, the blank pipeline); figures are printed, never asserted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ui_benchmark_quick_run_prints_its_figures() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "benchmarks/ui_bench.py", "--blank", "--words", "3000", "--spans", "300", "--presses", "5"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for figure in ("start to first paint", "open 3,", "label key press to repaint, 5 presses", "speaker chooser",
                   "RSS"):
        assert figure in result.stdout
