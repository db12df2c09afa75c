"""Issue 11: on a phone (360x640) every link and button of the partner pages is at least 44x44 px.

Every element a thumb can press that is shown (in the page or its open
drawer), not only the player's: Material's header, navigation and footer too.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from generator.check import CheckResult
from tests.browser.conftest import Tab
from tests.browser.play import root, start

pytestmark = pytest.mark.browser

MIN_TARGET = 44
TARGETS = "a[href], button, summary, label[for], input:not([type=hidden]), select, textarea"
SMALL = f"""sel => [...document.querySelectorAll(sel)].filter(e => {{
  const r = e.getBoundingClientRect();
  const shown = e.checkVisibility({{opacityProperty: true, visibilityProperty: true}})
    && r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth;
  return shown && (r.width < {MIN_TARGET} - 0.5 || r.height < {MIN_TARGET} - 0.5);
}}).map(e => `${{e.tagName}}.${{e.className}} "${{e.textContent.trim().slice(0, 30)}}"`
  + ` ${{Math.round(e.getBoundingClientRect().width)}}x`
  + `${{Math.round(e.getBoundingClientRect().height)}}`)"""


def small_targets(page: Page) -> list[str]:
    found = page.evaluate(SMALL, TARGETS)
    assert isinstance(found, list)
    return [str(f) for f in found]


def partner_pages(checked: CheckResult) -> list[str]:
    ids = [s.id for s in checked.project.scenarios if s.audience == "partners"]
    return ["partners/", "partners/doorstep-checklist/", *(f"scenarios/{i}/" for i in ids)]


def test_partner_pages_have_large_targets(phone: Tab, checked: CheckResult) -> None:
    for path in partner_pages(checked):
        page = phone.open(path)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # footer, back-to-top
        small = small_targets(page)
        assert not small, f"{path}: " + "; ".join(small)


def test_partner_nav_drawer_has_large_targets(phone: Tab) -> None:
    page = phone.open("partners/")
    page.locator(".md-header label[for=__drawer]").tap()
    page.locator(".md-nav--primary").first.wait_for()
    page.wait_for_timeout(400)  # the drawer slides in
    small = small_targets(page)
    assert not small, "; ".join(small)


def test_partner_player_and_review_have_large_targets(phone: Tab, checked: CheckResult) -> None:
    for scenario in (s for s in checked.project.scenarios if s.audience == "partners"):
        page = phone.open(f"scenarios/{scenario.id}/")
        start(page, scenario.id)
        player = root(page, scenario.id)
        for pick in checked.scores[scenario.id].best_paths()[0]:
            player.locator(f'button[data-choice="{pick.choice}"]').tap()
            player.locator(".sc-why").tap()  # the feedback, with its links, open
            small = small_targets(page)
            assert not small, f"{scenario.id} {pick}: " + "; ".join(small)
            player.locator("[data-continue]").tap()
        player.locator("[data-result]").wait_for()
        small = small_targets(page)
        assert not small, f"{scenario.id}: " + "; ".join(small)


def test_trainer_site_partner_pages_have_large_targets(
        trainer_phone: Tab, checked: CheckResult) -> None:
    """The trainer build adds 'Trainer view' links (17 px tall before issue 11)."""
    for path in partner_pages(checked):
        page = trainer_phone.open(path)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        small = small_targets(page)
        assert not small, f"{path}: " + "; ".join(small)
