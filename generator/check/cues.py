"""Answer cues: ways a scenario gives its answer away to a learner who does not understand it.

Each check returns warnings at the place to fix. They run on scenarios whose
graph is sound (``lint`` calls :func:`cues` after its structural checks).
The authoring guide explains each warning and its fix; keep the two in step.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator

from generator.check.score import ScenarioScore, choice_value
from generator.check.strategies import surface_outcomes
from generator.errors import Diagnostic
from generator.load import Document, Loc
from generator.model import Catalogue, Scenario, Tier

LENGTH_RATIO = 1.5
"""A best response longer than this times its shortest alternative stands out."""

SHARED_RUN = 6
"""A goal that shares this many consecutive words with a response quotes it."""

SIMILARITY = 0.75
"""A goal whose words are this similar to a response's (difflib ratio) repeats it."""

OPEN, CLOSE = '"\u201c\u2018', '"\u201d\u2019'
"""Quotation marks around a tier name: straight, and typographic opening and closing."""

TIER_FIELDS = ("situation", "response", "consequence", "feedback")

STRATEGY_WORDS = {"longest": "always picking the longest response",
                  "shortest": "always picking the shortest response"}


def cues(doc: Document, scenario: Scenario, score: ScenarioScore,
         catalogue: Catalogue) -> Iterator[Diagnostic]:
    """Every answer-cue warning of one scenario."""
    yield from _surface(doc, score, catalogue)
    yield from _long_best(doc, scenario)
    yield from _tier_names(doc, scenario, catalogue.tiers)
    yield from _quoted_goals(doc, scenario)


def settings(catalogue: Catalogue) -> dict[str, str]:
    """The thresholds in words, for the authoring guide."""
    return {"bar": good_enough(catalogue).name, "ratio": f"{LENGTH_RATIO:g}",
            "run": str(SHARED_RUN), "similarity": f"{SIMILARITY:.0%}"}


def good_enough(catalogue: Catalogue) -> Tier:
    """The lowest tier a surface strategy must not reach: the second highest."""
    return catalogue.tiers[max(1, len(catalogue.tiers) - 2)]


def _warn(doc: Document, loc: Loc, message: str, hint: str, *, key: bool = False) -> Diagnostic:
    line, column = doc.where(loc, key=key)
    return Diagnostic(doc.path, line, column, message, hint, "warning")


def _surface(doc: Document, score: ScenarioScore, catalogue: Catalogue) -> Iterator[Diagnostic]:
    bar = good_enough(catalogue)
    for name, outcome in surface_outcomes(score).items():
        if outcome.score >= bar.min:
            yield _warn(doc, ("steps",), f"{STRATEGY_WORDS[name]} scores {outcome.score} "
                        f"({outcome.tier.name}): a learner can win without understanding",
                        "give wrong responses the same length and care as the best one",
                        key=True)


def _long_best(doc: Document, scenario: Scenario) -> Iterator[Diagnostic]:
    for s, step in enumerate(scenario.steps):
        values = [choice_value(c) for c in step.choices]
        if len(set(values)) < 2:
            continue
        for c, choice in enumerate(step.choices):
            if values[c] != max(values):
                continue
            others = [len(o.response) for i, o in enumerate(step.choices) if i != c]
            ratio = len(choice.response) / max(1, min(others))
            if ratio > LENGTH_RATIO:
                yield _warn(doc, ("steps", s, "choices", c, "response"),
                            f"the best-scoring response of step '{step.id}' is {ratio:.1f}x as "
                            f"long as the shortest other one: length gives the answer away",
                            f"keep each response within {LENGTH_RATIO}x of the others; "
                            "shorten it or make the others as specific")


@functools.lru_cache(maxsize=8)
def _tier_pattern(names: tuple[str, ...], ids: tuple[str, ...]) -> re.Pattern[str]:
    """A tier named as a tier: 'Star level', 'the Good tier', 'tier: Minimum', "'Star'",
    'Bad profit' (names of two words or more anywhere), 'bad-profit' (ids with a hyphen)."""
    names = tuple(sorted(set(names), key=len, reverse=True))
    one = "|".join(re.escape(n) for n in names)
    parts = [rf"\b(?:{one})\s+(?:level|tier|ending|result)\b",
             rf"\b(?:level|tier)\s*:?\s*[{OPEN}']?(?:{one})\b",
             rf"[{OPEN}](?:{one})[{CLOSE}]"]
    many = [re.escape(n).replace(r"\ ", r"\s+") for n in names if len(n.split()) > 1]
    many += [re.escape(i) for i in ids if "-" in i]
    if many:
        parts.append(rf"\b(?:{'|'.join(many)})\b")
    return re.compile("|".join(parts), re.IGNORECASE)


def _tier_names(doc: Document, scenario: Scenario, tiers: list[Tier]) -> Iterator[Diagnostic]:
    pattern = _tier_pattern(tuple(t.name for t in tiers), tuple(t.id for t in tiers))
    # Every match contains a tier's first word or its id: a cheap test first.
    words = {t.name.split()[0].lower() for t in tiers} | {t.id for t in tiers}
    for s, step in enumerate(scenario.steps):
        texts: list[tuple[Loc, str]] = [(("steps", s, "situation"), step.situation)]
        for c, choice in enumerate(step.choices):
            texts += [(("steps", s, "choices", c, f), getattr(choice, f)) for f in TIER_FIELDS[1:]]
        for loc, text in texts:
            lowered = text.lower()
            found = any(w in lowered for w in words) and pattern.search(text)
            if found:
                yield _warn(doc, loc, f"'{loc[-1]}' of step '{step.id}' names a tier "
                            f"('{' '.join(found.group().split())}'): it tells the learner the "
                            "score before the end", "describe what happens; the review shows "
                            "the tier")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:'\w+)?", text.lower())


def _quoted_goals(doc: Document, scenario: Scenario) -> Iterator[Diagnostic]:
    responses = [(step.id, _words(c.response)) for step in scenario.steps for c in step.choices]
    for g, goal in enumerate(scenario.goals):
        words = _words(goal)
        for step_id, response in responses:
            match = difflib.SequenceMatcher(None, words, response, autojunk=False)
            # quick_ratio bounds the ratio and, through it, the words in common.
            bound = match.quick_ratio()
            if bound < SIMILARITY and bound * (len(words) + len(response)) / 2 < SHARED_RUN:
                continue
            run = max(block.size for block in match.get_matching_blocks())
            if run >= SHARED_RUN or match.ratio() >= SIMILARITY:
                yield _warn(doc, ("goals", g), f"goal {g + 1} repeats a response of step "
                            f"'{step_id}' nearly word for word: it shows the answer",
                            "say what the learner should be able to do, not what to say")
                break
