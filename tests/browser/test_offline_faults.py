"""Faults around the service worker: every page still works online, and the player
never runs against another build's page.

A full quota, a worker that cannot install because the site is half-published,
storage cleared while offline, and a new build published under an open tab.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.check import CheckResult
from tests.browser.conftest import (
    DESKTOP,
    LEARNER_CONFIG,
    PHONE,
    ROOT,
    Tab,
    _build,
    close_tab,
    new_tab,
    sources_to_edit,
)
from tests.browser.play import expected, play, start
from tests.browser.test_offline import _serve, kept_build, wait_for_worker

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Builds:
    """One origin serving ``site``; ``a`` and ``b`` are two builds of different text."""

    url: str
    site: Path
    a: Path
    b: Path

    def publish(self, build: Path, *names: str) -> None:
        """Copy ``build`` (or only ``names`` from it) over the published site."""
        if not names:
            shutil.copytree(build, self.site, dirs_exist_ok=True)
        for name in names:
            shutil.copyfile(build / name, self.site / name)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    base = tmp_path_factory.mktemp("faults")
    changed = base / "scenarios"
    sources_to_edit(changed)
    source = changed / "running-late.yaml"
    source.write_text(source.read_text("utf-8").replace(
        "title: Running late", "title: Running late, revised", 1), "utf-8")
    with _serve(base / "site") as url:
        a, b = base / "a", base / "b"
        _build(a, url, ROOT / "scenarios", strict=True, config=LEARNER_CONFIG)
        _build(b, url, changed, strict=True, config=LEARNER_CONFIG)
        yield Builds(url, base / "site", a, b)


@pytest.fixture
def fresh(builds: Builds) -> Builds:
    """Build A published alone, as if nothing else ever was."""
    shutil.rmtree(builds.site, ignore_errors=True)
    builds.site.mkdir()
    builds.publish(builds.a)
    return builds


def plays(page: Page, checked: CheckResult, ident: str = "running-late") -> None:
    start(page, ident)
    score = checked.scores[ident]
    path = score.best_paths()[0]
    assert play(page, ident, path) == expected(score, path)


def no_worker_after(page: Page, seconds: float) -> None:
    page.wait_for_timeout(seconds * 1000)
    assert page.evaluate("navigator.serviceWorker.controller") is None
    assert page.evaluate("caches.keys()") == []  # nothing half-kept


def test_a_full_quota_leaves_the_site_working_online(
        chromium: Browser, fresh: Builds, checked: CheckResult) -> None:
    tab = new_tab(chromium, fresh.url, **PHONE)
    cdp = tab.page.context.new_cdp_session(tab.page)
    cdp.send("Storage.overrideQuotaForOrigin",
             {"origin": fresh.url.rstrip("/"), "quotaSize": 20_000})
    page = tab.open("partners/")
    no_worker_after(page, 5)
    tab.open("scenarios/running-late/")
    plays(page, checked)
    close_tab(tab)


def test_half_published_site_the_worker_waits_and_pages_work(
        chromium: Browser, fresh: Builds, checked: CheckResult) -> None:
    """The worker script new, the pages old: its hashes refuse them; nothing is installed."""
    fresh.publish(fresh.b, "sw.js")
    tab = new_tab(chromium, fresh.url, **PHONE)
    page = tab.open("scenarios/running-late/")
    no_worker_after(page, 5)
    plays(page, checked)
    assert page.locator("h1").first.inner_text() == "Running late"
    close_tab(tab)


def test_half_published_the_kept_build_stays_whole(
        chromium: Browser, fresh: Builds, checked: CheckResult) -> None:
    """A worker already kept build A: a new worker that cannot install leaves A in use."""
    tab = new_tab(chromium, fresh.url, **PHONE)
    page = tab.open("scenarios/running-late/")
    old = wait_for_worker(page)
    fresh.publish(fresh.b, "sw.js")
    page.reload()
    page.wait_for_timeout(3000)  # the update is tried and fails
    assert kept_build(page) == old
    page.reload()
    assert page.locator("h1").first.inner_text() == "Running late"
    plays(page, checked)
    close_tab(tab)


def test_storage_cleared_while_offline_refills_online(
        chromium: Browser, fresh: Builds, checked: CheckResult) -> None:
    tab = new_tab(chromium, fresh.url, **PHONE)
    page = tab.open("partners/")
    build = wait_for_worker(page)
    cdp = page.context.new_cdp_session(page)
    page.context.set_offline(True)
    cdp.send("Storage.clearDataForOrigin",
             {"origin": fresh.url.rstrip("/"), "storageTypes": "cache_storage"})
    assert page.evaluate("caches.keys()") == []
    page.context.set_offline(False)
    tab.open("scenarios/running-late/")  # online: works, and the worker fills its cache again
    plays(page, checked)
    for _ in range(120):
        if page.evaluate("caches.keys()") == [f"service-scenarios-{build}@{fresh.url}"]:
            break
        page.wait_for_timeout(250)
    page.wait_for_timeout(1000)  # the last files of the refill
    page.context.set_offline(True)
    tab.open("scenarios/damaged-box/")
    plays(page, checked, "damaged-box")
    close_tab(tab)


def test_a_page_of_a_new_build_never_meets_the_old_player(
        chromium: Browser, fresh: Builds, checked: CheckResult) -> None:
    """Instant navigation keeps the old player in memory; the new build's page it fetches
    is refused by that player and loaded afresh, so the player that runs is the page's own."""
    tab: Tab = new_tab(chromium, fresh.url, **DESKTOP)
    scenario = next(s.id for s in checked.project.scenarios if s.audience == "employees")
    page = tab.open("employees/")
    page.wait_for_load_state("networkidle")  # instant navigation starts once it has the sitemap
    page.evaluate("window.__sameDocument = true")
    fresh.publish(fresh.b)
    page.locator(f'[data-progress-item="{scenario}"] a').click()
    start(page, scenario)
    assert page.evaluate("window.__sameDocument") is None  # loaded afresh, once
    stamp = page.locator(f'[data-scenario="{scenario}"]').get_attribute("data-build")
    player = page.evaluate("[...document.scripts].map(s => s.src)"
                           ".find(s => s.includes('service-scenarios.js'))")
    assert stamp
    assert player.endswith(f"?v={stamp}")
    close_tab(tab)
