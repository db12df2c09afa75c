"""Stage 1: read a YAML file safely and remember where every value came from.

PyYAML's ``safe_load`` is close but not enough for trainers: it keeps the last
of two duplicate keys (silently losing text), expands aliases without bound,
and forgets line numbers. We compose the node graph with ``SafeLoader`` and
build plain Python values ourselves, recording the mark of every node under its
path (``("steps", 0, "choices", 1, "next")``) so later stages can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import ContentError
from generator.load.errors import YAML_LINE_BREAK, yaml_error

MAX_BYTES = 1_000_000
"""A scenario of 200 steps is about 150 KB; anything near 1 MB is a mistake."""
MAX_DEPTH = 40
"""The format nests six levels deep; deeper input is refused before it costs."""
MAX_NODES = 200_000

Loc = tuple[str | int, ...]

# libyaml's composer is about thirty times faster than PyYAML's pure-Python one and
# reports the same marks; fall back to the latter where PyYAML was built without it.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_STR, _INT = f"{_TAG}str", f"{_TAG}int"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its data and the (line, column) of every path in it."""

    path: str
    data: Any
    values: dict[Loc, tuple[int, int]] = field(repr=False)
    keys: dict[Loc, tuple[int, int]] = field(repr=False)
    """Where the key of each mapping entry stands (for 'unknown key' errors)."""
    sources: dict[Loc, str] = field(repr=False)
    """The text a trainer wrote for each non-string scalar (``no``, ``0123``)."""

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``loc`` (its value, or its key with ``key=True``).

        A path that is not in the file (a missing field) falls back to its
        nearest ancestor that is.
        """
        first, second = (self.keys, self.values) if key else (self.values, self.keys)
        while loc:
            if loc in first:
                return first[loc]
            if loc in second:
                return second[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))


def load_file(path: Path, display: str | None = None) -> Document:
    """Read and parse ``path``; raise :class:`ContentError` with a position on any problem."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError.at(name, 1, 1, f"cannot read the file: {exc.strerror}") from exc
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> Document:
    """Parse YAML bytes as written by a trainer (UTF-8, BOM and CRLF allowed)."""
    if len(raw) > MAX_BYTES:
        raise ContentError.at(
            name, 1, 1, f"the file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}",
            "split it into several scenarios",
        )
    text = _decode(raw, name)
    _check_tabs(text, name)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, text, name) from exc
    except RecursionError as exc:
        raise ContentError.at(name, 1, 1, "the YAML is nested too deeply") from exc
    if node is None:
        raise ContentError.at(name, 1, 1, "the file is empty")
    builder = _Builder(name, YAML_LINE_BREAK.split(text))
    data = builder.build(node, ())
    return Document(name, data, builder.values, builder.keys, builder.sources)


def _decode(raw: bytes, name: str) -> str:
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ContentError.at(
            name, line, column, f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8 in your editor",
        ) from exc
    return text.replace("\r\n", "\n")


def _check_tabs(text: str, name: str) -> None:
    if "\t" not in text:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip() and not line.lstrip().startswith("#"):
            raise ContentError.at(
                name, number, indent.index("\t") + 1, "a tab is used for indentation",
                "indent with spaces; YAML does not allow tabs",
            )


class _Builder:
    """Turns a composed node graph into dicts, lists and scalars, recording marks."""

    def __init__(self, name: str, lines: list[str]) -> None:
        self.name = name
        self.lines = lines
        self.values: dict[Loc, tuple[int, int]] = {}
        self.keys: dict[Loc, tuple[int, int]] = {}
        self.sources: dict[Loc, str] = {}
        self.seen: set[int] = set()
        self.scalars = SafeConstructor()

    def fail(self, node: Node, message: str, hint: str = "") -> ContentError:
        mark = node.start_mark
        return ContentError.at(self.name, mark.line + 1, mark.column + 1, message, hint)

    def build(self, node: Node, loc: Loc) -> Any:
        # compose() turns an alias into a second reference to the same node, so a
        # node met twice is an alias: refusing it bounds time and memory (no bombs).
        if id(node) in self.seen:
            raise self.fail(node, "anchors and aliases (& and *) are not supported",
                            "write the text out in full")
        self.seen.add(id(node))
        self._check_anchor(node)
        if len(self.seen) > MAX_NODES:
            raise self.fail(node, f"the file has more than {MAX_NODES:,} values")
        if len(loc) > MAX_DEPTH:
            raise self.fail(node, f"the YAML is nested more than {MAX_DEPTH} levels deep")
        self.values[loc] = _position(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, SequenceNode):
            self._check_tag(node, f"{_TAG}seq")
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, loc)

    def _check_anchor(self, node: Node) -> None:
        """Refuse an anchor even if no alias uses it (it would vanish from the text).

        A node with an anchor starts at its ``&``; nothing else can start with one.
        """
        mark = node.start_mark
        rest = self.lines[mark.line][mark.column:] if mark.line < len(self.lines) else ""
        if rest.startswith("&"):
            anchor = re.match(r"&[^\s,\[\]{}]*", rest)
            raise self.fail(node, f"'{anchor[0] if anchor else '&'}' sets an anchor; anchors "
                            "and aliases (& and *) are not supported", "write the text out in full")

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        self._check_tag(node, f"{_TAG}map")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                raise self.fail(key_node, "merge keys (<<) are not supported",
                                "write the keys out in full")
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, "a key must be plain text")
            self.seen.add(id(key_node))  # so a key met again as a value is an alias too
            self._check_anchor(key_node)
            key = str(key_node.value)
            if key in result:
                first = self.keys[(*loc, key)][0]
                raise self.fail(key_node, f"duplicate key '{key}' (first on line {first})",
                                "YAML keeps only the last one, so text would be lost; merge them")
            self.keys[(*loc, key)] = _position(key_node)
            result[key] = self.build(value_node, (*loc, key))
        return result

    def _scalar(self, node: Node, loc: Loc) -> Any:
        if node.tag == _STR:  # most values: skip the constructor's bookkeeping
            return node.value
        if node.tag == _INT and _DECIMAL.fullmatch(node.value):  # weights, minutes
            self.sources[loc] = node.value
            return int(node.value)
        if node.tag not in _SCALAR_TAGS:
            raise self._bad_tag(node)
        try:
            value = self.scalars.construct_object(node)
        except (ConstructorError, ValueError, OverflowError) as exc:
            raise self.fail(node, f"cannot read the value '{node.value}'") from exc
        if not isinstance(value, str):
            self.sources[loc] = str(node.value)
        return value

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            raise self._bad_tag(node)

    def _bad_tag(self, node: Node) -> ContentError:
        tag = str(node.tag).replace(_TAG, "!!")
        return self.fail(node, f"the tag '{tag}' is not allowed",
                         "remove it; only plain YAML text, numbers and lists are read")


def _position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
