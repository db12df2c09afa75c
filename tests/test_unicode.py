"""Any Unicode text a trainer writes reaches the page, the title bar, the navigation and
the search index exactly as written: emoji outside the BMP, combining marks, right-to-left
text, YAML's own line-break characters and every escape YAML has.

The page's title travels to MkDocs in front matter, a YAML text the generator writes and
MkDocs reads back; a title that did not read back once left the front matter on the page
as text, silently. These tests read it back the way MkDocs does.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.check import CheckResult
from generator.check.score import ScenarioScore
from generator.errors import ContentError
from generator.load import load_bytes
from generator.load.parse import parse
from generator.load.project import Project
from generator.load.project import ScenarioFile as File
from generator.model import Catalogue, Scenario
from generator.render import navigation, render_site
from generator.render.env import renderer
from generator.render.pages import front_matter as page_front_matter
from tests.conftest import FIXTURE
from tests.test_plugin import ROOT
from tests.test_render import FIXTURE as RENDER_FIXTURE

PARCEL = (FIXTURE / "damaged-parcel.yaml").read_text(encoding="utf-8")
CATALOGUE_DOC = load_bytes((FIXTURE / "principles.yaml").read_bytes(), "scenarios/principles.yaml")
CATALOGUE = parse(CATALOGUE_DOC, Catalogue)
PAGE = "scenarios/damaged-parcel.md"
TRAINER_PAGE = "trainers/scenarios/damaged-parcel.md"
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""MkDocs' own pattern (mkdocs.utils.meta.YAML_RE)."""
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""What MkDocs reads front matter with."""

HARD = ["🛏", "🦖", "\U0010fffd", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "\u202e", "\u200d",
        "\u2028", "\u2029", "\x85", "\ufeff", "\ufffe", "\x00", "\x7f", "\x1b", '"', "'",
        "\\", "&", "<b>", "#", ": ", " - ", "---", "{{ x }}", "\t"]
"""Characters and sequences that broke, or could break, a YAML or HTML writer."""

# Every code point except surrogates (not text; libyaml refuses even their escapes) and
# the line breaks "\n" and "\r" (a title is one line: YAML folds breaks into spaces).
# Characters YAML does not allow raw reach the file as YAML escapes ("\x00", "\U0001F6CF").
CHARS = st.characters(exclude_categories=["Cs"], exclude_characters="\n\r")
TEXT = st.lists(st.one_of(CHARS.map(str), st.sampled_from(HARD)), min_size=1, max_size=12) \
    .map("".join).filter(lambda t: t.strip() != "")


def yaml_scalar(text: str) -> str:
    """``text`` as PyYAML's own emitter writes it: a double-quoted scalar, escapes included."""
    return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=1_000_000).strip()


def checked(title: str, response: str) -> CheckResult:
    """The fixture scenario with ``title`` and a first response, loaded and scored."""
    source = PARCEL.replace("title: The damaged parcel", f"title: {yaml_scalar(title)}") \
        .replace("""- response: "I'm sorry, let's open it together and check.\"""",
                 f"- response: {yaml_scalar(response)}")
    doc = load_bytes(source.encode("utf-8"), "scenarios/damaged-parcel.yaml")
    scenario = parse(doc, Scenario)
    project = Project(CATALOGUE_DOC, CATALOGUE, [File(doc, scenario)], complete=False)
    return CheckResult(project, [], {scenario.id: ScenarioScore(scenario, CATALOGUE)})


def front_matter(page: str) -> dict[str, object]:
    match = FRONT_MATTER.match(page)
    assert match, page[:200]
    data = yaml.load(match[1], Loader=LOADER)
    assert isinstance(data, dict)
    return data


def as_html(text: str) -> str:
    # A tab reaches the page as "&#9;", the same character to a browser
    # (Markdown would expand a raw one into spaces).
    return str(escape(text)).replace("\t", "&#9;")


def nav_titles(items: list[Any]) -> dict[str, str]:
    """Page path -> the title the navigation shows for it."""
    found: dict[str, str] = {}
    for item in items:
        for title, target in item.items() if isinstance(item, dict) else ():
            if isinstance(target, list):
                found.update(nav_titles(target))
            else:
                found[target] = title
    return found


