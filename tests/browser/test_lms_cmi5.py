"""A cmi5 package in Chromium, launched as a cmi5 LMS launches it, reporting to a real LRS.

The test is the LMS (tests/browser/cmi5_lms.py): it writes the launch data,
opens the AU at the URL from ``cmi5.xml`` plus the launch parameters, answers
the fetch URL once with a token, and forwards the AU's statements to Ralph
(tests/browser/lrs.py). The learner plays; the assertions read the statements
back from Ralph: what cmi5 defines (initialized, completed, passed or failed
against the mastery score, terminated), one "answered" per decision, all in the
launch's registration and context template, in order, each once. The AU reads
the launch data, then the learner's preferences (section 11), with the token;
with a returnURL, its button ends the session and goes there (section 10).
"""

from __future__ import annotations

import json
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from playwright.sync_api import Browser, Page

from generator.check import CheckResult
from generator.check.score import Path as ScorePath
from generator.check.score import ScenarioScore
from generator.cli import main

from .cmi5_lms import CMI5, DONE, PREFERENCES, Launch, Lms, serve_lms
from .conftest import DESKTOP, Built, Tab, close_tab, new_tab
from .lrs import Proxy, Ralph
from .play import all_paths, play, start

pytestmark = pytest.mark.browser

IDENT = "leaving-broadband"
VERBS = "http://adlnet.gov/expapi/verbs/"
EXT = "urn:service-scenarios:xapi:"
NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
CATEGORY, MOVEON = CMI5 + "categories/cmi5", CMI5 + "categories/moveon"
EXIT = "Back to the course"  # the learners' site is in English (lms.exit)


