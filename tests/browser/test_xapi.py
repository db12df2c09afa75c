"""xAPI statements from the browser to a real LRS: Ralph on 127.0.0.1 behind a test proxy.

The site is built with ``xapi: {endpoint: /lrs/xapi/}`` and served with the
proxy on the same origin (tests/browser/lrs.py). A learner plays; the
assertions read each statement back from Ralph, with the test's own
credentials, and the proxy's log of what the browser sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zipfile import ZipFile

import pytest
from playwright.sync_api import Browser, Page

from generator.check import CheckResult
from generator.check.score import Path as ScorePath
from generator.check.score import ScenarioScore
from generator.cli import main

from .conftest import DESKTOP, LEARNER_CONFIG, ROOT, Built, Tab, _build, close_tab, new_tab
from .lrs import ENDPOINT, Proxy, Ralph, serve_with_proxy
from .play import play, start

pytestmark = pytest.mark.browser

IDENT = "leaving-broadband"
QUEUE = "service-scenarios:xapi:v1:queue"
VERBS = "http://adlnet.gov/expapi/verbs/"
EXT = "urn:service-scenarios:xapi:"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def xapi_site(tmp_path_factory: pytest.TempPathFactory, proxy: Proxy) -> Iterator[Built]:
    """The learners' site with ``xapi:`` set (1 s before a send is retried), and its proxy."""
    out = tmp_path_factory.mktemp("site-xapi")
    with serve_with_proxy(out, proxy) as (url, folder):
        _build(folder, url, ROOT / "scenarios", strict=True, config=LEARNER_CONFIG,
               plugin_options={"xapi": {"endpoint": ENDPOINT, "timeout": 1}})
        yield Built(url, folder)


@pytest.fixture
def xtab(chromium: Browser, xapi_site: Built, proxy: Proxy) -> Iterator[Tab]:
    proxy.faults.clear()
    proxy.sent.clear()
    opened = new_tab(chromium, xapi_site.url, **DESKTOP)
    yield opened
    # What a refused, cut or slow endpoint leaves in the console is the test's doing.
    opened.errors = [e for e in opened.errors if "Failed to load resource" not in e
                     and ENDPOINT not in e]
    close_tab(opened)


def extremes(score: ScenarioScore) -> tuple[ScorePath, ScorePath]:
    return score.best_paths()[0], score.worst_path()


def queued(page: Page) -> list[dict[str, Any]]:
    found = page.evaluate(f"() => JSON.parse(localStorage.getItem('{QUEUE}') || '[]')")
    assert isinstance(found, list)
    return found


def drained(page: Page, timeout: float = 30_000) -> None:
    empty = f"() => JSON.parse(localStorage.getItem('{QUEUE}') || '[]').length === 0"
    page.wait_for_function(empty, timeout=timeout)


def read_back(ralph: Ralph, ids: list[str]) -> list[dict[str, Any]]:
    found = [ralph.statement(i) for i in ids]
    assert all(s is not None for s in found), "a statement the proxy took is not in the LRS"
    return [s for s in found if s is not None]


def check_run(statements: list[dict[str, Any]], site: str, score: ScenarioScore,
              path: ScorePath, mastery: int) -> None:
    """The statements of one run, as the README's profile says."""
    assert len(statements) == len(path) + 2
    scenario = f"{site}scenarios/{IDENT}"
    actor = statements[0]["actor"]
    assert set(actor) == {"objectType", "account"}  # no name, no mailbox: anonymous
    assert actor["account"]["homePage"] == site
    assert UUID.match(actor["account"]["name"])
    registration = statements[0]["context"]["registration"]
    for pick, s in zip(path, statements, strict=False):
        effects = score.steps[pick.step].choices[pick.choice].effects
        net = sum(effects.values())
        assert s["actor"] == actor
        assert s["context"]["registration"] == registration
        assert s["verb"]["id"] == VERBS + "answered"
        assert s["object"]["id"] == f"{scenario}/{pick.step}"
        assert s["object"]["definition"]["interactionType"] == "choice"
        assert s["context"]["contextActivities"]["parent"][0]["id"] == scenario
        assert s["result"]["response"] == str(pick.choice)
        assert s["result"]["extensions"][EXT + "choice"] == f"{scenario}/{pick.step}/{pick.choice}"
        assert s["result"]["extensions"][EXT + "effects"] == effects
        assert s["result"].get("success") == (None if net == 0 else net > 0)
        assert s["result"]["extensions"][EXT + "text"]
    outcome = score.outcome(path)
    completed, verdict = statements[-2:]
    passed = outcome.score >= mastery
    assert completed["verb"]["id"] == VERBS + "completed"
    assert verdict["verb"]["id"] == VERBS + ("passed" if passed else "failed")
    for s, success in ((completed, None), (verdict, passed)):
        assert s["object"]["id"] == scenario
        assert s["context"]["registration"] == registration
        assert s["result"]["completion"] is True
        assert s["result"].get("success") == success
        assert s["result"]["score"] == {"scaled": outcome.score / 100, "raw": outcome.score,
                                        "min": 0, "max": 100}
        assert s["result"]["extensions"][EXT + "tier"] == outcome.tier.id


def good(checked: CheckResult) -> int:
    return next(t.min for t in checked.project.catalogue.tiers if t.id == "good")


