"""The same site on three engines: MkDocs (plugin and ``generate``), ProperDocs, Zensical.

Each engine builds the real scenarios (see :mod:`tests.browser.engines`); the
site is served on 127.0.0.1 and the same checks run on each: every scenario
plays to its best and worst ending with Python's scores, every link of every
page leads to a page of the site, the nav shows the titles as written. The
``tab`` fixture of each test fails on a console error or a request that left
127.0.0.1. Where the engines differ (instant navigation, search), the tests
say what each does (README, "Engines").

ProperDocs and Zensical are installed by the tests into virtual environments
of their own, kept in pytest's cache folder (about a minute on a fresh machine).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, expect

from generator.check import CheckResult
from tests.browser.conftest import DESKTOP, Built, Tab, _Quiet, close_tab, new_tab
from tests.browser.engines import ENGINES, PREFIX, Venv, build, properdocs_venv, zensical_venv
from tests.browser.play import expected, play, root, start

pytestmark = pytest.mark.browser

INSTANT = {"mkdocs-plugin": True, "mkdocs-generate": True, "properdocs-plugin": True,
           "zensical-generate": True}
"""Whether a click on a link swaps the page without loading it (navigation.instant)."""
SEARCH_BOX = {"zensical-generate": "input[type=text][aria-label='Search']"}
SEARCH_RESULT = {"zensical-generate": "[role=option]"}
"""Zensical's search has a box and a list box of its own (without our overrides);
Material's box is its search-query input, its results items."""


@pytest.fixture(scope="session")
def venvs() -> dict[str, Venv]:
    """The engines' virtual environments made so far (each only when a test needs it)."""
    return {}


def _venv(venvs: dict[str, Venv], engine: str, cache: Path) -> None:
    if engine.startswith("properdocs") and "properdocs" not in venvs:
        venvs["properdocs"] = properdocs_venv(cache / "properdocs")
    if engine.startswith("zensical") and "zensical" not in venvs:
        venvs["zensical"] = zensical_venv(cache / "zensical")


@contextlib.contextmanager
def _served(folder: Path) -> Iterator[tuple[http.server.ThreadingHTTPServer, str]]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.server_close()


@pytest.fixture(scope="session", params=ENGINES)
def engine_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                venvs: dict[str, Venv]) -> Iterator[tuple[str, Built]]:
    """(engine, its site built from the real scenarios and served); see engines.build."""
    engine: str = request.param
    # pytest's cache folder (.pytest_cache/, not in git): a second run reuses the
    # environments; a fresh machine (CI) makes them.
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    folder = cache.mkdir("engine-venvs") if cache else tmp_path_factory.mktemp("engine-venvs")
    _venv(venvs, engine, folder)
    work = tmp_path_factory.mktemp(engine)
    site = work / "project" / "site"
    site.mkdir(parents=True)
    # The server starts first: instant navigation needs the served address as site_url.
    with _served(site) as (server, url):
        built, _seconds = build(engine, work, url, venvs)
        assert built == site
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield engine, Built(url + PREFIX[engine], site)
        server.shutdown()


@pytest.fixture
def engine_tab(chromium: Browser, engine_site: tuple[str, Built]) -> Iterator[Tab]:
    """A fresh desktop tab on the generated pages of one engine's site."""
    opened = new_tab(chromium, engine_site[1].url, **DESKTOP)
    yield opened
    close_tab(opened)


def test_every_scenario_plays_to_its_best_and_worst_ending(
        engine_tab: Tab, checked: CheckResult) -> None:
    for scenario in checked.project.scenarios:
        score = checked.scores[scenario.id]
        page = engine_tab.open(f"scenarios/{scenario.id}/")
        expect(page.locator("article h1").first).to_have_text(scenario.title)
        start(page, scenario.id)
        for path in (score.best_paths()[0], score.worst_path()):
            assert play(page, scenario.id, path) == expected(score, path), scenario.id
            tier = score.outcome(path).tier.name
            expect(root(page, scenario.id).locator("[data-result]")).to_contain_text(tier)
            root(page, scenario.id).locator("button[data-restart]").click()
            start(page, scenario.id)


def test_nav_shows_every_scenario_title_as_written(
        engine_tab: Tab, checked: CheckResult) -> None:
    for track in ("employees", "partners"):
        page = engine_tab.open(f"{track}/")
        nav = page.locator("nav.md-nav--primary").first
        titles = [s.title for s in checked.project.scenarios if s.audience == track]
        for title in titles:
            expect(nav.get_by_role("link", name=title, exact=True)).to_have_count(1)


def test_a_click_on_a_scenario_starts_its_player(
        engine_tab: Tab, engine_site: tuple[str, Built], checked: CheckResult) -> None:
    """From a track page to a scenario as a learner goes; with instant navigation the
    page is swapped, not loaded, and the player must still start."""
    engine = engine_site[0]
    scenario = next(s for s in checked.project.scenarios if s.audience == "partners")
    page = engine_tab.open("partners/")
    page.evaluate("window.scStayed = true")
    page.locator(".md-content a", has_text=scenario.title).first.click()
    start(page, scenario.id)
    expect(page.locator("article h1").first).to_have_text(scenario.title)
    assert page.evaluate("window.scStayed === true") == INSTANT[engine]


def test_search_finds_a_scenario_by_its_title(
        engine_tab: Tab, engine_site: tuple[str, Built], checked: CheckResult) -> None:
    scenario = next(s for s in checked.project.scenarios if s.audience == "partners")
    page = engine_tab.open("")
    page.locator("label[for='__search']").first.click()
    # Typed key by key, as a learner types: Material searches on key presses, and a
    # value pasted in at once (Playwright's fill) is not searched until the next key.
    box = SEARCH_BOX.get(engine_site[0], "input[data-md-component='search-query']")
    page.locator(box).press_sequentially(scenario.title.split()[-1])
    results = page.locator(SEARCH_RESULT.get(engine_site[0], ".md-search-result__item"))
    # The index loads and is indexed when the box is first used: slow on a busy machine.
    expect(results.filter(has_text=scenario.title).first).to_be_visible(timeout=30_000)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or name == "src"
                          or (tag == "link" and name == "href")):
                self.found.append(value)


def test_every_link_leads_to_a_file_of_the_site(engine_site: tuple[str, Built]) -> None:
    site = engine_site[1].folder
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        here = "http://site/" + page.relative_to(site).as_posix()
        for link in parser.found:
            target = urlsplit(urljoin(here, link))
            if target.netloc != "site" or re.match(r"(mailto|javascript|data):", link):
                continue
            path = site / unquote(target.path).lstrip("/")
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)}: {link}")
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:10]}"
