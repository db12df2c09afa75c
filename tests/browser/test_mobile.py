"""At 360x640 no page scrolls sideways, and everything a thumb presses is at least 44x44 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from generator.check import CheckResult
from tests.browser.conftest import Tab
from tests.browser.play import start

pytestmark = pytest.mark.browser

WIDTH = 360
MIN_TARGET = 44


def assert_no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url} is {width}px wide"


def assert_targets_large(page: Page, selector: str) -> int:
    boxes = [b for b in (e.bounding_box() for e in page.locator(selector).all()) if b]
    for box in boxes:
        assert box["width"] >= MIN_TARGET, (selector, box)
        assert box["height"] >= MIN_TARGET, (selector, box)
    return len(boxes)


@pytest.mark.parametrize("site", ["", "sv/", "nb/", "da/"], ids=["en", "sv", "nb", "da"])
def test_every_learner_page_type_fits_a_phone(phone: Tab, checked: CheckResult,
                                              site: str) -> None:
    """In every language: translations run longer than English, and the switcher adds a
    button to the header."""
    principle = checked.project.catalogue.principles[0]
    partner = next(s for s in checked.project.scenarios if s.audience == "partners")
    for path in ["", "employees/", "partners/", "partners/doorstep-checklist/", "progress/",
                 "principles/", f"principles/{principle.id}/", f"scenarios/{partner.id}/"]:
        assert_no_sideways_scroll(phone.open(site + path))


def test_every_trainer_page_type_fits_a_phone(trainer_phone: Tab, checked: CheckResult) -> None:
    scenario = checked.project.scenarios[0]
    principle = checked.project.catalogue.principles[0]
    for path in ["", f"principles/{principle.id}/", "trainers/", "trainers/authoring/",
                 "trainers/coverage/", "trainers/reverse-brainstorm/",
                 f"trainers/scenarios/{scenario.id}/"]:
        assert_no_sideways_scroll(trainer_phone.open(path))


def test_lists_have_large_targets(phone: Tab) -> None:
    page = phone.open("partners/")
    assert assert_targets_large(page, ".sc-item > a, .sc-cards a") >= 1


@pytest.mark.parametrize(("audience", "site"), [("employees", ""), ("partners", ""),
                                               ("employees", "sv/"), ("partners", "nb/")])
def test_player_fits_a_phone_at_every_step(
        phone: Tab, checked: CheckResult, audience: str, site: str) -> None:
    scenario = next(s for s in checked.project.scenarios if s.audience == audience)
    score = checked.scores[scenario.id]
    page = phone.open(f"{site}scenarios/{scenario.id}/")
    start(page, scenario.id)
    root = page.locator(f'[data-scenario="{scenario.id}"]')
    for pick in score.best_paths()[0]:
        assert_no_sideways_scroll(page)
        assert assert_targets_large(page, "button[data-choice]") >= 2
        root.locator(f'button[data-choice="{pick.choice}"]').tap()
        assert_no_sideways_scroll(page)
        assert assert_targets_large(page, "[data-continue]") == 1
        root.locator("[data-continue]").tap()
    root.locator("[data-result]").wait_for()
    assert_no_sideways_scroll(page)
    assert assert_targets_large(page, "[data-restart]") == 1
