"""The sites a benchmark builds: each of our two builds, and a plain site of its words.

The same sources build two sites (README, "Two builds"), so there are four kinds:

* **ours-learner**: the real ``mkdocs.yml`` (``trainer: false``) with N
  synthetic scenarios and the real hand-written ``docs/``: home, tracks,
  player pages, principles without weights, progress; nothing under
  ``trainers/`` (the plugin leaves out the hand-written trainer guides too).
* **ours-trainer**: the real ``mkdocs-trainers.yml`` (``INHERIT: mkdocs.yml``,
  ``trainer: true``) on the same project: all of the learner site's pages
  (with weights and links to the answer key) plus the trainer views,
  coverage, authoring and facilitation guides.
* **plain-learner**, **plain-trainer**: every page of that build as plain
  Markdown with the same words (see :mod:`benchmarks.markdown_of`), the same
  hand-written pages, the same nav, site name, theme block (features, palette,
  overrides), Markdown extensions and search plugin; no ``service-scenarios``
  plugin, none of our JS or CSS.

Each kind is a folder whose config file (:data:`CONFIGS`) builds it into ``site/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from benchmarks.markdown_of import markdown_of
from benchmarks.synthetic import write_project
from generator.check import CheckResult, run_check
from generator.plugin import OPTIONAL_PAGES
from generator.render import navigation, render_site
from generator.render.paths import is_trainer_page

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
TRAINER_CONFIG = ROOT / "mkdocs-trainers.yml"
DOCS = ROOT / "docs"
TEMPLATES = ROOT / "site_templates"
PLUGIN = "service-scenarios"
BUILDS = {"learner": False, "trainer": True}
"""Our two builds: name -> the plugin's ``trainer`` option."""
CONFIGS = {False: CONFIG.name, True: TRAINER_CONFIG.name}
"""The config file each build runs (``trainer`` -> file name in the site's folder)."""


def _load(path: Path) -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return config


def _trainer_config(site_url: str | None) -> dict[str, Any]:
    """The real mkdocs-trainers.yml; ``site_url`` as in :func:`base_config`."""
    config = _load(TRAINER_CONFIG)
    if site_url:
        config["site_url"] = site_url
    return config


def base_config(site_url: str | None = None) -> dict[str, Any]:
    """The real mkdocs.yml, for a folder elsewhere; ``site_url`` for the served copy."""
    config = _load(CONFIG)
    # Plain builds get our Material overrides too (ours get them from the plugin), so
    # the comparison measures the plugin, not the overrides.
    config["theme"]["custom_dir"] = str(TEMPLATES / "overrides")
    if site_url:
        # Instant navigation reads sitemap.xml at site_url: it must be the served address.
        config["site_url"] = site_url
    return config


def _write_config(path: Path, config: dict[str, Any]) -> Path:
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")
    return path


def _fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def _our_plugins(config: dict[str, Any]) -> None:
    """Point the plugin at the copied scenarios (the templates are the packaged ones)."""
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and PLUGIN in plugin:
            plugin[PLUGIN] = {**plugin[PLUGIN], "scenarios": "scenarios"}


def write_ours(folder: Path, count: int | None, *, trainer: bool,
               site_url: str | None = None) -> Path:
    """One of our builds with ``count`` synthetic scenarios, or the real ones when None.

    Returns the config file that builds it: ``mkdocs.yml``, or for the trainer
    build the real ``mkdocs-trainers.yml``, which inherits it.
    """
    _fresh(folder)
    if count is None:
        shutil.copytree(ROOT / "scenarios", folder / "scenarios")
    else:
        write_project(folder / "scenarios", count)
    shutil.copytree(DOCS, folder / "docs")
    config = base_config(site_url)
    _our_plugins(config)
    learner = _write_config(folder / CONFIGS[False], config)
    if not trainer:
        return learner
    trainers = _trainer_config(site_url)
    _our_plugins(trainers)
    return _write_config(folder / CONFIGS[True], trainers)


def site_of(config: Path) -> Path:
    """Where a benchmark builds the site of ``config`` (``--site-dir``)."""
    return config.parent / "site"


def existing_pages(docs: Path) -> list[str]:
    return [p for p in OPTIONAL_PAGES if (docs / p).is_file()]


def generated(scenarios: Path, *, trainer: bool) -> tuple[CheckResult, dict[str, str]]:
    """What our plugin adds to a build of ``scenarios``: the check and the pages."""
    result = run_check([scenarios])
    return result, render_site(result, existing=existing_pages(DOCS), trainer=trainer)


def write_plain(result: CheckResult, pages: dict[str, str], folder: Path, *,
                trainer: bool, site_url: str | None = None) -> Path:
    """The plain site of one build's ``pages`` (see :func:`generated`); returns its config.

    The hand-written pages are those the build keeps: the learner build leaves
    out everything under ``trainers/``, as the plugin does.
    """
    _fresh(folder)
    docs = folder / "docs"
    shutil.copytree(DOCS, docs, ignore=None if trainer else _trainer_material)
    for path, page in pages.items():
        if path.endswith(".md"):
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown_of(page), encoding="utf-8")
    config = base_config(site_url)
    if trainer:  # the trainer build's own settings (site_name); not its plugins or site_dir
        config.update({k: v for k, v in _trainer_config(site_url).items()
                       if k not in {"INHERIT", "plugins", "site_dir"}})
    config["plugins"] = [p for p in config["plugins"]
                         if not (isinstance(p, dict) and PLUGIN in p)]
    for key in ("extra_css", "extra_javascript"):
        config.pop(key, None)
    config["nav"] = navigation(result, existing_pages(DOCS), trainer=trainer)
    return _write_config(folder / CONFIG.name, config)


def _trainer_material(folder: str, names: list[str]) -> set[str]:
    """``shutil.copytree``'s ignore: what the learner build leaves out of ``docs/``."""
    relative = Path(folder).relative_to(DOCS).as_posix()
    prefix = "" if relative == "." else relative + "/"
    return {name for name in names if is_trainer_page(f"{prefix}{name}/")}
