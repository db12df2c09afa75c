"""The player's data: what ``data-model`` carries to the browser for one scenario.

Structure and weights only; the texts stay in the page's static case, which the
player clones. Everything the player computes (score, caps, tier) must equal
:mod:`generator.check.score`; the browser tests compare the two.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from generator.check.score import ScenarioScore
from generator.model import Catalogue, Scenario


def remaining(score: ScenarioScore) -> dict[str, list[int]]:
    """Step id -> [fewest, most] steps still to play from it, itself included."""
    left: dict[str, tuple[int, int]] = {e: (0, 0) for e in score.endings}
    for node in reversed(score.order):
        if node in score.steps:
            after = [left[c.next] for c in score.steps[node].choices]
            left[node] = (1 + min(a[0] for a in after), 1 + max(a[1] for a in after))
    return {s.id: list(left[s.id]) for s in score.scenario.steps if s.id in left}


def version(model: dict[str, Any]) -> str:
    """A short fingerprint of the model: a run saved under another one is not resumed."""
    dumped = json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(dumped.encode("utf-8")).hexdigest()[:12]


def player_model(scenario: Scenario, score: ScenarioScore, catalogue: Catalogue) -> dict[str, Any]:
    """The player's data: structure and weights only; the texts stay in the page."""
    used = {p for step in scenario.steps for c in step.choices for p in c.effects}
    best = score.best_paths()[0]
    model: dict[str, Any] = {
        "id": scenario.id,
        "start": scenario.steps[0].id,
        "steps": {s.id: [{"next": c.next, "effects": c.effects} for c in s.choices]
                  for s in scenario.steps},
        "worst": score.worst,
        "best": score.best,
        "bestPath": [[p.step, p.choice] for p in best],
        "tiers": [t.model_dump() for t in catalogue.tiers],
        "principles": {p.id: p.name for p in catalogue.principles if p.id in used},
        # Capped principle id -> the highest score a path that violates it keeps.
        "caps": score.ceilings,
        "remaining": remaining(score),
    }
    model["version"] = version(model)
    return model
