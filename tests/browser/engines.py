"""Building the same scenarios on each engine, as a user of that engine would.

Four builds (README, "Engines"):

* ``mkdocs-plugin``: MkDocs 1.6 + Material with the ``service-scenarios`` plugin
  (the real ``mkdocs.yml``), in this environment;
* ``mkdocs-generate``: MkDocs + Material without the plugin, on the files of
  ``python -m generator generate docs/training``;
* ``properdocs-plugin``: ProperDocs with the plugin and the real ``mkdocs.yml``;
* ``zensical-generate``: Zensical on the same generated files and config.

ProperDocs and Zensical each get a virtual environment of their own, made by
the tests (pinned), so neither can change the packages of this one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from generator.generate import NAV_FILE

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
PROPERDOCS = "properdocs==1.6.7"
ZENSICAL = "zensical==0.0.70"
"""The newest Zensical that installs from the package registry (later ones need zensical-ui)."""
SUBDIR = "training"
"""Where the generate builds put the generated site, under docs/."""
PLUGIN = "service-scenarios"
ENGINES = ("mkdocs-plugin", "mkdocs-generate", "properdocs-plugin", "zensical-generate")
PREFIX = {"mkdocs-plugin": "", "properdocs-plugin": "",
          "mkdocs-generate": f"{SUBDIR}/", "zensical-generate": f"{SUBDIR}/"}
"""Where each build's generated pages are, relative to the site's root."""
HOME_PAGE = f"""# Our documentation

Hand-written, like the rest of an organisation's docs. The training is
[here]({SUBDIR}/index.md).
"""
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Venv:
    folder: Path

    def bin(self, name: str) -> Path:
        return self.folder / "bin" / name


def make_venv(folder: Path, *packages: str) -> Venv:
    """A fresh virtual environment with ``packages``; reused when a previous run made it."""
    venv, done = Venv(folder), folder / ".installed"
    wanted = "\n".join(packages)
    if done.is_file() and done.read_text(encoding="utf-8") == wanted:
        return venv
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=120)
    installed = subprocess.run(
        [str(venv.bin("python")), "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", *packages],
        capture_output=True, text=True, timeout=900, check=False)
    assert installed.returncode == 0, installed.stderr[-3000:]
    done.write_text(wanted, encoding="utf-8")
    return venv


def properdocs_venv(folder: Path) -> Venv:
    """ProperDocs, the Material of this environment and this project (for its plugin)."""
    material = f"mkdocs-material=={version('mkdocs-material')}"
    return make_venv(folder, PROPERDOCS, material, "-e", str(ROOT))


def zensical_venv(folder: Path) -> Venv:
    return make_venv(folder, ZENSICAL)


def real_config(url: str, out: Path) -> dict[str, Any]:
    """The real mkdocs.yml for a build elsewhere: absolute folders, ``site_url`` = ``url``."""
    with (ROOT / "mkdocs.yml").open("rb") as source:
        config: dict[str, Any] = yaml_load(source)
    config["site_url"] = url
    config["site_dir"] = str(out)
    if "custom_dir" in config["theme"]:  # the overrides may come from the package instead
        config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    return config


def plugin_project(folder: Path, url: str, out: Path, scenarios: Path = SCENARIOS) -> Path:
    """The real project (mkdocs.yml, docs/) on ``scenarios``, absolute folders; its config."""
    config = real_config(url, out)
    config["docs_dir"] = str(ROOT / "docs")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and PLUGIN in plugin:
            if "templates" in plugin[PLUGIN]:  # overrides: the templates come from the package
                plugin[PLUGIN]["templates"] = str(ROOT / plugin[PLUGIN]["templates"])
            plugin[PLUGIN]["scenarios"] = str(scenarios)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def generate_project(folder: Path, url: str, out: Path, scenarios: Path = SCENARIOS) -> Path:
    """An organisation's docs plus ``generate docs/training``, configured by the README's
    recipe (no plugin; nav, extra_css and extra_javascript by hand); its config."""
    docs = folder / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    # The hand-written pages but the trainer guides: without the plugin nothing
    # leaves them out of the learners' site, so a learner project keeps them apart.
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("trainers"))
    (docs / "index.md").write_text(HOME_PAGE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", f"docs/{SUBDIR}",
         "--scenarios", str(scenarios)],
        cwd=folder, env={**ENV, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    nav = yaml.safe_load((docs / SUBDIR / NAV_FILE).read_text(encoding="utf-8"))
    config = real_config(url, out)
    config["plugins"] = ["search"]
    config["nav"] = [{"Our documentation": "index.md"}, *nav]
    config["extra_css"] = [f"{SUBDIR}/assets/service-scenarios.css"]
    config["extra_javascript"] = [{"path": f"{SUBDIR}/assets/service-scenarios.js",
                                   "async": True}]
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def build_command(engine: str, config: Path, venvs: dict[str, Venv]) -> list[str]:
    """The command a user of ``engine`` runs; strict where the engine has a strict mode."""
    if engine.startswith("mkdocs"):
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    if engine.startswith("properdocs"):
        return [str(venvs["properdocs"].bin("properdocs")), "build", "--strict",
                "-f", str(config)]
    return [str(venvs["zensical"].bin("zensical")), "build", "--strict", "--clean",
            "-f", str(config)]


def engine_env(engine: str) -> dict[str, str]:
    env = dict(ENV)
    if not engine.startswith("mkdocs"):
        # The engine's own environment imports this project from its own install.
        env.pop("PYTHONPATH", None)
    return env


def project_of(engine: str, work: Path, url: str, scenarios: Path = SCENARIOS) -> Path:
    """Write ``engine``'s project under ``work`` (see the module's docstring); its config."""
    # The site inside the project: Zensical refuses a site_dir outside it.
    maker = plugin_project if engine.endswith("plugin") else generate_project
    return maker(work / "project", url, work / "project" / "site", scenarios)


def build(engine: str, work: Path, url: str, venvs: dict[str, Venv]) -> tuple[Path, float]:
    """Build ``engine``'s site under ``work``, for serving at ``url``; (site, seconds)."""
    config = project_of(engine, work, url)
    out = work / "project" / "site"
    start = time.perf_counter()
    done = subprocess.run(build_command(engine, config, venvs), cwd=config.parent,
                          env=engine_env(engine), capture_output=True, text=True, timeout=600,
                          check=False)
    seconds = time.perf_counter() - start
    assert done.returncode == 0, f"{engine}:\n{done.stdout}\n{done.stderr}"
    return out, seconds
