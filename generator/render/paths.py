"""Where each generated page lives, its title, and the links between pages.

Paths are source paths relative to ``docs_dir`` (``scenarios/x.md``). Links
inside raw HTML are not rewritten by MkDocs, so :func:`relative_url` computes
them here, for directory URLs (``scenarios/x.md`` is served at
``scenarios/x/``) or plain ``.html`` files.

This module is the only place a page's path is written, and it names each
fixed page's title by its key in the catalogue: the navigation and the page
functions import them, and every template gets them as ``paths``
(:class:`Paths`, in the site's language), so a template links
``link(paths.coverage)``.
"""

from __future__ import annotations

import posixpath
from typing import NamedTuple

from generator.model import AUDIENCES, Audience
from generator.render.catalogue import Strings, text

# Where each generated page lives (paths relative to docs_dir).
HOME = "index.md"
EMPLOYEES = "employees/index.md"
PARTNERS = "partners/index.md"
PRINCIPLES = "principles/index.md"
PROGRESS = "progress.md"
TRAINER_AREA = "trainers/"
"""Every page under this folder is trainer material: only the trainer build has it."""
TRAINERS = "trainers/index.md"
AUTHORING = "trainers/authoring.md"
COVERAGE = "trainers/coverage.md"
DOORSTEP = "partners/doorstep-checklist.md"
FACILITATION = "trainers/reverse-brainstorm.md"
LEARNER_CHOICES = "trainers/learner-choices.md"
"""Written by ``python -m generator stats`` from xAPI statements; only a trainer build has it."""
OPTIONAL_PAGES = (DOORSTEP, FACILITATION, LEARNER_CHOICES)
"""Hand-written (or ``stats``-written) pages that the generated pages and the nav list when
they exist under ``docs_dir``."""

TITLE_KEYS = {
    HOME: "home",
    PRINCIPLES: "principles",
    PROGRESS: "progress",
    TRAINERS: "trainers",
    AUTHORING: "authoring",
    COVERAGE: "coverage",
    DOORSTEP: "doorstep",
    FACILITATION: "facilitation",
    LEARNER_CHOICES: "learnerChoices",
    EMPLOYEES: "employees",
    PARTNERS: "partners",
}
"""The key of each fixed page's title in the catalogue's section ``titles``: the
title itself is interface text, in the site's language."""
TRACK_PAGES: dict[Audience, str] = {"employees": EMPLOYEES, "partners": PARTNERS}


class Track(NamedTuple):
    """A learner track: the overview page of one audience's scenarios."""

    page: str
    audience: Audience
    title: str
    summary: str
    """One sentence on the home page."""
    lead: str
    """The opening of the track's own page."""


def tracks(strings: Strings) -> tuple[Track, ...]:
    """One track per audience of the format (``model.Audience``), in its order, worded
    from the catalogue's ``titles`` and ``tracks`` (``employeesSummary``, ``employeesLead``)."""
    titles, texts = strings["titles"], strings["tracks"]
    return tuple(Track(TRACK_PAGES[a], a, text(titles[TITLE_KEYS[TRACK_PAGES[a]]]),
                       text(texts[f"{a}Summary"]), text(texts[f"{a}Lead"])) for a in AUDIENCES)
JS_ASSET = "assets/service-scenarios.js"
CSS_ASSET = "assets/service-scenarios.css"


def scenario_page(scenario_id: str) -> str:
    return f"scenarios/{scenario_id}.md"


def trainer_page(scenario_id: str) -> str:
    return f"trainers/scenarios/{scenario_id}.md"


def principle_page(principle_id: str) -> str:
    return f"principles/{principle_id}.md"


def is_trainer_page(src: str) -> bool:
    """True for trainer material (answer keys, guides): left out of the learner build."""
    return src.startswith(TRAINER_AREA)


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL path MkDocs gives the page at ``src`` (relative to the site root)."""
    stem, _ = posixpath.splitext(src)
    if not directory_urls:
        return f"{stem}.html"
    if posixpath.basename(stem) == "index":
        parent = posixpath.dirname(stem)
        return f"{parent}/" if parent else ""
    return f"{stem}/"


def relative_url(here: str, target: str, directory_urls: bool = True) -> str:
    """A link from the page ``here`` to the page or asset ``target`` (both source paths)."""
    here_url = page_url(here, directory_urls)
    target_url = page_url(target, directory_urls) if target.endswith(".md") else target
    base = posixpath.dirname(here_url) if not here_url.endswith("/") else here_url.rstrip("/")
    rel = posixpath.relpath(target_url or ".", base or ".")
    if target_url.endswith("/") or target_url == "":
        rel = rel.rstrip("/") + "/"
    return "./" if rel == "./" else rel


class Paths:
    """The paths and titles as the templates see them (``paths``): ``paths.coverage``,
    ``paths.scenario(sc.id)``, ``paths.title(here)``; titles in the catalogue's language."""

    def __init__(self, strings: Strings) -> None:
        self.tracks = tracks(strings)
        self.titles = {path: text(strings["titles"][key]) for path, key in TITLE_KEYS.items()}

    def title(self, path: str) -> str:
        """The title of the page at the fixed ``path``."""
        return self.titles[path]

    home = HOME
    principles = PRINCIPLES
    progress = PROGRESS
    trainers = TRAINERS
    authoring = AUTHORING
    coverage = COVERAGE
    scenario = staticmethod(scenario_page)
    trainer = staticmethod(trainer_page)
    principle = staticmethod(principle_page)
