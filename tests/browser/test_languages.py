"""The Swedish site in Chromium: the player speaks Swedish and scores like Python."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.check import CheckResult
from tests.browser.conftest import ROOT, Tab, close_tab, new_tab, serve_built
from tests.browser.play import expected, play, root, start

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def swedish_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real mkdocs.yml with ``theme.language: sv``, built strict and served."""
    folder = tmp_path_factory.mktemp("sv")
    config = folder / "mkdocs-sv.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ntheme:\n  language: sv\n",
                      encoding="utf-8")
    with serve_built(folder / "site", ROOT / "scenarios", strict=True,
                     config=str(config)) as url:
        yield url


@pytest.fixture
def sv_tab(chromium: object, swedish_url: str) -> Iterator[Tab]:
    from playwright.sync_api import Browser

    assert isinstance(chromium, Browser)
    tab = new_tab(chromium, swedish_url)
    yield tab
    close_tab(tab)


def test_a_scenario_plays_in_swedish_with_the_same_scores(
        sv_tab: Tab, checked: CheckResult) -> None:
    scenario = next(s for s in checked.project.scenarios if s.audience == "partners")
    score = checked.scores[scenario.id]
    page = sv_tab.open(f"scenarios/{scenario.id}/")
    start(page, scenario.id)
    player = root(page, scenario.id)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert player.get_by_text("Steg 1 av").first.is_visible()
    assert player.get_by_role("group", name="Ditt svar").is_visible()
    best = score.best_paths()[0]
    player.locator(f'button[data-choice="{best[0].choice}"]').click()
    assert player.locator("[data-continue]").inner_text().strip() in {"Fortsätt",
                                                                      "Se ditt resultat"}
    player.locator("[data-continue]").click()
    rest = best[1:]
    assert play(page, scenario.id, rest) == expected(score, best)
    assert player.get_by_text("av 100").first.is_visible()
    assert player.get_by_role("button", name="Försök igen").is_visible()
