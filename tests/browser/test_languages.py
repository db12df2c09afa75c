"""The sites in Swedish, Norwegian and Danish, in Chromium: the learner site's own
build (``mkdocs.yml`` has ``languages: [sv, nb, da]``), served with the English one.

Each plays like the source: the same scores and tiers on every path, with the
words of its language on screen; the switcher leads to the same page in another
language; a scenario nobody has translated says so and is marked English.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from generator.check import CheckResult
from generator.check.score import Path as ScorePath
from generator.check.score import ScenarioScore
from tests.browser.conftest import ROOT, Tab, close_tab, new_tab
from tests.browser.play import expected, play, root, start

pytestmark = pytest.mark.browser

LANGUAGES = ("sv", "nb", "da")


def strings(code: str) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = json.loads(
        (ROOT / "site_templates" / "strings" / f"{code}.json").read_text(encoding="utf-8"))
    return found


@pytest.fixture
def lang_tab(chromium: object, site_url: str) -> Iterator[Tab]:
    from playwright.sync_api import Browser

    assert isinstance(chromium, Browser)
    tab = new_tab(chromium, site_url)
    yield tab
    close_tab(tab)


def _play_both_ends(tab: Tab, code: str, scenario_id: str,
                    checked: CheckResult) -> list[tuple[ScorePath, tuple[int, str], str]]:
    """Play the best and then the worst path on the ``code`` site, starting again with
    the player's own button: each path, the shown (score, tier) and the result's text."""
    translated = checked.languages[code].scenarios[scenario_id]
    score: ScenarioScore = checked.scores[scenario_id]
    page = tab.open(f"{code}/scenarios/{scenario_id}/")
    start(page, scenario_id)
    assert page.locator("html").get_attribute("lang") == code
    player = root(page, scenario_id)
    # The translated story is what the learner reads, not the source's.
    assert page.get_by_role("heading", level=1, name=translated.title).is_visible()
    played = []
    for path in (score.best_paths()[0], score.worst_path()):
        first = translated.steps[0].choices[path[0].choice].response
        assert player.locator(f'button[data-choice="{path[0].choice}"]').inner_text() \
            .strip() == first
        shown = play(page, scenario_id, path)
        played.append((path, shown, player.locator("[data-result]").inner_text()))
        player.get_by_role("button", name=strings(code)["player"]["tryAgain"]).click()
        start(page, scenario_id)
    return played


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_partner_scenario_plays_to_its_best_and_worst_with_the_sources_scores(
        lang_tab: Tab, checked: CheckResult, code: str) -> None:
    words = strings(code)["player"]
    tiers = {t.id: t.name for t in checked.languages[code].catalogue.tiers}
    partners = [s for s in checked.project.scenarios if s.audience == "partners"]
    assert partners
    for scenario in partners:
        score: ScenarioScore = checked.scores[scenario.id]
        for path, shown, text in _play_both_ends(lang_tab, code, scenario.id, checked):
            assert shown == expected(score, path), (code, scenario.id)
            points, tier = shown
            assert words["score"].format(score=points) in text
            assert tiers[tier] in text  # the tier in this language's words
            assert strings(code)["page"]["untranslated"] not in text


def test_a_swedish_employee_scenario_plays_like_the_source(
        lang_tab: Tab, checked: CheckResult) -> None:
    score = checked.scores["undercooked-chicken"]
    for path, shown, text in _play_both_ends(lang_tab, "sv", "undercooked-chicken", checked):
        assert shown == expected(score, path)
        assert f"{shown[0]} av 100" in text


def test_the_switcher_leads_to_the_same_page_in_another_language(
        lang_tab: Tab, checked: CheckResult) -> None:
    scenario = next(s for s in checked.project.scenarios if s.audience == "partners")
    page = lang_tab.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    page.get_by_role("button", name="Select language").click()
    page.get_by_role("link", name="Svenska").click()
    page.wait_for_url(f"**/sv/scenarios/{scenario.id}/")
    start(page, scenario.id)
    title = checked.languages["sv"].scenarios[scenario.id].title
    assert page.get_by_role("heading", level=1, name=title).is_visible()
    # And back, from Swedish to Norwegian, on the Norwegian partner track.
    page = lang_tab.open("sv/partners/")
    page.get_by_role("button", name="Välj språk").click()
    page.get_by_role("link", name="Norsk (bokmål)").click()
    page.wait_for_url("**/nb/partners/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.get_by_role("heading", level=1, name="Leveringspartnere").is_visible()


def test_an_untranslated_scenario_says_so_and_is_marked_english(
        lang_tab: Tab, checked: CheckResult) -> None:
    scenario = next(s for s in checked.project.scenarios
                    if s.id not in checked.languages["nb"].scenarios)
    page = lang_tab.open(f"nb/scenarios/{scenario.id}/")
    start(page, scenario.id)
    assert page.get_by_text(strings("nb")["page"]["untranslated"]).is_visible()
    assert root(page, scenario.id).get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1, name=scenario.title).is_visible()
    score = checked.scores[scenario.id]
    path = score.best_paths()[0]
    assert play(page, scenario.id, path) == expected(score, path)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_translated_checklist_is_the_languages_own(lang_tab: Tab, code: str) -> None:
    page = lang_tab.open(f"{code}/partners/doorstep-checklist/")
    source = (ROOT / "docs" / "partners" / f"doorstep-checklist.{code}.md").read_text(
        encoding="utf-8")
    heading = source.splitlines()[0].removeprefix("# ").strip()
    assert page.get_by_role("heading", level=1, name=heading).is_visible()
    assert page.locator("html").get_attribute("lang") == code
    # The English page's x.<code>.md twins are no pages of the English site.
    assert lang_tab.page.request.get(
        lang_tab.base + f"partners/doorstep-checklist.{code}/").status == 404
