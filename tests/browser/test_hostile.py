"""Hostile text in every field: the site shows it as written and runs none of it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog

from generator.check import CheckResult, run_check
from tests.browser.conftest import TRAINER_CONFIG, Tab, close_tab, new_tab, serve_built
from tests.browser.play import expected, play, start
from tests.test_render import FIXTURE, HOSTILE, poison_catalogue, poison_scenario

pytestmark = pytest.mark.browser

CATALOGUE_PAYLOAD = "<img src=x onerror=window.pwned=9>\" onmouseover=\"window.pwned=10 {{ 1 }}"


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One scenario per payload (``hostile-0`` ...), and a poisoned catalogue."""
    folder = tmp_path_factory.mktemp("hostile") / "scenarios"
    shutil.copytree(FIXTURE, folder)
    source = folder / "cold-soup.yaml"
    for number, payload in enumerate(HOSTILE):
        target = folder / f"hostile-{number}.yaml"
        shutil.copy(source, target)
        poison_scenario(target, payload, f"hostile-{number}")
    source.unlink()
    poison_catalogue(folder / "principles.yaml", CATALOGUE_PAYLOAD)
    return folder


@pytest.fixture(scope="module")
def hostile_url(hostile_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # Not strict: a poisoned catalogue's unused principles only warn.
    with serve_built(tmp_path_factory.mktemp("hostile-site"), hostile_project,
                     strict=False) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_trainer_url(hostile_project: Path,
                        tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The trainer build of the same project: trainer views, coverage, weights."""
    with serve_built(tmp_path_factory.mktemp("hostile-trainer-site"), hostile_project,
                     strict=False, config=TRAINER_CONFIG) as url:
        yield url


@pytest.fixture
def hostile_tab(chromium: Browser, hostile_url: str) -> Iterator[Tab]:
    yield from _watched_tab(chromium, hostile_url)


@pytest.fixture
def hostile_trainer_tab(chromium: Browser, hostile_trainer_url: str) -> Iterator[Tab]:
    yield from _watched_tab(chromium, hostile_trainer_url)


def _watched_tab(chromium: Browser, url: str) -> Iterator[Tab]:
    """A desktop tab that fails the test when any page opens a dialog."""
    opened = new_tab(chromium, url, viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    opened.page.on("dialog", on_dialog)
    yield opened
    assert not dialogs
    close_tab(opened)


def _not_pwned(tab: Tab) -> None:
    assert tab.page.evaluate("typeof window.pwned") == "undefined"


@pytest.mark.parametrize("number", range(len(HOSTILE)))
def test_hostile_scenario_plays_and_shows_text_as_written(
        hostile_tab: Tab, hostile_project: Path, number: int) -> None:
    checked: CheckResult = run_check([hostile_project])
    scenario_id = f"hostile-{number}"
    score = checked.scores[scenario_id]
    page = hostile_tab.open(f"scenarios/{scenario_id}/")
    start(page, scenario_id)
    root = page.locator(f'[data-scenario="{scenario_id}"]')
    assert root.locator("h1").text_content() == HOSTILE[number]
    assert root.locator('button[data-choice="0"]').text_content() == HOSTILE[number]
    for path in (score.best_paths()[0], score.worst_path()):
        assert play(page, scenario_id, path) == expected(score, path)
        if score.outcome(path).ending == score.scenario.endings[0].id:  # its title is the payload
            assert root.locator("[data-result] h2").text_content() == HOSTILE[number]
        _not_pwned(hostile_tab)
        root.locator("button[data-restart]").click()
        start(page, scenario_id)


def test_every_other_page_shows_hostile_text_inert(
        hostile_tab: Tab, hostile_trainer_tab: Tab) -> None:
    for tab, paths in ((hostile_tab, ["", "employees/", "progress/", "principles/",
                                      "principles/own-it/"]),
                       (hostile_trainer_tab, ["", "principles/own-it/", "trainers/",
                                              "trainers/coverage/",
                                              "trainers/scenarios/hostile-3/"])):
        for path in paths:
            page = tab.open(path)
            page.wait_for_load_state("load")
            _not_pwned(tab)
    for tab in (hostile_tab, hostile_trainer_tab):
        page = tab.open("principles/own-it/")
        assert page.locator("article h1").text_content() == CATALOGUE_PAYLOAD
        assert page.title().startswith(CATALOGUE_PAYLOAD)


@pytest.mark.parametrize("query", ["regular", "guest", "hurry"])
def test_search_results_show_hostile_text_inert(hostile_tab: Tab, query: str) -> None:
    page = hostile_tab.open("")
    page.locator("input.md-search__input").click()
    page.wait_for_function("!/Initializing/i.test("
                           "document.querySelector('.md-search-result__meta').textContent)")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_timeout(300)  # results render in batches
    _not_pwned(hostile_tab)
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
