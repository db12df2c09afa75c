"""Driving the player the way a learner does, through its stable hooks only.

The player shuffles the buttons of each step, so a pick is pressed by its
``data-choice`` (the index of the choice in the file), never by its position.
"""

from __future__ import annotations

from collections.abc import Iterator

from playwright.sync_api import Locator, Page

from generator.check.score import Path as ScorePath
from generator.check.score import Pick, ScenarioScore


def root(page: Page, scenario_id: str) -> Locator:
    return page.locator(f'[data-scenario="{scenario_id}"]')


def play(page: Page, scenario_id: str, path: ScorePath) -> tuple[int, str]:
    """Press the choices of ``path`` and return the shown (data-score, data-tier)."""
    player = root(page, scenario_id)
    for pick in path:
        player.locator(f'button[data-choice="{pick.choice}"]').click()
        player.locator("[data-continue]").click()
    return result(page, scenario_id)


def result(page: Page, scenario_id: str) -> tuple[int, str]:
    """The (data-score, data-tier) of the finished run on the page."""
    shown = root(page, scenario_id).locator("[data-result]")
    score = shown.get_attribute("data-score")
    tier = shown.get_attribute("data-tier")
    assert score is not None
    assert tier is not None
    return int(score), tier


def expected(score: ScenarioScore, path: ScorePath) -> tuple[int, str]:
    """What the player must show for ``path``: Python's score and tier, after caps."""
    outcome = score.outcome(path)
    return outcome.score, outcome.tier.id


def order(page: Page, scenario_id: str) -> list[int]:
    """The ``data-choice`` of the buttons of the current step, as displayed."""
    found = root(page, scenario_id).locator("button[data-choice]").evaluate_all(
        "buttons => buttons.map(b => Number(b.getAttribute('data-choice')))")
    assert isinstance(found, list)
    return [int(i) for i in found]


def start(page: Page, scenario_id: str) -> None:
    """Wait until the player of ``scenario_id`` shows its first choices."""
    ready = f'[data-scenario="{scenario_id}"][data-ready] button[data-choice]'
    page.locator(ready).first.wait_for()


def all_paths(score: ScenarioScore) -> Iterator[ScorePath]:
    """Every complete path of a scenario, in file order (the shipped ones are small)."""
    def walk(node: str) -> Iterator[ScorePath]:
        if node not in score.steps:
            yield ()
            return
        for index, choice in enumerate(score.steps[node].choices):
            for rest in walk(choice.next):
                yield (Pick(node, index), *rest)
    yield from walk(score.scenario.steps[0].id)


def capped_path(score: ScenarioScore) -> ScorePath | None:
    """A path whose score a cap lowers (the highest such uncapped score), if any."""
    bitten = [(score.normalise(score.path_total(p)), p) for p in all_paths(score)
              if score.outcome(p).score < score.normalise(score.path_total(p))]
    return max(bitten, key=lambda found: found[0])[1] if bitten else None
