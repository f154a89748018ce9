"""Which database file to use: --db, else $ANNOTATOR_DB, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "ANNOTATOR_DB"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("news-annotator", appauthor=False)) / "annotations.db"


def resolve_db_path(cli_value: str | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
