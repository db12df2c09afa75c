"""The sites a benchmark builds: ours, and plain MkDocs + Material sites with the same words.

* **ours**: the real ``mkdocs.yml`` with N synthetic scenarios (and the real
  hand-written ``docs/``).
* **plain**: every page of ours (player pages, trainer views, principles,
  tracks, guides) as plain Markdown with the same words (see
  :mod:`benchmarks.markdown_of`), the same nav, the same theme block (features,
  palette, overrides), the same Markdown extensions and the search plugin; no
  ``service-scenarios`` plugin, none of our JS or CSS.
* **plain-learner**: the issue's literal baseline: one Markdown page per
  scenario (its player page's words) plus the same shared pages, without the
  trainer views. Ours builds about twice its pages, so this ratio mostly
  measures the page count.
"""

from __future__ import annotations

import shutil
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml

from benchmarks.markdown_of import markdown_of
from benchmarks.synthetic import write_project
from generator.check import CheckResult, run_check
from generator.plugin import OPTIONAL_PAGES
from generator.render import NavItem, navigation, render_site

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
TEMPLATES = ROOT / "site_templates"
PLUGIN = "service-scenarios"
TRAINER_VIEWS = "trainers/scenarios/"


def base_config(site_url: str | None = None) -> dict[str, Any]:
    """The real mkdocs.yml, for a folder elsewhere; ``site_url`` for the served copy."""
    config: dict[str, Any] = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(TEMPLATES / "overrides")
    if site_url:
        # Instant navigation reads sitemap.xml at site_url: it must be the served address.
        config["site_url"] = site_url
    return config


def _write_config(folder: Path, config: dict[str, Any]) -> None:
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)
    (folder / "mkdocs.yml").write_text(text, encoding="utf-8")


def _fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def write_ours(folder: Path, count: int | None, site_url: str | None = None) -> Path:
    """Our site with ``count`` synthetic scenarios, or the real ones when ``count`` is None.

    Returns the folder; its ``mkdocs.yml`` builds the site.
    """
    _fresh(folder)
    if count is None:
        shutil.copytree(ROOT / "scenarios", folder / "scenarios")
    else:
        write_project(folder / "scenarios", count)
    shutil.copytree(DOCS, folder / "docs")
    config = base_config(site_url)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and PLUGIN in plugin:
            plugin[PLUGIN] = {**plugin[PLUGIN], "scenarios": "scenarios",
                              "templates": str(TEMPLATES)}
    _write_config(folder, config)
    return folder


def existing_pages(docs: Path) -> list[str]:
    return [p for p in OPTIONAL_PAGES if (docs / p).is_file()]


def generated(scenarios: Path) -> tuple[CheckResult, dict[str, str]]:
    """What our plugin adds to a build of ``scenarios``: the check and the pages."""
    result = run_check([scenarios])
    return result, render_site(result, existing=existing_pages(DOCS))


def write_plain(result: CheckResult, pages: dict[str, str], folder: Path, *,
                learner_only: bool = False, site_url: str | None = None) -> Path:
    """The plain site with the words of ``pages`` (see :func:`generated`); returns its folder."""
    _fresh(folder)
    docs = folder / "docs"
    shutil.copytree(DOCS, docs)
    for path, page in pages.items():
        if not path.endswith(".md") or (learner_only and path.startswith(TRAINER_VIEWS)):
            continue
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown_of(page), encoding="utf-8")
    config = base_config(site_url)
    config["plugins"] = [p for p in config["plugins"]
                         if not (isinstance(p, dict) and PLUGIN in p)]
    for key in ("extra_css", "extra_javascript"):
        config.pop(key, None)
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    config["nav"] = _only(navigation(result, existing_pages(DOCS)), written)
    _write_config(folder, config)
    return folder


def _only(nav: list[NavItem], pages: Collection[str]) -> list[NavItem]:
    """The nav without entries whose page is missing (the learner-only site)."""
    kept: list[NavItem] = []
    for item in nav:
        if isinstance(item, str):
            if item in pages:
                kept.append(item)
            continue
        ((title, value),) = item.items()
        if isinstance(value, list):
            kept.append({title: _only(value, pages)})
        elif value in pages:
            kept.append(item)
    return kept
