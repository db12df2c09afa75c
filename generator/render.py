"""The site as files: ``render_site(result)`` returns ``{relative path: content}``.

This is the whole rendering core and it never imports MkDocs: the plugin adds
these files to a build, and :func:`write_site` writes them into a folder that
any Material-compatible builder can take as its docs (merged with ``docs/``).
Pages are plain Markdown with raw HTML; the player is one JS and one CSS file.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from generator.check import CheckResult
from generator.errors import ContentError
from generator.render_env import (
    AUTHORING,
    COVERAGE,
    CSS_ASSET,
    DEFAULT_TEMPLATES,
    DOORSTEP,
    EMPLOYEES,
    FACILITATION,
    HOME,
    JS_ASSET,
    PARTNERS,
    PRINCIPLES,
    PROGRESS,
    TRAINERS,
    principle_page,
    renderer,
    scenario_page,
    trainer_page,
)
from generator.render_pages import (
    Site,
    page_title,
    principle_pages,
    progress_page,
    scenario_pages,
    track_pages,
    trainer_guides,
    trainer_pages,
)

ASSETS = {JS_ASSET: "assets/player.js", CSS_ASSET: "assets/player.css"}
"""Generated asset path -> its source under the templates folder."""


def site_of(result: CheckResult) -> Site:
    """The site's data; refuses a result with errors (scores are missing then)."""
    if result.errors:
        raise ContentError(result.errors)
    project = result.project
    return Site(project.catalogue, project.scenarios, result.scores)


def render_site(result: CheckResult, *, templates: Path | None = None,
                directory_urls: bool = True,
                existing: Collection[str] = ()) -> dict[str, str]:
    """Every generated page and asset, keyed by its path under the docs folder.

    ``existing`` lists hand-written pages (paths under the docs folder) that the
    generated pages may link to: the doorstep checklist, the facilitation guide.
    """
    site = site_of(result)
    r = renderer(templates, directory_urls)
    partner_links = [(DOORSTEP, "Doorstep checklist")] if DOORSTEP in existing else []
    trainer_links = [(FACILITATION, "Facilitation guide")] if FACILITATION in existing else []
    pages: dict[str, str] = {}
    pages.update(scenario_pages(r, site))
    pages.update(trainer_pages(r, site))
    pages.update(principle_pages(r, site))
    pages.update(track_pages(r, site, partner_links))
    pages.update(progress_page(r, site))
    pages.update(trainer_guides(r, site, trainer_links))
    folder = templates or DEFAULT_TEMPLATES
    for target, source in ASSETS.items():
        pages[target] = (folder / source).read_text(encoding="utf-8")
    return pages




def write_site(result: CheckResult, outdir: Path, **options: Any) -> list[Path]:
    """Write :func:`render_site` into ``outdir``; returns the files written."""
    written = []
    for relative, content in sorted(render_site(result, **options).items()):
        path = outdir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


NavItem = str | dict[str, Any]


def navigation(result: CheckResult, existing: Collection[str] = ()) -> list[NavItem]:
    """The site's navigation for ``mkdocs.yml``'s ``nav`` (one entry per page: linear).

    Each section starts with its index page;
    ``navigation.prune`` keeps only the open section in each page's HTML.
    """
    site = site_of(result)

    def scenarios(audience: str, page: Any) -> list[NavItem]:
        return [{page_title(s.title): page(s.id)} for s in site.track(audience)]

    def optional(path: str, title: str) -> list[NavItem]:
        return [{title: path}] if path in existing else []

    return [
        {"Home": HOME},
        {"Employees": [EMPLOYEES, *scenarios("employees", scenario_page)]},
        {"Delivery partners": [PARTNERS, *optional(DOORSTEP, "Doorstep checklist"),
                               *scenarios("partners", scenario_page)]},
        {"Principles": [PRINCIPLES, *[{page_title(p.name): principle_page(p.id)}
                                      for p in site.catalogue.principles]]},
        {"My progress": PROGRESS},
        {"Trainers": [TRAINERS, {"Authoring guide": AUTHORING},
                      *optional(FACILITATION, "Facilitation guide"),
                      {"Coverage matrix": COVERAGE},
                      *[{page_title(s.title): trainer_page(s.id)} for s in site.scenarios]]},
    ]
