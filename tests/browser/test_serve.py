"""``mkdocs serve`` while a trainer writes: a broken save shows its errors in the open page,
every request is answered at once, and the next good save brings the site back.

A real ``mkdocs serve`` subprocess on a free port of 127.0.0.1, driven by Chromium.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP, ROOT, close_tab, new_tab

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "fixtures" / "project"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SCENARIO = "counter-queue"
WAIT_MS = 30_000
"""The longest a rebuild and the page's own reload may take (2 shared cores)."""


def _project(folder: Path) -> Path:
    """The real mkdocs.yml beside the real docs (linked) and the fixture scenarios
    (copied, to break); the templates are the packaged ones."""
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "docs").symlink_to(ROOT / "docs", target_is_directory=True)
    shutil.copytree(FIXTURE, folder / "scenarios")
    return folder


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, float]:
    """The status of a GET and how long it took; fails after a second."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            response.read()
            status: int = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, time.monotonic() - start


@contextlib.contextmanager
def mkdocs_serve(project: Path) -> Iterator[str]:
    """``mkdocs serve`` of ``project`` on a free local port; killed on the way out."""
    port = _free_port()
    log = (project / "serve.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, (project / "serve.log").read_text(encoding="utf-8")
            with contextlib.suppress(OSError):
                if _get(url)[0] == 200:
                    break
            assert time.monotonic() < deadline, "mkdocs serve did not answer within 120 s"
            time.sleep(0.25)
        yield url
    finally:
        process.kill()
        process.wait(timeout=10)
        log.close()


def check_errors(project: Path) -> list[str]:
    """The error lines ``python -m generator check`` prints for the project."""
    done = subprocess.run([sys.executable, "-m", "generator", "check", "scenarios"],
                          cwd=project, env=ENV, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 1, done.stderr
    return [line for line in done.stderr.splitlines()
            if re.match(r"\S+:\d+:\d+: error: ", line)]


def shows_player(page: Page) -> None:
    page.locator(f'[data-scenario="{SCENARIO}"] button[data-choice]').first.wait_for(
        timeout=WAIT_MS)


def test_a_broken_save_shows_its_errors_and_a_good_save_brings_the_site_back(
        tmp_path: Path, chromium: Browser) -> None:
    project = _project(tmp_path)
    victim = project / "scenarios" / f"{SCENARIO}.yaml"
    good = victim.read_text(encoding="utf-8")
    with mkdocs_serve(project) as url:
        tab = new_tab(chromium, url, **DESKTOP)
        page = tab.open(f"scenarios/{SCENARIO}/")
        shows_player(page)

        victim.write_text(good.replace("next: served", "next: <nowhere>", 1), encoding="utf-8")
        expected = check_errors(project)
        assert expected, "the broken save must be an error"
        problems = page.locator(".sc-problems li")
        problems.first.wait_for(timeout=WAIT_MS)  # the open page reloaded by itself
        assert problems.all_inner_texts() == expected
        assert page.locator("nowhere").count() == 0  # shown as text, never markup
        assert page.locator("h1").inner_text() == "The scenarios have errors"

        for path in ["", f"scenarios/{SCENARIO}/", "scenarios/damaged-parcel/",
                     "partners/doorstep-checklist/", "principles/", "no-such-page/",
                     "assets/service-scenarios.css"]:
            status, took = _get(url + path)
            assert status == (404 if path == "no-such-page/" else 200), path
            assert took < 1, f"{path} took {took:.2f} s"
        assert "<nowhere>" in urllib.request.urlopen(url, timeout=1).read().decode()\
            .replace("&lt;", "<").replace("&gt;", ">")

        victim.write_text(good, encoding="utf-8")
        shows_player(page)  # the page reloaded by itself into the player
        assert page.locator(".sc-problems").count() == 0
        close_tab(tab)
