"""After one visit to the partner track, a driver's phone works without a connection.

A real service worker on the real built site: the context goes offline
(``set_offline``), pages reload from the worker's cache, every partner
scenario plays to its end, and a page never kept shows our offline page.
A rebuilt site with changed text replaces the kept one on the next visit.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.check import CheckResult
from generator.cli import main
from tests.browser.conftest import (
    LEARNER_CONFIG,
    PHONE,
    ROOT,
    _build,
    _Quiet,
    close_tab,
    new_tab,
    sources_to_edit,
)
from tests.browser.play import expected, play, start

pytestmark = pytest.mark.browser

WORKER_TIMEOUT = 60_000
"""Installing fetches and hashes about 20 files: slow on a shared CI machine."""


def wait_for_worker(page: Page) -> str:
    """Wait until our worker controls the page (it has kept its files); return its build."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=WORKER_TIMEOUT)
    return kept_build(page)


def kept_build(page: Page) -> str:
    """The build whose cache the browser holds (exactly one)."""
    names = page.evaluate("caches.keys()")
    ours = [n for n in names if n.startswith("service-scenarios-")]
    assert len(ours) == 1, ours
    return str(ours[0]).removeprefix("service-scenarios-").split("@")[0]  # build@site


def partner_scenarios(checked: CheckResult) -> list[str]:
    return [s.id for s in checked.project.scenarios if s.audience == "partners"]


def test_partner_track_works_offline_after_one_visit(
        chromium: Browser, site_url: str, checked: CheckResult) -> None:
    tab = new_tab(chromium, site_url, **PHONE)
    page = tab.open("partners/")
    wait_for_worker(page)
    page.context.set_offline(True)
    page.reload()
    assert page.locator("h1").first.inner_text() == "Delivery partners"
    for ident in partner_scenarios(checked):
        page.locator(f'.sc-item a[href$="/{ident}/"]').click()
        start(page, ident)
        page.reload()  # a reload offline comes back from the worker, player and all
        start(page, ident)
        score = checked.scores[ident]
        path = score.best_paths()[0]
        assert play(page, ident, path) == expected(score, path)
        page.go_back()
    page.locator('article a[href$="doorstep-checklist/"]').click()
    page.locator("h1", has_text="Doorstep checklist").wait_for()
    tab.open("progress/")  # results were saved offline as online
    marks = page.locator(".sc-done[data-progress-item]")
    assert sorted(marks.evaluate_all("els => els.map(e => e.dataset.progressItem)")) \
        == sorted(partner_scenarios(checked))
    close_tab(tab)


def test_a_page_never_kept_shows_our_offline_page(
        chromium: Browser, site_url: str, checked: CheckResult) -> None:
    tab = new_tab(chromium, site_url, **PHONE)
    page = tab.open("partners/")
    wait_for_worker(page)
    page.context.set_offline(True)
    employee = next(s.id for s in checked.project.scenarios if s.audience == "employees")
    tab.open(f"scenarios/{employee}/")
    assert page.locator("h1").inner_text() == "You are offline"
    page.locator("a", has_text="Running late").click()  # its links work from any address
    start(page, "running-late")
    close_tab(tab)


