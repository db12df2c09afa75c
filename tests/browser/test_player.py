"""The player in Chromium: scores equal Python's, progress persists, keyboard alone works."""

from __future__ import annotations

import json

import pytest

from generator.check import CheckResult
from tests.browser.conftest import ROOT, Tab
from tests.browser.play import expected, order, play, result, start

pytestmark = pytest.mark.browser

SCENARIOS = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml")
                   if p.name != "principles.yaml")


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_best_and_worst_endings_score_like_python(
        tab: Tab, checked: CheckResult, scenario_id: str) -> None:
    score = checked.scores[scenario_id]
    page = tab.open(f"scenarios/{scenario_id}/")
    start(page, scenario_id)
    for path in (score.best_paths()[0], score.worst_path()):
        assert play(page, scenario_id, path) == expected(score, path)
        root = page.locator(f'[data-scenario="{scenario_id}"]')
        assert root.locator(".sc-path").first.locator("li").count() == len(path)
        root.locator("button[data-restart]").click()
        assert root.locator("[data-result]").count() == 0
        start(page, scenario_id)


def test_static_case_is_complete_without_javascript(
        chromium: object, site_url: str, checked: CheckResult) -> None:
    from playwright.sync_api import Browser

    assert isinstance(chromium, Browser)
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    scenario = checked.project.scenarios[0]
    page.goto(f"{site_url}scenarios/{scenario.id}/")
    case = page.locator("[data-case]")
    assert case.is_visible()
    choices = sum(len(step.choices) for step in scenario.steps)
    assert case.locator("[data-feedback]").count() == choices
    assert case.locator("[data-ending]").count() == len(scenario.endings)
    assert page.locator("[data-player]").is_hidden()
    # Without JavaScript: the setting open, the choices in file order, the goals and
    # the link to the next scenario at the end; no link into the trainers' pages.
    assert page.locator("[data-setting]").get_attribute("open") is not None
    assert page.locator("[data-setting]").inner_text().strip()
    first = case.locator("[data-step]").first.locator("[data-option]")
    assert first.evaluate_all("os => os.map(o => o.getAttribute('data-option'))") == [
        str(i) for i in range(len(scenario.steps[0].choices))]
    goals = case.locator("[data-goals]").inner_text()
    assert all(goal in goals for goal in scenario.goals)
    assert case.locator("[data-onward] a").is_visible()
    assert page.locator('a[href*="trainers/"]').count() == 0
    context.close()


def test_progress_survives_reload_and_shows_on_lists(tab: Tab, checked: CheckResult) -> None:
    scenario = next(s for s in checked.project.scenarios if s.audience == "employees")
    score = checked.scores[scenario.id]
    page = tab.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    shown, tier = play(page, scenario.id, score.best_paths()[0])
    page.reload()  # the finished run comes back as its review, not saved twice
    page.locator("[data-result]").wait_for()
    assert result(page, scenario.id) == (shown, tier)
    page.goto(tab.base + "progress/")
    item = page.locator(f'[data-progress-item="{scenario.id}"]')
    assert f"{shown}/100" in item.locator("[data-progress-mark]").inner_text()
    summary = page.locator("[data-progress-summary]").inner_text()
    assert summary.startswith(f"You have completed 1 of {len(SCENARIOS)}")
    page.goto(tab.base + "employees/")
    assert "sc-done" in (page.locator(f'[data-progress-item="{scenario.id}"]')
                         .get_attribute("class") or "")


def test_keyboard_alone_plays_to_the_end_and_restarts(tab: Tab, checked: CheckResult) -> None:
    scenario = checked.project.scenarios[0]
    score = checked.scores[scenario.id]
    page = tab.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    path = score.worst_path()
    for number, pick in enumerate(path):
        shown = order(page, scenario.id)  # shuffled: Tab walks the buttons as displayed
        _tab_to(page, "[data-choice]")
        assert _focused(page, "data-choice") == str(shown[0])
        for _ in range(shown.index(pick.choice)):
            page.keyboard.press("Tab")
        assert _focused(page, "data-choice") == str(pick.choice)
        page.keyboard.press("Enter" if number % 2 == 0 else "Space")
        # Focus moves to the outcome that appeared; the feedback waits behind "Why?".
        assert page.evaluate("!!document.activeElement.closest('.sc-outcome')")
        feedback = page.locator(".sc-outcome [data-feedback]")
        assert feedback.is_hidden()
        _tab_to(page, ".sc-why")
        assert _focused(page, "aria-expanded") == "false"
        page.keyboard.press("Enter" if number % 2 == 0 else "Space")
        assert _focused(page, "aria-expanded") == "true"
        assert feedback.is_visible()
        _tab_to(page, "[data-continue]")
        page.keyboard.press("Enter")
        if number + 1 < len(path):
            assert page.evaluate("document.activeElement.tagName") == "H2"
    assert page.evaluate("document.activeElement.closest('[data-result]') !== null")
    result = page.locator("[data-result]")
    assert result.get_attribute("data-score") == str(expected(score, path)[0])
    _tab_to(page, "[data-restart]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent").startswith("Step 1 of ")


def _focused(page: object, attribute: str) -> str | None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    value = page.evaluate(f"document.activeElement.getAttribute('{attribute}')")
    return value if isinstance(value, str) else None


def _tab_to(page: object, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches ``selector``."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({json.dumps(selector)})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_player_starts_after_instant_navigation(tab: Tab, checked: CheckResult) -> None:
    scenario = next(s for s in checked.project.scenarios if s.audience == "employees")
    page = tab.open("employees/")
    page.wait_for_load_state("networkidle")  # instant navigation starts once it has the sitemap
    page.evaluate("window.__sameDocument = true")
    page.locator(f'[data-progress-item="{scenario.id}"] a').click()
    start(page, scenario.id)
    # Material's instant navigation swapped the content without a full load.
    assert page.evaluate("window.__sameDocument === true")


BROKEN_STORAGE = """
for (const name of ["getItem", "setItem", "removeItem"]) {
  Storage.prototype[name] = () => { throw new DOMException("denied", "SecurityError"); };
}
"""


def test_broken_storage_never_breaks_a_page(tab: Tab, checked: CheckResult) -> None:
    tab.page.add_init_script(BROKEN_STORAGE)
    scenario = checked.project.scenarios[0]
    score = checked.scores[scenario.id]
    page = tab.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    path = score.worst_path()
    assert play(page, scenario.id, path) == expected(score, path)
    assert page.locator("[data-result] .sc-note").is_visible()  # says progress is not kept
    page.reload()  # no run could be kept either: a reload starts afresh
    start(page, scenario.id)
    assert page.locator(".sc-card h2").inner_text().startswith("Step 1 of ")
    page.goto(tab.base + "progress/")
    assert "0 of" in page.locator("[data-progress-summary]").inner_text()


def test_corrupt_and_foreign_entries_are_ignored(tab: Tab, checked: CheckResult) -> None:
    ids = [s.id for s in checked.project.scenarios]
    junk = ["{not json", json.dumps({"best": "<img src=x onerror=window.pwned=1>"}),
            json.dumps({"best": 1e309}), json.dumps([1, 2]), "null"]
    tab.page.add_init_script(
        "try{" + "".join(
            f"localStorage.setItem({json.dumps('service-scenarios:v1:' + i)},{json.dumps(j)});"
            for i, j in zip(ids, junk, strict=False)) + "}catch(e){}")
    page = tab.open("progress/")
    assert "0 of" in page.locator("[data-progress-summary]").inner_text()
    assert page.evaluate("window.pwned") is None
