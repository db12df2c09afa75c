"""SCORM packages in Chromium under a real LMS-side runtime: scorm-again (tests/lms).

A test page on 127.0.0.1 plays the LMS: it puts scorm-again's ``API`` (1.2) or
``API_1484_11`` (2004) on its window and frames a SCO at the launch URL the
manifest gives. The learner plays in the frame; the assertions read what the LMS
recorded: status, score, success against the mastery score, one interaction per
decision, and the run kept in suspend_data for a later launch.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, FrameLocator

from generator.check import CheckResult, run_check
from generator.check.score import Path as ScorePath
from generator.check.score import ScenarioScore
from generator.cli import main

from .conftest import (
    DESKTOP,
    Tab,
    _Quiet,
    close_tab,
    new_tab,
    scenarios_with_a_biting_cap,
    serve_built,
)
from .play import all_paths, capped_path, play, start

pytestmark = pytest.mark.browser

RUNTIME = (Path(__file__).resolve().parents[1] / "lms" / "node_modules" / "scorm-again" / "dist"
           / "scorm-again.min.js")
LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<link rel="icon" href="data:,"><script src="scorm-again.min.js"></script></head>
<body><iframe id="sco" title="Course" style="width:1200px;height:860px;border:0"></iframe>
</body></html>"""
# Launch the SCO under a fresh scorm-again API (or one whose every call throws),
# recording every value the SCO sets.
LAUNCH = """([kind, state, launch, throws]) => {
  window.sets = [];
  let api;
  if (throws) {
    api = new Proxy({}, { get: () => () => { throw new Error("the LMS is down"); } });
  } else {
    const settings = { logLevel: 5, autocommit: false };
    api = kind === "scorm12" ? new Scorm12API(settings) : new Scorm2004API(settings);
    if (state) api.loadFromJSON(state);
    const setter = kind === "scorm12" ? "LMSSetValue" : "SetValue";
    api.on(setter + ".cmi.*", (element, value) => window.sets.push([element, String(value)]));
    window.terminated = false;
    api.on(kind === "scorm12" ? "LMSFinish" : "Terminate", () => { window.terminated = true; });
  }
  window[kind === "scorm12" ? "API" : "API_1484_11"] = api;
  document.getElementById("sco").src = launch;
}"""
KINDS = ["scorm12", "scorm2004"]
STRICT_12_ID = re.compile(r"[A-Za-z0-9_-]{1,255}")  # CMIIdentifier as SCORM 1.2 writes it


@pytest.fixture(scope="module")
def capped_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped scenarios with safety-first capped at the lowest tier, so a cap bites
    (as in test_player_caps: the shipped cap lowers no shipped path yet)."""
    return scenarios_with_a_biting_cap(tmp_path_factory.mktemp("lms-caps") / "scenarios")


@pytest.fixture(scope="module")
def capped(capped_project: Path) -> CheckResult:
    found = run_check([capped_project])
    assert not found.errors, [d.format() for d in found.errors]
    return found


@pytest.fixture(scope="module")
def lms(capped_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Both packages of the whole (capped) learners' site, unzipped beside the LMS page."""
    root = tmp_path_factory.mktemp("lms")
    site = root / "site"
    with serve_built(site, capped_project, strict=False):  # the cap warns of its endings
        pass
    assert RUNTIME.is_file(), "run tests/run-all.sh (npm ci in tests/lms) first"
    shutil.copy(RUNTIME, root / "scorm-again.min.js")
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    for kind in KINDS:
        out = root / f"{kind}.zip"
        assert main(["package", "--format", kind, "--site", str(site),
                     "--out", str(out)]) == 0
        with zipfile.ZipFile(out) as package:
            package.extractall(root / kind)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()
    finally:
        server.server_close()


@pytest.fixture
def lms_tab(chromium: Browser, lms: str) -> Iterator[Tab]:
    opened = new_tab(chromium, lms, **DESKTOP)
    yield opened
    close_tab(opened)


def launch_url(kind: str, scenario_id: str) -> str:
    """The SCO's launch: the manifest's href and parameters, as an LMS joins them."""
    return f"{kind}/scenarios/{scenario_id}/index.html?sco={scenario_id}"


def launch(tab: Tab, kind: str, scenario_id: str, state: dict[str, Any] | None = None,
           *, throws: bool = False) -> FrameLocator:
    page = tab.open("lms.html")
    page.evaluate("sessionStorage.clear()")  # a new browser session: no run kept in the tab
    page.evaluate(LAUNCH, [kind, state, launch_url(kind, scenario_id), throws])
    frame = page.frame_locator("#sco")
    start(frame, scenario_id)  # type: ignore[arg-type]
    return frame


