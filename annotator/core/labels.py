"""The label set: names, colours, hotkeys and descriptions, from a JSON file under resources/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import SPEAKER
from annotator.core.paths import resource_path


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    hotkey: str
    color: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class RelationLabel:
    name: str
    head: str
    child: str
    description: str = ""


class LabelError(ValueError):
    """A labels file that cannot be used; the message names the file and problem."""


SPEAKER_RELATION = RelationLabel(SPEAKER, "QUOTE", "ACTOR")
DEFAULT_RELATIONS = (SPEAKER_RELATION,)
"""The relations of a labels file that names none."""

# The app's own single-key shortcuts (docs/design.md, "Keyboard"): a label hotkey must not shadow one.
# annotator/ui/actions.py binds these keys and must agree with this table.
RESERVED_HOTKEYS: dict[str, str] = {
    "A": "accept", "S": "speaker", "X": "reject",
    "W": "grow_token", "Q": "grow_token_left", "E": "grow_phrase",
}
RESERVED_KEY_NAMES: dict[str, str] = {"Tab": "next span", "Delete": "reject"}


def _check_hotkey(path: Path, label: Label) -> None:
    key = label.hotkey
    if not key:
        return  # a label without a hotkey is labelled from the menu
    if key in RESERVED_KEY_NAMES:
        raise LabelError(f"{path}: hotkey {key!r} of label {label.name} is taken by {RESERVED_KEY_NAMES[key]!r}")
    if len(key) != 1 or not key.isprintable() or key.isspace():
        raise LabelError(f"{path}: hotkey {key!r} of label {label.name} is not a single printable character")
    taken = RESERVED_HOTKEYS.get(key.upper())  # Qt matches a letter key whatever its case
    if taken:
        raise LabelError(f"{path}: hotkey {key!r} of label {label.name} is taken by {taken!r}")


@dataclass(frozen=True)
class LabelSet:
    labels: tuple[Label, ...]
    relations: tuple[RelationLabel, ...] = DEFAULT_RELATIONS

    def __contains__(self, name: object) -> bool:
        return any(label.name == name for label in self.labels)

    def __iter__(self) -> Iterator[Label]:
        return iter(self.labels)

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    def get(self, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    def by_hotkey(self, key: str) -> Label | None:
        return next((label for label in self.labels if label.hotkey == key), None)

    def relation(self, name: str) -> RelationLabel | None:
        return next((rel for rel in self.relations if rel.name == name), None)


def default_labels_path() -> Path:
    return resource_path("labels.json")


def load_labels(path: str | Path | None = None) -> LabelSet:
    """Read a labels file (default: the packaged ``labels.json``)."""
    path = Path(path) if path else default_labels_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        labels = tuple(
            Label(
                name=str(item["name"]),
                hotkey=str(item.get("hotkey", "")),
                color=str(item.get("color", "#888888")),
                description=str(item.get("description", "")),
            )
            for item in data["labels"]
        )
        relations = tuple(
            RelationLabel(str(r["name"]), str(r["head"]), str(r["child"]), str(r.get("description", "")))
            for r in data["relations"]
        ) if "relations" in data else DEFAULT_RELATIONS
    except OSError as exc:
        raise LabelError(f"{path}: cannot read labels file: {exc.strerror}") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise LabelError(f"{path}: not a valid labels file ({exc})") from exc
    names = [label.name for label in labels]
    if len(set(names)) != len(names):
        raise LabelError(f"{path}: a label name appears twice")
    for label in labels:
        _check_hotkey(path, label)
    hotkeys = [label.hotkey for label in labels if label.hotkey]
    if len(set(hotkeys)) != len(hotkeys):
        raise LabelError(f"{path}: a hotkey appears twice")
    return LabelSet(labels, relations)
