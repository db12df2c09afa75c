"""Stage 2b: validate a loaded document against a model, with messages a trainer can act on.

pydantic reports errors at a ``loc`` path such as ``('steps', 1, 'choices', 0,
'next')``; :class:`~generator.load.Document` knows where each path stands in the
file, and :func:`describe` turns the path into words ("choice 1 of step 'x'").
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import ContentError, Diagnostic, did_you_mean
from generator.load import Document, Loc
from generator.model import MAX_WEIGHT, MIN_WEIGHT

M = TypeVar("M", bound=BaseModel)

_ITEM_NAMES = {"steps": "step", "choices": "choice", "endings": "ending", "tiers": "tier",
               "stories": "story", "principles": "principle", "goals": "goal",
               "questions": "question", "caps": "cap"}
_YAML_TYPES = {bool: "a true/false value", int: "a number", float: "a number",
               type(None): "empty", date: "a date", datetime: "a date and time"}


def parse(doc: Document, model: type[M]) -> M:
    """Validate ``doc.data`` as ``model``; raise :class:`ContentError` listing every problem."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        found = {_diagnose(doc, model, e) for e in errors if e["type"] != "missing"}
        found.update(_missing(doc, [e for e in errors if e["type"] == "missing"]))
        raise ContentError(sorted(found)) from exc


def _missing(doc: Document, errors: list[ErrorDetails]) -> list[Diagnostic]:
    """One message per mapping that lacks keys, naming all of them."""
    by_parent: dict[Loc, list[str]] = {}
    for error in errors:
        loc: Loc = tuple(k for k in error["loc"] if isinstance(k, str | int))
        by_parent.setdefault(loc[:-1], []).append(str(loc[-1]))
    found = []
    for parent, keys in by_parent.items():
        line, col = doc.where(parent)
        names = ", ".join(f"'{k}'" for k in keys)
        plural = "s" if len(keys) > 1 else ""
        found.append(Diagnostic(doc.path, line, col,
                                f"{describe(parent, doc.data)} is missing the key{plural} {names}"))
    return found


def describe(loc: Loc, data: Any) -> str:
    """Words for a path, e.g. ``('steps', 1, 'choices', 0, 'next')``.

    That one reads "'next' of choice 1 of step 'x'" when step 2 has the id 'x'.
    """
    parts: list[str] = []
    node = data
    field = ""
    for i, key in enumerate(loc):
        if isinstance(key, int) and i and isinstance(loc[i - 1], str):
            item = node[key] if isinstance(node, list) and key < len(node) else None
            name = _ITEM_NAMES.get(str(loc[i - 1]), "item")
            ident = item.get("id") if isinstance(item, dict) else None
            label = f"{name} '{ident}'" if isinstance(ident, str) else f"{name} {key + 1}"
            parts.insert(0, label)
            field = ""
        else:
            field = str(key)
        node = _child(node, key)
    if field and (not parts or loc[-1] == field):
        parts.insert(0, f"'{field}'")
    return " of ".join(parts) if parts else "the file"


def _child(node: Any, key: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and key < len(node):
        return node[key]
    return None


def _diagnose(doc: Document, model: type[BaseModel], error: ErrorDetails) -> Diagnostic:
    loc: Loc = tuple(k for k in error["loc"] if isinstance(k, str | int))
    kind = error["type"]
    where = describe(loc, doc.data)
    hint = ""
    if kind == "extra_forbidden":
        line, col = doc.where(loc, key=True)
        parent = describe(loc[:-1], doc.data)
        message = f"unknown key '{loc[-1]}' in {parent}"
        hint = did_you_mean(str(loc[-1]), _fields_at(model, loc[:-1]))
        return Diagnostic(doc.path, line, col, message, hint)
    line, col = doc.where(loc)
    if kind in {"string_type", "string_too_short"} and loc in doc.sources:
        written = doc.sources[loc]
        read_as = _YAML_TYPES.get(type(error["input"]), "not text")
        message = f"{where} must be text, but YAML reads '{written}' as {read_as}"
        hint = f'put it in quotes: "{written}"'
    elif kind == "value_error":
        message = f"{where}: {error.get('ctx', {}).get('error', error['msg'])}"
    elif kind == "string_type":
        message = f"{where} must be text"
    elif kind == "string_too_short":
        message = f"{where} must not be empty"
    elif kind == "string_pattern_mismatch":
        message = f"{where} must be an id such as 'fridge-swap', not {error['input']!r}"
        hint = "use lowercase letters, digits and single hyphens"
    elif kind in {"int_type", "greater_than_equal", "less_than_equal"} and "effects" in loc:
        message = f"the weight of {where} must be a whole number from {MIN_WEIGHT} to {MAX_WEIGHT}"
    elif kind in {"list_type", "dict_type", "model_type"}:
        shape = {"list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping"}[kind]
        message = f"{where} must be {shape} (key: value lines)" if shape != "a list" \
            else f"{where} must be a list (lines starting with '- ')"
    elif kind == "too_short":
        message = f"{where} needs at least {error.get('ctx', {}).get('min_length', 1)} item(s)"
    else:
        message = f"{where}: {error['msg'][0].lower()}{error['msg'][1:]}"
    return Diagnostic(doc.path, line, col, message, hint)


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model that sits at ``loc`` (for did-you-mean)."""
    current: Any = model
    for key in loc:
        if isinstance(key, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(key)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
