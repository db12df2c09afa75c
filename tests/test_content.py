"""The shipped scenarios meet the content bar trainers were promised (issue 3)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.check import CheckResult, run_check
from generator.check.score import Path as Path_
from generator.check.score import Pick, ScenarioScore
from generator.check.strategies import FILE_ORDER, STRATEGIES, follow

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


# Issue 10: the stories told true and the tiers meaning what they say.

LENGTH_SPREAD = 1.2
"""In every step the longest response is at most 20 % longer (in characters)
than the shortest, so length never points at the answer."""


def _paths(score: ScenarioScore) -> list[Path_]:
    """Every complete path of a scenario (the shipped graphs are small)."""
    found: list[Path_] = []

    def walk(node: str, path: Path_) -> None:
        if node not in score.steps:
            found.append(path)
            return
        for index, choice in enumerate(score.steps[node].choices):
            walk(choice.next, (*path, Pick(node, index)))

    walk(score.scenario.steps[0].id, ())
    return found


def _rank(shipped: CheckResult) -> dict[str, int]:
    return {t.id: i for i, t in enumerate(shipped.project.catalogue.tiers)}


def test_surface_strategies_stay_below_good(shipped: CheckResult) -> None:
    """Always longest, always shortest, always first or last in the file: none reaches Good."""
    good = next(t for t in shipped.project.catalogue.tiers if t.id == "good")
    winners = {f"{ident}: {name} scores {outcome.score}"
               for ident, score in shipped.scores.items()
               for name, strategy in {**STRATEGIES, **FILE_ORDER}.items()
               if (outcome := score.outcome(follow(score, strategy))).score >= good.min}
    assert winners == set()


def test_responses_of_a_step_are_of_similar_length(shipped: CheckResult) -> None:
    uneven = []
    for s in shipped.project.scenarios:
        for step in s.steps:
            lengths = [len(c.response) for c in step.choices]
            if max(lengths) > LENGTH_SPREAD * min(lengths):
                uneven.append(f"{s.id}/{step.id}: {lengths}")
    assert uneven == []


def test_every_ending_declares_its_tier(shipped: CheckResult) -> None:
    undeclared = [f"{s.id}/{e.id}" for s in shipped.project.scenarios for e in s.endings
                  if e.tier is None]
    assert undeclared == []


def test_safety_violations_never_end_above_minimum(shipped: CheckResult) -> None:
    rank = _rank(shipped)
    above = []
    for ident, score in shipped.scores.items():
        for path in _paths(score):
            outcome = score.outcome(path)
            if outcome.net.get("safety-first", 0) < 0 and rank[outcome.tier.id] > rank["minimum"]:
                above.append(f"{ident}: {path} scores {outcome.score}")
    assert above == []


def test_a_cracked_tv_left_boxed_scores_above_plugging_it_in(shipped: CheckResult) -> None:
    score = shipped.scores["damaged-box"]
    by_response = {score.steps[p[-1].step].choices[p[-1].choice].response: score.outcome(p).score
                   for p in _paths(score) if p[-1].step == "cracked-screen"}
    boxed = next(v for r, v in by_response.items() if "Tape the box shut" in r)
    plugged = next(v for r, v in by_response.items() if "plug it in" in r)
    assert boxed > plugged


def test_trampoline_ladder_holds_on_every_branch(shipped: CheckResult) -> None:
    """Whatever was said on Monday morning (including what the real shop said):
    an apology alone is Minimum, free shipping, a gift or 10 % off is Good, a better
    model at the same price is Star once the routine behind it is reported too."""
    score = shipped.scores["trampoline-promise"]
    rungs = {"wait or cancel": "minimum", "free shipping": "good", "bigger model": "star"}
    seen: dict[tuple[int, str], set[str]] = {}
    for path in _paths(score):
        recovery = score.steps[path[1].step].choices[path[1].choice]
        rung = next((tier for words, tier in rungs.items() if words in recovery.response), None)
        if rung is None:
            assert score.outcome(path).tier.id == "bad-profit", path
            continue
        fixed = sum(score.steps[p.step].choices[p.choice].effects.get("fix-the-routine", 0)
                    for p in path) > 0
        got = score.outcome(path).tier.id
        if rung != "star" or fixed:
            assert got == rung, (path, got)
        else:
            assert got == "good", (path, got)
        seen.setdefault((path[0].choice, rung), set()).add(got)
    first = len(score.scenario.steps[0].choices)
    assert {(b, r) for b in range(first) for r in rungs.values()} <= set(seen)


def test_fix_the_routine_is_trained_by_two_scenarios(shipped: CheckResult) -> None:
    training = {s.id for s in shipped.project.scenarios for step in s.steps
                for c in step.choices if "fix-the-routine" in c.effects}
    assert len(training) >= 2, training


def test_a_final_eye_roll_or_reprimand_never_ends_in_good(shipped: CheckResult) -> None:
    """Last impressions: rolling eyes at the customer, or telling a colleague off in
    front of her, at the end of the visit caps what the visit is worth."""
    rank = _rank(shipped)
    score = shipped.scores["repair-shop-handover"]
    too_high = []
    for path in _paths(score):
        for pick in path:
            effects = score.steps[pick.step].choices[pick.choice].effects
            if (effects.get("respect-in-front-of-customers", 0) <= -2
                    or effects.get("last-impressions-last", 0) <= -2):
                outcome = score.outcome(path)
                if rank[outcome.tier.id] >= rank["good"]:
                    too_high.append((path, outcome.score))
    assert too_high == []


# Issue 15: the translations keep the training honest in their own words.

SHIPPED_LANGUAGES = {"sv": 12, "nb": 4, "da": 4}
"""Each shipped language and how many scenarios it translates: the partner track
in each, the employee scenarios too in Swedish."""


def test_the_shipped_translations_are_complete(shipped: CheckResult) -> None:
    partners = {s.id for s in shipped.project.scenarios if s.audience == "partners"}
    found = {code: len(language.scenarios) for code, language in shipped.languages.items()}
    assert found == SHIPPED_LANGUAGES
    for code, language in shipped.languages.items():
        assert language.catalogue_translated, code
        assert partners <= set(language.scenarios), code
        assert (ROOT / "docs" / "partners" / f"doorstep-checklist.{code}.md").is_file()


def _translated(shipped: CheckResult) -> list[tuple[str, ScenarioScore]]:
    return [(f"{code}/{s.id}", ScenarioScore(s, language.catalogue))
            for code, language in sorted(shipped.languages.items())
            for s in language.scenarios.values()]


def test_translated_responses_of_a_step_are_of_similar_length(shipped: CheckResult) -> None:
    uneven = [f"{name}/{step.id}: {lengths}"
              for name, score in _translated(shipped) for step in score.scenario.steps
              if max(lengths := [len(c.response) for c in step.choices])
              > LENGTH_SPREAD * min(lengths)]
    assert uneven == []


def test_surface_strategies_stay_below_good_in_every_language(shipped: CheckResult) -> None:
    """Length differs from language to language, so the longest and shortest paths do too."""
    good = next(t for t in shipped.project.catalogue.tiers if t.id == "good")
    winners = [f"{name}: {strategy} scores {outcome.score}"
               for name, score in _translated(shipped)
               for strategy, pick in STRATEGIES.items()
               if (outcome := score.outcome(follow(score, pick))).score >= good.min]
    assert winners == []
