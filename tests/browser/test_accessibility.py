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