def recorded(tab: Tab) -> dict[str, str]:
    """The last value the SCO set for each element."""
    return {element: value for element, value in tab.page.evaluate("window.sets")}


def interactions(values: dict[str, str]) -> list[dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    for element, value in values.items():
        match = re.fullmatch(r"cmi\.interactions\.(\d+)\.(.+)", element)
        if match:
            found.setdefault(int(match[1]), {})[match[2]] = value
    return [found[i] for i in sorted(found)]


def extremes(score: ScenarioScore) -> tuple[ScorePath, ScorePath]:
    paths = sorted(all_paths(score), key=lambda p: score.outcome(p).score)
    return paths[-1], paths[0]


def capped_scenario(checked: CheckResult) -> str:
    """A scenario with a path that a cap lowers."""
    return next(i for i, s in checked.scores.items() if capped_path(s) is not None)


def longest(checked: CheckResult) -> tuple[str, ScorePath]:
    """The scenario and path with the most decisions of the shipped scenarios."""
    return max(((i, p) for i, s in checked.scores.items() for p in all_paths(s)),
               key=lambda found: (len(found[1]), len(checked.scores[found[0]].steps)))


def expected_interaction(score: ScenarioScore, path: ScorePath, kind: str) -> list[dict[str, str]]:
    rows = []
    for pick in path:
        choice = score.steps[pick.step].choices[pick.choice]
        net = sum(choice.effects.values())
        row = {"id": pick.step, "type": "choice",
               ("student_response" if kind == "scorm12" else "learner_response"):
                   "0123456789abcdefghijklmnopqrstuvwxyz"[pick.choice],
               "result": "correct" if net > 0 else "neutral" if net == 0 else
                   ("wrong" if kind == "scorm12" else "incorrect")}
        for k, principle in enumerate(sorted(choice.effects)):
            weight = choice.effects[principle]
            row[f"objectives.{k}.id"] = f"{principle}_{'up' if weight > 0 else 'down'}{abs(weight)}"
        if kind == "scorm2004":
            row["description"] = "{lang=en}" + choice.response[:250]
        rows.append(row)
    return rows


@pytest.mark.parametrize("kind", KINDS)
def test_lms_records_completion_score_success_and_every_decision(
        lms_tab: Tab, capped: CheckResult, kind: str) -> None:
    ident = capped_scenario(capped)
    score = capped.scores[ident]
    best, worst = extremes(score)
    bitten = capped_path(score)  # a cap lowers its score: the LMS must get the capped one
    assert bitten is not None
    for path in (best, worst, bitten):
        frame = launch(lms_tab, kind, ident)
        shown, _ = play(frame, ident, path)  # type: ignore[arg-type]
        outcome = score.outcome(path)
        assert shown == outcome.score
        values = recorded(lms_tab)
        passed = outcome.score >= 65  # the Good tier: the packaged default
        if kind == "scorm12":
            assert values["cmi.core.score.raw"] == str(outcome.score)
            assert (values["cmi.core.score.min"], values["cmi.core.score.max"]) == ("0", "100")
            assert values["cmi.core.lesson_status"] == ("passed" if passed else "failed")
        else:
            assert values["cmi.score.raw"] == str(outcome.score)
            assert float(values["cmi.score.scaled"]) == outcome.score / 100
            assert values["cmi.completion_status"] == "completed"
            assert values["cmi.success_status"] == ("passed" if passed else "failed")
        found = interactions(values)
        wanted = expected_interaction(score, path, kind)
        assert [{k: row[k] for k in want} for row, want in zip(found, wanted, strict=True)] \
            == wanted
        for row in found:
            assert row["time" if kind == "scorm12" else "timestamp"]
            if kind == "scorm12":
                assert all(STRICT_12_ID.fullmatch(v) for k, v in row.items()
                           if k == "id" or k.endswith(".id"))
                assert re.fullmatch(r"[0-9a-z]", row["student_response"])


@pytest.mark.parametrize("kind", KINDS)
def test_the_lms_mastery_score_overrides_the_packaged_one(
        lms_tab: Tab, capped: CheckResult, kind: str) -> None:
    """A run that passes the packaged mastery (Good, 65) fails when the LMS asks one more."""
    ident, path, shown = next((i, p, s.outcome(p).score) for i, s in sorted(capped.scores.items())
                              for p in all_paths(s) if 65 <= s.outcome(p).score < 100)
    state = ({"student_data": {"mastery_score": str(shown + 1)}} if kind == "scorm12"
             else {"scaled_passing_score": str((shown + 1) / 100)})
    frame = launch(lms_tab, kind, ident, state)
    assert play(frame, ident, path)[0] == shown  # type: ignore[arg-type]
    values = recorded(lms_tab)
    element = "cmi.core.lesson_status" if kind == "scorm12" else "cmi.success_status"
    assert values[element] == "failed"
    frame = launch(lms_tab, kind, ident, None)
    play(frame, ident, path)  # type: ignore[arg-type]
    assert recorded(lms_tab)[element] == "passed"


@pytest.mark.parametrize("kind", KINDS)
def test_resume_through_suspend_data(chromium: Browser, lms: str, capped: CheckResult,
                                     kind: str) -> None:
    """Leave the longest scenario half-way; a later launch (another browser session,
    so nothing in sessionStorage) resumes at the same step from the LMS's suspend_data."""
    ident, path = longest(capped)
    half = len(path) // 2
    first = new_tab(chromium, lms, **DESKTOP)
    frame = launch(first, kind, ident)
    root = frame.locator(f'[data-scenario="{ident}"]')
    for pick in path[:half]:
        root.locator(f'button[data-choice="{pick.choice}"]').click()
        root.locator("[data-continue]").click()
    heading = root.locator(".sc-card h2").inner_text()
    first.page.evaluate("document.getElementById('sco').remove()")  # the LMS closes the SCO
    assert first.page.evaluate("window.terminated")
    values = recorded(first)
    suspend = values["cmi.suspend_data"]
    assert values["cmi.core.exit" if kind == "scorm12" else "cmi.exit"] == "suspend"
    assert 0 < len(suspend) <= 4096
    assert re.fullmatch(r"\d\d:\d\d:\d\d" if kind == "scorm12" else r"PT\d+S",
                        values["cmi.core.session_time" if kind == "scorm12"
                               else "cmi.session_time"])
    close_tab(first)

    state = ({"suspend_data": suspend, "core": {"entry": "resume"}} if kind == "scorm12"
             else {"suspend_data": suspend, "entry": "resume"})
    second = new_tab(chromium, lms, **DESKTOP)
    frame = launch(second, kind, ident, state)
    root = frame.locator(f'[data-scenario="{ident}"]')
    assert root.locator(".sc-card h2").inner_text() == heading
    for pick in path[half:]:
        root.locator(f'button[data-choice="{pick.choice}"]').click()
        root.locator("[data-continue]").click()
    shown = root.locator("[data-result]").get_attribute("data-score")
    assert shown == str(capped.scores[ident].outcome(path).score)
    values = recorded(second)
    assert all(len(v) <= 4096 for k, v in values.items() if k == "cmi.suspend_data")
    assert len(interactions(values)) == len(path) - half
    close_tab(second)


@pytest.mark.parametrize("fault", ["missing", "throws"])
def test_without_a_working_lms_the_player_plays_on_with_a_small_note(
        lms_tab: Tab, capped: CheckResult, fault: str) -> None:
    ident = capped_scenario(capped)
    best, _ = extremes(capped.scores[ident])
    if fault == "missing":  # the SCO opened outside any LMS
        page = lms_tab.open(launch_url("scorm2004", ident))
        start(page, ident)
        shown, _ = play(page, ident, best)
        note = page.locator("[data-sc-lms-note]")
    else:
        frame = launch(lms_tab, "scorm2004", ident, throws=True)
        shown, _ = play(frame, ident, best)  # type: ignore[arg-type]
        note = frame.locator("[data-sc-lms-note]")
    assert shown == capped.scores[ident].outcome(best).score
    assert note.count() == 1
    assert "not recording" in note.inner_text()


def test_the_site_itself_sends_nothing(tab: Tab, checked: CheckResult) -> None:
    """Nothing by default: the built site has no adapter, and a whole run requests nothing
    (the player's events have no listener)."""
    ident = "leaving-broadband"
    best, _ = extremes(checked.scores[ident])
    page = tab.open(f"scenarios/{ident}/")
    start(page, ident)
    assert page.locator('script[src*="sc-lms"]').count() == 0
    page.evaluate("""() => { window.heard = [];
      for (const name of ["sc:decision", "sc:complete"])
        document.addEventListener(name, e => window.heard.push(e.type)); }""")
    page.wait_for_load_state("networkidle")
    before = len(tab.requests)
    play(page, ident, best)
    page.wait_for_timeout(300)
    assert tab.requests[before:] == []
    assert page.evaluate("window.heard") == ["sc:decision"] * len(best) + ["sc:complete"]
