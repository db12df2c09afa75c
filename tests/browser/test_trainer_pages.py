"""Trainer pages as a trainer sees them: the coverage matrix fits a desktop and scrolls
on a phone with a visible cue; the decision graph's legend and every arrow's number show."""

from __future__ import annotations

import pytest

from generator.check import CheckResult
from tests.browser.conftest import Tab

pytestmark = pytest.mark.browser

REGION = ".sc-coverage .sc-scroll"


def test_coverage_matrix_fits_at_1280(trainer_tab: Tab, checked: CheckResult) -> None:
    page = trainer_tab.open("trainers/coverage/")
    region = page.locator(REGION)
    wide, shown = region.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert wide <= shown, "the matrix is cut off at 1280 px"
    headers = page.locator(".sc-matrix thead th a")
    assert headers.count() == len(checked.project.catalogue.principles)
    for i in range(headers.count()):
        box = headers.nth(i).bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= 1280
    assert not page.locator(".sc-scroll-hint").is_visible()
    assert page.get_by_text("Scenarios that train it").is_visible()


def test_coverage_matrix_scrolls_at_360_with_a_cue(trainer_phone: Tab) -> None:
    page = trainer_phone.open("trainers/coverage/")
    region = page.locator(REGION)
    wide, shown = region.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert wide > shown
    assert page.locator(".sc-scroll-hint").is_visible()
    shadow = region.evaluate("e => getComputedStyle(e).backgroundImage")
    assert "gradient" in shadow
    first = page.locator(".sc-matrix tbody th").first
    before = first.bounding_box()
    region.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    after = first.bounding_box()
    assert before is not None
    assert after is not None
    assert after["x"] == pytest.approx(before["x"], abs=1)  # the scenario names stay in view


def test_graph_shows_a_legend_and_every_choice_number(
        trainer_tab: Tab, checked: CheckResult) -> None:
    scenario = max(checked.project.scenarios, key=lambda s: len(s.steps))
    page = trainer_tab.open(f"trainers/scenarios/{scenario.id}/")
    numbers = page.locator(".sc-graph .sc-edge-num")
    assert numbers.count() == sum(len(s.choices) for s in scenario.steps)
    boxes = [numbers.nth(i).bounding_box() for i in range(numbers.count())]
    for i, a in enumerate(boxes):
        assert a is not None
        assert a["width"] > 0
        for b in boxes[i + 1:]:
            assert b is not None
            apart = (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                     or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])
            assert apart, "two choice numbers overlap"
    legend = page.locator(".sc-legend")
    assert legend.is_visible()
    assert legend.get_by_text("add up to less than zero").is_visible()
    colours = {kind: page.locator(f".sc-graph g.sc-edge.sc-edge-{kind} path").first.evaluate(
        "e => getComputedStyle(e).stroke")
        for kind in ("up", "down") if page.locator(f".sc-graph .sc-edge-{kind}").count()}
    assert len(set(colours.values())) == len(colours) == 2
