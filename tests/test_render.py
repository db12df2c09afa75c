"""The render core: golden pages for a small scenario, escaping, links, the graph, assets."""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.check import CheckResult, run_check
from generator.errors import ContentError
from generator.render import navigation, render_site, write_site
from generator.render.env import renderer
from generator.render.graph import layers, mermaid, svg
from generator.render.markdown import is_safe_url, render_markdown
from generator.render.paths import CSS_ASSET, JS_ASSET, page_url, relative_url
from generator.render.schema import format_reference

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "render" / "scenarios"
GOLDEN = {False: HERE / "golden" / "render", True: HERE / "golden" / "render-trainer"}
"""The learner build's pages, and the trainer build's (keyed by ``trainer``)."""
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
"""``UPDATE_GOLDEN=1 pytest tests/test_render.py`` rewrites the golden pages."""


@pytest.fixture(scope="module")
def result() -> CheckResult:
    found = run_check([FIXTURE])
    assert not found.diagnostics, [d.format() for d in found.diagnostics]
    return found


@pytest.mark.parametrize("trainer", [False, True], ids=["learner", "trainer"])
def test_pages_match_golden_files(result: CheckResult, trainer: bool) -> None:
    pages = {p: c for p, c in render_site(result, trainer=trainer).items() if p.endswith(".md")}
    golden = GOLDEN[trainer]
    if UPDATE:
        shutil.rmtree(golden, ignore_errors=True)
        for path, content in pages.items():
            (golden / path).parent.mkdir(parents=True, exist_ok=True)
            (golden / path).write_text(content, encoding="utf-8")
    expected = {str(p.relative_to(golden)): p.read_text(encoding="utf-8")
                for p in golden.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for path, content in pages.items():
        assert content == expected[path], f"{path} differs; UPDATE_GOLDEN=1 after a wanted change"


def test_assets_are_small(result: CheckResult) -> None:
    pages = render_site(result)
    both = (pages[JS_ASSET] + pages[CSS_ASSET]).encode()
    assert len(gzip.compress(both, 9)) <= 10 * 1024


def test_player_model_reaches_the_page_as_an_attribute(result: CheckResult) -> None:
    page = render_site(result)["scenarios/cold-soup.md"]
    assert "<script" not in page
    found = re.search(r'data-model="([^"]*)"', page)
    assert found
    model = json.loads(found.group(1).replace("&#34;", '"'))
    assert model["worst"] == -2
    assert model["best"] == 4
    assert model["bestPath"] == [["complaint", 0], ["wait", 0]]
    assert model["steps"]["wait"][1] == {"next": "gone", "effects": {"listen-first": -2}}


def test_no_blank_or_indented_lines_in_page_bodies(result: CheckResult) -> None:
    # Either would end the raw HTML block or start a Markdown code block.
    for path, content in render_site(result, trainer=True).items():
        if path.endswith(".md"):
            body = content.split("\n---\n", 1)[1]
            assert not re.search(r"\n\s*\n|\n[ \t]", body), path


def test_errors_are_refused(result: CheckResult) -> None:
    from generator.errors import Diagnostic

    broken = CheckResult(result.project, [Diagnostic("x.yaml", 3, 4, "bad")])
    with pytest.raises(ContentError, match=r"x.yaml:3:4: error: bad"):
        render_site(broken)


def test_write_site_writes_every_file(result: CheckResult, tmp_path: Path) -> None:
    written = write_site(result, tmp_path)
    assert {str(p.relative_to(tmp_path)) for p in written} == set(render_site(result))


def test_navigation_lists_every_page_once(result: CheckResult) -> None:
    nav = navigation(result, existing=["partners/doorstep-checklist.md"], trainer=True)
    text = json.dumps(nav)
    assert text.count("scenarios/cold-soup.md") == 2  # learner page and trainer view
    assert "partners/doorstep-checklist.md" in text
    assert "trainers/reverse-brainstorm.md" not in text


def test_learner_navigation_has_no_trainers_section(result: CheckResult) -> None:
    existing = ["partners/doorstep-checklist.md", "trainers/reverse-brainstorm.md"]
    nav = navigation(result, existing=existing)
    text = json.dumps(nav)
    assert text.count("scenarios/cold-soup.md") == 1
    assert "trainers/" not in text
    assert "Trainers" not in [next(iter(item)) for item in nav if isinstance(item, dict)]
    assert "trainers/index.md" in json.dumps(navigation(result, existing=existing, trainer=True))


HREF = re.compile(r'href="([^"]*)"')


def _target(here: str, href: str) -> str:
    """The site path an href of the page ``here`` points to (directory URLs)."""
    return posixpath.normpath(posixpath.join(page_url(here), href.split("#")[0]))


def test_learner_build_has_no_answer_key(result: CheckResult) -> None:
    pages = render_site(result, existing=["trainers/reverse-brainstorm.md"])
    assert not [p for p in pages if p.startswith("trainers/")]
    for path, content in pages.items():
        if path.startswith("assets/"):
            continue
        body = re.sub(r'data-model="[^"]*"', "", content)  # the player's data carries weights
        assert "sc-weight" not in body, path
        assert "sc-effects" not in body, path
        assert not re.search(r"[+\u2212-][12]\b", re.sub(r"<[^>]*>", "", body)), path
        for href in HREF.findall(body):
            assert not _target(path, href).startswith("trainers"), (path, href)


def test_learner_principle_page_lists_scenarios_with_progress_marks(result: CheckResult) -> None:
    learner = render_site(result)["principles/own-it.md"]
    assert 'data-progress-item="cold-soup"' in learner
    assert "The cold soup" in learner
    assert "I am sorry" not in learner  # no choices
    trainer = render_site(result, trainer=True)["principles/own-it.md"]
    assert "I am sorry, I will bring you a hot one right away." in trainer
    assert '<span class="sc-weight">+2</span>' in trainer
    assert '<span class="sc-weight">-2</span>' in trainer


def test_home_page_shows_the_trainers_track_only_in_the_trainer_build(
        result: CheckResult) -> None:
    learner = render_site(result)["index.md"]
    trainer = render_site(result, trainer=True)["index.md"]
    for home in (learner, trainer):
        assert 'href="employees/"' in home
        assert 'href="partners/"' in home
        assert 'href="principles/"' in home
        assert 'href="progress/"' in home
    assert "trainers/" not in learner
    assert "Trainers" not in learner
    assert '<a href="trainers/">Trainers</a>' in trainer


def test_trainer_build_adds_the_trainer_pages(result: CheckResult) -> None:
    learner = render_site(result)
    trainer = render_site(result, trainer=True, existing=["trainers/reverse-brainstorm.md"])
    assert set(learner) < set(trainer)
    assert sorted(set(trainer) - set(learner)) == [
        "trainers/authoring.md", "trainers/coverage.md", "trainers/index.md",
        "trainers/scenarios/cold-soup.md"]
    assert 'href="reverse-brainstorm/"' in trainer["trainers/index.md"]


def test_navigation_of_a_large_section_lists_only_its_index(result: CheckResult) -> None:
    text = json.dumps(navigation(result, limit=1))
    assert "scenarios/cold-soup.md" in text  # one scenario: within the limit
    assert "principles/own-it.md" not in text  # two principles: over it
    assert "principles/index.md" in text


HOSTILE = [
    "<script>window.pwned=1</script>",
    "</script><script>window.pwned=2</script>",
    '" onerror="window.pwned=3',
    "<img src=x onerror=window.pwned=4>",
    "{{ 7*7 }} {% raw %}",
    "[click](javascript:window.pwned=5)",
    "it\u2028breaks",
    '<div markdown="1" onclick="window.pwned=6">**bold**</div>',
    "<svg onload=window.pwned=7>",
    "[x](<java\tscript:window.pwned=8>) <https://example.invalid/>",
]


def poison(folder: Path, payload: str) -> None:
    """Put ``payload`` into every kind of text field of the scenario and the catalogue."""
    poison_scenario(folder / "cold-soup.yaml", payload)
    poison_catalogue(folder / "principles.yaml", payload)


def poison_scenario(path: Path, payload: str, new_id: str | None = None) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = data["summary"] = data["setting"] = payload
    data["roles"]["learner"] = data["goals"][0] = data["questions"][0] = payload
    data["steps"][0]["situation"] = payload
    data["steps"][0]["choices"][0].update(response=payload, consequence=payload, feedback=payload)
    data["endings"][0].update(title=payload, debrief=payload)
    data["id"] = new_id or data["id"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def poison_catalogue(path: Path, payload: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["tiers"][-1].update(name=payload, description=payload)
    data["principles"][0].update(name=payload, statement=payload, explanation=payload)
    data["stories"][0].update(title=payload, summary=payload)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_is_escaped_everywhere(tmp_path: Path, payload: str) -> None:
    folder = tmp_path / "scenarios"
    shutil.copytree(FIXTURE, folder)
    poison(folder, payload)
    found = run_check([folder])
    assert not found.errors, [d.format() for d in found.errors]
    assert found.project.scenarios[0].title == payload
    pages = render_site(found)
    for path, content in pages.items():
        if path.startswith("assets/"):
            continue
        front, body = content.split("\n---\n", 1)
        # MkDocs themes do not autoescape: the title must arrive escaped.
        assert front.startswith("---\ntitle: "), path
        assert "<" not in front, path
        active = _active(body)
        assert not active.code, path
        assert not [u for u in active.urls if "pwned" in u], path
    assert "<" not in json.dumps(navigation(found))
    if "{{" in payload:  # template syntax in content is text, never evaluated
        assert "{{ 7*7 }}" in pages["scenarios/cold-soup.md"]


class _Active(HTMLParser):
    """What a browser could run or follow: script text, on* handlers, link targets."""

    def __init__(self) -> None:
        super().__init__()
        self.code: list[str] = []
        self.urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.code.append(value or "")
            if name in {"href", "src", "action", "formaction"}:
                self.urls.append(value or "")

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.code.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def _active(html: str) -> _Active:
    parser = _Active()
    parser.feed(html)
    return parser


@pytest.mark.parametrize(("text", "unwanted"), [
    ("<script>x()</script>", "<script"),
    ("<img src=x onerror=alert(1)>", "<img"),
    ("[a](javascript:alert(1))", "javascript:"),
    ("[a](JaVa\tScRiPt:alert(1))", "href"),
    ("[a](data:text/html,hi)", "href"),
    ("![a](https://tracker.example/p.gif)", "<img"),
    ("[a](//evil.example/)", "href"),
])
def test_markdown_drops_raw_html_and_unsafe_urls(text: str, unwanted: str) -> None:
    assert unwanted not in render_markdown(text)


def test_markdown_keeps_safe_formatting() -> None:
    html = render_markdown("**Own it** and see [the guide](https://example.org/a?b=1&c=2).")
    assert html == ('<p><strong>Own it</strong> and see '
                    '<a href="https://example.org/a?b=1&amp;c=2">the guide</a>.</p>')


def test_markdown_code_blocks_stay_inside_one_html_block() -> None:
    html = render_markdown("text\n\n    line one\n\n    line two\n")
    assert "\n\n" not in html
    assert "line one&#10;&#10;line two" in html


@pytest.mark.parametrize(("url", "safe"), [
    ("https://a.example/", True), ("mailto:x@y.z", True), ("../principles/x/", True),
    ("#step-1", True), ("javascript:x", False), (" javascript:x", False),
    ("vbscript:x", False), ("data:text/html,x", False), ("//evil.example", False),
])
def test_is_safe_url(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


@pytest.mark.parametrize(("here", "target", "expected"), [
    ("scenarios/a.md", "principles/b.md", "../../principles/b/"),
    ("scenarios/a.md", "progress.md", "../../progress/"),
    ("employees/index.md", "scenarios/a.md", "../scenarios/a/"),
    ("progress.md", "employees/index.md", "../employees/"),
    ("trainers/index.md", "trainers/authoring.md", "authoring/"),
    ("index.md", "scenarios/a.md", "scenarios/a/"),
    ("employees/index.md", "index.md", "../"),
])
def test_relative_url_with_directory_urls(here: str, target: str, expected: str) -> None:
    assert relative_url(here, target) == expected


def test_relative_url_without_directory_urls() -> None:
    assert relative_url("scenarios/a.md", "principles/b.md", False) == "../principles/b.html"
    assert relative_url("employees/index.md", "index.md", False) == "../index.html"


def test_graph_layers_and_svg(result: CheckResult) -> None:
    score = result.scores["cold-soup"]
    assert layers(score) == {"complaint": 0, "wait": 1, "happy": 2, "gone": 2}
    drawing = svg(score, 'Graph of "<soup>"')
    assert drawing.count("<rect") == 4
    assert drawing.count('<g class="sc-edge sc-edge-') == 5  # one arrow per choice
    assert "&lt;soup&gt;" in drawing


def test_mermaid_source(result: CheckResult) -> None:
    text = mermaid(result.project.scenarios[0])
    assert text.splitlines()[0] == "flowchart TD"
    assert "n_complaint -->|1| n_wait" in text
    assert "n_complaint -->|3| n_gone" in text
    assert 'n_happy(["Back next week"])' in text


def test_format_reference_covers_every_field() -> None:
    reference = format_reference(renderer().strings["trainer"])
    scenario = {s.name: s for s in reference["scenario"]}
    assert set(scenario) == {"Scenario", "Choice", "Ending", "Roles", "Step"}
    choice = {f.name: f for f in scenario["Choice"].fields}
    assert choice["feedback"].kind == "Markdown text"
    assert choice["response"].kind == "plain text"
    assert choice["effects"].kind == "map of id to whole number from -2 to 2"
    assert choice["next"].required
    assert not choice["effects"].required
    assert {s.name for s in reference["catalogue"]} >= {"Catalogue", "Tier", "Principle", "Story"}
