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
from generator.check.score import ScenarioScore
from generator.errors import ContentError
from generator.render.catalogue import SOURCE_LANGUAGE
from generator.render.env import renderer
from generator.render.pages import (
    Site,
    home_page,
    page_title,
    principle_pages,
    progress_page,
    scenario_pages,
    track_pages,
    trainer_guides,
    trainer_pages,
)
from generator.render.paths import (
    AUTHORING,
    COVERAGE,
    CSS_ASSET,
    DOORSTEP,
    FACILITATION,
    HOME,
    JS_ASSET,
    LEARNER_CHOICES,
    PARTNERS,
    PRINCIPLES,
    PROGRESS,
    TRAINERS,
    Paths,
    principle_page,
    scenario_page,
    trainer_page,
)
from generator.render.templates import Templates, without_comment_lines

ASSETS = {JS_ASSET: "assets/player.js", CSS_ASSET: "assets/player.css"}
"""Generated asset path -> its source among the templates (packaged or overridden)."""


UNTRANSLATED = ("source", "omit")
"""What a site in another language does with a scenario that has no sound translation:
show it in the source language with a note (``source``), or leave it out (``omit``)."""


def site_of(result: CheckResult, language: str = SOURCE_LANGUAGE,
            untranslated: str = "source", *, scored: bool = True) -> Site:
    """The site's data in ``language``; refuses a result with errors (scores are
    missing then).

    In another language than the source's, each scenario with a sound translation
    (``result.languages``) is the translated one, scored again against the
    translated catalogue: the same ids, graph and numbers, so the same scores, but
    every tier and principle name in that language. The rest follow ``untranslated``.
    ``scored=False`` leaves the scores out, for what needs only titles (the nav).
    """
    if result.errors:
        raise ContentError(result.errors)
    project = result.project
    if language == SOURCE_LANGUAGE:
        return Site(project.catalogue, project.scenarios, result.scores)
    found = result.languages.get(language)
    catalogue = found.catalogue if found else project.catalogue
    translated = found.scenarios if found else {}
    scenarios = [translated.get(s.id, s) for s in project.scenarios
                 if s.id in translated or untranslated == "source"]
    scores = {s.id: ScenarioScore(s, catalogue, result.scores[s.id].order)
              for s in scenarios} if scored else {}
    return Site(catalogue, scenarios, scores,
                in_source=frozenset(s.id for s in scenarios if s.id not in translated))


def render_site(result: CheckResult, *, templates: Path | None = None,
                directory_urls: bool = True, existing: Collection[str] = (),
                trainer: bool = False, language: str = SOURCE_LANGUAGE,
                untranslated: str = "source") -> dict[str, str]:
    """Every generated page and asset, keyed by its path under the docs folder.

    ``existing`` lists hand-written pages (paths under the docs folder) that the
    generated pages may link to: the doorstep checklist, the facilitation guide.
    The learner build (``trainer=False``) has no answer key: no trainer views,
    guides or coverage (nothing under ``trainers/``), no weights on any page,
    and no link to a page that shows them. ``trainer=True`` builds everything.
    ``templates`` is a folder of overrides of the packaged templates, or None;
    ``language`` the language of every interface string (see :mod:`.catalogue`) and of
    the scenarios (see :func:`site_of`, with ``untranslated``).
    """
    site = site_of(result, language, untranslated)
    r = renderer(templates, directory_urls, trainer, language)
    partner_links = [(DOORSTEP, r.paths.title(DOORSTEP))] if DOORSTEP in existing else []
    pages: dict[str, str] = {}
    pages.update(home_page(r, site))
    pages.update(scenario_pages(r, site))
    pages.update(principle_pages(r, site))
    pages.update(track_pages(r, site, partner_links))
    pages.update(progress_page(r, site))
    if trainer:
        trainer_links = [(path, r.paths.title(path)) for path in (FACILITATION, LEARNER_CHOICES)
                         if path in existing]
        pages.update(trainer_pages(r, site))
        pages.update(trainer_guides(r, site, trainer_links))
    found = Templates(templates)
    for target, source in ASSETS.items():
        pages[target] = without_comment_lines(found.path(source).read_text(encoding="utf-8"))
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


NAV_LIMIT = 50
"""The most pages a section lists in the navigation (see :func:`navigation`)."""


def navigation(result: CheckResult, existing: Collection[str] = (),
               limit: int = NAV_LIMIT, trainer: bool = False, *,
               templates: Path | None = None,
               language: str = SOURCE_LANGUAGE,
               untranslated: str = "source") -> list[NavItem]:
    """The site's navigation for ``mkdocs.yml``'s ``nav``; Trainers only when ``trainer``.

    Each section starts with its index page, which lists all of the section's
    scenarios (with completion marks). ``navigation.prune`` puts only the open
    section into each page's HTML, but a section of S pages still costs each of
    its pages S entries: S x S in all. So a section with more than ``limit``
    scenarios, principles or trainer views lists only its index page, and the
    navigation's total size stays linear in the number of scenarios.
    """
    site = site_of(result, language, untranslated, scored=False)
    paths = Paths(Templates(templates).strings(language))

    def capped(items: list[NavItem]) -> list[NavItem]:
        return items if len(items) <= limit else []

    def scenarios(audience: str) -> list[NavItem]:
        return capped([{page_title(s.title): scenario_page(s.id)} for s in site.track(audience)])

    def page(path: str) -> list[NavItem]:
        return [{paths.title(path): path}]

    def optional(path: str) -> list[NavItem]:
        return page(path) if path in existing else []

    nav: list[NavItem] = [
        *page(HOME),
        *({t.title: [t.page, *(optional(DOORSTEP) if t.page == PARTNERS else []),
                     *scenarios(t.audience)]} for t in paths.tracks),
        {paths.title(PRINCIPLES): [PRINCIPLES, *capped([{page_title(p.name): principle_page(p.id)}
                                                   for p in site.catalogue.principles])]},
        *page(PROGRESS),
    ]
    if trainer:
        nav.append({paths.title(TRAINERS): [TRAINERS, *page(AUTHORING), *optional(FACILITATION),
                                       *optional(LEARNER_CHOICES),
                                       *page(COVERAGE),
                                       *capped([{page_title(s.title): trainer_page(s.id)}
                                                for s in site.scenarios])]})
    return nav
