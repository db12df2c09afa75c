"""The translation formats: only text, keyed to the source's ids, each with a fingerprint.

A translation of ``scenarios/<id>.yaml`` into Swedish is ``scenarios/sv/<id>.yaml``
(and of the catalogue, ``scenarios/sv/principles.yaml``): one folder per language,
as Material builds one site per language. It holds no ids to invent, no ``next``
and no effects, so its structure cannot drift from the source; steps, endings,
tiers, stories and principles are keyed by the source's ids, and choices, goals
and questions are lists in the source's order.

Every translated field is a mapping of the ``text`` and the ``source`` fingerprint
of the source text it translates (gettext's fuzzy flag, MDN's source commit): when
the source text changes, the fingerprints differ and ``check`` warns that the
translation is stale. Eight hex digits on a line of their own show in a git diff
exactly where a reviewed translation was accepted.
"""

from __future__ import annotations

import hashlib
import itertools
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, Field, StringConstraints

from generator.load import Loc
from generator.model import FINGERPRINT_PATTERN, Catalogue, Markdown, Scenario, Slug, _Strict

UNREVIEWED = "new"
"""The ``source`` of a text added by hand: stale until a reviewer accepts it."""
M = TypeVar("M", Scenario, Catalogue)

Fingerprint = Annotated[
    str,
    StringConstraints(pattern=FINGERPRINT_PATTERN),
    Field(description="The fingerprint of the source text this translates, or 'new' for "
          "a text added by hand; `python -m generator translate accept` updates it after "
          "review."),
]


def fingerprint(text: str) -> str:
    """A short hash of a source text: eight hex digits, stable across machines."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


class Translated(_Strict):
    """One translated text and the fingerprint of the source text it translates."""

    text: Markdown = Field(description="The translation (Markdown where the source allows it).")
    source: Fingerprint


class RolesText(_Strict):
    learner: Translated
    customer: Translated


class ChoiceText(_Strict):
    response: Translated
    consequence: Translated
    feedback: Translated


class StepText(_Strict):
    situation: Translated
    choices: list[ChoiceText] = Field(description="Every choice of the step, in its order.")


class EndingText(_Strict):
    title: Translated
    debrief: Translated


class ScenarioTranslation(_Strict):
    """The texts of one scenario in one language (``scenarios/<language>/<id>.yaml``)."""

    title: Translated
    summary: Translated
    roles: RolesText
    setting: Translated
    goals: list[Translated] = Field(description="Every goal, in the source's order.")
    steps: dict[Slug, StepText] = Field(description="Step id -> its texts.")
    endings: dict[Slug, EndingText] = Field(description="Ending id -> its texts.")
    questions: list[Translated] = Field(description="Every question, in the source's order.")


class TierText(_Strict):
    name: Translated
    description: Translated


class StoryText(_Strict):
    title: Translated
    summary: Translated


class PrincipleText(_Strict):
    name: Translated
    statement: Translated
    explanation: Translated


class CatalogueTranslation(_Strict):
    """The catalogue's texts in one language (``scenarios/<language>/principles.yaml``)."""

    tiers: dict[Slug, TierText] = Field(description="Tier id -> its texts.")
    stories: dict[Slug, StoryText] = Field(description="Story id -> its texts.")
    principles: dict[Slug, PrincipleText] = Field(description="Principle id -> its texts.")


TextField = tuple[Loc, Loc, str]
"""Where a text stands in the translation, where it stands in the source, and the text."""

_TEXTS: dict[str, tuple[str, ...]] = {
    "roles": ("learner", "customer"), "steps": ("situation",),
    "choices": ("response", "consequence", "feedback"), "endings": ("title", "debrief"),
    "tiers": ("name", "description"), "stories": ("title", "summary"),
    "principles": ("name", "statement", "explanation"),
}
_BY_ID = ("steps", "endings", "tiers", "stories", "principles")
"""Lists of the source whose items the translation keys by id."""


def text_fields(source: Scenario | Catalogue) -> list[TextField]:
    """Every text of ``source`` a translation must hold, in the source's order."""
    data = source.model_dump(exclude_defaults=False)
    keys = ("title", "summary", "roles", "setting", "goals", "steps", "endings", "questions") \
        if isinstance(source, Scenario) else ("tiers", "stories", "principles")
    found: list[TextField] = []
    for key in keys:
        _walk(key, data[key], (key,), (key,), found)
    return found


def _walk(key: str, value: Any, tloc: Loc, sloc: Loc, found: list[TextField]) -> None:
    if isinstance(value, str):
        found.append((tloc, sloc, value))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            ident = (item["id"],) if key in _BY_ID else (i,)
            for name in _TEXTS.get(key, ()):
                _walk(name, item[name], (*tloc, *ident, name), (*sloc, i, name), found)
            if key == "steps":
                _walk("choices", item["choices"], (*tloc, *ident, "choices"),
                      (*sloc, i, "choices"), found)
            if key not in _TEXTS:  # goals, questions: the items are the texts
                _walk(key, item, (*tloc, i), (*sloc, i), found)
    elif isinstance(value, dict):  # roles
        for name in _TEXTS[key]:
            _walk(name, value[name], (*tloc, name), (*sloc, name), found)


def skeleton(source: Scenario | Catalogue) -> dict[str, Any]:
    """A translation that holds the source's own texts and their fingerprints."""
    root: dict[str, Any] = {}
    for tloc, _, text in text_fields(source):
        _put(root, tloc, {"text": text, "source": fingerprint(text)})
    return root


def _put(root: dict[str, Any], loc: Loc, value: Any) -> None:
    node: Any = root
    for key, following in itertools.pairwise(loc):
        if isinstance(node, list):
            while len(node) <= int(key):
                node.append({})
            node = node[int(key)]
            continue
        node = node.setdefault(key, [] if isinstance(following, int) else {})
    if isinstance(node, list):
        node.append(value)
    else:
        node[loc[-1]] = value


def get(data: Any, loc: Loc) -> Any:
    """The value at ``loc`` of plain data, or None when it is not there."""
    for key in loc:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and key < len(data):
            data = data[key]
        else:
            return None
    return data


def merged(source: M, translation: BaseModel) -> M:
    """The source with every text replaced by its translation: same ids, same graph."""
    data = source.model_dump()
    texts = translation.model_dump()
    for tloc, sloc, _ in text_fields(source):
        found = get(texts, tloc)
        if isinstance(found, dict):
            parent = get(data, sloc[:-1])
            parent[sloc[-1]] = found["text"]
    return type(source).model_validate(data)
