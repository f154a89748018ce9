"""Where the files under ``resources/`` are, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def resource_path(name: str) -> Path:
    """The path of a shipped resource (labels, sample article, speech verbs, icons).

    A checkout keeps them in ``resources/`` next to the package; a wheel installs
    the same folder as ``annotator/resources`` (see pyproject.toml).
    """
    for base in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        candidate = base / name
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"resource {name!r} is missing from the installation")
