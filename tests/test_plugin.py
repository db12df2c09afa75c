"""The MkDocs plugin: a real strict build, and a broken scenario that must not cost the site."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.plugin import ScenarioPlugin

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=300, check=False)


def test_real_site_builds_strict_without_warnings(tmp_path: Path) -> None:
    done = mkdocs("build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    scenarios = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml")
                       if p.name != "principles.yaml")
    assert scenarios
    for scenario in scenarios:
        page = (tmp_path / "scenarios" / scenario / "index.html").read_text(encoding="utf-8")
        assert f'data-scenario="{scenario}"' in page
        assert (tmp_path / "trainers" / "scenarios" / scenario / "index.html").is_file()
    for page in ("index.html", "employees/index.html", "partners/index.html",
                 "principles/index.html", "progress/index.html", "trainers/coverage/index.html",
                 "trainers/authoring/index.html", "assets/service-scenarios.js"):
        assert (tmp_path / page).is_file(), page
    home = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in home
    assert re.search(r'<div class="md-search"[^>]*aria-label=', home)


def _project(tmp_path: Path) -> Path:
    """A copy of the real project's config and scenarios, with absolute docs and templates."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "service-scenarios" in plugin:
            plugin["service-scenarios"]["templates"] = str(ROOT / "site_templates")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    return tmp_path


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_broken_scenario_fails_the_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    project = _project(tmp_path)
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


def _configured(tmp_path: Path) -> tuple[ScenarioPlugin, MkDocsConfig]:
    config = load_config(str(_project(tmp_path) / "mkdocs.yml"))
    plugin = config.plugins["service-scenarios"]
    assert isinstance(plugin, ScenarioPlugin)
    return plugin, config


def test_serve_watches_scenarios_and_templates(tmp_path: Path) -> None:
    plugin, config = _configured(tmp_path)
    plugin.on_config(config)
    server = _Server()
    plugin.on_serve(server, config=config, builder=lambda: None)  # type: ignore[arg-type]
    assert str(tmp_path / "scenarios") in server.watched
    assert str(ROOT / "site_templates") in server.watched


def test_generated_pages_never_replace_hand_written_ones(tmp_path: Path) -> None:
    plugin, config = _configured(tmp_path)
    plugin.on_config(config)
    mine = File("progress.md", str(tmp_path), str(tmp_path / "out"), use_directory_urls=True)
    with pytest.raises(PluginError, match=r"progress.md:1:1: error: this page is generated"):
        config.plugins.on_files(Files([mine]), config=config)


def test_plugin_adds_nav_and_assets(tmp_path: Path) -> None:
    plugin, config = _configured(tmp_path)
    plugin.on_config(config)
    nav = str(config.nav)
    assert "employees/index.md" in nav
    assert "partners/doorstep-checklist.md" in nav
    assert "trainers/reverse-brainstorm.md" in nav
    files = config.plugins.on_files(Files([]), config=config)
    generated = {f.src_uri for f in files}
    assert "progress.md" in generated
    assert all(f.generated_by == "service-scenarios" for f in files)
