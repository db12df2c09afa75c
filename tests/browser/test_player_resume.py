"""Where the learner is: the step counter, and a run that survives a reload
(sessionStorage) unless the scenario changed or the stored run is not one."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page

from generator.check import CheckResult
from generator.check.score import ScenarioScore
from tests.browser.conftest import ROOT, Tab
from tests.browser.play import all_paths, expected, order, result, root, start

pytestmark = pytest.mark.browser

S: dict[str, str] = json.loads(
    (ROOT / "site_templates" / "strings" / "en.json").read_text(encoding="utf-8"))["player"]
RUN = "service-scenarios:run:v1:"


def counter_text(score: ScenarioScore, step: str, number: int) -> str:
    """'Step 2 of 4', or 'Step 2 of at most 4' when paths from ``step`` differ in length."""
    lengths = set()
    for path in all_paths(score):
        steps = [p.step for p in path]
        if step in steps:
            lengths.add(len(steps) - steps.index(step))
    total = number - 1 + max(lengths)
    template = S["stepOf"] if len(lengths) == 1 else S["stepOfAtMost"]
    return template.format(n=number, total=total)


def counter(page: Page, scenario_id: str) -> str:
    return root(page, scenario_id).locator(".sc-card > h2").inner_text()


def saved(page: Page, scenario_id: str) -> Any:
    return json.loads(page.evaluate(f"sessionStorage.getItem({json.dumps(RUN + scenario_id)})"))


def test_step_counter_says_where_the_learner_is(tab: Tab, checked: CheckResult) -> None:
    texts = set()
    for scenario in checked.project.scenarios:
        score = checked.scores[scenario.id]
        page = tab.open(f"scenarios/{scenario.id}/")
        start(page, scenario.id)
        player = root(page, scenario.id)
        for number, pick in enumerate(score.worst_path(), 1):
            text = counter_text(score, pick.step, number)
            assert counter(page, scenario.id) == text
            texts.add(text.split(" of ")[1].split()[0])
            player.locator(f'button[data-choice="{pick.choice}"]').click()
            assert counter(page, scenario.id) == text  # still this step while its outcome shows
            player.locator("[data-continue]").click()
        page.evaluate("sessionStorage.clear()")
    # Both forms occur in the shipped scenarios.
    assert "at" in texts
    assert texts - {"at"}


def test_reload_resumes_the_run_where_it_was(tab: Tab, checked: CheckResult) -> None:
    scenario = max(checked.project.scenarios, key=lambda s: len(s.steps))
    score = checked.scores[scenario.id]
    path = score.best_paths()[0]
    page = tab.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    player = root(page, scenario.id)
    first_order = order(page, scenario.id)
    player.locator(f'button[data-choice="{path[0].choice}"]').click()
    player.locator("[data-continue]").click()
    # Mid-run, at step 2: a reload shows the same step, counter and order.
    before = (counter(page, scenario.id), order(page, scenario.id))
    page.reload()
    start(page, scenario.id)
    assert (counter(page, scenario.id), order(page, scenario.id)) == before
    # An outcome open, its feedback shown: it comes back as it was.
    player.locator(f'button[data-choice="{path[1].choice}"]').click()
    player.locator(".sc-why").click()
    chosen = player.locator(".sc-chosen").inner_text()
    page.reload()
    player.locator("[data-continue]").wait_for()
    assert player.locator(".sc-chosen").inner_text() == chosen
    assert counter(page, scenario.id) == before[0]
    assert player.locator(".sc-why").get_attribute("aria-expanded") == "true"
    assert player.locator(".sc-outcome [data-feedback]").is_visible()
    player.locator("[data-continue]").click()
    for pick in path[2:]:
        player.locator(f'button[data-choice="{pick.choice}"]').click()
        player.locator("[data-continue]").click()
    shown = result(page, scenario.id)
    assert shown == expected(score, path)
    # A finished run comes back as its review.
    page.reload()
    player.locator("[data-result]").wait_for()
    assert result(page, scenario.id) == shown
    assert player.locator(".sc-path > li").count() == len(path)
    # Restart clears it: a new run with its own order, which a reload keeps.
    assert saved(page, scenario.id)["done"] is True
    player.locator("[data-restart]").click()
    start(page, scenario.id)
    assert saved(page, scenario.id)["path"] == []
    fresh = (counter(page, scenario.id), order(page, scenario.id))
    page.reload()
    start(page, scenario.id)
    assert (counter(page, scenario.id), order(page, scenario.id)) == fresh
    assert fresh[0].startswith("Step 1 of ")
    assert len(first_order) == len(fresh[1])


def _junk(run: dict[str, Any], model: dict[str, Any]) -> list[str]:
    """Stored values that are not a run of this scenario's model."""
    start, steps = model["start"], model["steps"]
    second = steps[start][0]["next"]
    changed: list[dict[str, Any]] = [
        {"version": "0" * 12},                                     # the scenario changed
        {"version": None},
        {"path": [["no-such-step", 0]]},
        {"path": [[start, len(steps[start])]]},                    # index out of range
        {"path": [[start, -1]]},
        {"path": [[start, 0.5]]},
        {"path": [[start, 0], [start, 0]]},                        # does not follow next
        {"path": [[second, 0]]} if second in steps else {"path": 7},
        {"path": [], "open": True},                                # an outcome with no pick
        {"path": [], "done": True},                                # finished without an end
        {"orders": {start: [0, 0, 0]}},                            # not a permutation
        {"orders": {start: list(range(len(steps[start]) + 1))}},
        {"orders": {"constructor": [0]}},
        {"orders": {}},                                            # the step shown has none
        {"orders": [1, 2]},
        {"open": "yes"},
    ]
    values = [json.dumps({**run, **change}) for change in changed]
    return [*values, "{not json", "null", "[]", '"run"', "1e309", "x" * 100_000,
            json.dumps({"__proto__": {"done": True}, **run, "version": "0"})]


def test_corrupt_foreign_or_outdated_runs_start_afresh(tab: Tab, checked: CheckResult) -> None:
    scenario = checked.project.scenarios[0]
    page = tab.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    player = root(page, scenario.id)
    model = json.loads(player.get_attribute("data-model") or "{}")
    good = saved(page, scenario.id)
    assert good["version"] == model["version"]
    # The stored run as it is resumes (so what follows tests the checks, not a broken format).
    good["orders"][model["start"]] = list(reversed(range(len(model["steps"][model["start"]]))))
    page.evaluate(f"sessionStorage.setItem({json.dumps(RUN + scenario.id)}, "
                  f"{json.dumps(json.dumps(good))})")
    page.reload()
    start(page, scenario.id)
    assert order(page, scenario.id) == good["orders"][model["start"]]
    for value in _junk(good, model):
        page.evaluate(f"sessionStorage.setItem({json.dumps(RUN + scenario.id)}, "
                      f"{json.dumps(value)})")
        page.reload()
        start(page, scenario.id)
        assert counter(page, scenario.id).startswith("Step 1 of "), value[:200]
        assert player.locator(".sc-chosen, [data-result]").count() == 0, value[:200]
        assert saved(page, scenario.id)["path"] == []  # replaced by the fresh run
    # (the tab fixture fails the test on any console error)
