"""The package as an organisation gets it: the wheel, installed into a fresh virtual
environment, used by a brand-new MkDocs + Material project elsewhere.

Nothing of this repository reaches the project but the wheel: its own mkdocs.yml,
catalogue and scenario are written here, the build runs with the new environment's
Python and without PYTHONPATH, and the site is played in Chromium. Installing pulls
MkDocs, Material, pydantic, ... from the package registry: about a minute.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import DESKTOP, close_tab, new_tab

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "wrong-size"

CONFIG = """\
site_name: Shoe shop training
theme:
  name: material
  font: false
plugins:
  - search
  - service-scenarios
"""

CATALOGUE = """\
tiers:
  - id: unhappy
    name: Unhappy customer
    min: 0
    description: The customer looks for another shop.
  - id: pleased
    name: Pleased customer
    min: 60
    description: The customer orders again next month.
stories:
  - id: shoe-swap
    title: The shoe swap
    summary: A shop swapped a pair it had not sold, and kept a customer.
principles:
  - id: take-ownership
    name: Take ownership
    statement: Treat the customer's problem as yours to solve.
    explanation: Saying whose fault it was fixes nothing for the customer.
    stories: [shoe-swap]
"""

SCENARIO_FILE = """\
id: wrong-size
title: The wrong size
summary: A customer received shoes one size too small.
audience: employees
minutes: 2
story: shoe-swap
roles:
  learner: Shop assistant at the returns desk
  customer: A customer holding a shoe box
setting: |
  The customer puts a shoe box on the desk.
goals:
  - Solve the problem, not the blame
steps:
  - id: box
    situation: '"These are a size too small, and I ordered the right size."'
    choices:
      - response: I am sorry. I will swap them for the right size now.
        consequence: The customer smiles and waits.
        feedback: You made the problem yours.
        effects: {take-ownership: 2}
        next: swapped
      - response: The warehouse packed that box, so please write to them about it today.
        consequence: The customer takes the box and walks out.
        feedback: Whose fault it was does not help the customer.
        effects: {take-ownership: -2}
        next: walked-out
      - response: Sizes vary from one shoe brand to the next.
        consequence: The customer frowns and asks for a refund instead.
        feedback: True, but it leaves the problem with the customer.
        effects: {take-ownership: -1}
        next: walked-out
endings:
  - id: swapped
    title: Right size, same day
    tier: pleased
    debrief: The customer leaves wearing the new shoes.
  - id: walked-out
    title: Walked out
    tier: unhappy
    debrief: The customer returns the order by post and shops elsewhere.
questions:
  - What would you say first?
"""


def _run(*args: str | Path, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    # No PYTHONPATH: the new environment must find everything in its own install.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)


NOT_SOURCE = {".git", "build", "dist", "site", "site-trainers", "node_modules", "__pycache__",
              ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", "work"}
"""Without git (a CI that copies the files): what is never the package's source."""


def _source_files() -> list[str]:
    """The repository's files: as git sees them (tracked, and new ones not ignored)."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                                 "--exclude-standard"], cwd=ROOT, capture_output=True,
                                check=True).stdout.decode()
        names = list(filter(None, listed.split("\0")))
    except (OSError, subprocess.CalledProcessError):
        names = [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*")
                 if not NOT_SOURCE & set(p.relative_to(ROOT).parts)
                 and not p.name.endswith(".egg-info")]
    return [n for n in names if (ROOT / n).is_file()]


def _source_copy(target: Path) -> Path:
    """A copy of the source: a build in the checkout itself could pick up a stale build/."""
    for name in _source_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes((ROOT / name).read_bytes())
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built as pip builds it (isolated, with the declared build backend)."""
    work = tmp_path_factory.mktemp("wheel")
    source = _source_copy(work / "source")
    done = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", work / "dist", source,
                cwd=work)
    assert done.returncode == 0, done.stderr
    [built] = (work / "dist").glob("service_scenarios-*.whl")
    return built


