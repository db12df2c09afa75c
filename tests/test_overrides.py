"""A project's folder of overrides: one file replaces the packaged one, the rest stays;
a name that overrides nothing warns; a broken override is reported at its line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.check import CheckResult, run_check
from generator.errors import ContentError
from generator.plugin import ScenarioPlugin
from generator.render import render_site
from generator.render.env import renderer
from generator.render.paths import CSS_ASSET, JS_ASSET
from generator.render.templates import check_overrides, packaged_folder

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "render" / "scenarios"
PACKAGED = packaged_folder()
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return run_check([FIXTURE])


def _override(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _packaged(name: str) -> str:
    return (PACKAGED / name).read_text(encoding="utf-8")


def test_one_override_changes_its_page_and_nothing_else(result: CheckResult,
                                                        tmp_path: Path) -> None:
    lead = "<p class=\"sc-lead\">{{ s.progressLead }}"
    assert lead in _packaged("progress.md.j2")
    _override(tmp_path, "progress.md.j2", _packaged("progress.md.j2").replace(
        lead, "<p class=\"sc-lead\">Your results stay on this device"))
    _override(tmp_path, CSS_ASSET.replace("service-scenarios", "player"), "main{}\n")
    packaged = render_site(result, trainer=True)
    mine = render_site(result, trainer=True, templates=tmp_path)
    assert mine.keys() == packaged.keys()
    assert {p for p in mine if mine[p] != packaged[p]} == {"progress.md", CSS_ASSET}
    assert "Your results stay on this device" in mine["progress.md"]
    assert mine[CSS_ASSET] == "main{}\n"
    assert mine[JS_ASSET] == packaged[JS_ASSET]


def test_an_override_of_the_strings_merges_key_by_key(tmp_path: Path) -> None:
    _override(tmp_path, "strings.json", '{"player": {"continue": "Next"}}')
    packaged, mine = renderer().strings, renderer(tmp_path).strings
    assert mine["player"]["continue"] == "Next"
    assert {**mine["player"], "continue": packaged["player"]["continue"]} == packaged["player"]
    assert mine["page"] == packaged["page"]


def test_names_that_override_nothing_warn_with_a_suggestion(tmp_path: Path) -> None:
    _override(tmp_path, "scenaro.md.j2", "x")
    _override(tmp_path, "offline/sw.js", "kept")  # a real override: no warning
    _override(tmp_path, ".DS_Store", "")
    _override(tmp_path, "__init__.py", "")  # in a copy of the packaged folder
    _override(tmp_path, "strings.json", '{\n  "player": {\n    "contineu": "Next"\n  },\n'
              '  "pages": {}\n}\n')
    found = [d.format() for d in check_overrides(tmp_path)]
    assert found == [
        f"{tmp_path}/scenaro.md.j2:1:1: warning: 'scenaro.md.j2' overrides no packaged "
        "template: it is not used (did you mean 'scenario.md.j2'?)",
        f"{tmp_path}/strings.json:3:1: warning: unknown string 'player.contineu' "
        "(did you mean 'continue'?)",
        f"{tmp_path}/strings.json:5:1: warning: unknown section 'pages' (did you mean 'page'?)",
    ]
    assert check_overrides(PACKAGED) == []  # the packaged folder named as overrides


def test_a_mistake_while_rendering_an_override_is_reported_at_its_line(
        result: CheckResult, tmp_path: Path) -> None:
    path = _override(tmp_path, "home.md.j2", "---\ntitle: Home\n---\n<p>{{ welcome }}</p>\n")
    with pytest.raises(ContentError) as raised:
        render_site(result, templates=tmp_path)
    [problem] = raised.value.diagnostics
    assert problem.format() == (
        f"{path}:4:1: error: template: 'welcome' is undefined (fix it, or remove it from the "
        "overrides folder to use the packaged template)")


def _project(folder: Path, overrides: str = "mine", theme: str = "") -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "scenarios").symlink_to(FIXTURE, target_is_directory=True)
    (folder / "mkdocs.yml").write_text(
        f"site_name: Test\ntheme:\n  name: material\n{theme}plugins:\n  - service-scenarios:\n"
        f"      templates: {overrides}\n      offline: false\n", encoding="utf-8")
    return folder


def test_the_build_reports_a_syntax_error_in_an_override_without_a_traceback(
        tmp_path: Path) -> None:
    project = _project(tmp_path)
    text = _packaged("scenario.md.j2")
    path = _override(project / "mine", "scenario.md.j2", text + "{% endif %}\n")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=ENV,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode != 0
    line = len(text.splitlines()) + 1
    assert path.is_file()
    # Relative to the folder the build runs in, like the scenarios' problems.
    assert f" mine/scenario.md.j2:{line}:1: error: template: Encountered unknown tag 'endif'" in (
        done.stderr)
    assert "Traceback" not in done.stderr
    assert not (project / "site").exists()


def test_the_offline_command_reports_a_broken_override_without_a_traceback(
        tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><head><title>Home - Site</title></head>"
                                     "<body></body></html>", encoding="utf-8")
    path = _override(tmp_path / "mine", "offline/offline.html.j2", "<ul>\n{{ links|nope }}\n")
    done = subprocess.run([sys.executable, "-m", "generator", "offline", str(site),
                           "--templates", str(tmp_path / "mine")], env=ENV,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 1
    assert done.stderr.startswith(f"{path}:2:1: error: template: No filter named 'nope'.")
    assert "Traceback" not in done.stderr


def test_folders_resolve_against_mkdocs_yml_and_material_gets_the_overrides(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path / "project", theme="  custom_dir: theme\n")
    (project / "theme").mkdir()
    _override(project / "mine", "overrides/partials/footer.html", "<footer></footer>")
    monkeypatch.chdir(tmp_path)  # elsewhere: the folders still come from mkdocs.yml's
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["service-scenarios"]
    assert isinstance(plugin, ScenarioPlugin)
    assert plugin.config.scenarios == str(project / "scenarios")
    assert plugin.config.templates == str(project / "mine")
    plugin.on_config(config)
    plugin.on_config(config)  # serve's rebuilds: inserted once
    dirs = config.theme.dirs
    assert dirs[:3] == [str(project / "theme"), str(project / "mine" / "overrides"),
                        str(PACKAGED / "overrides")]
    assert "material" in dirs[3]


def test_a_missing_override_folder_is_a_configuration_error(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = _project(tmp_path, overrides="nowhere")
    with pytest.raises(Abort):
        load_config(str(project / "mkdocs.yml"))
    assert "nowhere" in caplog.text
