"""axe-core on every HTML page of both built sites, at a phone's width and a desktop's.

The pages come from crawling the built folders, so a page added later is
checked without a change here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import DESKTOP, PHONE, Built, close_tab, new_tab
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

SIZES = {"phone": PHONE, "desktop": DESKTOP}


def pages(folder: Path) -> list[str]:
    """Every HTML page of a built site, as a URL path."""
    found = []
    for html in sorted(folder.rglob("*.html")):
        path = html.relative_to(folder).as_posix()
        found.append(path.removesuffix("index.html"))
    assert len(found) > 10, folder
    return found


def _crawl(chromium: Browser, site: Built, size: dict[str, Any]) -> list[str]:
    """``/path: rule: node, node`` for each violation on each page."""
    tab = new_tab(chromium, site.url, **size)
    found: list[str] = []
    try:
        for path in pages(site.folder):
            page = tab.open(path)
            page.wait_for_load_state("load")
            found += [f"/{path}: {v['rule']}: {', '.join(v['nodes'][:5])}"
                      for v in violations(page)]
    finally:
        tab.errors = [e for e in tab.errors if not e.startswith("404 ")]  # 404.html itself
        close_tab(tab)
    return found


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def size(request: pytest.FixtureRequest) -> dict[str, Any]:
    return SIZES[request.param]


def test_every_learner_page_has_no_axe_violations(
        chromium: Browser, learner_site: Built, size: dict[str, Any]) -> None:
    found = _crawl(chromium, learner_site, size)
    assert not found, "\n".join(found)


def test_every_trainer_page_has_no_axe_violations(
        chromium: Browser, trainer_site: Built, size: dict[str, Any]) -> None:
    found = _crawl(chromium, trainer_site, size)
    assert not found, "\n".join(found)
