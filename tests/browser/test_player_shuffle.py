"""The player shuffles the buttons of each step for each run; the scores do not move."""

from __future__ import annotations

import pytest

from generator.check import CheckResult
from tests.browser.conftest import Tab
from tests.browser.play import expected, order, play, start
from tests.browser.test_player_scores import SCENARIOS

pytestmark = pytest.mark.browser

LOADS = 10


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_ten_loads_show_different_orders_and_score_the_same(
        tab: Tab, checked: CheckResult, scenario_id: str) -> None:
    score = checked.scores[scenario_id]
    path = score.best_paths()[0]
    first = len(score.scenario.steps[0].choices)
    orders, shown = set(), set()
    for _ in range(LOADS):
        page = tab.open(f"scenarios/{scenario_id}/")
        start(page, scenario_id)
        seen = order(page, scenario_id)
        assert sorted(seen) == list(range(first))  # every choice once, by its file index
        orders.add(tuple(seen))
        shown.add(play(page, scenario_id, path))
        page.evaluate("sessionStorage.clear()")  # the next load is a new run
    assert len(orders) >= 2, orders
    assert shown == {expected(score, path)}
