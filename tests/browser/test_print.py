"""The doorstep checklist prints on exactly one page, A4 and Letter, with one box per line."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Tab

pytestmark = pytest.mark.browser

PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
"""A page object of the PDF (not the /Pages tree): Chromium writes them uncompressed."""


@pytest.mark.parametrize("site", ["", "sv/", "nb/", "da/"], ids=["en", "sv", "nb", "da"])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_checklist_prints_on_one_page(tab: Tab, paper: str, site: str) -> None:
    """In every language's site: translations run longer than English."""
    page = tab.open(f"{site}partners/doorstep-checklist/")
    assert page.locator("html").get_attribute("lang") == (site.rstrip("/") or "en")
    pdf = page.pdf(format=paper)
    assert len(PAGE.findall(pdf)) == 1


def test_print_shows_only_the_checklist_with_one_box_per_item(tab: Tab) -> None:
    page = tab.open("partners/doorstep-checklist/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".sc-print", ".headerlink"):
        assert not page.locator(hidden).first.is_visible(), hidden
    items = page.locator(".sc-checklist li")
    assert items.count() >= 20
    assert items.evaluate_all("els => els.every(e => getComputedStyle(e).listStyleType === 'none'"
                              " && !e.textContent.includes('\u2610'))")
    # one printed box per item, drawn with a border (backgrounds do not print), on the paper
    boxes = page.locator(".sc-checklist .task-list-indicator").evaluate_all(
        "els => els.map(e => [getComputedStyle(e, '::before').borderTopStyle,"
        " e.getBoundingClientRect().left - parseFloat(getComputedStyle(e, '::before').width)])")
    assert len(boxes) == items.count()
    assert all(style == "solid" and left > 0 for style, left in boxes), boxes


def test_boxes_tick_on_screen_and_print_button_prints(tab: Tab) -> None:
    page = tab.open("partners/doorstep-checklist/")
    box = page.locator(".sc-checklist input[type=checkbox]").first
    assert not box.is_checked()
    page.locator(".sc-checklist li").first.click()  # the whole line is the target
    assert box.is_checked()
    first = page.locator(".sc-checklist li").first.inner_text().strip()
    assert page.get_by_role("checkbox", name=first).is_checked()  # named by its line
    page.evaluate("addEventListener('beforeprint', () => { window.printing = true; })")
    page.get_by_role("button", name="Print the checklist").click()
    page.wait_for_function("window.printing === true")
