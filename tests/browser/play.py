"""Driving the player the way a learner does, through its stable hooks only."""

from __future__ import annotations

from playwright.sync_api import Page

from generator.score import Path as ScorePath


def play(page: Page, scenario_id: str, path: ScorePath) -> tuple[int, str]:
    """Press the choices of ``path`` and return the shown (data-score, data-tier)."""
    root = page.locator(f'[data-scenario="{scenario_id}"]')
    for pick in path:
        choices = root.locator("button[data-choice]")
        choices.nth(pick.choice).click()
        root.locator("[data-continue]").click()
    result = root.locator("[data-result]")
    score = result.get_attribute("data-score")
    tier = result.get_attribute("data-tier")
    assert score is not None
    assert tier is not None
    return int(score), tier


def start(page: Page, scenario_id: str) -> None:
    """Wait until the player of ``scenario_id`` shows its first choices."""
    ready = f'[data-scenario="{scenario_id}"][data-ready] button[data-choice]'
    page.locator(ready).first.wait_for()
