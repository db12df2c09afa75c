"""Two builds from the same sources: the learners' site holds no answer key, the trainers' has it.

Every HTML page of the learner build is opened in Chromium and read as a
learner sees it (``document.body.innerText``): no effect weight, no score
range, no element of the answer key, no link into ``trainers/``; and neither
the build nor its search index holds a trainer page. The trainer build has
every learner page plus the trainer views, guides and weights.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.check import CheckResult
from generator.render.paths import TRAINER_AREA
from tests.browser.conftest import Built, Tab

pytestmark = pytest.mark.browser

WEIGHT = re.compile(r"(?<![\w+\-\u2212])[+\-\u2212]\s?[12](?![\d.,:])")
"""A signed effect weight as an answer key prints it: +2, -1, a minus sign and 2 (not 0-100)."""

ANSWER_WORDS = re.compile(r"raw totals|score range|scores of paths|scores -?\d+ to", re.I)
"""Phrases of the trainer view and of ``check``'s score ranges."""

ANSWER_KEY = ".sc-weight, .sc-effects, [data-trainer]"
"""Elements only the answer key has: weights, effect lists, a trainer view's root."""

READ = """(answerKey) => ({
  text: document.body.innerText,
  answerKey: document.querySelectorAll(answerKey).length,
  links: Array.from(document.querySelectorAll("a[href]"), a => a.href),
})"""


def pages_of(folder: Path) -> list[str]:
    """Every HTML page of a build, as the path to open (directory URLs)."""
    found = []
    for page in sorted(folder.rglob("*.html")):
        path = page.relative_to(folder).as_posix()
        found.append(path.removesuffix("index.html"))
    return found


def search_locations(folder: Path) -> list[str]:
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [str(doc["location"]) for doc in index["docs"]]


def read(tab: Tab, path: str) -> dict[str, object]:
    page = tab.open(path)
    page.wait_for_load_state("load")
    found = page.evaluate(READ, ANSWER_KEY)
    assert isinstance(found, dict)
    return found


def test_no_learner_page_shows_weights_or_links_to_trainer_pages(
        tab: Tab, learner_site: Built) -> None:
    pages = pages_of(learner_site.folder)
    assert len(pages) > 20
    trainer_area = learner_site.url + TRAINER_AREA
    for path in pages:
        seen = read(tab, path)
        text = str(seen["text"])
        assert not WEIGHT.findall(text), (path, WEIGHT.findall(text))
        assert not ANSWER_WORDS.search(text), (path, ANSWER_WORDS.search(text))
        assert seen["answerKey"] == 0, path
        links = seen["links"]
        assert isinstance(links, list)
        assert not [link for link in links if link.startswith(trainer_area)], path


def test_learner_build_holds_no_trainer_page(learner_site: Built) -> None:
    assert not (learner_site.folder / TRAINER_AREA).exists()
    assert not [p for p in pages_of(learner_site.folder) if p.startswith(TRAINER_AREA)]
    assert not [loc for loc in search_locations(learner_site.folder) if TRAINER_AREA in loc]
    sitemap = (learner_site.folder / "sitemap.xml").read_text(encoding="utf-8")
    assert TRAINER_AREA not in sitemap
    for path in ("trainers/", "trainers/coverage/", "trainers/reverse-brainstorm/"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(learner_site.url + path, timeout=10)
        refused.value.close()
        assert refused.value.code == 404


def test_learner_principle_pages_list_scenarios_not_choices(
        tab: Tab, checked: CheckResult) -> None:
    trained = {pid for s in checked.project.scenarios for step in s.steps
               for choice in step.choices for pid in choice.effects}
    principle = next(p for p in checked.project.catalogue.principles if p.id in trained)
    page = tab.open(f"principles/{principle.id}/")
    items = page.locator("[data-progress-item]")
    assert items.count() >= 1
    titles = {s.id: s.title for s in checked.project.scenarios}
    for n in range(items.count()):
        item = items.nth(n)
        scenario = item.get_attribute("data-progress-item") or ""
        assert item.locator("a").first.inner_text() == titles[scenario]
        assert item.locator("[data-progress-mark]").count() == 1
    responses = [c.response for s in checked.project.scenarios for step in s.steps
                 for c in step.choices]
    text = page.evaluate("document.body.innerText")
    assert not [r for r in responses if r in text]


def test_learner_home_and_nav_have_no_trainers_track(tab: Tab) -> None:
    page = tab.open("")
    tracks = page.locator(".sc-tracks li > a")
    assert tracks.all_inner_texts() == ["Employees", "Delivery partners"]
    page = tab.open("progress/")
    nav = page.locator("nav.md-nav--primary").first.evaluate("n => n.textContent")
    assert "Trainers" not in str(nav)
    assert "Employees" in str(nav)


def test_trainer_build_has_every_learner_page(learner_site: Built, trainer_site: Built) -> None:
    # The learners' other languages are sites of their own (sv/, ...); the trainers' is English.
    learner = {p for p in pages_of(learner_site.folder) if not p.startswith(("sv/", "nb/", "da/"))}
    trainer = set(pages_of(trainer_site.folder))
    assert learner < trainer
    assert {p for p in trainer - learner if not p.startswith(TRAINER_AREA)} == set()
    assert [loc for loc in search_locations(trainer_site.folder) if loc.startswith(TRAINER_AREA)]


def test_trainer_views_show_every_choice_with_its_weights(
        trainer_tab: Tab, checked: CheckResult) -> None:
    for scenario in checked.project.scenarios:
        page = trainer_tab.open(f"trainers/scenarios/{scenario.id}/")
        root = page.locator(f'[data-trainer="{scenario.id}"]')
        choices = [c for step in scenario.steps for c in step.choices]
        assert root.locator(".sc-choices > li").count() == len(choices)
        weights = root.locator(".sc-weight").all_inner_texts()
        expected = [f"{w:+d}" for c in choices for w in c.effects.values()]
        assert weights == expected, scenario.id
        assert WEIGHT.search(root.inner_text())


def test_trainer_principle_pages_show_choices_with_weights(
        trainer_tab: Tab, checked: CheckResult) -> None:
    for principle in checked.project.catalogue.principles:
        picks = [c.effects[principle.id] for s in checked.project.scenarios
                 for step in s.steps for c in step.choices if principle.id in c.effects]
        page = trainer_tab.open(f"principles/{principle.id}/")
        weights = page.locator(".sc-principle .sc-weight").all_inner_texts()
        assert weights == [f"{w:+d}" for w in picks], principle.id


def test_trainer_home_guides_and_nav(trainer_tab: Tab) -> None:
    page = trainer_tab.open("")
    tracks = page.locator(".sc-tracks li > a")
    assert tracks.all_inner_texts() == ["Employees", "Delivery partners", "Trainers"]
    tracks.last.click()
    page.wait_for_url("**/trainers/")
    # Instant navigation changes the URL before it swaps the content: wait for it.
    for name in ("Authoring guide", "Facilitation guide", "Coverage matrix"):
        expect(page.locator(".sc-cards a", has_text=name)).to_have_count(1)
    for path, heading in (("trainers/coverage/", "Coverage matrix"),
                          ("trainers/authoring/", "Authoring guide")):
        assert trainer_tab.open(path).locator("article h1").first.inner_text() == heading
