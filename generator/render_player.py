"""The player's data: what ``data-model`` carries to the browser for one scenario.

Structure and weights only; the texts stay in the page's static case, which the
player clones. Everything the player computes (score, caps, tier) must equal
:mod:`generator.score`; the browser tests compare the two.
"""

from __future__ import annotations

from typing import Any

from generator.model import Catalogue, Scenario
from generator.score import ScenarioScore


def player_model(scenario: Scenario, score: ScenarioScore, catalogue: Catalogue) -> dict[str, Any]:
    """The player's data: structure and weights only; the texts stay in the page."""
    used = {p for step in scenario.steps for c in step.choices for p in c.effects}
    best = score.best_paths()[0]
    return {
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
    }
