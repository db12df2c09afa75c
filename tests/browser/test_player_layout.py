"""The player starts where the learner looks: the first choice is on screen when a
scenario opens, on a phone and on a laptop, and after a choice so is the button
that moves on."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator

from generator.check import CheckResult
from tests.browser.conftest import PHONE, Tab, close_tab, new_tab
from tests.browser.play import root, start

pytestmark = pytest.mark.browser

SIZES: dict[str, dict[str, Any]] = {
    "phone 360x640": PHONE,
    "laptop 1280x800": {"viewport": {"width": 1280, "height": 800}},
}

IN_VIEW = """el => {
  const r = el.getBoundingClientRect();
  const header = document.querySelector(".md-header");
  const top = header ? header.getBoundingClientRect().bottom : 0;
  return r.top >= top && r.bottom <= window.innerHeight && r.left >= 0 &&
    r.right <= window.innerWidth && r.height > 0;
}"""
"""Wholly inside the window and below Material's sticky header."""


def in_view(element: Locator) -> bool:
    return bool(element.evaluate(IN_VIEW))


@pytest.mark.parametrize("size", SIZES)
def test_first_choice_and_continue_are_in_view(
        chromium: Browser, site_url: str, checked: CheckResult, size: str) -> None:
    tab = new_tab(chromium, site_url, **SIZES[size])
    try:
        for scenario in checked.project.scenarios:
            page = tab.open(f"scenarios/{scenario.id}/")
            start(page, scenario.id)
            player = root(page, scenario.id)
            assert page.evaluate("window.scrollY") == 0
            first = player.locator("button[data-choice]").first
            assert in_view(first), (scenario.id, first.bounding_box())
            step = 0
            while not player.locator("[data-result]").count():
                player.locator("button[data-choice]").first.click()
                go = player.locator("[data-continue]")
                assert in_view(go), (scenario.id, step, go.bounding_box())
                # The outcome's heading still has the focus, for screen readers.
                assert page.evaluate("document.activeElement.matches('.sc-outcome h3')")
                go.click()
                step += 1
            page.evaluate("sessionStorage.clear()")
    finally:
        close_tab(tab)


def test_the_setting_folds_only_when_it_is_in_the_way(
        chromium: Browser, site_url: str, checked: CheckResult) -> None:
    """On a laptop the setting stays open; on a phone it folds and opens with one tap."""
    scenario = checked.project.scenarios[0]
    for size, folds in (("laptop 1280x800", False), ("phone 360x640", True)):
        tab = new_tab(chromium, site_url, **SIZES[size])
        try:
            page = tab.open(f"scenarios/{scenario.id}/")
            start(page, scenario.id)
            setting = page.locator("[data-setting]")
            assert (setting.get_attribute("open") is None) == folds, size
            if folds:
                setting.locator("summary").click()
                assert setting.get_attribute("open") is not None
                assert page.locator(".sc-roles").is_visible()  # the roles unfold with it
                assert setting.inner_text().count("\n") > 1
        finally:
            close_tab(tab)


WATCH_SHIFTS = """window.scShifted = 0;
new PerformanceObserver(list => {
  for (const shift of list.getEntries()) if (!shift.hadRecentInput) window.scShifted += shift.value;
}).observe({type: "layout-shift", buffered: true});"""
"""Adds up the page's layout shifts from its start (what Lighthouse scores as CLS)."""

WATCH_PAINTS = """window.scLargest = [];
new PerformanceObserver(list => {
  for (const paint of list.getEntries()) window.scLargest.push(paint.startTime);
}).observe({type: "largest-contentful-paint", buffered: true});"""
"""Notes when each new largest paint happened (Lighthouse's LCP is the last)."""

PLAYER_ARRIVED = """performance.getEntriesByType("resource")
  .filter(r => r.name.includes("/assets/service-scenarios.js"))[0].responseEnd"""

LIGHTHOUSE_PHONE: dict[str, Any] = {**PHONE, "viewport": {"width": 412, "height": 823}}


def slow_script_tab(chromium: Browser, site_url: str, size: dict[str, Any]) -> Tab:
    """A tab whose page paints before our (async) script runs, as on a slow phone.

    No service worker: once the offline worker of the first page served the script
    from its cache, the route never saw it and nothing was held back (a shift of
    0.24 summed to 0)."""
    tab = new_tab(chromium, site_url, service_workers="block", **size)
    tab.page.add_init_script(WATCH_SHIFTS + WATCH_PAINTS)
    tab.page.route("**/assets/service-scenarios.js*",
                   lambda route: (time.sleep(0.4), route.continue_()))
    return tab


@pytest.mark.parametrize("size", {"phone 360x640": PHONE, "phone 412x823": LIGHTHOUSE_PHONE})
def test_nothing_jumps_when_the_player_replaces_the_case(
        chromium: Browser, site_url: str, checked: CheckResult, size: str) -> None:
    tab = slow_script_tab(chromium, site_url, {"phone 360x640": PHONE,
                                               "phone 412x823": LIGHTHOUSE_PHONE}[size])
    try:
        for scenario in checked.project.scenarios:
            page = tab.open(f"scenarios/{scenario.id}/")
            start(page, scenario.id)
            page.wait_for_timeout(300)  # the frames after the player's first render
            shifted = page.evaluate("window.scShifted")
            # The footer jumping into view scored 0.068 (leaving-broadband: 0.35); the
            # player's first situation sits a few pixels off the case's (0.006).
            assert shifted < 0.02, (scenario.id, shifted)
            # The page's largest paint is the first step's card that came with the page,
            # which the player adopts: never something it draws after it arrived.
            largest = page.evaluate("window.scLargest")
            assert largest, scenario.id
            assert max(largest) < page.evaluate(PLAYER_ARRIVED), scenario.id
    finally:
        close_tab(tab)


def test_the_first_situation_is_on_screen_before_the_player_arrives(
        chromium: Browser, site_url: str, checked: CheckResult) -> None:
    """The page itself shows the first step (what a slow phone paints first): its
    situation and counter, folded as the player would fold it, and no choice yet."""
    tab = new_tab(chromium, site_url, service_workers="block", **LIGHTHOUSE_PHONE)
    tab.page.route("**/assets/service-scenarios.js*",
                   lambda route: route.fulfill(body="", content_type="text/javascript"))
    try:
        for scenario in checked.project.scenarios:
            page = tab.open(f"scenarios/{scenario.id}/")
            card = page.locator(f'.sc-card[data-first="{scenario.steps[0].id}"]')
            assert in_view(card.locator("h2")), scenario.id
            assert card.locator("h2").inner_text().startswith("Step 1 of"), scenario.id
            assert in_view(card.locator("[data-situation] > :first-child")), scenario.id
            first = page.locator("[data-step]").first.locator("[data-situation]")
            assert card.locator("[data-situation]").inner_text() == first.inner_text()
            assert card.locator("button, [data-option], [data-feedback]").count() == 0
    finally:
        close_tab(tab)


@pytest.mark.parametrize("path", ["partners/", "employees/", "progress/",
                                  "partners/doorstep-checklist/"])
def test_nothing_jumps_when_the_script_fills_in_a_page(
        chromium: Browser, site_url: str, path: str) -> None:
    tab = slow_script_tab(chromium, site_url, LIGHTHOUSE_PHONE)
    try:
        page = tab.open(path)
        # What the script adds: the Print button, or each scenario's progress mark.
        added = page.locator("[data-print]:visible, [data-progress-mark]:not(:empty)")
        added.first.wait_for()
        page.wait_for_timeout(300)
        assert page.evaluate("window.scShifted") < 0.02
    finally:
        close_tab(tab)
