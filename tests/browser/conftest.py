"""Browser fixtures: the real sites, built once, served on 127.0.0.1, driven by Debian's Chromium.

Two builds of the same sources: the learners' site (``mkdocs.yml``: ``site_url``,
``tab``, ``phone``) and the trainers' site (``mkdocs-trainers.yml``:
``trainer_url``, ``trainer_tab``, ``trainer_phone``).

Every page a test opens records its requests and console messages; the
``tab`` fixture fails the test when any request left 127.0.0.1 or when the
console showed an error, so those two promises are checked on every page.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, sync_playwright

from generator.check import CheckResult, run_check

if TYPE_CHECKING:  # lrs imports this module
    from tests.browser.lrs import Proxy, Ralph

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
LEARNER_CONFIG = "mkdocs.yml"
TRAINER_CONFIG = "mkdocs-trainers.yml"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class Built:
    """A built site: where it is served and the folder it was built into."""

    url: str
    folder: Path


@pytest.fixture(scope="session")
def learner_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The real mkdocs.yml and scenarios/, built strict, served on a random local port."""
    out = tmp_path_factory.mktemp("site")
    with serve_built(out, ROOT / "scenarios", strict=True) as url:
        yield Built(url, out)


@pytest.fixture(scope="session")
def site_url(learner_site: Built) -> str:
    """The learners' site (``mkdocs.yml``)."""
    return learner_site.url


@pytest.fixture(scope="session")
def trainer_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The real mkdocs-trainers.yml (everything, with the answer key), built strict and served."""
    out = tmp_path_factory.mktemp("site-trainers")
    with serve_built(out, ROOT / "scenarios", strict=True, config=TRAINER_CONFIG) as url:
        yield Built(url, out)


@pytest.fixture(scope="session")
def trainer_url(trainer_site: Built) -> str:
    """The trainers' site (``mkdocs-trainers.yml``)."""
    return trainer_site.url


@contextlib.contextmanager
def serve_built(out: Path, scenarios: Path, *, strict: bool,
                config: str = LEARNER_CONFIG, docs: Path | None = None) -> Iterator[str]:
    """Build the site of ``config`` from ``scenarios`` into ``out``; serve it on 127.0.0.1.

    The server starts first because the build needs its address: Material's
    instant navigation only intercepts links whose host and port match the
    sitemap, which is written from ``site_url``.
    """
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        _build(out, url, scenarios, strict=strict, config=config, docs=docs)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield url
        server.shutdown()
    finally:
        server.server_close()


def _build(out: Path, url: str, scenarios: Path, *, strict: bool, config: str,
           plugin_options: dict[str, Any] | None = None, docs: Path | None = None) -> None:
    """Build a real config, with absolute folders and ``site_url`` set to ``url``.

    ``strict``: ``mkdocs build --strict``, so any warning fails the build, the
    scenarios' own (``check``'s) included. ``docs``: another docs_dir (a test's copy).
    """
    with (ROOT / config).open("rb") as source:
        settings = yaml_load(source)  # resolves INHERIT as MkDocs does
    settings["site_url"] = url
    settings["docs_dir"] = str(docs or ROOT / settings.get("docs_dir", "docs"))
    for plugin in settings["plugins"]:
        if isinstance(plugin, dict) and "service-scenarios" in plugin:
            options = plugin["service-scenarios"]
            options["scenarios"] = str(scenarios)
            options.update(plugin_options or {})
    override = out.with_name(f"{out.name}.mkdocs.yml")
    override.write_text(yaml.safe_dump(settings), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
         "-f", str(override), "-d", str(out)],
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="session")
def checked() -> CheckResult:
    """Python's view of the same scenarios: the scores the player must match."""
    return run_check([ROOT / "scenarios"])


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(playwright_session: Playwright) -> Iterator[Browser]:
    browser = playwright_session.chromium.launch(
        executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Tab:
    """A page plus what it asked for and what it complained about."""

    page: Page
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path)
        return self.page


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


def new_tab(browser: Browser, base: str, **context: Any) -> Tab:
    page = browser.new_context(**context).new_page()
    page.set_default_timeout(10_000)
    tab = Tab(page, base)

    def on_request(request: Request) -> None:
        tab.requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            tab.errors.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    page.on("response", lambda r: tab.errors.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    return tab


def close_tab(tab: Tab) -> None:
    tab.page.context.close()
    outside = [u for u in tab.requests if not _local(u)]
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert not tab.errors, f"console errors: {tab.errors}"


DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
PHONE: dict[str, Any] = {"viewport": {"width": 360, "height": 640}, "has_touch": True,
                         "is_mobile": True, "device_scale_factor": 2}


@pytest.fixture
def tab(chromium: Browser, site_url: str) -> Iterator[Tab]:
    """A fresh browser context (empty localStorage) at desktop size, on the learners' site."""
    opened = new_tab(chromium, site_url, **DESKTOP)
    yield opened
    close_tab(opened)


@pytest.fixture
def phone(chromium: Browser, site_url: str) -> Iterator[Tab]:
    """A fresh context at 360x640 with touch, like a partner's phone, on the learners' site."""
    opened = new_tab(chromium, site_url, **PHONE)
    yield opened
    close_tab(opened)


@pytest.fixture
def trainer_tab(chromium: Browser, trainer_url: str) -> Iterator[Tab]:
    """A fresh context at desktop size on the trainers' site."""
    opened = new_tab(chromium, trainer_url, **DESKTOP)
    yield opened
    close_tab(opened)


@pytest.fixture
def trainer_phone(chromium: Browser, trainer_url: str) -> Iterator[Tab]:
    """A fresh context at 360x640 with touch on the trainers' site."""
    opened = new_tab(chromium, trainer_url, **PHONE)
    yield opened
    close_tab(opened)


def scenarios_with_a_biting_cap(folder: Path) -> Path:
    """The shipped scenarios copied into ``folder``, with ``safety-first`` capped at the
    lowest tier: the shipped cap (at Minimum) lowers no shipped path yet."""
    shutil.copytree(ROOT / "scenarios", folder)
    catalogue = folder / "principles.yaml"
    data = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
    data["caps"] = [{"principle": "safety-first", "tier": data["tiers"][0]["id"]}]
    catalogue.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def sources_to_edit(folder: Path) -> Path:
    """The shipped scenarios copied into ``folder`` without their translations: a test
    that edits a source would otherwise make them stale, which ``--strict`` refuses."""
    shutil.copytree(ROOT / "scenarios", folder,
                    ignore=lambda where, names: [n for n in names if (Path(where) / n).is_dir()])
    return folder


# An LRS for the modules that need one (test_xapi, test_lms_cmi5): a Ralph of its own for
# each module, so each reads back only its own statements. Imported here, not at the top:
# tests/browser/lrs.py imports this module.
@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    from tests.browser.lrs import run_ralph

    with run_ralph(tmp_path_factory.mktemp("ralph")) as running:
        yield running


@pytest.fixture(scope="module")
def proxy(ralph: Ralph) -> Proxy:
    from tests.browser.lrs import Proxy

    return Proxy(ralph)
