"""The plugin skips Markdown for generated pages: that must change no byte of any page.

``ScenarioPlugin.on_page_markdown`` hands MkDocs an empty body for a page that
is one raw HTML block and puts the HTML back in ``on_page_content``. This holds
only while Python-Markdown, with the site's own extensions, would return such a
body unchanged: checked here for every generated page of the real project and
of projects poisoned with each hostile payload.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from generator.check import run_check
from generator.plugin import is_raw_html_block
from generator.render import render_site
from tests.test_render import FIXTURE, HOSTILE, poison

ROOT = Path(__file__).resolve().parent.parent


def _site_markdown() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions,
                             extension_configs=config.mdx_configs)


def _bodies(scenarios: Path) -> dict[str, str]:
    """Every generated page of both builds, keyed 'learner:<path>' and 'trainer:<path>'."""
    result = run_check([scenarios])
    bodies = {}
    for build in ("learner", "trainer"):
        pages = render_site(result, existing=["partners/doorstep-checklist.md"],
                            trainer=build == "trainer")
        bodies.update({f"{build}:{path}": text.split("\n---\n", 1)[1]
                       for path, text in pages.items() if path.endswith(".md")})
    assert any(path.startswith("trainer:trainers/scenarios/") for path in bodies)
    return bodies


def _assert_unchanged_by_markdown(bodies: dict[str, str]) -> None:
    md = _site_markdown()
    for path, body in bodies.items():
        assert is_raw_html_block(body), f"{path} would go through Markdown"
        md.reset()
        assert md.convert(body) == body.strip(), path


def test_real_pages_are_raw_html_that_markdown_leaves_alone() -> None:
    _assert_unchanged_by_markdown(_bodies(ROOT / "scenarios"))


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_pages_are_raw_html_that_markdown_leaves_alone(
    tmp_path: Path, payload: str
) -> None:
    folder = tmp_path / "scenarios"
    shutil.copytree(FIXTURE, folder)
    poison(folder, payload)
    _assert_unchanged_by_markdown(_bodies(folder))


@pytest.mark.parametrize("text", [
    "# A heading\n",
    "<div>one</div>\n\n<div>two</div>\n",
    "<div>html</div>\nand *Markdown* after it",
    "",
])
def test_anything_else_goes_through_markdown(text: str) -> None:
    assert not is_raw_html_block(text)
