"""The format reference of the authoring guide, generated from the pydantic JSON Schema.

Generating it means the guide cannot drift from what ``check`` accepts: a new
field or a changed limit shows up in the next build. The words are the
site language's (the ``trainer`` section of the interface strings); the English
catalogue's descriptions are the model's own, which a test keeps equal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import reduce
from typing import Any

from pydantic import BaseModel

from generator.model import Catalogue, Scenario
from generator.render.catalogue import Entry, text


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


Words = Mapping[str, Entry]
"""The ``trainer`` section of the interface strings: the type words (``kind...``),
``default``, and a description per section (``ref.Scenario``) and field
(``ref.Scenario.id``)."""


def _word(words: Words, key: str, **values: object) -> str:
    return text(words[key]).format(**values)


def _kind(prop: dict[str, Any], words: Words) -> str:
    """A trainer's words for a property's type: 'Markdown text', 'list of Step', ..."""
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in prop:
        kinds = [_kind(p, words) for p in prop["anyOf"] if p.get("type") != "null"]
        either = reduce(lambda a, b: _word(words, "kindEither", first=a, second=b), kinds)
        return _word(words, "kindOptional", kind=either)
    if "enum" in prop:
        return _word(words, "kindOneOf", values=", ".join(f"'{v}'" for v in prop["enum"]))
    if "const" in prop:
        return f"'{prop['const']}'"
    kind = prop.get("type", "any")
    if kind == "array":
        return _word(words, "kindList", kind=_kind(prop.get("items", {}), words))
    if kind == "object":
        inner = next(iter(prop.get("patternProperties", {}).values()), None)
        return (_word(words, "kindMapOf", kind=_kind(inner, words)) if inner
                else _word(words, "kindMap"))
    if kind == "string":
        if prop.get("format") == "markdown":
            return _word(words, "kindMarkdown")
        return _word(words, "kindSlug" if "pattern" in prop else "kindPlain")
    if kind == "integer":
        low, high = prop.get("minimum"), prop.get("maximum")
        if low is not None and high is not None:
            return _word(words, "kindWholeRange", low=low, high=high)
        return _word(words, "kindWhole")
    return str(kind)


def _plain(text: object) -> str:
    """Docstring markup to plain text on one line: ``x`` (reStructuredText) and `x`
    become 'x'."""
    return " ".join(re.sub(r"`{1,2}([^`]+)`{1,2}", r"'\1'", str(text)).split())


def described(key: str, schema: dict[str, Any], words: Words) -> str:
    """The catalogue's description of a section or field (``ref.Step.id``); the
    model's own (English) where the catalogue has none, so a new field is never
    left blank."""
    return text(words[key]) if key in words else _plain(schema.get("description", ""))


def _section(name: str, schema: dict[str, Any], words: Words) -> Section:
    required = set(schema.get("required", []))
    fields = []
    for key, prop in schema.get("properties", {}).items():
        description = described(f"ref.{name}.{key}", prop, words)
        if "default" in prop and prop["default"] not in (None, [], {}):
            description = f"{description} {_word(words, 'default', value=prop['default'])}"
        fields.append(Field(key, _kind(prop, words), key in required, description.strip()))
    return Section(name, described(f"ref.{name}", schema, words), fields)


def reference(model: type[BaseModel], words: Words) -> list[Section]:
    """The model first, then every nested definition in the order it is first used."""
    schema = model.model_json_schema()
    sections = [_section(model.__name__, schema, words)]
    sections.extend(_section(name, d, words) for name, d in schema.get("$defs", {}).items())
    return sections


def format_reference(words: Words) -> dict[str, list[Section]]:
    """Both files trainers edit: a scenario and the principles catalogue, in the words
    of the ``trainer`` section of the interface strings."""
    return {"scenario": reference(Scenario, words), "catalogue": reference(Catalogue, words)}
