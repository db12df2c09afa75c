"""Which statements count, and what they count for.

Only the statements the player's xAPI adapter makes count (README: "The
profile"): ``answered`` on a step of one of our scenarios, and ``completed``
of one of our scenarios, under the site's activity ids. Everything else is
skipped and counted by reason: malformed (not a statement, wrong types),
duplicate (an id seen before), hostile (markup or a huge string anywhere),
foreign (another verb, another site's activities) and unknown (a scenario,
step, choice or tier our files do not have). ``passed`` and ``failed`` repeat
``completed``: they are read and not counted again.

Nothing a statement says is kept as text: a decision counts for a choice
identified by its index in our file, a run for a tier id of our catalogue;
the actor is only a key to group a learner's runs, never shown.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.model import Catalogue, Scenario

VERBS = "http://adlnet.gov/expapi/verbs/"
EXT = "urn:service-scenarios:xapi:"
OURS = frozenset(VERBS + v for v in ("answered", "completed", "passed", "failed"))
"""The verbs the adapter sends; any other is foreign."""
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript:|&#", re.IGNORECASE)
"""What an HTML or script payload needs; no field of ours holds it (ids are URLs and slugs)."""
MAX_STRING = 2000
"""Longer than any field the adapter writes (the response's text is cut at 500)."""
MAX_TEXT = 500
MAX_NODES = 2000
MAX_DEPTH = 16


class Skip(Exception):
    """A statement that does not count; ``reason`` is what the summary calls it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Run:
    """One run (``context.registration``): whose it is, its decisions, whether it ended."""

    learner: str
    picks: list[tuple[str, int]] = field(default_factory=list)
    completed: bool = False


@dataclass
class ScenarioTally:
    choices: Counter[tuple[str, int]] = field(default_factory=Counter)
    """(step id, choice index) -> decisions."""
    tiers: Counter[str] = field(default_factory=Counter)
    """tier id -> completed runs."""
    runs: dict[str, Run] = field(default_factory=dict)


@dataclass
class Tally:
    scenarios: dict[str, ScenarioTally]
    read: int = 0
    decisions: int = 0
    completions: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """``skipped 3 statements: 2 malformed, 1 unknown choice`` (or nothing skipped)."""
        total = sum(self.skipped.values())
        if not total:
            return "skipped no statements"
        reasons = sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0]))
        return (f"skipped {total} statement{'s' * (total != 1)}: "
                + ", ".join(f"{n} {reason}" for reason, n in reasons))


def tally(statements: Iterable[Any], scenarios: Iterable[Scenario], catalogue: Catalogue,
          activities: str) -> Tally:
    """Count ``statements`` against our scenarios; ``activities`` is the base of the ids."""
    ours = {s.id: s for s in scenarios}
    done = Tally({sid: ScenarioTally() for sid in ours})
    tiers = {t.id for t in catalogue.tiers}
    seen: set[str] = set()
    base = activities.rstrip("/") + "/scenarios/"
    for statement in statements:
        done.read += 1
        try:
            _count(statement, done, ours, tiers, seen, base)
        except Skip as skip:
            done.skipped[skip.reason] += 1
    return done


def _count(s: Any, done: Tally, ours: dict[str, Scenario], tiers: set[str], seen: set[str],
           base: str) -> None:
    if not isinstance(s, dict):
        raise Skip("malformed")
    _screen(s)
    ident = s.get("id")
    if not isinstance(ident, str) or not UUID.fullmatch(ident):
        raise Skip("malformed")
    if ident.lower() in seen:
        raise Skip("duplicate")
    seen.add(ident.lower())
    verb, target = _get(s, "verb", "id"), _get(s, "object", "id")
    actor, result = s.get("actor"), s.get("result")
    registration = _get(s, "context", "registration")
    if not (isinstance(verb, str) and isinstance(target, str) and isinstance(actor, dict)):
        raise Skip("malformed")
    if verb not in OURS:
        raise Skip("foreign verb")
    if not target.startswith(base):
        raise Skip("foreign activity")
    if not isinstance(result, dict) or not isinstance(registration, str) \
            or not UUID.fullmatch(registration):
        raise Skip("malformed")
    parts = target[len(base):].split("/")
    if not all(SLUG.fullmatch(p) for p in parts) or len(parts) > 2:
        raise Skip("foreign activity")
    scenario = ours.get(parts[0])
    if scenario is None:
        raise Skip("unknown scenario")
    if verb == VERBS + "answered":
        if len(parts) != 2:
            raise Skip("malformed")
        pick = _decision(target, parts[1], result, scenario)
        tallied = done.scenarios[scenario.id]
        tallied.choices[pick] += 1
        _run(tallied, registration, actor).picks.append(pick)
        done.decisions += 1
        return
    if len(parts) != 1 or result.get("completion") is not True:
        raise Skip("malformed")
    tier = _get(result, "extensions", EXT + "tier")
    raw = _get(result, "score", "raw")
    if not isinstance(tier, str) or isinstance(raw, bool) or not isinstance(raw, int | float) \
            or not 0 <= raw <= 100:
        raise Skip("malformed")
    if tier not in tiers:
        raise Skip("unknown tier")
    if verb == VERBS + "completed":  # passed or failed: the same run, told again
        tallied = done.scenarios[scenario.id]
        tallied.tiers[tier] += 1
        _run(tallied, registration, actor).completed = True
        done.completions += 1


def _decision(target: str, step_id: str, result: dict[str, Any],
              scenario: Scenario) -> tuple[str, int]:
    extensions = result.get("extensions")
    if not isinstance(extensions, dict):
        raise Skip("malformed")
    choice, response, text = (extensions.get(EXT + "choice"), result.get("response"),
                              extensions.get(EXT + "text"))
    if not isinstance(choice, str) or not choice.startswith(target + "/"):
        raise Skip("malformed")
    index = choice[len(target) + 1:]
    if not re.fullmatch(r"0|[1-9][0-9]{0,3}", index) or (
            response is not None and response != index) or (
            text is not None and not isinstance(text, str)):
        raise Skip("malformed")
    step = next((st for st in scenario.steps if st.id == step_id), None)
    if step is None:
        raise Skip("unknown step")
    if int(index) >= len(step.choices):
        raise Skip("unknown choice")
    # The response's text may hold markup only if our own response does (it is never shown).
    if text is not None and (len(text) > MAX_TEXT or (MARKUP.search(text)
                             and text != step.choices[int(index)].response[:MAX_TEXT])):
        raise Skip("hostile")
    return step_id, int(index)


def _run(tallied: ScenarioTally, registration: str, actor: dict[str, Any]) -> Run:
    found = tallied.runs.get(registration)
    if found is None:
        found = tallied.runs[registration] = Run(json.dumps(actor, sort_keys=True))
    return found


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _screen(statement: dict[str, Any]) -> None:
    """Skip a statement with markup or a huge string in any key or value, or a deep or
    sprawling structure (walked without recursion). The text extension is checked
    later against our own response."""
    answered = _get(statement, "verb", "id") == VERBS + "answered"
    text = _get(statement, "result", "extensions", EXT + "text") if answered else None
    todo: list[tuple[Any, int]] = [(statement, 0)]
    nodes = 0
    while todo:
        value, depth = todo.pop()
        nodes += 1
        if nodes > MAX_NODES or depth > MAX_DEPTH:
            raise Skip("hostile")
        if isinstance(value, dict):
            todo.extend((k, depth + 1) for k in value)
            todo.extend((v, depth + 1) for v in value.values() if v is not text)
        elif isinstance(value, list):
            todo.extend((v, depth + 1) for v in value)
        elif isinstance(value, str) and (len(value) > MAX_STRING or MARKUP.search(value)):
            raise Skip("hostile")