@pytest.fixture(scope="module")
def venv_python(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel (and its dependencies) installed."""
    venv = tmp_path_factory.mktemp("venv")
    assert _run(sys.executable, "-m", "venv", venv, cwd=venv).returncode == 0
    python = venv / "bin" / "python"
    done = _run(python, "-m", "pip", "install", "--quiet", wheel, cwd=venv, timeout=900)
    assert done.returncode == 0, done.stderr
    return python


def _project(folder: Path, config: str = CONFIG) -> Path:
    (folder / "scenarios").mkdir(parents=True)
    (folder / "docs").mkdir()
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    (folder / "scenarios" / "principles.yaml").write_text(CATALOGUE, encoding="utf-8")
    (folder / "scenarios" / f"{SCENARIO}.yaml").write_text(SCENARIO_FILE, encoding="utf-8")
    (folder / "docs" / "contact.md").write_text("# Contact\n\nAsk the training team.\n",
                                                encoding="utf-8")
    return folder


def test_the_wheel_holds_every_module_and_template(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as opened:
        names = set(opened.namelist())
    tracked = [n for n in _source_files() if n.startswith(("generator/", "site_templates/"))]
    expected = {n if n.startswith("generator/") else f"generator/{n}" for n in tracked}
    assert len(expected) > 50
    assert expected - names == set()
    assert "generator/site_templates/overrides/partials/search.html" in names


def test_the_installed_package_uses_its_own_templates(venv_python: Path, tmp_path: Path) -> None:
    done = _run(venv_python, "-c", "from generator.render.templates import packaged_folder;"
                "print(packaged_folder())", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    folder = Path(done.stdout.strip())
    assert folder.is_relative_to(venv_python.parent.parent), folder
    assert (folder / "strings" / "en.json").is_file()


@contextlib.contextmanager
def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_a_new_project_builds_strict_and_plays_in_chromium(
        venv_python: Path, tmp_path: Path, chromium: Browser) -> None:
    project = _project(tmp_path / "training")
    done = _run(venv_python, "-m", "mkdocs", "build", "--strict", cwd=project)
    assert done.returncode == 0, done.stderr
    site = project / "site"
    for built in ("index.html", f"scenarios/{SCENARIO}/index.html", "contact/index.html",
                  "assets/service-scenarios.js", "assets/service-scenarios.css", "sw.js"):
        assert (site / built).is_file(), built
    home = (site / "index.html").read_text(encoding="utf-8")
    # The plugin put the packaged Material overrides into the theme: no custom_dir here.
    assert 'role="dialog" aria-label=' in home

    # (choice pressed, what the learner sees at the end): the best and the worst ending.
    runs = [(0, ["Right size, same day", "100 out of 100", "Pleased customer",
                 "The customer leaves wearing the new shoes."]),
            (1, ["Walked out", "0 out of 100", "Unhappy customer",
                 "The customer returns the order by post"])]
    # The suite's one browser (a second sync_playwright cannot start inside its loop).
    with _serve(site) as url:
        for choice, shown in runs:
            tab = new_tab(chromium, url, **DESKTOP)
            page = tab.open(f"scenarios/{SCENARIO}/")
            player = page.locator(f'[data-scenario="{SCENARIO}"][data-ready]')
            player.locator(f'button[data-choice="{choice}"]').click()
            player.locator("[data-continue]").click()
            result = player.locator("[data-result]")
            text = result.inner_text()
            for words in shown:
                assert words in text, (words, text)
            assert result.is_visible()
            close_tab(tab)  # no console error, nothing loaded from outside


def test_an_override_folder_replaces_one_template_and_keeps_the_rest(
        venv_python: Path, tmp_path: Path) -> None:
    """With the installed package: its own home page, one changed string, one misspelt
    template name; every other page and string as packaged."""
    config = CONFIG.replace("  - service-scenarios\n",
                            "  - service-scenarios:\n      templates: look\n")
    project = _project(tmp_path / "training", config)
    look = project / "look"
    look.mkdir()
    (look / "strings.json").write_text('{"page": {"goals": "What you practise here"}}',
                                       encoding="utf-8")
    (look / "hom.md.j2").write_text("unused\n", encoding="utf-8")
    (look / "home.md.j2").write_text(
        "---\ntitle: {{ title_yaml|safe }}\n---\n<div class=\"acme\"><h1>Shoe shop training</h1>"
        "<p><a href=\"{{ link('employees/index.md') }}\">Start here</a></p></div>\n",
        encoding="utf-8")
    done = _run(venv_python, "-m", "mkdocs", "build", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "'hom.md.j2' overrides no packaged template" in done.stderr
    assert "did you mean 'home.md.j2'?" in done.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert '<h1>Shoe shop training</h1><p><a href="employees/">Start here</a></p>' in home
    assert "Practise customer service one decision at a time" not in home  # packaged home
    page = (project / "site" / "scenarios" / SCENARIO / "index.html").read_text(encoding="utf-8")
    assert "<h2>What you practise here</h2>" in page
    assert "What this scenario trains" not in page
    assert "The customer" in page  # a string the override leaves as packaged
    assert 'role="dialog" aria-label=' in page  # the packaged Material overrides
