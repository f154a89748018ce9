"""Docs tied to code: a command or shortcut that is not in the README fails here."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from annotator.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _subcommands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_quick_start_is_two_commands() -> None:
    block = re.search(r"^## Quick start\n.*?```\w*\n(.*?)```", README, re.M | re.S)
    assert block is not None
    commands = [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert "main.py" in commands[0] and "pytest" in commands[1]


def test_every_command_is_documented() -> None:
    commands = _subcommands()
    assert {"import", "suggest", "export", "stats"} <= set(commands)
    for command in commands:
        # merge names its databases itself (TEAM SOURCE...), the others work on --db
        forms = (f"annotator [--db PATH] {command}", f"annotator {command} ")
        assert any(form in README for form in forms), f"`annotator {command}` is not in README.md"


def test_every_option_is_documented() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        for action in command._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag not in {"--help", "--db"}:
                    assert flag in README, f"`annotator {name} {flag}` is not in README.md"


def test_the_keyboard_table_is_made_from_the_action_registry() -> None:
    """The README's table and the F1 dialog come from one list: `python scripts/keyboard_table.py` writes it."""
    from annotator.core.labels import load_labels
    from annotator.ui.actions import keyboard_markdown

    assert keyboard_markdown(load_labels()) in README, "run python scripts/keyboard_table.py"


def test_the_design_names_every_layer_and_module_the_contracts_order() -> None:
    """docs/design.md draws the layers; a package or a contracted module it does not name is a stale design."""
    import tomllib

    root = Path(__file__).resolve().parent.parent
    design = (root / "docs" / "design.md").read_text(encoding="utf-8")
    packages = [p.name for p in (root / "annotator").iterdir() if (p / "__init__.py").exists()]
    for package in packages:
        assert f"{package}/" in design, f"annotator/{package}/ is not in docs/design.md"
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    for contract in config["tool"]["importlinter"]["contracts"]:
        for layer in contract.get("layers", []):
            for module in layer.split("|"):
                name = module.strip().rsplit(".", 1)[-1]
                assert re.search(rf"\b{name}\b", design), f"{module.strip()} is not in docs/design.md"
