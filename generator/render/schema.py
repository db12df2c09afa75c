"""The format reference of the authoring guide, generated from the pydantic JSON Schema.

Generating it means the guide cannot drift from what ``check`` accepts: a new
field, a changed limit or description shows up in the next build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.model import Catalogue, Scenario


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class Section:
    name: str
    description: str
    fields: list[Field]


def _kind(prop: dict[str, Any]) -> str:
    """A trainer's words for a property's type: 'Markdown text', 'list of Step', ..."""
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in prop:
        kinds = [_kind(p) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(kinds) + " (optional)"
    if "enum" in prop:
        return "one of " + ", ".join(f"'{v}'" for v in prop["enum"])
    if "const" in prop:
        return f"'{prop['const']}'"
    kind = prop.get("type", "any")
    if kind == "array":
        return f"list of {_kind(prop.get('items', {}))}"
    if kind == "object":
        inner = next(iter(prop.get("patternProperties", {}).values()), None)
        return f"map of id to {_kind(inner)}" if inner else "map"
    if kind == "string":
        return "Markdown text" if prop.get("format") == "markdown" else _string(prop)
    if kind == "integer":
        return _bounded("whole number", prop)
    return str(kind)


def _string(prop: dict[str, Any]) -> str:
    if "pattern" in prop:
        return "id (slug)"
    return "plain text"


def _bounded(name: str, prop: dict[str, Any]) -> str:
    low, high = prop.get("minimum"), prop.get("maximum")
    if low is not None and high is not None:
        return f"{name} from {low} to {high}"
    return name


def _plain(text: object) -> str:
    """Docstring markup to plain text: ``x`` (reStructuredText) and `x` become 'x'."""
    return re.sub(r"`{1,2}([^`]+)`{1,2}", r"'\1'", str(text))


def _section(name: str, schema: dict[str, Any]) -> Section:
    required = set(schema.get("required", []))
    fields = []
    for key, prop in schema.get("properties", {}).items():
        description = _plain(prop.get("description", ""))
        if "default" in prop and prop["default"] not in (None, [], {}):
            description = f"{description} Default: {prop['default']}.".strip()
        fields.append(Field(key, _kind(prop), key in required, description))
    return Section(name, _plain(schema.get("description", "")), fields)


def reference(model: type[BaseModel]) -> list[Section]:
    """The model first, then every nested definition in the order it is first used."""
    schema = model.model_json_schema()
    sections = [_section(model.__name__, schema)]
    sections.extend(_section(name, d) for name, d in schema.get("$defs", {}).items())
    return sections


def format_reference() -> dict[str, list[Section]]:
    """Both files trainers edit: a scenario and the principles catalogue."""
    return {"scenario": reference(Scenario), "catalogue": reference(Catalogue)}
