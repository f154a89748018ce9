"""The label set: names, colours, hotkeys and descriptions, from a JSON file under resources/."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


class _KeyTwice(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _object_without_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different: JSON would keep the last of two silently."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _KeyTwice(key)
        seen[key] = value
    return seen


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
    if ord(key) > 0xFFFF:  # Qt has no key code beyond the Basic Multilingual Plane (an emoji)
        raise LabelError(f"{path}: hotkey {key!r} of label {label.name} is not a key on a keyboard")
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


_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def _text(path: Path, where: str, item: dict[str, Any], key: str, default: str | None = None) -> str:
    value = item.get(key, default)
    if value is None:
        raise LabelError(f"{path}: {where} has no {key!r}")
    if not isinstance(value, str):
        raise LabelError(f"{path}: {where}: {key!r} must be a string, not {type(value).__name__} {value!r}")
    return value


def same_key(hotkey: str) -> str:
    """The key a hotkey is pressed with: Qt matches a letter whatever its case ("b" and "B" are one key)."""
    upper = hotkey.upper()
    return upper if len(upper) == 1 else hotkey


def load_labels(path: str | Path | None = None) -> LabelSet:
    """Read a labels file (default: the packaged ``labels.json``).

    Raises LabelError naming the file and what is wrong (with line and column for broken
    JSON): a key twice in one object, a wrong type, a missing name, a colour that is not #RGB
    or #RRGGBB, a hotkey taken by the app or by another label, in either case, or one no key
    types.
    """
    path = Path(path) if path else default_labels_path()
    try:
        # utf-8-sig: a BOM (Windows Notepad) is read past, as import does
        data = json.loads(path.read_text(encoding="utf-8-sig"), object_pairs_hook=_object_without_repeats)
    except _KeyTwice as exc:
        raise LabelError(f"{path}: the key {exc.key!r} appears twice in one object; only one can count") from exc
    except OSError as exc:
        raise LabelError(f"{path}: cannot read labels file: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise LabelError(f"{path}: not UTF-8 (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise LabelError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise LabelError(f"{path}: not a valid labels file (nested too deeply)") from exc
    if not isinstance(data, dict) or not isinstance(data.get("labels"), list) or not data["labels"]:
        raise LabelError(f'{path}: a labels file is an object with a non-empty "labels" list')
    labels: list[Label] = []
    for n, item in enumerate(data["labels"], 1):
        where = f"label {n}"
        if not isinstance(item, dict):
            raise LabelError(f"{path}: {where} must be an object, not {type(item).__name__}")
        name = _text(path, where, item, "name")
        if not name.strip() or name != name.strip() or not name.isprintable():
            raise LabelError(f"{path}: {where}: the name {name!r} must be printable, without spaces around it")
        where = f"label {n} ({name})"
        color = _text(path, where, item, "color", "#888888")
        if not _COLOUR.fullmatch(color):
            raise LabelError(f"{path}: {where}: colour {color!r} is not #RGB or #RRGGBB")
        labels.append(Label(name=name, hotkey=_text(path, where, item, "hotkey", ""), color=color,
                            description=_text(path, where, item, "description", "")))
    if "relations" not in data:  # the default relations, where the file has the labels they link
        known = {label.name for label in labels}
        defaults = tuple(r for r in DEFAULT_RELATIONS if r.head in known and r.child in known)
        return _checked(path, LabelSet(tuple(labels), defaults))
    raw_relations = data["relations"]
    if not isinstance(raw_relations, list):
        raise LabelError(f'{path}: "relations" must be a list')
    relations: list[RelationLabel] = []
    for n, item in enumerate(raw_relations, 1):
        where = f"relation {n}"
        if not isinstance(item, dict):
            raise LabelError(f"{path}: {where} must be an object, not {type(item).__name__}")
        relations.append(RelationLabel(
            _text(path, where, item, "name"), _text(path, where, item, "head"), _text(path, where, item, "child"),
            _text(path, where, item, "description", ""),
        ))
    return _checked(path, LabelSet(tuple(labels), tuple(relations)))


def _checked(path: Path, label_set: LabelSet) -> LabelSet:
    """``label_set`` if its names, relations and hotkeys can be used together; else LabelError."""
    labels, relations = label_set.labels, label_set.relations
    names = [label.name for label in labels]
    for rel in relations:
        for end in (rel.head, rel.child):
            if end not in names:
                raise LabelError(f"{path}: relation {rel.name} links {end!r}, which is not one of the labels")
    for name in names:
        if names.count(name) > 1:
            raise LabelError(f"{path}: the label name {name} appears twice")
    for label in labels:
        _check_hotkey(path, label)
    seen: dict[str, Label] = {}
    for label in labels:
        if not label.hotkey:
            continue
        other = seen.get(same_key(label.hotkey))
        if other is not None:
            same = "the same hotkey" if other.hotkey == label.hotkey else "one key (a letter is one key in either case)"
            raise LabelError(
                f"{path}: a hotkey appears twice: {other.hotkey!r} of {other.name} and {label.hotkey!r} of"
                f" {label.name} are {same}"
            )
        seen[same_key(label.hotkey)] = label
    return label_set