def test_a_new_build_replaces_the_kept_one(
        chromium: Browser, tmp_path: Path) -> None:
    """Published over the old one, a rebuild shows on the second load (see README)."""
    site = tmp_path / "published"
    changed = tmp_path / "scenarios"
    sources_to_edit(changed)
    source = changed / "running-late.yaml"
    source.write_text(source.read_text("utf-8").replace(
        "title: Running late", "title: Running late, revised", 1), "utf-8")
    with _serve(site) as url:
        _build(site, url, ROOT / "scenarios", strict=True, config=LEARNER_CONFIG)
        tab = new_tab(chromium, url, **PHONE)
        page = tab.open("scenarios/running-late/")
        old = wait_for_worker(page)
        assert page.locator("h1").first.inner_text() == "Running late"
        rebuilt = tmp_path / "rebuilt"
        _build(rebuilt, url, changed, strict=True, config=LEARNER_CONFIG)
        shutil.copytree(rebuilt, site, dirs_exist_ok=True)  # published over the old files
        page.reload()  # first load: the kept build, while the new one is fetched
        assert page.locator("h1").first.inner_text() == "Running late"
        for _ in range(WORKER_TIMEOUT // 250):  # the new worker installs, then drops the old
            if page.evaluate("caches.keys()") not in ([f"service-scenarios-{old}@{url}"], []) \
                    and len(page.evaluate("caches.keys()")) == 1:
                break
            page.wait_for_timeout(250)
        page.reload()
        assert page.locator("h1").first.inner_text() == "Running late, revised"
        assert kept_build(page) != old
        close_tab(tab)


@contextlib.contextmanager
def _serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1, whatever is built into it later (one origin, two builds)."""
    folder.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_site_is_installable(chromium: Browser, site_url: str) -> None:
    """Chromium's own verdict (the one behind 'Add to home screen'), after the worker runs."""
    tab = new_tab(chromium, site_url, **PHONE)
    page = tab.open("partners/")
    wait_for_worker(page)
    cdp = page.context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's contexts are incognito, which Chromium never installs from: not the site's.
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert not manifest["errors"], manifest["errors"]
    assert page.locator('meta[name="theme-color"]').get_attribute("content") == "#4051b5"
    for size in ("192", "512"):
        response = page.request.get(f"{site_url}assets/icons/icon-{size}.png")
        assert response.ok
        assert response.headers["content-type"] == "image/png"
    close_tab(tab)


def test_switched_off_the_worker_leaves_every_phone(chromium: Browser, tmp_path: Path) -> None:
    """``offline: false`` (here its CLI twin, ``--off``) published over a site with a worker."""
    site = tmp_path / "published"
    with _serve(site) as url:
        _build(site, url, ROOT / "scenarios", strict=True, config=LEARNER_CONFIG)
        tab = new_tab(chromium, url, **PHONE)
        page = tab.open("partners/")
        wait_for_worker(page)
        assert main(["offline", str(site), "--off"]) == 0
        page.reload()  # the browser fetches the new sw.js, which removes itself
        for _ in range(WORKER_TIMEOUT // 250):
            if page.evaluate("navigator.serviceWorker.getRegistrations()") == [] and \
                    page.evaluate("caches.keys()") == []:
                break
            page.wait_for_timeout(250)
        assert page.evaluate("navigator.serviceWorker.getRegistrations()") == []
        assert page.evaluate("caches.keys()") == []
        page.reload()
        assert page.evaluate("navigator.serviceWorker.controller") is None
        assert page.locator('meta[name="sc-worker"]').count() == 0
        close_tab(tab)


def test_each_languages_site_keeps_its_own_partner_track(
        chromium: Browser, site_url: str, checked: CheckResult) -> None:
    """A driver who reads Norwegian and English: each site's worker keeps its track, and
    neither deletes the other's (one cache per build and site)."""
    tab = new_tab(chromium, site_url, **PHONE)
    page = tab.open("partners/")
    english = wait_for_worker(page)
    page = tab.open("nb/partners/")
    page.wait_for_function(
        "navigator.serviceWorker.controller !== null && "
        "navigator.serviceWorker.controller.scriptURL.endsWith('/nb/sw.js')",
        timeout=WORKER_TIMEOUT)
    # Ordered by scope: the build hashes before the "@" sort any which way.
    names = sorted(page.evaluate("caches.keys()"), key=lambda name: name.partition("@")[2])
    assert [name.partition("@")[2] for name in names] == [site_url, f"{site_url}nb/"]
    assert english in names[0]
    page.context.set_offline(True)
    words = checked.languages["nb"]
    for ident in partner_scenarios(checked):
        tab.open(f"nb/scenarios/{ident}/")
        start(page, ident)
        assert page.locator("h1").first.inner_text() == words.scenarios[ident].title
        score = checked.scores[ident]
        path = score.worst_path()
        assert play(page, ident, path) == expected(score, path)
    tab.open("nb/partners/doorstep-checklist/")
    assert page.locator("html").get_attribute("lang") == "nb"
    tab.open("scenarios/running-late/")  # the English site's kept pages are still there
    start(page, "running-late")
    assert page.locator("h1").first.inner_text() == "Running late"
    close_tab(tab)
