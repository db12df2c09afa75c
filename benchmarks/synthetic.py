"""Generate synthetic but valid projects of any size, for benchmarks and limit tests.

Every scenario has ``steps`` decisions of ``choices`` choices in a chain: the
best choice (the last in the file) leads to the next step, the others to an
early ending of that step, so every ending has one score and declares its tier.
Principles cycle through the real catalogue, responses are of equal length and
prose is of a realistic length, so builds measure the real work and ``check``
finds nothing to warn about. Every text
ends with a reference unique in the project ("Ref 12-7."), as real texts
would differ: a cache of rendered texts gets no unfair hits from the
repeated synthetic prose.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.check.score import ScenarioScore
from generator.model import Catalogue, Scenario

# libyaml's dumper when present: writing 1,000 files takes 1 s instead of 10.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "scenarios" / "principles.yaml"
WORDS = ("the customer waits at the counter while you check the order and explain "
         "what happened with the delivery and what you can do about it today").split()
GOAL_WORDS = "notice handle recover explain promise follow own thank ask keep".split()
RESPONSE_LENGTH = 80
"""Every response has exactly this many characters: length gives nothing away."""


def _prose(seed: int, words: int, vocabulary: tuple[str, ...] | list[str] = WORDS) -> str:
    return " ".join(vocabulary[(seed + i) % len(vocabulary)]
                    for i in range(words)).capitalize() + "."


def scenario(
    index: int, principles: list[str], story: str, steps: int, choices: int
) -> dict[str, Any]:
    texts = itertools.count()

    def prose(seed: int, words: int) -> str:
        return f"{_prose(seed, words)} Ref {index}-{next(texts)}."

    def choice(s: int, c: int) -> dict[str, Any]:
        best = c == choices - 1
        # The wrong choices of a step share one principle, so each early ending has one score.
        principle = principles[(index + s * 2 + best) % len(principles)]
        response = f"{prose(s + c, 16)[:RESPONSE_LENGTH - 1]}.".ljust(RESPONSE_LENGTH, ".")
        return {"response": response, "consequence": prose(s + c + 1, 25),
                "feedback": prose(s + c + 2, 30), "effects": {principle: 2 if best else -2},
                "next": (f"step-{s + 1}" if s + 1 < steps else "end") if best else f"left-{s}"}

    data: dict[str, Any] = {
        "id": f"synthetic-{index:04d}", "title": f"Synthetic case {index}",
        "summary": prose(index, 15), "audience": "partners" if index % 5 == 0 else "employees",
        "minutes": 5, "story": story,
        "roles": {"learner": "Shop assistant", "customer": "A customer with a question"},
        "setting": prose(index, 60), "goals": [_prose(index, 6, GOAL_WORDS)],
        "steps": [{"id": f"step-{s}", "situation": prose(index + s, 50),
                   "choices": [choice(s, c) for c in range(choices)]} for s in range(steps)],
        "endings": [{"id": "end", "title": "It went well", "debrief": prose(index, 40)}] + [
            {"id": f"left-{s}", "title": f"It went wrong at step {s + 1}",
             "debrief": prose(index + s, 40)} for s in range(steps)],
        "questions": [prose(index, 12), prose(index + 1, 12)],
    }
    return data


def with_tiers(data: dict[str, Any], catalogue: Catalogue) -> dict[str, Any]:
    """``data`` with each ending's tier, as the engine scores the one path into it."""
    score = ScenarioScore(Scenario.model_validate(data), catalogue)
    for ending in data["endings"]:
        (only,) = score.scores_by_ending[ending["id"]]
        ending["tier"] = catalogue.tier_for(only).id
    return data


def write_project(folder: Path, count: int, steps: int = 5, choices: int = 3) -> Path:
    """Write the real catalogue and ``count`` synthetic scenarios into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(CATALOGUE, folder / "principles.yaml")
    catalogue = Catalogue.model_validate(yaml.safe_load(CATALOGUE.read_text(encoding="utf-8")))
    principles = [p.id for p in catalogue.principles]
    story = catalogue.stories[0].id
    for index in range(count):
        data = with_tiers(scenario(index, principles, story, steps, choices), catalogue)
        text = yaml.dump(data, Dumper=DUMPER, sort_keys=False, allow_unicode=True, width=100)
        (folder / f"{data['id']}.yaml").write_text(text, encoding="utf-8")
    return folder
