"""The MkDocs plugin: the learner and trainer builds, and a broken scenario that must not
cost the site."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.plugin import ScenarioPlugin
from generator.render.templates import packaged_folder
from tests.test_render import FIXTURE

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=300, check=False)


def _project(tmp_path: Path, scenarios: Path = ROOT / "scenarios") -> Path:
    """The real config files as they are, beside the real docs (linked), with a copy of
    ``scenarios`` (the real ones unless told). The templates are the packaged ones."""
    for config in ("mkdocs.yml", "mkdocs-trainers.yml"):
        shutil.copy(ROOT / config, tmp_path / config)
    (tmp_path / "docs").symlink_to(ROOT / "docs", target_is_directory=True)
    shutil.copytree(scenarios, tmp_path / "scenarios")
    return tmp_path


def _build(config_file: Path, out: Path, *, strict: bool = False) -> set[str]:
    """An in-process ``mkdocs build [--strict] -f config_file -d out``; the files it wrote."""
    build(load_config(str(config_file), site_dir=str(out), strict=strict))
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def _search_locations(out: Path) -> list[str]:
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [str(doc["location"]) for doc in index["docs"]]


def test_learner_build_passes_strict_and_has_no_trainer_pages(tmp_path: Path) -> None:
    out = tmp_path / "out"
    built = _build(_project(tmp_path, FIXTURE) / "mkdocs.yml", out, strict=True)
    for page in ("index.html", "employees/index.html", "partners/index.html",
                 "partners/doorstep-checklist/index.html", "principles/index.html",
                 "principles/own-it/index.html", "progress/index.html",
                 "scenarios/cold-soup/index.html", "assets/service-scenarios.js"):
        assert page in built, page
    assert not [p for p in built if p.startswith("trainers/")]
    assert not [loc for loc in _search_locations(out) if "trainers/" in loc]
    assert "trainers/" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "trainers/" not in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("trainer", [False, True], ids=["learner", "trainer"])
def test_real_builds(tmp_path: Path, caplog: pytest.LogCaptureFixture, trainer: bool) -> None:
    """``mkdocs build --strict`` and ``mkdocs build --strict -f mkdocs-trainers.yml`` of the
    real project: the shipped scenarios check without a warning."""
    project = _project(tmp_path)
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING):
        built = _build(project / ("mkdocs-trainers.yml" if trainer else "mkdocs.yml"), out,
                       strict=True)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == []
    scenarios = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml")
                       if p.name != "principles.yaml")
    assert scenarios
    for scenario in scenarios:
        page = (out / "scenarios" / scenario / "index.html").read_text(encoding="utf-8")
        assert f'data-scenario="{scenario}"' in page
        assert (f"trainers/scenarios/{scenario}/index.html" in built) is trainer
    for page in ("index.html", "employees/index.html", "partners/index.html",
                 "principles/index.html", "progress/index.html", "assets/service-scenarios.js"):
        assert page in built, page
    guides = {"trainers/index.html", "trainers/coverage/index.html",
              "trainers/authoring/index.html", "trainers/reverse-brainstorm/index.html"}
    assert (guides <= built) is trainer
    assert bool([p for p in built if p.startswith("trainers/")]) is trainer
    assert bool([loc for loc in _search_locations(out) if loc.startswith("trainers/")]) is trainer
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in home
    assert re.search(r'<div class="md-search"[^>]*aria-label=', home)
    assert ('href="trainers/"' in home) is trainer


def test_trainer_option_reaches_the_plugin_through_inherit() -> None:
    # One process keeps one plugin object (it has on_startup: MkDocs' plugin cache),
    # and each load_config gives it that config's options: read them before the next.
    learner = load_config(str(ROOT / "mkdocs.yml"))
    mine = learner.plugins["service-scenarios"]
    assert isinstance(mine, ScenarioPlugin)
    assert mine.config.trainer is False
    mine_options = dict(mine.config)
    trainer = load_config(str(ROOT / "mkdocs-trainers.yml"))
    theirs = trainer.plugins["service-scenarios"]
    assert isinstance(theirs, ScenarioPlugin)
    assert theirs.config.trainer is True
    # INHERIT merges mappings but replaces lists: mkdocs-trainers.yml repeats the plugins.
    assert list(trainer.plugins) == list(learner.plugins)
    # The trainer site is in English only: its pages' words are not all in the
    # string catalogues yet (tests/test_i18n.py's PENDING list).
    assert mine_options["languages"] == ["sv", "nb", "da"]
    assert theirs.config.languages == []
    assert {**theirs.config, "trainer": False, "languages": ["sv", "nb", "da"]} == mine_options
    assert Path(learner.site_dir) == ROOT / "site"
    assert Path(trainer.site_dir) == ROOT / "site-trainers"
    assert trainer.site_name != learner.site_name
    assert trainer.theme["features"] == learner.theme["features"]
    assert trainer.markdown_extensions == learner.markdown_extensions


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_broken_scenario_fails_the_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    project = _project(tmp_path, FIXTURE)
    assert mkdocs("build", "--strict", cwd=project).returncode == 0
    site = project / "site"
    before = _tree_hash(site)
    victim = sorted(p for p in (project / "scenarios").glob("*.yaml")
                    if p.name != "principles.yaml")[0]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(re.sub(r"\n(\s+)next: \S+", r"\n\1next: nowhere-at-all", text, count=1),
                      encoding="utf-8")
    sources = _tree_hash(project / "scenarios")
    done = mkdocs("build", "--strict", cwd=project)
    assert done.returncode != 0
    assert re.search(rf"scenarios/{victim.name}:\d+:\d+: error: ", done.stderr), done.stderr
    assert _tree_hash(site) == before
    assert _tree_hash(project / "scenarios") == sources


def test_missing_catalogue_is_reported_with_its_path(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "scenarios" / "principles.yaml").unlink()
    done = mkdocs("build", cwd=project)
    assert done.returncode != 0
    assert "scenarios/principles.yaml:1:1: error: the principles catalogue is missing" in (
        done.stderr)


class _Server:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def _configured(tmp_path: Path, config_file: str = "mkdocs.yml"
                ) -> tuple[ScenarioPlugin, MkDocsConfig]:
    config = load_config(str(_project(tmp_path) / config_file))
    plugin = config.plugins["service-scenarios"]
    assert isinstance(plugin, ScenarioPlugin)
    return plugin, config


def test_serve_watches_scenarios_and_templates(tmp_path: Path) -> None:
    plugin, config = _configured(tmp_path)
    plugin.on_config(config)
    server = _Server()
    plugin.on_serve(server, config=config, builder=lambda: None)  # type: ignore[arg-type]
    assert str(tmp_path / "scenarios") in server.watched
    assert str(packaged_folder()) in server.watched  # edited in a checkout of this repository


def _hand_written(tmp_path: Path, *paths: str) -> Files:
    return Files([File(p, str(tmp_path), str(tmp_path / "out"), use_directory_urls=True)
                  for p in paths])


def test_generated_pages_never_replace_hand_written_ones(tmp_path: Path) -> None:
    plugin, config = _configured(tmp_path)
    plugin.on_config(config)
    with pytest.raises(PluginError, match=r"progress.md:1:1: error: this page is generated"):
        config.plugins.on_files(_hand_written(tmp_path, "progress.md"), config=config)


def test_plugin_adds_nav_and_assets(tmp_path: Path) -> None:
    plugin, config = _configured(tmp_path)
    plugin.on_config(config)
    nav = str(config.nav)
    assert "employees/index.md" in nav
    assert "partners/doorstep-checklist.md" in nav
    assert "trainers/" not in nav
    assert "assets/service-scenarios.css" in [str(c) for c in config.extra_css]
    files = config.plugins.on_files(Files([]), config=config)
    generated = {f.src_uri for f in files}
    assert {"index.md", "progress.md"} <= generated
    assert all(f.generated_by == "service-scenarios" for f in files)


def test_trainer_plugin_adds_the_trainers_section(tmp_path: Path) -> None:
    plugin, config = _configured(tmp_path, "mkdocs-trainers.yml")
    plugin.on_config(config)
    nav = str(config.nav)
    assert "trainers/index.md" in nav
    assert "trainers/reverse-brainstorm.md" in nav
    generated = {f.src_uri for f in config.plugins.on_files(Files([]), config=config)}
    assert {"trainers/coverage.md", "trainers/authoring.md"} <= generated


@pytest.mark.parametrize("trainer", [False, True], ids=["learner", "trainer"])
def test_hand_written_trainer_files_only_in_the_trainer_build(
        tmp_path: Path, trainer: bool) -> None:
    plugin, config = _configured(tmp_path, "mkdocs-trainers.yml" if trainer else "mkdocs.yml")
    plugin.on_config(config)
    files = config.plugins.on_files(
        _hand_written(tmp_path, "trainers/reverse-brainstorm.md", "trainers/notes/handout.pdf",
                      "partners/doorstep-checklist.md"), config=config)
    kept = {f.src_uri for f in files}
    assert "partners/doorstep-checklist.md" in kept
    assert ("trainers/reverse-brainstorm.md" in kept) is trainer
    assert ("trainers/notes/handout.pdf" in kept) is trainer
