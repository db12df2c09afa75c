"""Every shipped scenario scores the same in the browser as in Python, caps included,
and so do the surface strategies (longest, shortest, first button, last button)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from generator.check import CheckResult
from generator.check.cues import good_enough
from generator.check.score import Path, Pick, ScenarioScore
from generator.check.strategies import STRATEGIES, follow
from tests.browser.conftest import ROOT, Tab
from tests.browser.play import all_paths, capped_path, expected, play, result, root, start
from tests.browser.test_player_review import assert_review

pytestmark = pytest.mark.browser

SCENARIOS = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml")
                   if p.name != "principles.yaml")
STRINGS: dict[str, dict[str, str]] = json.loads(
    (ROOT / "site_templates" / "strings" / "en.json").read_text(encoding="utf-8"))

Buttons = list[tuple[int, str]]
"""A step's buttons as displayed: (data-choice, text)."""

PICKERS: dict[str, Callable[[Buttons], int]] = {
    # Ties go to the lowest data-choice (the first in the file), as in generator.check.strategies.
    "longest": lambda buttons: max(buttons, key=lambda b: (len(b[1]), -b[0]))[0],
    "shortest": lambda buttons: min(buttons, key=lambda b: (len(b[1]), b[0]))[0],
    "first button": lambda buttons: buttons[0][0],
    "last button": lambda buttons: buttons[-1][0],
}


def capped_text(score: ScenarioScore, principle: str) -> str:
    """The review's sentence for a run capped by ``principle``."""
    names = {p.id: p.name for p in score.catalogue.principles}
    tier = score.catalogue.tier_for(score.ceilings[principle])
    return STRINGS["player"]["capped"].format(tier=tier.name, principle=names[principle])


def play_by(page: Page, score: ScenarioScore, picker: Callable[[Buttons], int]) -> Path:
    """Play by looking at the buttons only; returns the path actually taken."""
    player = root(page, score.scenario.id)
    node, path = score.scenario.steps[0].id, []
    while node in score.steps:
        buttons = player.locator("button[data-choice]").evaluate_all(
            "bs => bs.map(b => [Number(b.getAttribute('data-choice')), b.textContent])")
        index = picker([(int(i), str(text)) for i, text in buttons])
        player.locator(f'button[data-choice="{index}"]').click()
        player.locator("[data-continue]").click()
        path.append(Pick(node, index))
        node = score.steps[node].choices[index].next
    return tuple(path)


def restart(page: Page, scenario_id: str) -> None:
    root(page, scenario_id).locator("button[data-restart]").click()
    start(page, scenario_id)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_best_worst_and_capped_paths_score_like_python(
        tab: Tab, checked: CheckResult, scenario_id: str) -> None:
    score = checked.scores[scenario_id]
    paths = [score.best_paths()[0], score.worst_path()]
    bites = capped_path(score)  # a path whose score a cap lowers, where one exists
    hit = max((p for p in all_paths(score) if score.outcome(p).capped_by),
              key=lambda p: score.path_total(p), default=None)  # violates a capped principle
    paths += [p for p in (bites, hit) if p is not None]
    page = tab.open(f"scenarios/{scenario_id}/")
    start(page, scenario_id)
    for path in paths:
        assert play(page, scenario_id, path) == expected(score, path), path
        assert_review(page, checked, score, path, tab.base)
        review = root(page, scenario_id).locator("[data-result]").inner_text()
        for principle in score.outcome(path).capped_by:
            assert capped_text(score, principle) in review
        if not score.outcome(path).capped_by:
            assert STRINGS["player"]["capped"].split("{")[0] not in review
        restart(page, scenario_id)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_surface_strategies_score_like_python_and_never_reach_good(
        tab: Tab, checked: CheckResult, scenario_id: str) -> None:
    """Longest, shortest, first and last button as shown: the same score as Python's.

    Always the longest or the shortest response stays below Good (the second-highest
    tier) in every shipped scenario. The first or last button shown is a random
    choice (the order is shuffled per run), so it may land anywhere, like any random
    path; in file order, where no shuffle hides it, tests/test_content.py keeps both
    below Good."""
    score = checked.scores[scenario_id]
    bar = good_enough(checked.project.catalogue)
    page = tab.open(f"scenarios/{scenario_id}/")
    start(page, scenario_id)
    for name, picker in PICKERS.items():
        taken = play_by(page, score, picker)
        if name in STRATEGIES:  # a fixed path: the same in Python, whatever the order shown
            assert taken == follow(score, STRATEGIES[name]), name
        shown = result(page, scenario_id)
        assert shown == expected(score, taken), name
        if name in STRATEGIES:
            assert shown[0] < bar.min, f"{name} reaches {bar.name} or better: {shown}"
        restart(page, scenario_id)
