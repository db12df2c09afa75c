"""Done when: a trainer sees, in the trainer site, what learners chose.

Two learners (two browsers' worth of storage) play a scenario against the
real Ralph LRS with ``xapi:`` on; hostile and foreign statements are posted
to the LRS beside theirs. ``python -m generator stats <LRS URL>`` (credentials
from ``XAPI_AUTH``) writes the page into a copy of ``docs/``, the trainer
site is built with it, and Chromium opens it: the counts and the responses of
the choices played, the tiers and the principles' averages, and nothing of
the hostile statements.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Dialog

from generator.check import CheckResult

from .conftest import (
    DESKTOP,
    LEARNER_CONFIG,
    ROOT,
    TRAINER_CONFIG,
    Built,
    _build,
    close_tab,
    new_tab,
    serve_built,
)
from .lrs import ENDPOINT, Proxy, Ralph, run_ralph, serve_with_proxy
from .play import play, start
from .test_xapi import EXT, IDENT, VERBS, drained, extremes

pytestmark = pytest.mark.browser

PAGE = "trainers/learner-choices.md"


@pytest.fixture(scope="module")
def lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    with run_ralph(tmp_path_factory.mktemp("ralph-stats")) as running:
        yield running


@pytest.fixture(scope="module")
def learners_site(tmp_path_factory: pytest.TempPathFactory, lrs: Ralph) -> Iterator[Built]:
    out = tmp_path_factory.mktemp("site-xapi-stats")
    with serve_with_proxy(out, Proxy(lrs)) as (url, folder):
        _build(folder, url, ROOT / "scenarios", strict=True, config=LEARNER_CONFIG,
               plugin_options={"xapi": {"endpoint": ENDPOINT, "timeout": 1}})
        yield Built(url, folder)


def post(ralph: Ralph, statements: list[dict[str, Any]]) -> None:
    request = urllib.request.Request(
        f"{ralph.url}/xAPI/statements", data=json.dumps(statements).encode(), method="POST",
        headers={"Authorization": ralph.auth, "Content-Type": "application/json",
                 "X-Experience-API-Version": "1.0.3"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200


def hostile(decision: dict[str, Any], completed: dict[str, Any]) -> list[dict[str, Any]]:
    """Statements that look like ours, each with one thing wrong; all must be skipped."""
    def variant(base: dict[str, Any], change: Any) -> dict[str, Any]:
        made = copy.deepcopy(base)
        made["id"] = str(uuid.uuid4())
        change(made)
        return made

    ext = EXT + "choice"
    return [
        variant(decision, lambda s: s["result"]["extensions"].update(
            {EXT + "text": "<script>alert('stats')</script>"})),
        variant(decision, lambda s: s["verb"].update({"display": {"en-US": "<img src=x "
                                                                  "onerror=alert(1)>"}})),
        variant(decision, lambda s: s["result"]["extensions"].update(
            {EXT + "note": "A" * 100_000})),
        variant(decision, lambda s: (s["result"].update({"response": "99"}),
                                     s["result"]["extensions"].update(
                                         {ext: s["object"]["id"] + "/99"}))),
        variant(completed, lambda s: s["result"]["extensions"].update(
            {EXT + "tier": "<b>legendary</b>"})),
        variant(decision, lambda s: s.update({"verb": {"id": VERBS + "experienced"}})),
    ]


def test_a_trainer_sees_what_learners_chose_and_nothing_of_hostile_statements(
        chromium: Browser, learners_site: Built, lrs: Ralph, checked: CheckResult,
        tmp_path: Path) -> None:
    score = checked.scores[IDENT]
    paths = extremes(score)
    for path in paths:  # two learners: each tab is a fresh browser profile
        tab = new_tab(chromium, learners_site.url, **DESKTOP)
        page = tab.open(f"scenarios/{IDENT}/")
        start(page, IDENT)
        play(page, IDENT, path)
        drained(page)
        close_tab(tab)
    mine = lrs.get("statements?limit=100")["statements"]
    decision = next(s for s in mine if s["verb"]["id"] == VERBS + "answered")
    completed = next(s for s in mine if s["verb"]["id"] == VERBS + "completed")
    post(lrs, hostile(decision, completed))

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    table = tmp_path / "choices.csv"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "stats", f"{lrs.url}/xAPI", "--activities",
         learners_site.url, "--scenarios", str(ROOT / "scenarios"), "--out", str(docs / PAGE),
         "--csv", str(table)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "XAPI_AUTH": f"{lrs.user}:{lrs.password}"})
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "skipped 6 statements: 4 hostile, 1 foreign verb, " \
                                  "1 unknown choice"
    for output in (done.stdout, done.stderr, (docs / PAGE).read_text(encoding="utf-8"),
                   table.read_text(encoding="utf-8")):
        assert lrs.password not in output

    taken = Counter((pick.step, pick.choice) for path in paths for pick in path)
    outcomes = [score.outcome(path) for path in paths]
    site = tmp_path / "site-trainers"
    site.mkdir()
    with serve_built(site, ROOT / "scenarios", strict=True, config=TRAINER_CONFIG,
                     docs=docs) as url:
        tab = new_tab(chromium, url, **DESKTOP)
        dialogs: list[str] = []

        def on_dialog(dialog: Dialog) -> None:  # an alert() would be a payload that ran
            dialogs.append(dialog.message)
            dialog.dismiss()

        tab.page.on("dialog", on_dialog)
        page = tab.open("trainers/")
        page.get_by_role("link", name="Learners' choices").first.click()
        page.wait_for_url("**/trainers/learner-choices/")
        section = page.locator(f"#stats-{IDENT}")
        section.wait_for()  # instant navigation: the URL changes before the content does
        for step_id in {pick.step for path in paths for pick in path}:
            step = score.steps[step_id]
            rows = section.locator(f'table[data-stats-step="{step_id}"] tbody tr')
            assert rows.count() == len(step.choices)
            for index, choice in enumerate(step.choices):
                row = rows.nth(index)
                assert choice.response in " ".join(row.locator("td").first.inner_text().split())
                assert row.locator("[data-stats-count]").inner_text() == \
                    str(taken[step_id, index])
        tiers = Counter(o.tier.id for o in outcomes)
        for tier in checked.project.catalogue.tiers:
            shown = section.locator(f'[data-stats-tier="{tier.id}"] [data-stats-count]')
            assert shown.inner_text() == str(tiers[tier.id])
        for principle in {p for o in outcomes for p in o.net}:
            average = sum(o.net.get(principle, 0) for o in outcomes) / len(outcomes)
            shown = section.locator(f'[data-stats-principle="{principle}"] [data-stats-average]')
            assert shown.inner_text() == f"{average:+.1f}"
        text = page.locator("article").inner_text()
        assert page.locator("[data-stats-skipped]").inner_text() == "6"
        for payload in ("alert", "legendary", "<script", "onerror", "AAAAAAAAAA",
                        "experienced", decision["actor"]["account"]["name"]):
            assert payload not in text
        assert page.locator(".sc-stats script, .sc-stats img, .sc-stats b").count() == 0
        assert dialogs == []
        close_tab(tab)
