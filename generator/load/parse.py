"""Stage 2b: validate a loaded document against a model, with messages a trainer can act on.

pydantic reports errors at a ``loc`` path such as ``('steps', 1, 'choices', 0,
'next')``; :class:`~generator.load.Document` knows where each path stands in the
file, and :func:`describe` turns the path into words ("choice 1 of step 'x'").
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import ContentError, Diagnostic, did_you_mean
from generator.load import Document, Loc
from generator.model import FINGERPRINT_PATTERN, MAX_WEIGHT, MIN_WEIGHT

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
        # A misspelt key is one mistake: report it at the key, not also the key it
        # should have been as missing (at the start of the mapping, lines away).
        meant = {(*_loc(e)[:-1], _meant(model, _loc(e))) for e in errors
                 if e["type"] == "extra_forbidden"}
        found = {_diagnose(doc, model, e) for e in errors if e["type"] != "missing"}
        found.update(_missing(doc, [e for e in errors
                                    if e["type"] == "missing" and _loc(e) not in meant]))
        raise ContentError(sorted(found)) from exc


def _loc(error: ErrorDetails) -> Loc:
    return tuple(k for k in error["loc"] if isinstance(k, str | int))


_ODD_SPACES = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u200b\u202f\u205f\u3000\ufeff"
"""White space that can stick to a key pasted from a web page or a word processor."""


def _meant(model: type[BaseModel], loc: Loc) -> str:
    """The field an unknown key at ``loc`` was meant to be, or ''."""
    fields = _fields_at(model, loc[:-1])
    key = str(loc[-1])
    if key.strip(_ODD_SPACES) in fields:
        return key.strip(_ODD_SPACES)
    close = did_you_mean(key, fields)
    return close.split("'")[1] if close else ""


def _missing(doc: Document, errors: list[ErrorDetails]) -> list[Diagnostic]:
    """One message per mapping that lacks keys, naming all of them."""
    by_parent: dict[Loc, list[str]] = {}
    for error in errors:
        loc = _loc(error)
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
        elif isinstance(key, str) and i and str(loc[i - 1]) in _ITEM_NAMES \
                and isinstance(node, dict):
            # A translation keys steps, endings, tiers, ... by the source's ids.
            parts.insert(0, f"{_ITEM_NAMES[str(loc[i - 1])]} '{key}'")
            field = ""
        else:
            field = str(key)
        node = _child(node, key)
    if len(loc) > 1 and loc[-1] in {"text", "source"} and isinstance(loc[-2], str):
        parts.insert(0, f"'{loc[-2]}'")  # a translated field's text or fingerprint
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
    loc = _loc(error)
    kind = error["type"]
    where = describe(loc, doc.data)
    hint = ""
    if kind == "extra_forbidden":
        return _unknown_key(doc, model, loc)
    line, col = doc.where(loc)
    if kind == "string_type" and error["input"] is None and doc.sources.get(loc) == "":
        message = f"{where} has no value"
        hint = f"write it after '{loc[-1]}:'" if isinstance(loc[-1], str) else "write it"
    elif kind in {"string_type", "string_too_short"} and loc in doc.sources:
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
    elif kind == "string_pattern_mismatch" and \
            error.get("ctx", {}).get("pattern") == FINGERPRINT_PATTERN:
        message = f"{where} must be the fingerprint of the source text (8 of 0-9, a-f) " \
            f"or 'new', not {error['input']!r}"
        hint = "write 'new', and run 'python -m generator translate accept' after review"
    elif kind == "string_pattern_mismatch":
        message, hint = _bad_id(where, str(error["input"]))
    elif kind == "int_type" and "effects" in loc and isinstance(error["input"], str) \
            and re.fullmatch(r"\s*[-+]?\d+\s*", error["input"]):
        written = error["input"].strip()
        message = f"the weight of {where} is the text \"{written}\" in quotes, not a number"
        hint = f"remove the quotes: {loc[-1]}: {written}"
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


def _unknown_key(doc: Document, model: type[BaseModel], loc: Loc) -> Diagnostic:
    line, col = doc.where(loc, key=True)
    parent = describe(loc[:-1], doc.data)
    key = str(loc[-1])
    meant = _meant(model, loc)
    if meant and meant == key.strip(_ODD_SPACES):
        odd = next(c for c in key if c in _ODD_SPACES)
        label = unicodedata.name(odd, "space").lower()
        return Diagnostic(doc.path, line, col, f"the key '{meant}' in {parent} has a {label} "
                          "stuck to it", "delete it; it was probably pasted from a web page")
    hint = f"did you mean '{meant}'?" if meant else ""
    return Diagnostic(doc.path, line, col, f"unknown key '{key}' in {parent}", hint)


def _bad_id(where: str, written: str) -> tuple[str, str]:
    """Name what is wrong with an id, and offer the id it could be."""
    suggestion = "-".join(re.findall(r"[a-z0-9]+", _ascii(written).lower()))
    offer = f"; write it as '{suggestion}'" if suggestion else ""
    odd = sorted({c for c in written if not re.fullmatch(r"[A-Za-z0-9-]", c)},
                 key=written.index)
    if odd:
        shown = ", ".join("a space" if c == " " else f"'{c}'" for c in odd)
        return (f"{where} must be an id, and {shown} cannot be part of one: {written!r}",
                f"use only a-z, 0-9 and single hyphens{offer}")
    return (f"{where} must be an id such as 'fridge-swap', not {written!r}",
            f"use lowercase letters, digits and single hyphens{offer}")


_LETTERS = {"æ": "ae", "ø": "o", "ß": "ss", "œ": "oe", "ð": "d", "þ": "th", "ł": "l",
            "Æ": "AE", "Ø": "O", "Œ": "OE"}


def _ascii(text: str) -> str:
    """Nordic and accented letters as their usual ASCII spelling (fjæra -> fjaera)."""
    spelt = "".join(_LETTERS.get(c, c) for c in text)
    return unicodedata.normalize("NFKD", spelt).encode("ascii", "ignore").decode()


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
