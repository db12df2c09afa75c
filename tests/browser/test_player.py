"""The player in Chromium: scores equal Python's, progress persists, keyboard alone works."""

from __future__ import annotations

import json

import pytest

from generator.check import CheckResult
from tests.browser.conftest import ROOT, Tab
from tests.browser.play import play, start

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
        total = score.path_total(path)
        shown = play(page, scenario_id, path)
        assert shown == (score.normalise(total), score.tier(total).id)
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
    context.close()


def test_progress_survives_reload_and_shows_on_lists(tab: Tab, checked: CheckResult) -> None:
    scenario = next(s for s in checked.project.scenarios if s.audience == "employees")
    score = checked.scores[scenario.id]
    page = tab.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    shown, _ = play(page, scenario.id, score.best_paths()[0])
    page.reload()
    start(page, scenario.id)
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
        _tab_to(page, "[data-choice]")
        assert _focused(page, "data-choice") == "0"  # buttons are in the order of the choices
        for _ in range(pick.choice):
            page.keyboard.press("Tab")
        assert _focused(page, "data-choice") == str(pick.choice)
        page.keyboard.press("Enter" if number % 2 == 0 else "Space")
        # Focus moves to the outcome that appeared.
        assert page.evaluate("!!document.activeElement.closest('.sc-outcome')")
        _tab_to(page, "[data-continue]")
        page.keyboard.press("Enter")
        if number + 1 < len(path):
            assert page.evaluate("document.activeElement.tagName") == "H2"
    assert page.evaluate("document.activeElement.closest('[data-result]') !== null")
    total = score.path_total(path)
    result = page.locator("[data-result]")
    assert result.get_attribute("data-score") == str(score.normalise(total))
    _tab_to(page, "[data-restart]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Step 1"


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
    total = score.path_total(score.worst_path())
    assert play(page, scenario.id, score.worst_path())[0] == score.normalise(total)
    assert page.locator("[data-result] .sc-note").is_visible()  # says progress is not kept
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
