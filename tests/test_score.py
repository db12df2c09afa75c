"""Scores come from principles: best and worst totals, normalisation, tiers, breakdowns."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import run_check
from generator.check.score import Pick, ScenarioScore, normalise


@pytest.fixture
def parcel(project: Path) -> ScenarioScore:
    return run_check([project]).scores["damaged-parcel"]


@pytest.mark.parametrize(
    ("total", "worst", "best", "expected"),
    [(-3, -3, 3, 0), (3, -3, 3, 100), (0, -3, 3, 50), (1, -2, 1, 100), (0, -2, 1, 67),
     (-1, -2, 1, 33), (0, 0, 0, 100), (1, 0, 8, 13), (1, 0, 200, 1), (1, 0, 400, 0)],
)
def test_normalise_rounds_halves_up(total: int, worst: int, best: int, expected: int) -> None:
    assert normalise(total, worst, best) == expected


def test_best_and_worst_totals_of_reachable_paths(parcel: ScenarioScore) -> None:
    assert (parcel.worst, parcel.best) == (-3, 3)
    assert parcel.best_paths() == [(Pick("doorstep", 0),)]
    assert parcel.worst_path() == (Pick("doorstep", 1), Pick("return", 1))
    assert parcel.outcome(parcel.worst_path()).ending == "lost"


def test_check_scores_each_scenario_once(project: Path) -> None:
    """The scores ``run_check`` returns are those lint checked the tiers and cues with:
    their figures are already computed, so nothing scored the scenarios again."""
    scores = run_check([project]).scores
    assert scores
    assert all({"scores_by_ending", "ceilings"} <= vars(s).keys() for s in scores.values())


def test_path_score_and_tier(parcel: ScenarioScore) -> None:
    recovered = (Pick("doorstep", 1), Pick("return", 0))
    assert parcel.path_total(recovered) == 0
    assert parcel.normalise(0) == 50
    assert parcel.tier(0).id == "minimum"
    assert [t.id for t in parcel.tiers_reachable] == ["bad-profit", "minimum", "star"]


def test_outcome_names_upheld_and_violated_principles(parcel: ScenarioScore) -> None:
    mixed = parcel.outcome((Pick("doorstep", 1), Pick("return", 0)))
    assert mixed.net == {"show-empathy": -2, "make-it-easy": 2}
    assert [p for p, w in mixed.net.items() if w > 0] == ["make-it-easy"]
    assert [p for p, w in mixed.net.items() if w < 0] == ["show-empathy"]
    assert mixed.ending == "recovered"


def test_all_best_paths_are_listed(project: Path) -> None:
    path = project / "counter-queue.yaml"
    path.write_text(path.read_text().replace("show-empathy: -2\n          make-it-easy: 1",
                                             "show-empathy: 1"))
    queue = run_check([project]).scores["counter-queue"]
    # The first and third choice now tie for the best total (+1): both are best paths.
    assert queue.best == 1
    assert queue.best_paths() == [(Pick("counter", 0),), (Pick("counter", 2),)]


def test_long_chain_scores_without_recursion(tmp_path: Path) -> None:
    """A 300-step scenario (deeper than any sane one) scores in one pass, caps included."""
    from generator.model import Catalogue, Scenario

    catalogue = Catalogue.model_validate({
        "tiers": [{"id": "low", "name": "Low", "min": 0, "description": "d"},
                  {"id": "high", "name": "High", "min": 50, "description": "d"}],
        "stories": [{"id": "s", "title": "S", "summary": "s"}],
        "principles": [{"id": "p", "name": "P", "statement": "s", "explanation": "e",
                        "stories": ["s"]}],
        "caps": [{"principle": "p", "tier": "low"}],
    })
    steps = [{"id": f"s{i}", "situation": "x", "choices": [
        {"response": "good", "consequence": "c", "feedback": "f", "effects": {"p": 1},
         "next": f"s{i + 1}" if i < 299 else "end"},
        {"response": "bad", "consequence": "c", "feedback": "f", "effects": {"p": -1},
         "next": f"s{i + 1}" if i < 299 else "end"}]} for i in range(300)]
    scenario = Scenario.model_validate({
        "id": "long", "title": "t", "summary": "s", "audience": "employees", "story": "s",
        "roles": {"learner": "l", "customer": "c"}, "setting": "s", "goals": ["g"],
        "steps": steps, "endings": [{"id": "end", "title": "E", "debrief": "d"}],
        "questions": ["q"]})
    score = ScenarioScore(scenario, catalogue)
    assert (score.worst, score.best) == (-300, 300)
    assert len(score.best_paths()[0]) == 300
    assert score.totals_by_ending["end"] == frozenset(range(-300, 301, 2))
    # Total and net are the same here: a negative total is capped at 49, the top of 'low'.
    assert score.caps_exact
    assert score.scores_by_ending["end"] == frozenset(
        [*range(0, 50), *(score.normalise(t) for t in range(0, 301, 2))])


def test_too_many_paths_for_exact_caps_is_a_warning(project: Path) -> None:
    """Three choices on two capped principles over 200 steps: more states than checked."""
    steps = "".join(
        f"  - id: s{i}\n    situation: x\n    choices:\n" + "".join(
            f"      - response: r{c}\n        consequence: c\n        feedback: f\n"
            f"        effects: {effects}\n        next: {f's{i + 1}' if i < 199 else 'end'}\n"
            for c, effects in enumerate(["{show-empathy: 1}",
                                         "{show-empathy: -2, make-it-easy: -1}",
                                         "{make-it-easy: 2}"]))
        for i in range(200))
    catalogue = project / "principles.yaml"
    catalogue.write_text(catalogue.read_text().replace(
        "caps:\n", "caps:\n  - principle: make-it-easy\n    tier: minimum\n"))
    path = project / "counter-queue.yaml"
    text = path.read_text()
    head, tail = text.split("steps:\n")[0], text.split("endings:\n")[1]
    path.write_text(f"{head}steps:\n{steps}endings:\n  - id: end\n    title: End\n"
                    f"    tier: good\n    debrief: d\nquestions: [q]\n")
    assert tail
    result = run_check([project / "counter-queue.yaml"])
    assert not result.errors
    assert result.scores["counter-queue"].caps_exact is False
    messages = [w.message for w in result.warnings]
    assert any(m.startswith("too many different paths to apply the caps") for m in messages)


def _capped_parcel(project: Path, tier: str) -> ScenarioScore:
    """The parcel scenario with 'show-empathy' capped at ``tier``."""
    catalogue = project / "principles.yaml"
    catalogue.write_text(catalogue.read_text().replace("    tier: good\n", f"    tier: {tier}\n"))
    return run_check([project]).scores["damaged-parcel"]


@pytest.mark.parametrize(
    ("tier", "score", "tier_id", "capped_by"),
    [("bad-profit", 39, "bad-profit", ("show-empathy",)),  # 50 capped at the top of Bad profit
     ("minimum", 50, "minimum", ("show-empathy",)),  # 50 is already below Minimum's top (64)
     ("good", 50, "minimum", ("show-empathy",))],
)
def test_a_cap_lowers_the_score_of_a_path_that_violates_its_principle(
        project: Path, tier: str, score: int, tier_id: str, capped_by: tuple[str, ...]) -> None:
    parcel = _capped_parcel(project, tier)
    blamed = (Pick("doorstep", 1), Pick("return", 0))  # show-empathy -2, make-it-easy +2
    outcome = parcel.outcome(blamed)
    assert (outcome.total, outcome.score, outcome.tier.id, outcome.capped_by) == \
        (0, score, tier_id, capped_by)


def test_a_cap_leaves_paths_that_uphold_its_principle_alone(project: Path) -> None:
    parcel = _capped_parcel(project, "bad-profit")
    outcome = parcel.outcome((Pick("doorstep", 0),))
    assert (outcome.score, outcome.tier.id, outcome.capped_by) == (100, "star", ())


def test_caps_change_the_scores_each_ending_can_reach(project: Path) -> None:
    parcel = _capped_parcel(project, "bad-profit")
    assert parcel.scores_by_ending["recovered"] == frozenset({39})
    assert [t.id for t in parcel.tiers_reachable] == ["bad-profit", "star"]


def test_a_net_violation_is_what_counts(project: Path) -> None:
    """-2 then +2 on a capped principle nets to zero: not a violation."""
    path = project / "damaged-parcel.yaml"
    path.write_text(path.read_text().replace(
        "          make-it-easy: 2\n", "          make-it-easy: 2\n          show-empathy: 2\n"))
    parcel = _capped_parcel(project, "bad-profit")
    outcome = parcel.outcome((Pick("doorstep", 1), Pick("return", 0)))
    assert outcome.capped_by == ()
    assert outcome.score == parcel.normalise(outcome.total)
