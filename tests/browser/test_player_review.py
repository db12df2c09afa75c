"""The end of a run teaches: score, tier and the distance to the next tier (or the cap),
the principles in words linked to their pages, the debrief, the path with every
feedback, the goals, the next scenario. After a choice, the consequence comes first
and the feedback waits behind "Why?"."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page

from generator.check import CheckResult
from generator.check.score import Path, ScenarioScore
from tests.browser.conftest import ROOT, Tab
from tests.browser.play import order, play, root, start
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

STRINGS: dict[str, dict[str, str]] = json.loads(
    (ROOT / "site_templates" / "strings" / "en.json").read_text(encoding="utf-8"))
S = STRINGS["player"]
WEIGHT = re.compile(r"(?<![\w:/.])[+\-\u2212]\d")
"""A signed number such as "+2" or "-1": a raw net weight (dates like 10-12 are fine)."""


def onward_url(checked: CheckResult, scenario_id: str, base: str) -> str:
    """Where the next-scenario link must go: the next scenario of the track, else the track."""
    audience = next(s.audience for s in checked.project.scenarios if s.id == scenario_id)
    track = [s.id for s in checked.project.scenarios if s.audience == audience]
    after = track[track.index(scenario_id) + 1:]
    return f"{base}scenarios/{after[0]}/" if after else f"{base}{audience}/"


def words(text: str) -> str:
    return " ".join(text.split())


def case_text(page: Page, selector: str) -> str:
    """The text of part of the static case (hidden while the player runs)."""
    found = page.locator(f"[data-case] {selector}").first.text_content()
    assert found is not None
    return found


def assert_review(page: Page, checked: CheckResult, score: ScenarioScore, path: Path,
                  base: str) -> None:
    """The review of a finished ``path`` shows what a learner needs, in order, no weights."""
    scenario = score.scenario
    review = root(page, scenario.id).locator("[data-result]")
    text = words(review.inner_text())
    outcome = score.outcome(path)
    ending = next(e for e in scenario.endings if e.id == outcome.ending)
    assert review.locator(":scope > h2").inner_text() == ending.title
    if outcome.capped_by:
        names = {p.id: p.name for p in score.catalogue.principles}
        first = outcome.capped_by[0]
        gap = S["capped"].format(tier=score.catalogue.tier_for(score.ceilings[first]).name,
                                 principle=names[first])
    else:
        above = [t for t in score.catalogue.tiers if t.min > outcome.score]
        points = above[0].min - outcome.score if above else 0
        gap = (S["topTier"] if not above else
               S["pointShort" if points == 1 else "pointsShort"].format(
                   points=points, tier=above[0].name))
    debrief = words(case_text(page, f'[data-ending="{ending.id}"] [data-debrief]'))
    in_order = [ending.title, S["score"].format(score=outcome.score), outcome.tier.name, gap,
                S["principles"], debrief[:40], S["yourPath"], scenario.goals[0], S["tryAgain"]]
    at = [text.find(part) for part in in_order]
    assert -1 not in at, [p for p, i in zip(in_order, at, strict=True) if i < 0]
    assert at == sorted(at), in_order
    assert not WEIGHT.search(text), WEIGHT.findall(text)
    # Each principle on the path, upheld or violated in words, linked to its page.
    net = outcome.net
    items = review.locator(".sc-breakdown li")
    assert items.count() == len(net)
    for pid, weight in net.items():
        item = review.locator(".sc-breakdown li", has=page.locator(f'a[data-principle="{pid}"]'))
        assert item.inner_text().endswith(S["upheld"] if weight > 0 else S["violated"])
        href = item.locator("a").evaluate("a => a.href")
        assert href == f"{base}principles/{pid}/"
    # The path: every pick's response, consequence and feedback, skipped or not.
    picks = review.locator(".sc-path > li")
    assert picks.count() == len(path)
    for n, pick in enumerate(path):
        option = f'[data-step="{pick.step}"] [data-option="{pick.choice}"]'
        for shown, part in ((".sc-response", "[data-response]"),
                            ("[data-consequence]", "[data-consequence]"),
                            ("[data-feedback]", "[data-feedback]")):
            assert picks.nth(n).locator(shown).text_content() == case_text(page, f"{option} {part}")
    for goal in scenario.goals:
        assert goal in text
    assert review.locator("[data-onward] a").evaluate("a => a.href") == onward_url(
        checked, scenario.id, base)
    if score.path_total(path) == score.best:
        assert S["foundBest"] in text


def test_consequence_first_and_feedback_on_request(phone: Tab, checked: CheckResult) -> None:
    scenario = checked.project.scenarios[0]
    page = phone.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    player = root(page, scenario.id)
    step = scenario.steps[0]
    for number in range(2):
        index = order(page, scenario.id)[0]
        choice = step.choices[index]
        player.locator(f'button[data-choice="{index}"]').tap()
        outcome = player.locator(".sc-outcome")
        assert outcome.get_attribute("aria-live") == "polite"
        assert player.locator(".sc-chosen").inner_text() == f"{S['youChose']}: {choice.response}"
        assert outcome.locator("[data-consequence]").is_visible()
        feedback = outcome.locator("[data-feedback]")
        hidden_text = words(case_text(page, f'[data-step="{step.id}"] [data-option="{index}"] '
                                            "[data-feedback] p:not(.sc-label)"))
        assert feedback.is_hidden()
        assert hidden_text not in words(player.inner_text())
        why = outcome.locator("button.sc-why")
        assert why.inner_text() == S["why"]
        assert why.get_attribute("aria-expanded") == "false"
        panel = page.locator(f"#{why.get_attribute('aria-controls')}")
        assert panel.locator("[data-feedback]").count() == 1
        assert panel.is_hidden()
        why.tap()  # one tap
        assert why.get_attribute("aria-expanded") == "true"
        assert panel.is_visible()
        assert feedback.is_visible()
        assert hidden_text in words(player.inner_text())
        if number == 0:  # and the next run's feedback waits again
            player.locator("[data-continue]").tap()
            while not player.locator("[data-result]").count():
                player.locator("button[data-choice]").first.tap()
                player.locator("[data-continue]").tap()
            player.locator("button[data-restart]").tap()
            start(page, scenario.id)


@pytest.mark.parametrize("audience", ["employees", "partners"])
def test_review_links_on_to_the_next_scenario_of_the_track(
        tab: Tab, checked: CheckResult, audience: str) -> None:
    track = [s for s in checked.project.scenarios if s.audience == audience]
    for scenario in (track[0], track[-1]):
        score = checked.scores[scenario.id]
        page = tab.open(f"scenarios/{scenario.id}/")
        start(page, scenario.id)
        path = score.worst_path()
        play(page, scenario.id, path)
        assert_review(page, checked, score, path, tab.base)
        root(page, scenario.id).locator("[data-result] [data-onward] a").click()
        page.wait_for_url(onward_url(checked, scenario.id, tab.base))
        if scenario is track[0] and len(track) > 1:
            start(page, track[1].id)  # the next player starts, after instant navigation


def test_every_scenario_links_to_the_next_of_its_track(tab: Tab, checked: CheckResult) -> None:
    for scenario in checked.project.scenarios:
        page = tab.open(f"scenarios/{scenario.id}/")
        link = page.locator("[data-case] [data-onward] a")
        assert link.evaluate("a => a.href") == onward_url(checked, scenario.id, tab.base)


def test_outcome_and_review_pass_axe_with_the_pointer_on_a_link(
        phone: Tab, checked: CheckResult) -> None:
    scenario = checked.project.scenarios[0]
    score = checked.scores[scenario.id]
    page = phone.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    player = root(page, scenario.id)
    path = score.worst_path()
    player.locator(f'button[data-choice="{path[0].choice}"]').tap()
    player.locator(".sc-why").tap()
    assert violations(page) == []  # the setting folded, an outcome with its feedback open
    player.locator("[data-continue]").tap()
    play(page, scenario.id, path[1:])
    for link in player.locator("[data-result] a").all():
        link.hover()
        assert violations(page) == [], link.inner_text()
