"""axe-core on the pages learners use most, mid-run and at the end of a scenario, and on the
trainer build's own pages."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from generator.check import CheckResult
from tests.browser.conftest import AXE, Tab
from tests.browser.play import play, start

pytestmark = pytest.mark.browser

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({rule: v.id, nodes: v.nodes.map(n => n.target.join(" "))}));
}"""


def violations(page: Page) -> list[dict[str, Any]]:
    assert AXE.is_file(), "run `npm ci` in tests/browser to install axe-core"
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(AXE_RUN)
    assert isinstance(found, list)
    return found


@pytest.mark.parametrize("path", ["", "partners/", "progress/", "principles/"])
def test_pages_have_no_axe_violations(tab: Tab, path: str) -> None:
    assert violations(tab.open(path)) == []


def test_principle_page_has_no_axe_violations(tab: Tab, checked: CheckResult) -> None:
    principle = checked.project.catalogue.principles[0]
    assert violations(tab.open(f"principles/{principle.id}/")) == []


def test_trainer_pages_have_no_axe_violations(trainer_tab: Tab, checked: CheckResult) -> None:
    scenario = checked.project.scenarios[0]
    principle = checked.project.catalogue.principles[0]
    for path in ["", f"principles/{principle.id}/", "trainers/", "trainers/coverage/",
                 f"trainers/scenarios/{scenario.id}/"]:
        assert violations(trainer_tab.open(path)) == [], path


def test_scenario_mid_run_and_at_the_end_have_no_axe_violations(
        tab: Tab, checked: CheckResult) -> None:
    scenario = checked.project.scenarios[0]
    score = checked.scores[scenario.id]
    page = tab.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    assert violations(page) == []
    first, *rest = score.best_paths()[0]
    page.locator(f'button[data-choice="{first.choice}"]').click()
    page.locator("[data-continue]").wait_for()  # consequence and feedback showing
    assert violations(page) == []
    page.locator("[data-continue]").click()
    play(page, scenario.id, tuple(rest))
    page.locator("[data-result]").wait_for()
    assert violations(page) == []


FOCUSED = "() => { const e = document.activeElement; return [e.tagName, e.className, " \
    "e.getAttribute('href') || e.getAttribute('data-choice') || e.id, e.textContent.trim()]; }"


@pytest.mark.parametrize("device", ["tab", "phone"])
def test_first_tab_is_a_skip_link_that_takes_focus_to_the_choices(
        request: pytest.FixtureRequest, device: str, checked: CheckResult) -> None:
    """Scenario pages: the first Tab shows "Skip to content"; Enter moves the keyboard's
    place to the player, so the next Tab is the first choice (not 51 presses through the
    header and the navigation)."""
    tab: Tab = request.getfixturevalue(device)
    scenario = checked.project.scenarios[0]
    page = tab.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    page.keyboard.press("Tab")
    tag, _, target, text = page.evaluate(FOCUSED)
    assert (tag, text) == ("A", "Skip to content")
    assert target.endswith(f"/scenarios/{scenario.id}/#sc-player")
    assert page.locator(":focus").is_visible()
    assert page.locator(":focus").bounding_box()["height"] > 0  # type: ignore[index]
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#sc-player'")
    page.wait_for_timeout(300)  # Material scrolls to the target after the hash changes
    page.keyboard.press("Tab")
    tag, classes, choice, text = page.evaluate(FOCUSED)
    first = page.locator(f'[data-scenario="{scenario.id}"] button[data-choice]').first
    assert (tag, "sc-choice" in classes) == ("BUTTON", True)
    assert choice == first.get_attribute("data-choice")
    assert text == first.inner_text().strip()
    assert first.is_visible()
