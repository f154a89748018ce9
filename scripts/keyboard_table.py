"""Write the README's keyboard table from the action registry (the same one the F1 dialog reads).

    python scripts/keyboard_table.py          # rewrite README.md between the keyboard markers
    python scripts/keyboard_table.py --check  # exit 1 if README.md is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.core.labels import load_labels  # noqa: E402
from annotator.ui.actions import keyboard_markdown  # noqa: E402

START, END = "<!-- keyboard table: made by scripts/keyboard_table.py -->", "<!-- end of keyboard table -->"


def updated(readme: str) -> str:
    before, rest = readme.split(START, 1)
    _old, after = rest.split(END, 1)
    return f"{before}{START}\n{keyboard_markdown(load_labels())}{END}{after}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = updated(text)
    if args.check:
        return 0 if new == text else 1
    path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
