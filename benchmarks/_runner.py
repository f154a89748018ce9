"""Run one benchmark case in a fresh child process; collect its result and peak RSS.

The parent starts ``python -m benchmarks._runner CASE PARAMS_JSON`` and reads
the JSON line the child prints last. The child adds its own peak RSS
(``getrusage`` ``ru_maxrss`` of itself and of the worker processes it waited
for), so every figure and baseline has its own memory number.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NOT_AVAILABLE = 3  # the child's exit status when a module has not landed


@dataclass
class Measurement:
    """The result of ``repeat`` runs of one case with one set of parameters."""

    case: str
    runs: list[dict[str, Any]] = field(default_factory=list)  # each run's result: "seconds" and extras
    rss_mb: list[float] = field(default_factory=list)
    error: str = ""  # "not available: ..." or the child's last error line
    metric: str = "seconds"  # which number of a run is the figure

    @property
    def ok(self) -> bool:
        return not self.error and bool(self.runs)

    @property
    def seconds(self) -> list[float]:
        return [float(r[self.metric]) for r in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def extra(self) -> dict[str, Any]:
        """The extras of the last run (counts, notes)."""
        return {k: v for k, v in self.runs[-1].items() if k != self.metric} if self.runs else {}

    def as_metric(self, metric: str) -> Measurement:
        """The same runs, with another of their numbers as the figure."""
        return Measurement(self.case, self.runs, self.rss_mb, self.error, metric)

    @property
    def peak_rss(self) -> float:
        return max(self.rss_mb)


def run_once(case: str, params: dict[str, Any], *, timeout: float = 1800) -> tuple[dict[str, Any], float]:
    """Run ``case`` once in a child; returns its result and its peak RSS in MB."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks._runner", case, json.dumps(params)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return {"error": f"timed out after {timeout:.0f} s"}, 0.0
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if proc.returncode == NOT_AVAILABLE:
        return {"error": "not available: " + (err.strip().splitlines() or ["?"])[-1]}, 0.0
    if proc.returncode or not lines:
        last = (err.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        return {"error": f"failed: {last[:200]}"}, 0.0
    result = json.loads(lines[-1])
    return result, float(result.pop("rss_mb", 0.0))


def measure_into(m: Measurement, params: dict[str, Any]) -> None:
    """Run ``m.case`` once more and add the result to ``m`` (or set ``m.error``)."""
    result, rss = run_once(m.case, params)
    if "error" in result:
        m.error = result["error"]
        return
    m.runs.append(result)
    m.rss_mb.append(rss)


def _child_peak_rss_mb() -> float:
    """Peak RSS of this process and of the workers it waited for, in MB.

    Linux: ``VmHWM`` of this process, not ``ru_maxrss``, because the kernel
    carries the peak of the forking parent over ``exec`` into ``ru_maxrss``.
    """
    import resource

    scale = 1 / 1024 / 1024 if sys.platform == "darwin" else 1 / 1024  # macOS reports bytes, Linux kB
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            own = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        pass
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return max(own, kids)


def child_main(argv: list[str]) -> int:
    from benchmarks._cases import CASES, NotAvailable

    name, params = argv[0], json.loads(argv[1])
    try:
        result = CASES[name](params)
    except NotAvailable as exc:
        print(exc, file=sys.stderr)
        return NOT_AVAILABLE
    except Exception:
        traceback.print_exc()
        return 1
    result["rss_mb"] = _child_peak_rss_mb()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
