"""Scores come from principles: best and worst totals, normalisation, tiers, breakdowns."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import run_check
from generator.score import Pick, ScenarioScore, normalise


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
    assert parcel.ending_of(parcel.worst_path()) == "lost"


def test_path_score_and_tier(parcel: ScenarioScore) -> None:
    recovered = (Pick("doorstep", 1), Pick("return", 0))
    assert parcel.path_total(recovered) == 0
    assert parcel.normalise(0) == 50
    assert parcel.tier(0).id == "minimum"
    assert [t.id for t in parcel.tiers_reachable] == ["bad-profit", "minimum", "star"]


def test_breakdown_names_upheld_and_violated_principles(parcel: ScenarioScore) -> None:
    mixed = parcel.breakdown((Pick("doorstep", 1), Pick("return", 0)))
    assert mixed.net == {"show-empathy": -2, "make-it-easy": 2}
    assert mixed.upheld == ["make-it-easy"]
    assert mixed.violated == ["show-empathy"]


def test_all_best_paths_are_listed(project: Path) -> None:
    path = project / "counter-queue.yaml"
    path.write_text(path.read_text().replace("show-empathy: -1", "show-empathy: 0"))
    queue = run_check([project]).scores["counter-queue"]
    # The first and third choice now tie for the best total (+1): both are best paths.
    assert queue.best == 1
    assert queue.best_paths() == [(Pick("counter", 0),), (Pick("counter", 2),)]


def test_long_chain_scores_without_recursion(tmp_path: Path) -> None:
    """A 300-step scenario (deeper than any sane one) scores in one pass."""
    from generator.model import Catalogue, Scenario

    catalogue = Catalogue.model_validate({
        "tiers": [{"id": "low", "name": "Low", "min": 0, "description": "d"},
                  {"id": "high", "name": "High", "min": 50, "description": "d"}],
        "stories": [{"id": "s", "title": "S", "summary": "s"}],
        "principles": [{"id": "p", "name": "P", "statement": "s", "explanation": "e",
                        "stories": ["s"]}],
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
