"""Run the real ``annotator`` program in a child process, as a user would from a shell.

``TRUST_CODE_ROOT=/path/to/another/checkout`` runs that checkout's code instead (the tests
still check with this one's): how to see a trust test fail on an older main.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CODE = Path(os.environ.get("TRUST_CODE_ROOT", ROOT))


def env(**extra: str) -> dict[str, str]:
    values = dict(os.environ)
    values["PYTHONPATH"] = str(CODE) + os.pathsep + values.get("PYTHONPATH", "")
    values["PYTHONDONTWRITEBYTECODE"] = "1"  # never write into another checkout
    values["PYTHONSAFEPATH"] = "1"  # -m must not find the package in the current folder first
    values.pop("ANNOTATOR_DB", None)
    values.update(extra)
    return values


def annotator(
    *args: str | os.PathLike[str], timeout: float = 120, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """``annotator ARGS...``: exit status, stdout and stderr (text, UTF-8, raw escapes kept)."""
    return subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True, encoding="utf-8",
        errors="surrogateescape", timeout=timeout, env=env(), **kwargs,  # type: ignore[call-overload]
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr[-3000:]
