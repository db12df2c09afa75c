"""``python -m generator stats``: which statements count, what the page and the CSV say.

Statements are made here as the player's xAPI adapter makes them (README: "The
profile"); the browser suite (tests/browser/test_xapi_stats.py) sends real ones.
"""

from __future__ import annotations

import base64
import csv
import html
import http.server
import io
import json
import threading
import uuid
from pathlib import Path
from typing import Any, ClassVar

import pytest

from generator.cli import main
from generator.model import Scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
SITE = "https://training.example.org/"
SID = "complaint-goes-public"
VERBS = "http://adlnet.gov/expapi/verbs/"
EXT = "urn:service-scenarios:xapi:"
LEARNERS: list[dict[str, Any]] = [
    {"objectType": "Agent", "account": {"homePage": SITE, "name": str(uuid.uuid4())}}
    for _ in range(3)]


def decision(step: str, choice: int, learner: int = 0, run: str = "r1", sid: str = SID,
             **changes: Any) -> dict[str, Any]:
    target = f"{SITE}scenarios/{sid}/{step}"
    s: dict[str, Any] = {
        "id": str(uuid.uuid4()), "actor": LEARNERS[learner],
        "verb": {"id": VERBS + "answered", "display": {"en-US": "answered"}},
        "object": {"objectType": "Activity", "id": target, "definition": {
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": "choice"}},
        "result": {"response": str(choice), "extensions": {
            EXT + "choice": f"{target}/{choice}", EXT + "text": "what the page showed",
            EXT + "effects": {}}},
        "context": {"registration": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{learner}{run}"))},
        "timestamp": "2026-11-28T09:14:03.512Z"}
    s.update(changes)
    return s


def finished(tier: str, score: int, learner: int = 0, run: str = "r1", verb: str = "completed",
             sid: str = SID) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "actor": LEARNERS[learner],
            "verb": {"id": VERBS + verb}, "object": {"id": f"{SITE}scenarios/{sid}"},
            "result": {"completion": True, "score": {"scaled": score / 100, "raw": score,
                                                     "min": 0, "max": 100},
                       "extensions": {EXT + "tier": tier}},
            "context": {"registration": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{learner}{run}"))}}


def run_of(picks: list[int], tier: str, score: int, learner: int, run: str) -> list[Any]:
    steps = ["at-the-counter", "putting-it-right", "the-video"]
    return [*(decision(st, c, learner, run) for st, c in zip(steps, picks, strict=True)),
            finished(tier, score, learner, run), finished(tier, score, learner, run, "passed")]


def stats(tmp_path: Path, statements: Any, capsys: pytest.CaptureFixture[str],
          raw: str | None = None) -> tuple[str, str, list[dict[str, str]]]:
    """Run the command on a file of ``statements``; (the page, stderr, the CSV's rows)."""
    source = tmp_path / "statements.json"
    source.write_text(raw if raw is not None else json.dumps(statements), encoding="utf-8")
    page, table = tmp_path / "page.md", tmp_path / "figures.csv"
    code = main(["stats", str(source), "--scenarios", str(SCENARIOS), "--activities", SITE,
                 "--out", str(page), "--csv", str(table)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    return page.read_text(encoding="utf-8"), captured.err, rows


def counts(rows: list[dict[str, str]], step: str) -> list[int]:
    return [int(r["count"]) for r in rows if r["figure"] == "choice" and r["scenario"] == SID
            and r["step"] == step]


HUGE = "x" * 100_000
SCRIPT = "<script>alert(1)</script>"
DEEP: list[Any] = []
for _ in range(30):
    DEEP = [DEEP]
GOOD = decision("at-the-counter", 1)

# (name, statements besides one good decision, the stderr summary)
SKIPPED = [
    ("nothing but ours", [], "skipped no statements"),
    ("not objects", [1, "x", None, []], "skipped 4 statements: 4 malformed"),
    ("wrong types", [decision("at-the-counter", 0, verb="answered"),
                     decision("at-the-counter", 0, result=[1]),
                     decision("at-the-counter", 0, id=7),
                     {**GOOD, "id": "not-a-uuid"}],
     "skipped 4 statements: 4 malformed"),
    ("a duplicate id", [dict(GOOD)], "skipped 1 statement: 1 duplicate"),
    ("foreign", [decision("at-the-counter", 0, verb={"id": VERBS + "experienced"}),
                 decision("at-the-counter", 0, object={"id": "https://other.example/x/y"})],
     "skipped 2 statements: 1 foreign activity, 1 foreign verb"),
    ("unknown ids", [decision("at-the-counter", 9), decision("nowhere", 0),
                     decision("x", 0, sid="no-such-scenario"),
                     finished("legendary", 50)],
     "skipped 4 statements: 1 unknown choice, 1 unknown scenario, 1 unknown step, "
     "1 unknown tier"),
    ("hostile", [decision("at-the-counter", 0, result={"response": "0", "extensions": {
                     EXT + "choice": f"{SITE}scenarios/{SID}/at-the-counter/0",
                     EXT + "text": SCRIPT}}),
                 decision("at-the-counter", 0, verb={"id": VERBS + "answered",
                                                     "display": {"en-US": SCRIPT}}),
                 decision("at-the-counter", 0, actor={"name": HUGE}),
                 decision("at-the-counter", 0, context={"registration": str(uuid.uuid4()),
                                                        "extensions": {"k": DEEP}}),
                 finished("<img src=x onerror=alert(1)>", 50)],
     "skipped 5 statements: 5 hostile"),
]


@pytest.mark.parametrize(("name", "others", "summary"), SKIPPED, ids=[s[0] for s in SKIPPED])
def test_only_our_statements_count_and_the_rest_is_counted_by_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, others: list[Any],
        summary: str) -> None:
    page, err, rows = stats(tmp_path, [GOOD, *others], capsys)
    assert err.strip() == summary
    assert counts(rows, "at-the-counter") == [0, 1, 0]
    for word in ("<script", "onerror", "alert", "xxxxxxxxxx", "experienced", "other.example",
                 "no-such-scenario", "legendary", "what the page showed", "Agent"):
        assert word not in page


@pytest.mark.parametrize(("label", "layout"), [
    ("a list", lambda ss: json.dumps(ss)),
    ("an LRS answer", lambda ss: json.dumps({"statements": ss, "more": ""})),
    ("one per line, one line broken", lambda ss: "\n".join(map(json.dumps, ss)) + "\n{oops\n"),
])
def test_a_file_may_be_a_list_an_lrs_answer_or_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], label: str, layout: Any) -> None:
    ss = run_of([1, 2, 2], "star", 100, 0, "a")
    _, err, rows = stats(tmp_path, None, capsys, raw=layout(ss))
    assert counts(rows, "the-video") == [0, 0, 1]
    assert err.strip() == ("skipped 1 statement: 1 malformed" if "broken" in label
                           else "skipped no statements")


def test_counts_wrong_choices_tiers_and_principle_averages_on_the_page_and_in_the_csv(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ss = [*run_of([1, 2, 2], "star", 100, 0, "a"),  # learner 0 twice: best, then worst
          *run_of([0, 1, 0], "bad-profit", 0, 0, "b"),
          *run_of([2, 1, 2], "good", 80, 1, "a"),   # learner 1 once
          decision("at-the-counter", 2, 2, "c")]    # learner 2 never finished
    page, _, rows = stats(tmp_path, ss, capsys)
    assert counts(rows, "at-the-counter") == [1, 1, 2]
    assert counts(rows, "putting-it-right") == [0, 2, 1]
    mine = {(r["figure"], r["step"], r["choice"] or r["key"]): r for r in rows
            if r["scenario"] == SID}
    assert [mine["choice", "at-the-counter", str(i)]["wrong"] for i in range(3)] == \
        ["yes", "no", "yes"]  # net -3, +4, -3
    assert mine["choice", "at-the-counter", "2"]["share"] == "50"
    assert {k[2]: int(r["count"]) for k, r in mine.items() if k[0] == "tier"} == \
        {"star": 1, "good": 1, "minimum": 0, "bad-profit": 1}
    # The most common wrong choice of the first step is named on the page, with its count.
    scenario = next(s for s in _scenarios() if s.id == SID)
    counter = scenario.steps[0].choices
    shown = html.unescape(page)
    assert f"Wrong choices taken most: {counter[2].response} (2 times); " \
           f"{counter[0].response} (1 time)" in " ".join(shown.split())
    # Averages: learner 0's mean of two runs, and learner 1's run, averaged.
    per_run = [_net(scenario, p) for p in ([1, 2, 2], [0, 1, 0], [2, 1, 2])]
    for principle in {p for run in per_run for p in run}:
        first = (per_run[0].get(principle, 0) + per_run[1].get(principle, 0)) / 2
        expect = (first + per_run[2].get(principle, 0)) / 2
        assert float(mine["principle", "", principle]["average"]) == pytest.approx(expect, abs=.01)
        assert mine["principle", "", principle]["count"] == "2"  # learners with a finished run
    assert "account" not in page
    assert LEARNERS[0]["account"]["name"] not in page


def test_the_page_speaks_the_sites_language(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\nsite_url: {SITE}\ntheme:\n"
                                         "  name: material\n  language: sv\n", encoding="utf-8")
    source = tmp_path / "s.json"
    source.write_text(json.dumps(run_of([1, 2, 2], "star", 100, 0, "a")), encoding="utf-8")
    code = main(["stats", str(source), "--scenarios", str(SCENARIOS),
                 "--config-file", str(tmp_path / "mkdocs.yml")])
    assert code == 0
    page = (tmp_path / "docs" / "trainers" / "learner-choices.md").read_text(encoding="utf-8")
    assert 'title: "Deltagarnas val"' in page
    assert "Antal gånger valt" in page
    assert "100 %" in page
    assert "read 5 statements: 3 decisions, 1 finished runs" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "message"), [
    (["stats", "missing.json", "--activities", SITE], "cannot read the statements"),
    (["stats", "https://user:secret@lrs.example/xapi", "--activities", SITE],
     "must not contain a user name or password"),
    (["stats", "x.json", "--config-file", "nowhere.yml"], "the activity ids' base is unknown"),
])
def test_usage_errors_name_the_fix_and_never_echo_a_password(
        argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--scenarios", str(SCENARIOS)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "secret" not in err


def _scenarios() -> list[Scenario]:
    from generator.check import run_check

    return run_check([SCENARIOS]).project.scenarios


def _net(scenario: Scenario, picks: list[int]) -> dict[str, int]:
    sums: dict[str, int] = {}
    for step, c in zip(scenario.steps, picks, strict=True):
        for p, w in step.choices[c].effects.items():
            sums[p] = sums.get(p, 0) + w
    return sums


class _LRS(http.server.BaseHTTPRequestHandler):
    """Two pages of statements, linked by ``more``; records the headers it was sent."""

    pages: ClassVar[dict[str, Any]] = {}
    seen: ClassVar[list[tuple[str, str, str]]] = []

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("Authorization", ""),
                          self.headers.get("X-Experience-API-Version", "")))
        found = self.pages.get(self.path)
        body = json.dumps(found).encode() if found is not None else b"{}"
        self.send_response(200 if found is not None else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.mark.parametrize(("more", "error"), [
    ("/xapi/statements?page=2", ""),
    ("http://elsewhere.example/xapi/statements?page=2", "'more' link leads to another host"),
])
def test_an_lrs_is_read_page_by_page_with_the_credentials_of_the_environment(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        more: str, error: str) -> None:
    first, second = run_of([1, 2, 2], "star", 100, 0, "a"), run_of([0, 1, 0], "minimum", 30, 1, "b")
    _LRS.pages = {"/xapi/statements": {"statements": first, "more": more},
                  "/xapi/statements?page=2": {"statements": second, "more": ""}}
    _LRS.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _LRS)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("XAPI_AUTH", "trainer:s3cret")
    try:
        code = main(["stats", f"http://127.0.0.1:{server.server_address[1]}/xapi/",
                     "--scenarios", str(SCENARIOS), "--activities", SITE,
                     "--out", str(tmp_path / "page.md"), "--csv", str(tmp_path / "f.csv")])
    finally:
        server.shutdown()
        server.server_close()
    captured = capsys.readouterr()
    assert "s3cret" not in captured.out + captured.err
    auth = "Basic " + base64.b64encode(b"trainer:s3cret").decode()
    assert _LRS.seen[0] == ("/xapi/statements", auth, "1.0.3")
    if error:
        assert code == 2
        assert error in captured.err
        assert len(_LRS.seen) == 1  # the credentials went nowhere else
        return
    assert code == 0
    assert [path for path, _, _ in _LRS.seen] == ["/xapi/statements", "/xapi/statements?page=2"]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "f.csv").read_text(encoding="utf-8"))))
    assert counts(rows, "at-the-counter") == [1, 1, 0]
