"""One function per kind of page; each returns ``{source path: Markdown text}``.

The data the player needs travels in ``data-*`` attributes of the scenario's
root element: the graph and weights (``data-model``) and the interface strings
(``data-strings``). The texts themselves are in the static case on the same
page, which the player clones, so each text is in the page once.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from generator.check.cues import settings as cue_settings
from generator.check.score import ScenarioScore
from generator.check.strategies import surface_outcomes
from generator.model import Catalogue, Principle, Scenario
from generator.render.catalogue import Entry, text
from generator.render.env import TITLE_KEY, Renderer, yaml_string
from generator.render.graph import mermaid, svg
from generator.render.paths import (
    AUTHORING,
    COVERAGE,
    HOME,
    PARTNERS,
    PRINCIPLES,
    PROGRESS,
    TRAINERS,
    principle_page,
    scenario_page,
    trainer_page,
)
from generator.render.player import player_model
from generator.render.schema import format_reference
from generator.scaffold import TEMPLATE as SCAFFOLD

Pages = dict[str, str]


@dataclass(frozen=True)
class Site:
    """What every page may need: the catalogue, the scenarios and their scores."""

    catalogue: Catalogue
    scenarios: Sequence[Scenario]
    scores: dict[str, ScenarioScore]
    in_source: frozenset[str] = frozenset()
    """Ids of the scenarios shown in the source language in a site of another one."""

    def track(self, audience: str) -> list[Scenario]:
        return [s for s in self.scenarios if s.audience == audience]

    @property
    def principles(self) -> dict[str, Principle]:
        return {p.id: p for p in self.catalogue.principles}

    def coverage(self, scenario: Scenario) -> dict[str, tuple[int, int]]:
        """Principle id -> (choices that uphold it, choices that violate it)."""
        cells: dict[str, tuple[int, int]] = {}
        for step in scenario.steps:
            for choice in step.choices:
                for pid, weight in choice.effects.items():
                    up, down = cells.get(pid, (0, 0))
                    cells[pid] = (up + (weight > 0), down + (weight < 0))
        return cells

    def training(self, principle_id: str) -> list[tuple[Scenario, list[TrainingChoice]]]:
        """The scenarios with choices that weigh on a principle, and those choices."""
        found = []
        for scenario in self.scenarios:
            picks = [TrainingChoice(step.id, n + 1, choice.response, choice.effects[principle_id])
                     for step in scenario.steps for n, choice in enumerate(step.choices)
                     if principle_id in choice.effects]
            if picks:
                found.append((scenario, picks))
        return found


@dataclass(frozen=True)
class TrainingChoice:
    step: str
    number: int
    response: str
    weight: int


def targets(scenario: Scenario, strings: dict[str, Entry]) -> dict[str, tuple[str, str]]:
    """For each step and ending id: its anchor on the page and its label."""
    found = {s.id: (f"step-{s.id}", text(strings["step"]).format(n=n))
             for n, s in enumerate(scenario.steps, 1)}
    found.update({e.id: (f"ending-{e.id}", f"{text(strings['ending'])}: {e.title}")
                  for e in scenario.endings})
    return found


def page_title(title: str) -> str:
    """A title as MkDocs themes need it: HTML-escaped by us.

    MkDocs' theme environment does not autoescape: Material puts ``page.title``
    and nav titles into the navigation, ``<title>`` and header as they are, so
    a trainer's ``<img onerror=...>`` in a title would run there.
    """
    return html.escape(title, quote=True)


def front_matter(title: str) -> dict[str, str]:
    """Context for the templates' front matter: the title as a YAML scalar, and the
    value it must read back as (``Renderer.page`` checks it does)."""
    escaped = page_title(title)
    return {"title_yaml": yaml_string(escaped), TITLE_KEY: escaped}


def scenario_pages(r: Renderer, site: Site) -> Pages:
    """The player pages; each links to the next scenario of its track (the last to the track)."""
    s = r.strings["page"]
    onward: dict[str, tuple[str, str, str]] = {}
    for track in r.paths.tracks:
        scenarios = site.track(track.audience)
        for scenario, after in pairwise(scenarios):
            onward[scenario.id] = (scenario_page(after.id), text(s["nextScenario"]), after.title)
        if scenarios:
            onward[scenarios[-1].id] = (track.page, text(s["backToTrack"]), track.title)
    pages: Pages = {}
    for scenario in site.scenarios:
        score = site.scores[scenario.id]
        here = scenario_page(scenario.id)
        pages[here] = r.page(
            "scenario.md.j2", here, sc=scenario, score=score, site=site,
            model=player_model(scenario, score, site.catalogue),
            targets=targets(scenario, s), onward=onward[scenario.id],
            **front_matter(scenario.title))
    return pages


def trainer_pages(r: Renderer, site: Site) -> Pages:
    s = r.strings["page"]
    pages: Pages = {}
    for scenario in site.scenarios:
        score = site.scores[scenario.id]
        here = trainer_page(scenario.id)
        pages[here] = r.page(
            "trainer.md.j2", here, sc=scenario, score=score, site=site,
            graph=svg(score, text(s["graphLabel"]).format(title=scenario.title)),
            targets=targets(scenario, s), surface=surface_outcomes(score),
            tier_names={t.id: t.name for t in site.catalogue.tiers},
            mermaid=mermaid(scenario), **front_matter(
                text(s["trainerTitle"]).format(title=scenario.title)))
    return pages


def principle_pages(r: Renderer, site: Site) -> Pages:
    """The overview and a page per principle with the scenarios that train it.

    Only the trainer build passes the choices and their weights (the answer
    key); a learner's page lists the scenarios, with progress marks.
    """
    pages: Pages = {PRINCIPLES: r.page("principles.md.j2", PRINCIPLES, site=site,
                                       **front_matter(r.paths.title(PRINCIPLES)))}
    stories = {s.id: s for s in site.catalogue.stories}
    for principle in site.catalogue.principles:
        here = principle_page(principle.id)
        training = site.training(principle.id)
        pages[here] = r.page(
            "principle.md.j2", here, p=principle, site=site,
            stories=[stories[i] for i in principle.stories if i in stories],
            scenarios=[scenario for scenario, _ in training],
            training=training if r.trainer else [], **front_matter(principle.name))
    return pages


def track_pages(r: Renderer, site: Site, extra_links: Iterable[tuple[str, str]] = ()) -> Pages:
    """The scenario lists of the two learner tracks; ``extra_links`` go on the partner page."""
    links = list(extra_links)
    return {t.page: r.page("track.md.j2", t.page, site=site, track=t,
                           scenarios=site.track(t.audience),
                           links=links if t.page == PARTNERS else [],
                           **front_matter(t.title))
            for t in r.paths.tracks}


def home_page(r: Renderer, site: Site) -> Pages:
    """The home page: the tracks (the Trainers track only in the trainer build)."""
    return {HOME: r.page("home.md.j2", HOME, site=site, **front_matter(r.paths.title(HOME)))}


def progress_page(r: Renderer, site: Site) -> Pages:
    return {PROGRESS: r.page("progress.md.j2", PROGRESS, site=site,
                             **front_matter(r.paths.title(PROGRESS)))}


GAP = 2
"""The coverage matrix marks a principle that fewer scenarios than this train."""


def trainer_guides(r: Renderer, site: Site, extra_links: Iterable[tuple[str, str]] = ()) -> Pages:
    cells = {sc.id: site.coverage(sc) for sc in site.scenarios}
    totals = {p.id: (sum(p.id in c for c in cells.values()),
                     sum(c.get(p.id, (0, 0))[0] for c in cells.values()),
                     sum(c.get(p.id, (0, 0))[1] for c in cells.values()))
              for p in site.catalogue.principles}
    catalogue = site.catalogue
    example = SCAFFOLD.format(path="scenarios/my-scenario.yaml", id="my-scenario",
                              audience="employees", story=catalogue.stories[0].id,
                              good=catalogue.principles[0].id, top=catalogue.tiers[-1].id,
                              bottom=catalogue.tiers[0].id)
    return {
        TRAINERS: r.page("trainers.md.j2", TRAINERS, site=site, links=list(extra_links),
                         **front_matter(r.paths.title(TRAINERS))),
        COVERAGE: r.page("coverage.md.j2", COVERAGE, site=site, cells=cells, totals=totals,
                         gap=GAP, **front_matter(r.paths.title(COVERAGE))),
        AUTHORING: r.page("authoring.md.j2", AUTHORING,
                          reference=format_reference(r.strings["trainer"]),
                          cue=cue_settings(site.catalogue), site=site, example=example,
                          **front_matter(r.paths.title(AUTHORING))),
    }
