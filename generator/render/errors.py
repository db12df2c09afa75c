"""The site ``mkdocs serve`` shows while the project is broken.

``mkdocs build`` refuses a broken project. ``mkdocs serve`` must not: MkDocs
keeps the stale site while every request waits for a build that never
succeeds, so the trainer sees nothing. Instead the plugin builds a site in
which every page is this one error page, listing the problems exactly as
``check`` prints them (``path:line:col: error: ...``); the next good save
brings the site back. Like the rest of the core, nothing here imports MkDocs.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

from jinja2 import TemplateError

from generator.errors import Diagnostic, GeneratorError
from generator.render import ASSETS
from generator.render.catalogue import SOURCE_LANGUAGE, text
from generator.render.env import renderer
from generator.render.pages import front_matter
from generator.render.paths import (
    AUTHORING,
    COVERAGE,
    EMPLOYEES,
    HOME,
    PARTNERS,
    PRINCIPLES,
    PROGRESS,
    TRAINERS,
    scenario_page,
    trainer_page,
)
from generator.render.templates import Templates, template_diagnostic

ERROR_TEMPLATE = "errors.md.j2"
SCENARIO_SUFFIXES = (".yaml", ".yml")


def problems_of(exc: GeneratorError | TemplateError, templates: Path | None) -> list[Diagnostic]:
    """What a failed check or render reports, as diagnostics: a template's own
    mistakes (Jinja's errors) included, at their line where Jinja knows it.

    Rendering already turns a template's mistakes into a ContentError at the
    template's line; a TemplateError that escapes it still gets a place here.
    """
    if isinstance(exc, GeneratorError):
        return list(exc.diagnostics)
    found = template_diagnostic(exc)
    if found is not None:
        return [found]
    where = templates or Templates().packaged
    return [Diagnostic(str(where), 1, 1, f"template: {exc.message}")]


def error_page(diagnostics: Sequence[Diagnostic], templates: Path | None = None,
               language: str = SOURCE_LANGUAGE) -> str:
    """One page (Markdown with a raw HTML body) listing ``diagnostics``, errors first.

    Rendered from ``errors.md.j2`` with the overrides in ``templates``; if those
    are the broken part, from the packaged templates alone; if even that fails,
    a bare list.
    """
    ordered = sorted(diagnostics, key=lambda d: (d.severity != "error", d))
    for folder in dict.fromkeys([templates, None]):
        try:
            r = renderer(folder, language=language)
            title = text(r.strings["page"]["errorsTitle"])
            return r.page(ERROR_TEMPLATE, HOME, problems=[d.format() for d in ordered],
                          errors=sum(d.severity == "error" for d in ordered),
                          **front_matter(title))
        except (GeneratorError, OSError, ValueError, TemplateError):
            continue  # a broken template folder must not break the page that reports it
    items = "".join(f"<li><code>{html.escape(d.format())}</code></li>" for d in ordered)
    return f'<ul class="sc-problems">{items}</ul>\n'


def error_site(diagnostics: Sequence[Diagnostic], previous: Iterable[str], scenarios: Path,
               templates: Path | None = None, trainer: bool = False,
               language: str = SOURCE_LANGUAGE) -> dict[str, str]:
    """The whole site while the project is broken: the error page at every path of
    :func:`error_paths`, and the player's assets, so the page keeps the site's look."""
    page = error_page(diagnostics, templates, language)
    site = dict.fromkeys(error_paths(previous, scenarios, trainer), page)
    for target, source in ASSETS.items():
        for folder in dict.fromkeys([templates, None]):
            with contextlib.suppress(GeneratorError, OSError, UnicodeDecodeError):
                site[target] = Templates(folder).path(source).read_text(encoding="utf-8")
                break
    return site


def error_paths(previous: Iterable[str], scenarios: Path, trainer: bool) -> list[str]:
    """Where the error page goes: every page the last good build had, the fixed pages,
    and the page of every scenario file (its id is its file name), so the page a
    trainer has open reloads into the error page rather than a 404."""
    fixed = [HOME, EMPLOYEES, PARTNERS, PRINCIPLES, PROGRESS]
    if trainer:
        fixed += [TRAINERS, AUTHORING, COVERAGE]
    stems = _scenario_ids(scenarios)
    pages = [scenario_page(s) for s in stems]
    if trainer:
        pages += [trainer_page(s) for s in stems]
    found = [p for p in previous if p.endswith(".md")]
    return sorted(set(fixed) | set(pages) | set(found))


def _scenario_ids(scenarios: Path) -> Collection[str]:
    try:
        files = [p for p in scenarios.iterdir() if p.suffix in SCENARIO_SUFFIXES]
    except OSError:
        return ()
    return [p.stem for p in files if p.stem != "principles" and _slug(p.stem)]


def _slug(text: str) -> bool:
    return text.replace("-", "").isalnum() and text.isascii() and text == text.lower()
