"""Progress in localStorage can be anything: every page keeps working (issue 5).

Covers entries that are oversized, left behind by a scenario that was removed,
or saved before a scenario or the catalogue changed, and storage that is full.
"""

from __future__ import annotations

import json

import pytest

from generator.check import CheckResult
from tests.browser.conftest import Tab
from tests.browser.play import expected, play, start

PREFIX = "service-scenarios:v1:"
pytestmark = pytest.mark.browser


def seed(tab: Tab, entries: dict[str, str]) -> None:
    """Put raw ``entries`` into localStorage before any page script runs."""
    script = "".join(f"localStorage.setItem({json.dumps(k)},{json.dumps(v)});"
                     for k, v in entries.items())
    tab.page.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{{script}"
                             "sessionStorage.setItem('seeded', '1');}")


def test_entries_of_removed_scenarios_are_not_counted(tab: Tab, checked: CheckResult) -> None:
    total = len(checked.project.scenarios)
    saved = json.dumps({"best": 90, "tierName": "Star", "last": 90, "tier": "star"})
    seed(tab, {PREFIX + "a-scenario-since-removed": saved,
               PREFIX + "another-one-gone": saved})
    page = tab.open("progress/")
    assert page.locator("[data-progress-summary]").inner_text().startswith(
        f"You have completed 0 of {total}")


def test_progress_saved_before_a_change_still_shows_and_replays(
    tab: Tab, checked: CheckResult
) -> None:
    """A tier renamed in the catalogue, a score from an older version of the scenario."""
    scenario = checked.project.scenarios[0]
    score = checked.scores[scenario.id]
    seed(tab, {PREFIX + scenario.id: json.dumps(
        {"best": 55, "tierName": "Silver (renamed since)", "last": 55, "tier": "silver"})})
    page = tab.open("progress/")
    mark = page.locator(f'[data-progress-item="{scenario.id}"] [data-progress-mark]')
    assert "55/100" in mark.inner_text()
    page = tab.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    best = score.best_paths()[0]
    shown, tier = play(page, scenario.id, best)
    assert (shown, tier) == expected(score, best)
    page = tab.open("progress/")
    assert f"{shown}/100" in page.locator(
        f'[data-progress-item="{scenario.id}"] [data-progress-mark]').inner_text()


def test_oversized_entries_are_ignored(tab: Tab, checked: CheckResult) -> None:
    scenario = checked.project.scenarios[0]
    huge = json.dumps({"best": 80, "tierName": "x" * 1_000_000, "last": 80, "tier": "good"})
    seed(tab, {PREFIX + scenario.id: huge})
    page = tab.open("progress/")
    mark = page.locator(f'[data-progress-item="{scenario.id}"] [data-progress-mark]')
    assert len(mark.inner_text()) < 200
    assert page.locator("[data-progress-summary]").inner_text().startswith("You have completed 0")


def test_full_storage_still_plays_and_says_progress_is_not_kept(
    tab: Tab, checked: CheckResult
) -> None:
    scenario = checked.project.scenarios[-1]
    score = checked.scores[scenario.id]
    page = tab.open(f"scenarios/{scenario.id}/")
    filled = page.evaluate("""() => {
        let n = 0;
        for (let size = 1024 * 1024; size >= 1; size = Math.floor(size / 2)) {
            const block = "x".repeat(size);
            try { for (;;) { localStorage.setItem("f" + n, block); n++; } } catch (e) {}
        }
        return n;
    }""")
    assert filled > 0
    start(page, scenario.id)
    path = score.worst_path()
    assert play(page, scenario.id, path) == expected(score, path)
    assert page.locator("[data-result] .sc-note").is_visible()
