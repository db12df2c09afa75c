"""While ``mkdocs serve`` runs, a broken project builds a site whose every page lists the
problems as ``check`` prints them; ``mkdocs build`` still fails on them."""

from __future__ import annotations

import html
import logging
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.check import run_check
from generator.errors import Diagnostic
from generator.render.errors import error_page
from generator.render.templates import packaged_folder

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "project"
SERVE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real mkdocs.yml and docs (copied) and the fixture scenarios; cwd there,
    as a trainer runs ``mkdocs serve``."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(FIXTURE, tmp_path / "scenarios")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _serve_build(project: Path, out: Path, *, command: str = "serve") -> set[str]:
    """One build as ``mkdocs serve`` (or ``build``) makes it; the HTML pages written."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(out))
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config, serve_url=SERVE_URL if command == "serve" else None)
    finally:
        config.plugins.on_shutdown()
    return {p.relative_to(out).as_posix() for p in out.rglob("*.html")}


def _problems(page: Path) -> list[str]:
    found = re.findall(r"<li><code>(.*?)</code></li>", page.read_text(encoding="utf-8"))
    return [html.unescape(item) for item in found]


def _break(project: Path) -> list[str]:
    victim = project / "scenarios" / "counter-queue.yaml"
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace("next: served", "next: <script>x</script>", 1)
                      .replace("feedback: You showed", "feedbak: You showed", 1),
                      encoding="utf-8")
    return [d.format() for d in run_check([Path("scenarios")]).errors]


def test_every_page_lists_the_errors_as_check_prints_them(project: Path) -> None:
    expected = _break(project)
    assert len(expected) >= 2
    pages = _serve_build(project, project / "out")
    for page in ("index.html", "scenarios/counter-queue/index.html",
                 "scenarios/damaged-parcel/index.html", "employees/index.html",
                 "partners/doorstep-checklist/index.html"):  # hand-written, too
        assert page in pages
        text = (project / "out" / page).read_text(encoding="utf-8")
        assert _problems(project / "out" / page) == expected, page
        assert "<script>x</script>" not in text  # escaped, shown as text
        assert "&lt;script&gt;x&lt;/script&gt;" in text
        assert "The scenarios have errors" in text


def test_pages_of_the_last_good_build_show_the_errors_and_a_fix_brings_them_back(
        project: Path) -> None:
    victim = project / "scenarios" / "counter-queue.yaml"
    good = victim.read_text(encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "out"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url=SERVE_URL)
        principle = project / "out" / "principles" / "show-empathy" / "index.html"
        assert "sc-problems" not in principle.read_text(encoding="utf-8")
        expected = _break(project)
        for _ in range(2):  # a second broken save still knows the last good pages
            build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "out")),
                  serve_url=SERVE_URL)
            assert _problems(principle) == expected
        victim.write_text(good, encoding="utf-8")
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "out")),
              serve_url=SERVE_URL)
        assert _problems(principle) == []
        assert "Show empathy" in principle.read_text(encoding="utf-8")
    finally:
        config.plugins.on_shutdown()


def test_mkdocs_build_still_fails_on_the_same_errors(
        project: Path, caplog: pytest.LogCaptureFixture) -> None:
    expected = _break(project)
    with pytest.raises(Abort):
        _serve_build(project, project / "out", command="build")
    [error] = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert error.splitlines() == expected
    assert not (project / "out").exists()


def test_a_broken_template_is_reported_at_its_line(project: Path) -> None:
    """An override with a Jinja syntax error: its path and line on the error site."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      scenarios: scenarios\n", "      scenarios: scenarios\n      templates: mine\n"),
        encoding="utf-8")
    template = project / "mine" / "home.md.j2"
    template.parent.mkdir()
    packaged = (packaged_folder() / "home.md.j2").read_text(encoding="utf-8")
    template.write_text(packaged + "{% if %}\n", encoding="utf-8")
    _serve_build(project, project / "out")
    [problem] = _problems(project / "out" / "index.html")
    lines = len(template.read_text(encoding="utf-8").splitlines())
    assert re.fullmatch(rf"\S*home\.md\.j2:{lines}:1: error: template: .+", problem), problem
    with pytest.raises(Abort):
        _serve_build(project, project / "out2", command="build")


def test_the_error_page_survives_broken_templates(tmp_path: Path) -> None:
    """The templates being the broken part: the shipped ones, then a bare list."""
    problem = Diagnostic("scenarios/a.yaml", 3, 7, "unknown key '<b>'", "did you mean 'x'?")
    (tmp_path / "strings.json").write_text("{", encoding="utf-8")
    page = error_page([problem], tmp_path)
    assert "The scenarios have errors" in page
    assert "scenarios/a.yaml:3:7: error: unknown key &#39;&lt;b&gt;&#39;" in page
    assert re.search(r"1 error\b", page)