def test_each_decision_and_each_run_reach_the_lrs_once(
        xtab: Tab, xapi_site: Built, proxy: Proxy, ralph: Ralph, checked: CheckResult) -> None:
    score = checked.scores[IDENT]
    best, worst = extremes(score)
    page = xtab.open(f"scenarios/{IDENT}/")
    start(page, IDENT)
    play(page, IDENT, best)
    drained(page)
    first = list(proxy.sent)
    page.locator(f'[data-scenario="{IDENT}"] [data-restart]').click()
    start(page, IDENT)
    play(page, IDENT, worst)
    drained(page)
    second = proxy.sent[len(first):]
    assert len(set(proxy.sent)) == len(proxy.sent), "a statement was sent twice"
    runs = read_back(ralph, first), read_back(ralph, second)
    check_run(runs[0], xapi_site.url, score, best, good(checked))
    check_run(runs[1], xapi_site.url, score, worst, good(checked))
    assert runs[0][0]["actor"] == runs[1][0]["actor"]  # one browser, one anonymous id
    assert runs[0][0]["context"]["registration"] != runs[1][0]["context"]["registration"]


def test_offline_statements_wait_in_the_browser_and_are_sent_once_back_online(
        xtab: Tab, xapi_site: Built, proxy: Proxy, ralph: Ralph, checked: CheckResult) -> None:
    score = checked.scores[IDENT]
    best, _ = extremes(score)
    page = xtab.open(f"scenarios/{IDENT}/")
    start(page, IDENT)
    page.context.set_offline(True)
    shown, _ = play(page, IDENT, best)
    page.wait_for_timeout(1500)  # a retry or two, all failing
    waiting = [s["id"] for s in queued(page)]
    assert shown == score.outcome(best).score  # the player never waited for the network
    assert proxy.sent == []
    assert len(waiting) == len(best) + 2
    page.context.set_offline(False)
    drained(page)
    assert proxy.sent == waiting, "sent out of order, twice, or not at all"
    check_run(read_back(ralph, waiting), xapi_site.url, score, best, good(checked))


def test_a_refusing_or_slow_endpoint_loses_nothing_and_stores_nothing_twice(
        xtab: Tab, proxy: Proxy, ralph: Ralph, checked: CheckResult) -> None:
    """401, then 502 (the LRS down behind the proxy), then an answer slower than the
    adapter's 1 s: the run goes on, no note, and once the endpoint recovers every statement
    is in the LRS once (the slow one, sent again, is the same statement id)."""
    score = checked.scores[IDENT]
    best, _ = extremes(score)
    proxy.faults.extend(["401", "502", 2.0])
    page = xtab.open(f"scenarios/{IDENT}/")
    start(page, IDENT)
    notes = page.locator(".sc-note").all_inner_texts()
    shown, _ = play(page, IDENT, best)
    assert shown == score.outcome(best).score
    made = [s["id"] for s in queued(page)]
    drained(page)
    assert page.locator(".sc-note").all_inner_texts() == notes  # nothing for the learner to act on
    assert proxy.sent[0] == proxy.sent[1] == proxy.sent[2] == proxy.sent[3] == made[0]
    assert proxy.sent[4:] == made[1:]  # each other statement once
    registration = read_back(ralph, made)[0]["context"]["registration"]
    stored = ralph.get(f"statements?registration={registration}&limit=100")["statements"]
    assert sorted(s["id"] for s in stored) == sorted(made)  # in the LRS once each


def test_without_the_setting_no_page_has_the_adapter_and_the_player_is_the_same_size(
        learner_site: Built, xapi_site: Built) -> None:
    def player(site: Built) -> Path:
        return site.folder / "assets" / "service-scenarios.js"

    assert not list(learner_site.folder.rglob("*xapi*"))
    pages = list(learner_site.folder.rglob("*.html"))
    assert pages
    assert not [p for p in pages if "xapi" in p.read_text(encoding="utf-8")]
    # The build id the offline step writes into the player has the same length in both.
    assert player(learner_site).stat().st_size == player(xapi_site).stat().st_size
    scenario = (xapi_site.folder / "scenarios" / IDENT / "index.html").read_text(encoding="utf-8")
    assert 'src="../../assets/service-scenarios-xapi.js' in scenario


def test_without_the_setting_a_run_keeps_nothing_for_an_lrs(tab: Tab, checked: CheckResult) -> None:
    best, _ = extremes(checked.scores[IDENT])
    page = tab.open(f"scenarios/{IDENT}/")
    start(page, IDENT)
    play(page, IDENT, best)
    page.wait_for_timeout(300)
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert not [k for k in keys if "xapi" in k]
    assert not [u for u in tab.requests if "statements" in u or "/lrs/" in u]


@pytest.mark.parametrize("kind", ["scorm2004", "cmi5"])
def test_a_package_of_the_site_leaves_the_sites_own_xapi_out(
        xapi_site: Built, tmp_path: Path, kind: str) -> None:
    """A package reports to the LMS that launched it only: no page keeps the site's adapter."""
    out = tmp_path / f"{kind}.zip"
    assert main(["package", "--format", kind, "--site", str(xapi_site.folder),
                 "--out", str(out)]) == 0
    with ZipFile(out) as package:
        names = package.namelist()
        pages = [package.read(n).decode("utf-8") for n in names if n.endswith(".html")]
    assert "assets/service-scenarios-xapi.js" not in names
    assert pages
    assert not [p for p in pages if "service-scenarios-xapi" in p]
