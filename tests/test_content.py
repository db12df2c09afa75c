"""The shipped scenarios meet the content bar trainers were promised (issue 3)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.check import CheckResult, run_check

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def shipped() -> CheckResult:
    return run_check([ROOT / "scenarios"])


def test_check_is_clean_without_warnings(shipped: CheckResult) -> None:
    assert [d.format() for d in shipped.diagnostics] == []


def test_every_principle_is_trained_by_two_scenarios(shipped: CheckResult) -> None:
    trained = Counter(p for s in shipped.project.scenarios
                      for p in {name for step in s.steps for c in step.choices
                                for name in c.effects})
    thin = {p.id: trained[p.id] for p in shipped.project.catalogue.principles
            if trained[p.id] < 2}
    assert thin == {}


def test_every_story_is_retold(shipped: CheckResult) -> None:
    told = {s.story for s in shipped.project.scenarios}
    assert told == {s.id for s in shipped.project.catalogue.stories}


def test_every_scenario_can_end_in_two_tiers(shipped: CheckResult) -> None:
    narrow = [ident for ident, score in shipped.scores.items() if len(score.tiers_reachable) < 2]
    assert narrow == []


def test_every_decision_offers_three_choices(shipped: CheckResult) -> None:
    few = [f"{s.id}/{step.id}" for s in shipped.project.scenarios for step in s.steps
           if len(step.choices) < 3]
    assert few == []


def test_partner_track_is_short(shipped: CheckResult) -> None:
    partners = [s for s in shipped.project.scenarios if s.audience == "partners"]
    assert len(partners) >= 3
    for scenario in partners:
        assert scenario.minutes <= 2, scenario.id
        longest = max(len(scenario.steps[0].situation.split()), *(
            len(step.situation.split()) for step in scenario.steps))
        assert longest <= 60, f"{scenario.id}: a situation of {longest} words won't fit a phone"
        assert sum(1 for _ in scenario.steps) <= 3, scenario.id


def test_trampoline_recovery_ladder_maps_onto_tiers(shipped: CheckResult) -> None:
    """Apology only = Minimum; free shipping, gift or discount = Good; better model = Star."""
    scenario = next(s for s in shipped.project.scenarios if s.id == "trampoline-promise")
    declared = {e.tier for e in scenario.endings}
    assert {"minimum", "good", "star"} <= declared