@pytest.fixture(scope="module")
def course(learner_site: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cmi5 package of the learners' site, unzipped."""
    root = tmp_path_factory.mktemp("cmi5")
    out = root / "course.zip"
    assert main(["package", "--format", "cmi5", "--site", str(learner_site.folder),
                 "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        package.extractall(root / "course")
    return root / "course"


@pytest.fixture(scope="module")
def lms(course: Path, proxy: Proxy) -> Iterator[Lms]:
    with serve_lms(course, proxy) as running:
        yield running


@pytest.fixture
def au_tab(chromium: Browser, lms: Lms, proxy: Proxy) -> Iterator[Tab]:
    proxy.faults.clear()
    proxy.sent.clear()
    lms.fetch_fault = ""
    opened = new_tab(chromium, lms.url, **DESKTOP)
    yield opened
    # What a refused fetch, a missing document or a down LRS leave in the console is the test's.
    opened.errors = [e for e in opened.errors if "Failed to load resource" not in e
                     and "/lms/" not in e]
    close_tab(opened)


def au(course: Path, ident: str) -> tuple[str, str, float]:
    """The AU of ``ident`` in cmi5.xml: its url, its id (the publisher id), its mastery score."""
    found = etree.parse(str(course / "cmi5.xml")).getroot().find(
        f"c:au[@id='urn:service-scenarios:service-scenarios-site:{ident}']", NS)
    assert found is not None
    return found.findtext("c:url", namespaces=NS) or "", found.get("id") or "", \
        float(found.get("masteryScore") or "nan")


def extremes(score: ScenarioScore) -> tuple[ScorePath, ScorePath]:
    paths = sorted(all_paths(score), key=lambda p: score.outcome(p).score)
    return paths[-1], paths[0]


def stored(ralph: Ralph, proxy: Proxy, launch: Launch, count: int) -> list[dict[str, Any]]:
    """The launch's statements in the LRS, in the order the AU sent them (first sending)."""
    first = list(dict.fromkeys(proxy.sent))
    assert len(first) == count, f"{len(first)} statements reached the LRS, not {count}"
    # The proxy counts a statement as it passes it on: Ralph may store the last one a moment later.
    for _ in range(50):
        found = ralph.get(f"statements?registration={launch.registration}&limit=200")["statements"]
        by_id = {s["id"]: s for s in found}
        if set(first) <= set(by_id):
            break
        time.sleep(0.1)
    assert sorted(by_id) == sorted(first), "a statement the LMS took is not in the LRS"
    assert len(found) == len(by_id), "a statement stored twice"
    return [by_id[i] for i in first]


def wait_for(page: Page, proxy: Proxy, count: int) -> None:
    for _ in range(300):
        if len(set(proxy.sent)) >= count:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{len(set(proxy.sent))} of {count} statements sent")


def play_launch(tab: Tab, lms: Lms, course: Path, path: ScorePath, **launch: Any
                ) -> tuple[Launch, int, Page]:
    url, publisher, mastery = au(course, IDENT)
    address, made = lms.launch(url, publisher, mastery=launch.pop("mastery", mastery), **launch)
    page = tab.page
    page.goto(address)
    start(page, IDENT)
    shown, _ = play(page, IDENT, path)
    return made, shown, page


def read_launch(launch: Launch) -> None:
    """The launch data, then the learner's preferences: each once, with this launch's token
    (the LMS records a read only under the token it gave)."""
    assert [resource for resource, _ in launch.reads] == ["activities/state", "agents/profile"]
    query = launch.reads[1][1]
    assert query["profileId"] == PREFERENCES
    assert json.loads(query["agent"]) == launch.actor


def check(statements: list[dict[str, Any]], launch: Launch, score: ScenarioScore,
          path: ScorePath, mastery: float) -> None:
    outcome = score.outcome(path)
    verdict = "passed" if outcome.score / 100 >= mastery else "failed"
    verbs = [s["verb"]["id"].removeprefix(VERBS) for s in statements]
    assert verbs == ["initialized", *["answered"] * len(path), "completed", verdict, "terminated"]
    stamps = [s["timestamp"] for s in statements]
    assert stamps == sorted(stamps)  # cmi5 orders by timestamp
    publisher = launch.template()["contextActivities"]["grouping"][0]
    for s, verb in zip(statements, verbs, strict=True):
        context = s["context"]
        assert s["actor"]["account"] == launch.actor["account"]
        assert context["registration"] == launch.registration
        assert context["extensions"][CMI5 + "extensions/sessionid"] == launch.session
        assert publisher in context["contextActivities"]["grouping"]
        categories = [a["id"] for a in context["contextActivities"].get("category", [])]
        assert (CATEGORY in categories) == (verb != "answered")  # answered: cmi5 "allowed"
        assert (MOVEON in categories) == (verb in {"completed", "passed", "failed"})
        if verb != "answered":
            assert s["object"]["id"] == launch.activity
    for pick, s in zip(path, statements[1:], strict=False):
        effects = score.steps[pick.step].choices[pick.choice].effects
        assert s["object"]["id"] == f"{launch.activity}/{pick.step}"
        assert s["result"]["response"] == str(pick.choice)
        assert s["result"]["extensions"][EXT + "choice"] == \
            f"{launch.activity}/{pick.step}/{pick.choice}"
        assert s["result"]["extensions"][EXT + "effects"] == effects
        assert s["context"]["contextActivities"]["parent"][0]["id"] == launch.activity
    completed, judged, terminated = statements[-3:]
    assert completed["result"]["completion"] is True
    assert "score" not in completed["result"]
    assert "success" not in completed["result"]
    assert judged["result"]["success"] is (verdict == "passed")
    assert judged["result"]["score"]["scaled"] == outcome.score / 100
    assert "completion" not in judged["result"]
    assert judged["context"]["extensions"][CMI5 + "extensions/masteryscore"] == mastery
    for s in (completed, judged, terminated):
        assert s["result"]["duration"].startswith("PT")


@pytest.mark.parametrize("ending", ["best", "failing"])
def test_a_launch_records_initialized_each_decision_the_verdict_and_terminated(
        au_tab: Tab, lms: Lms, course: Path, proxy: Proxy, ralph: Ralph, checked: CheckResult,
        ending: str) -> None:
    score = checked.scores[IDENT]
    path = extremes(score)[0 if ending == "best" else 1]
    mastery = au(course, IDENT)[2]
    launch, shown, page = play_launch(au_tab, lms, course, path)
    assert shown == score.outcome(path).score
    assert (shown / 100 >= mastery) == (ending == "best")  # one passes, the other fails
    wait_for(page, proxy, len(path) + 3)
    assert page.locator("[data-sc-lms-note]").count() == 0
    page.goto("about:blank")  # the learner closes the AU: the session ends
    wait_for(page, proxy, len(path) + 4)
    check(stored(ralph, proxy, launch, len(path) + 4), launch, score, path, mastery)
    read_launch(launch)  # no preferences document: 404, and the run recorded all the same
    token = next(la.token for la in lms.launches.values() if la is launch)
    assert not [u for u in au_tab.requests if token in u]  # the token only ever in a header


def test_the_way_back_to_the_course_sends_terminated_once_then_opens_the_return_url(
        au_tab: Tab, lms: Lms, course: Path, proxy: Proxy, ralph: Ralph,
        checked: CheckResult) -> None:
    """The learner finishes, then presses the button: terminated after the verdict, once
    (not again as the page goes), and the window is at the LMS's returnURL. The learner's
    preferences ask for Swedish: read, and the one-language package stays as it is."""
    score = checked.scores[IDENT]
    best = extremes(score)[0]
    mastery = au(course, IDENT)[2]
    launch, _, page = play_launch(au_tab, lms, course, best,
                                  preferences={"languagePreference": "sv-SE,en-US",
                                               "audioPreference": "off"})
    wait_for(page, proxy, len(best) + 3)
    page.get_by_role("button", name=EXIT).click()
    page.wait_for_url(lms.url + DONE)
    assert "Back in the LMS" in page.inner_text("body")
    wait_for(page, proxy, len(best) + 4)
    page.wait_for_timeout(300)  # a second terminated, if the page's going sent one, is in
    statements = stored(ralph, proxy, launch, len(best) + 4)
    check(statements, launch, score, best, mastery)  # ..., completed, passed, terminated
    read_launch(launch)


@pytest.mark.parametrize("return_url", [None, "javascript:alert(1)", "ftp://lms.example.org/"])
def test_without_an_http_return_url_there_is_no_way_back_but_closing(
        au_tab: Tab, lms: Lms, course: Path, proxy: Proxy, ralph: Ralph, checked: CheckResult,
        return_url: str | None) -> None:
    score = checked.scores[IDENT]
    best = extremes(score)[0]
    launch, _, page = play_launch(au_tab, lms, course, best, return_url=return_url)
    wait_for(page, proxy, len(best) + 3)
    assert page.get_by_role("button", name=EXIT).count() == 0
    assert page.locator("[data-sc-lms-exit]").count() == 0
    page.goto("about:blank")
    wait_for(page, proxy, len(best) + 4)
    check(stored(ralph, proxy, launch, len(best) + 4), launch, score, best,
          au(course, IDENT)[2])


def test_the_lms_mastery_score_decides(au_tab: Tab, lms: Lms, course: Path, proxy: Proxy,
                                       ralph: Ralph, checked: CheckResult) -> None:
    """The best run fails when the LMS's launch data asks for more than it scored."""
    score = checked.scores[IDENT]
    best = extremes(score)[0]
    shown = score.outcome(best).score
    if shown == 100:
        best = next(p for p in sorted(all_paths(score), key=lambda p: -score.outcome(p).score)
                    if score.outcome(p).score < 100)
        shown = score.outcome(best).score
    harder = (shown + 1) / 100
    launch, _, page = play_launch(au_tab, lms, course, best, mastery=harder)
    wait_for(page, proxy, len(best) + 3)
    page.goto("about:blank")
    wait_for(page, proxy, len(best) + 4)
    check(stored(ralph, proxy, launch, len(best) + 4), launch, score, best, harder)


@pytest.mark.parametrize("fault", ["fetch refused", "fetch used", "no launch data",
                                   "not launched"])
def test_without_a_working_launch_the_player_plays_on_and_sends_nothing(
        au_tab: Tab, lms: Lms, course: Path, proxy: Proxy, checked: CheckResult,
        fault: str) -> None:
    score = checked.scores[IDENT]
    best = extremes(score)[0]
    lms.fetch_fault = {"fetch refused": "401", "fetch used": "used"}.get(fault, "")
    if fault == "not launched":  # the AU's page opened outside any LMS
        page = au_tab.open(au(course, IDENT)[0])
        start(page, IDENT)
        shown, _ = play(page, IDENT, best)
    else:
        _, shown, page = play_launch(au_tab, lms, course, best,
                                     launch_data=fault != "no launch data")
    assert shown == score.outcome(best).score  # the score on screen
    note = page.locator("[data-sc-lms-note]")
    assert note.count() == 1
    assert "not recording" in note.inner_text()
    page.goto("about:blank")
    page.wait_for_timeout(300)
    assert proxy.sent == []


def test_an_lrs_down_for_a_while_gets_every_statement_once(
        au_tab: Tab, lms: Lms, course: Path, proxy: Proxy, ralph: Ralph,
        checked: CheckResult) -> None:
    """502 twice (the LRS down behind the LMS), then up: no note, each statement stored once."""
    score = checked.scores[IDENT]
    best = extremes(score)[0]
    proxy.faults.extend(["502", "502"])
    launch, shown, page = play_launch(au_tab, lms, course, best)
    assert shown == score.outcome(best).score
    wait_for(page, proxy, len(best) + 3)
    assert page.locator("[data-sc-lms-note]").count() == 0
    assert proxy.sent[0] == proxy.sent[1] == proxy.sent[2]  # initialized, retried
    page.goto("about:blank")
    wait_for(page, proxy, len(best) + 4)
    check(stored(ralph, proxy, launch, len(best) + 4), launch, score, best,
          au(course, IDENT)[2])