# A render of both builds takes about 0.1 s: a fifth of the profile's examples.
@settings(max_examples=max(settings().max_examples // 5, 20), deadline=None)
@given(title=TEXT, response=TEXT)
def test_any_text_reaches_the_pages_as_written(title: str, response: str) -> None:
    result = checked(title, response)
    scenario = result.project.scenarios[0]
    assert scenario.title in title  # less the white space at its ends
    pages = render_site(result, trainer=True)
    nav = nav_titles(navigation(result, trainer=True))
    for path, prefix in ((PAGE, ""), (TRAINER_PAGE, "Trainer view: ")):
        # Themes put the title into the page as it is (they do not autoescape), so
        # the generator hands it over as HTML: a browser shows it unescaped.
        assert html.unescape(str(front_matter(pages[path])["title"])) == prefix + scenario.title
        assert html.unescape(nav[path]) == scenario.title
        assert as_html(scenario.title) in pages[path]
    assert as_html(scenario.steps[0].choices[0].response) in pages[PAGE]


def test_a_non_bmp_title_reaches_title_bar_navigation_and_search(tmp_path: Path) -> None:
    """An in-process ``mkdocs build`` of the trainer site with an emoji outside the BMP."""
    for config in ("mkdocs.yml", "mkdocs-trainers.yml"):
        shutil.copy(ROOT / config, tmp_path / config)
    for folder in ("docs", "site_templates"):
        (tmp_path / folder).symlink_to(ROOT / folder, target_is_directory=True)
    scenarios = tmp_path / "scenarios"
    shutil.copytree(RENDER_FIXTURE, scenarios)
    source = scenarios / "cold-soup.yaml"
    title = "The cold soup 🥣 at table 🦖 \u05e9\u05dc\u05d5\u05dd e\u0301"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("title: The cold soup", f"title: {title}"), encoding="utf-8")
    out = tmp_path / "out"
    build(load_config(str(tmp_path / "mkdocs-trainers.yml"), site_dir=str(out)))

    for page, shown in (("scenarios/cold-soup/index.html", title),
                        ("trainers/scenarios/cold-soup/index.html", f"Trainer view: {title}")):
        text = (out / page).read_text(encoding="utf-8")
        head = re.search(r"<title>(.*?)</title>", text, re.DOTALL)
        assert head is not None
        assert html.unescape(head[1]).startswith(f"{shown} - ")  # "- <site name>" follows
        assert "title: " not in text  # no front matter left on the page
    home = (out / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', home, re.DOTALL)
    assert nav is not None
    assert title in nav[0]
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {d["location"]: d["title"] for d in index["docs"]}
    assert titles["scenarios/cold-soup/"] == title
    assert titles["trainers/scenarios/cold-soup/"] == f"Trainer view: {title}"
    # No front matter shown as text (the authoring guide's example file has a title: key).
    assert not [d for d in index["docs"] if "title: " in d["text"]
                and d["location"] != "trainers/authoring/#example"]


def test_front_matter_that_does_not_read_back_fails_loudly(tmp_path: Path) -> None:
    """A template whose front matter MkDocs would show as text stops the build instead."""
    shutil.copy(ROOT / "site_templates" / "strings" / "en.json", tmp_path / "strings.json")
    (tmp_path / "bad.md.j2").write_text("---\ntitle: {{ title_yaml|safe }}: x\n---\n<p>body</p>\n")
    (tmp_path / "good.md.j2").write_text("---\ntitle: {{ title_yaml|safe }}\n---\n<p>body</p>\n")
    r = renderer(tmp_path)
    title = "Bed 🛏, \u2028 \"quoted\" \\ \x00"
    good = r.page("good.md.j2", "x.md", **page_front_matter(title))
    assert front_matter(good) == {"title": html.escape(title)}
    with pytest.raises(ContentError) as raised:
        r.page("bad.md.j2", "x.md", **page_front_matter(title))
    assert raised.value.diagnostics[0].format().startswith(
        "x.md:1:1: error: the page's front matter does not read back as written")
