"""Stage 3: checks that a schema cannot express: the decision graph and cross-file ids.

Every check returns diagnostics instead of raising, so one run lists every
problem. Graph checks that depend on a sound graph (scores, tiers) only run
when the structural checks of that scenario found no error; the scores they
compute are the ones ``run_check`` returns (one scoring pass per scenario).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.check.cues import cues
from generator.check.score import ScenarioScore, choice_value
from generator.check.walk import walk
from generator.errors import Diagnostic, Severity, did_you_mean
from generator.load import Document, Loc
from generator.load.parse import describe
from generator.load.project import Project, ScenarioFile
from generator.model import Catalogue


@dataclass
class Linted:
    diagnostics: list[Diagnostic]
    """Every lint diagnostic of the project, errors and warnings."""
    scores: dict[str, ScenarioScore]
    """File path -> the score of each scenario whose graph is sound: built once here,
    for the tier and cue checks, and handed on to ``run_check``."""


def lint(project: Project) -> Linted:
    """All lint diagnostics of a collected project, and the scores it computed."""
    found = list(_catalogue(project))
    found += _duplicate_scenarios(project)
    scores: dict[str, ScenarioScore] = {}
    for file in project.files:
        structural, order = _structure(file, project)
        found += structural
        if order is not None and not any(d.severity == "error" for d in structural):
            score = scores[file.doc.path] = ScenarioScore(file.scenario, project.catalogue, order)
            found += _scores(file, score, project.catalogue)
    if project.complete:
        found += _unused_principles(project)
    return Linted(found, scores)


RESERVED_IDS = frozenset({"index"})
"""Ids that would take the URL of a section's overview page."""


def _reserved(doc: Document, loc: Loc, ident: str) -> Diagnostic:
    return _at(doc, loc, f"the id '{ident}' is reserved for the site's overview pages",
               "choose another id")


def _at(doc: Document, loc: Loc, message: str, hint: str = "", *, key: bool = False,
        severity: Severity = "error") -> Diagnostic:
    line, column = doc.where(loc, key=key)
    return Diagnostic(doc.path, line, column, message, hint, severity)


def _duplicates(doc: Document, section: str, ids: list[str], what: str) -> Iterator[Diagnostic]:
    first: dict[str, int] = {}
    for index, ident in enumerate(ids):
        if ident in first:
            line = doc.where((section, first[ident], "id"))[0]
            yield _at(doc, (section, index, "id"), f"duplicate {what} id '{ident}' "
                      f"(first on line {line})", "give each one its own id")
        else:
            first[ident] = index


def _catalogue(project: Project) -> Iterator[Diagnostic]:
    doc, catalogue = project.catalogue_doc, project.catalogue
    yield from _duplicates(doc, "tiers", [t.id for t in catalogue.tiers], "tier")
    yield from _duplicates(doc, "stories", [s.id for s in catalogue.stories], "story")
    yield from _duplicates(doc, "principles", [p.id for p in catalogue.principles], "principle")
    stories = [s.id for s in catalogue.stories]
    for index, principle in enumerate(catalogue.principles):
        if principle.id in RESERVED_IDS:
            yield _reserved(doc, ("principles", index, "id"), principle.id)
        for ref, story in enumerate(principle.stories):
            if story not in stories:
                yield _at(doc, ("principles", index, "stories", ref),
                          f"principle '{principle.id}' names unknown story '{story}'",
                          did_you_mean(story, stories))
    yield from _caps(doc, catalogue)


def _caps(doc: Document, catalogue: Catalogue) -> Iterator[Diagnostic]:
    """Caps name a known principle (once) and a known tier below the top."""
    principles = [p.id for p in catalogue.principles]
    tiers = [t.id for t in catalogue.tiers]
    first: dict[str, int] = {}
    for index, cap in enumerate(catalogue.caps):
        if cap.principle not in principles:
            yield _at(doc, ("caps", index, "principle"), f"cap {index + 1} names unknown "
                      f"principle '{cap.principle}'", did_you_mean(cap.principle, principles))
        elif cap.principle in first:
            line = doc.where(("caps", first[cap.principle], "principle"))[0]
            yield _at(doc, ("caps", index, "principle"), f"principle '{cap.principle}' is "
                      f"already capped on line {line}", "keep one cap per principle")
        else:
            first[cap.principle] = index
        if cap.tier not in tiers:
            yield _at(doc, ("caps", index, "tier"), f"cap {index + 1} names unknown tier "
                      f"'{cap.tier}'", did_you_mean(cap.tier, tiers))
        elif cap.tier == tiers[-1]:
            yield _at(doc, ("caps", index, "tier"), f"a cap at the top tier '{cap.tier}' caps "
                      "nothing", f"name a lower tier: {', '.join(tiers[:-1])}")


def _duplicate_scenarios(project: Project) -> Iterator[Diagnostic]:
    seen: dict[str, ScenarioFile] = {}
    for file in project.files:
        ident = file.scenario.id
        if ident in seen:
            other = seen[ident].doc
            yield _at(file.doc, ("id",), f"scenario id '{ident}' is already used by "
                      f"{other.path}:{other.where(('id',))[0]}", "ids must be unique across files")
        else:
            seen[ident] = file


def _structure(file: ScenarioFile,
               project: Project) -> tuple[list[Diagnostic], list[str] | None]:
    """The file's structural diagnostics, and the walk of its graph when the graph is
    sound enough to walk: no clashing ids, no loops, every ``next`` leads somewhere."""
    doc, scenario = file.doc, file.scenario
    found: list[Diagnostic] = []
    stem = Path(doc.path).stem
    if scenario.id in RESERVED_IDS:
        found.append(_reserved(doc, ("id",), scenario.id))
    elif stem != scenario.id:
        found.append(_at(doc, ("id",), f"the id '{scenario.id}' does not match the file name "
                         f"'{Path(doc.path).name}'", f"rename the file to {scenario.id}.yaml"))
    stories = [s.id for s in project.catalogue.stories]
    if scenario.story not in stories:
        found.append(_at(doc, ("story",), f"unknown story '{scenario.story}'",
                         did_you_mean(scenario.story, stories)))
    nodes = {s.id for s in scenario.steps} | {e.id for e in scenario.endings}
    clashes = _clashes(file)
    found += clashes
    found += _choices(file, project, nodes)
    if clashes:  # with two nodes of one id, loops and reachability would be guesses
        return found, None
    loops = list(_loops(file))
    found += loops
    # A dangling or looping ``next`` already explains why its old target is unreached.
    if loops or any(c.next not in nodes for step in scenario.steps for c in step.choices):
        return found, None
    order = walk(scenario)
    return found + list(_unreached(file, order)), order


def _clashes(file: ScenarioFile) -> list[Diagnostic]:
    doc, scenario = file.doc, file.scenario
    clashes = list(_duplicates(doc, "steps", [s.id for s in scenario.steps], "step"))
    clashes += _duplicates(doc, "endings", [e.id for e in scenario.endings], "ending")
    step_ids = {s.id for s in scenario.steps}
    for index, ending in enumerate(scenario.endings):
        if ending.id in step_ids:
            line = doc.where(("steps", [s.id for s in scenario.steps].index(ending.id), "id"))[0]
            clashes.append(_at(doc, ("endings", index, "id"), f"ending '{ending.id}' has the id "
                               f"of the step on line {line}", "steps and endings share one set "
                               "of ids: rename one of them"))
    return clashes


def _choices(file: ScenarioFile, project: Project, nodes: set[str]) -> Iterator[Diagnostic]:
    doc = file.doc
    principles = [p.id for p in project.catalogue.principles]
    tiers = [t.id for t in project.catalogue.tiers]
    for s, step in enumerate(file.scenario.steps):
        if len(step.choices) < 2:
            yield _at(doc, ("steps", s, "choices"), f"step '{step.id}' has "
                      f"{len(step.choices)} choice(s); a decision needs at least two")
        for c, choice in enumerate(step.choices):
            loc: Loc = ("steps", s, "choices", c)
            if choice.next not in nodes:
                yield _at(doc, (*loc, "next"), f"{describe(loc, doc.data)} leads to unknown "
                          f"step or ending '{choice.next}'", did_you_mean(choice.next, nodes))
            for name in choice.effects:
                if name not in principles:
                    yield _at(doc, (*loc, "effects", name), f"{describe(loc, doc.data)} names "
                              f"unknown principle "
                              f"'{name}'", did_you_mean(name, principles), key=True)
        values = [choice_value(c) for c in step.choices]
        if len(values) >= 2 and (max(values) <= 0 or min(values) >= 0):
            missing = "above zero" if max(values) <= 0 else "below zero"
            yield _at(doc, ("steps", s, "id"), f"no choice of step '{step.id}' scores {missing}",
                      "a decision teaches most when it has a right and a wrong answer",
                      severity="warning")
    for e, ending in enumerate(file.scenario.endings):
        if ending.tier is not None and ending.tier not in tiers:
            yield _at(doc, ("endings", e, "tier"), f"ending '{ending.id}' names unknown tier "
                      f"'{ending.tier}'", did_you_mean(ending.tier, tiers))


def _loops(file: ScenarioFile) -> Iterator[Diagnostic]:
    """Each loop once, at the ``next`` that points back to a step at or above its own
    in the file: that is where its author reads "back". The message names the loop."""
    doc, scenario = file.doc, file.scenario
    index = {step.id: s for s, step in enumerate(scenario.steps)}
    targets = {step.id: [c.next for c in step.choices] for step in scenario.steps}

    def path(start: str, goal: str) -> list[str]:
        """The steps of a shortest path from ``start`` to ``goal`` ([] if there is none)."""
        came: dict[str, str] = {start: start}
        queue = [start]
        for node in queue:
            if node == goal:
                found = [goal]
                while found[-1] != start:
                    found.append(came[found[-1]])
                return found[::-1]
            for target in targets.get(node, []):
                if target not in came:
                    came[target] = node
                    queue.append(target)
        return []

    loops: list[frozenset[str]] = []
    for s, step in enumerate(scenario.steps):
        for c, choice in enumerate(step.choices):
            if index.get(choice.next, s + 1) > s:
                continue
            loop = path(choice.next, step.id)
            if loop and frozenset(loop) not in loops:
                loops.append(frozenset(loop))
                yield _at(doc, ("steps", s, "choices", c, "next"),
                          f"{describe(('steps', s, 'choices', c), doc.data)} leads back to "
                          f"'{choice.next}', which makes a loop: {' -> '.join(loop)} -> "
                          f"{choice.next}", "a scenario must always move forward: point it at "
                          "a later step or an ending")


def _unreached(file: ScenarioFile, order: list[str]) -> Iterator[Diagnostic]:
    """Steps and endings off the walk: only those no other unreached step leads to
    are named (the others are unreached because of them)."""
    doc, scenario = file.doc, file.scenario
    reached = set(order)
    led_to = {c.next for step in scenario.steps if step.id not in reached for c in step.choices}
    start = scenario.steps[0].id
    for s, step in enumerate(scenario.steps):
        if step.id not in reached and step.id not in led_to:
            yield _at(doc, ("steps", s, "id"), f"step '{step.id}' cannot be reached from the "
                      f"first step '{start}'", "point a choice's next at it, or remove it")
    for e, ending in enumerate(scenario.endings):
        if ending.id not in reached and ending.id not in led_to:
            yield _at(doc, ("endings", e, "id"), f"ending '{ending.id}' cannot be reached",
                      "point a choice's next at it, or remove it")


def _scores(file: ScenarioFile, score: ScenarioScore,
            catalogue: Catalogue) -> Iterator[Diagnostic]:
    """Endings whose tier is missing or disagrees with the scores of the paths into them,
    and answer cues (see ``cues``)."""
    names = {t.id: t.name for t in catalogue.tiers}
    if not score.caps_exact:
        yield _at(file.doc, ("steps",), "too many different paths to apply the caps to every "
                  "ending: the tiers checked below ignore caps", "split the scenario in two",
                  key=True, severity="warning")
    for e, ending in enumerate(file.scenario.endings):
        scores = sorted(score.scores_by_ending[ending.id])
        if ending.tier is None:
            reached = list(dict.fromkeys(catalogue.tier_for(s).id for s in scores))
            hint = (f"add 'tier: {reached[0]}', the tier its paths reach" if len(reached) == 1
                    else f"add the tier you intend; its paths score {scores[0]} to {scores[-1]} "
                    f"({', '.join(names[r] for r in reached)})")
            yield _at(file.doc, ("endings", e, "id"), f"ending '{ending.id}' declares no tier",
                      hint, severity="warning")
            continue
        if ending.tier not in names:
            continue
        wrong = [s for s in scores if catalogue.tier_for(s).id != ending.tier]
        if wrong:
            tiers = sorted({catalogue.tier_for(s).name for s in wrong})
            yield _at(file.doc, ("endings", e, "tier"),
                      f"ending '{ending.id}' is meant to be '{names[ending.tier]}', but paths "
                      f"into it score {', '.join(map(str, wrong))} ({', '.join(tiers)})",
                      "change the effects of the choices on those paths, or the tier",
                      severity="warning")
    yield from cues(file.doc, file.scenario, score, catalogue)


def _unused_principles(project: Project) -> Iterator[Diagnostic]:
    used = {name for s in project.scenarios for step in s.steps for c in step.choices
            for name in c.effects}
    for index, principle in enumerate(project.catalogue.principles):
        if principle.id not in used:
            yield _at(project.catalogue_doc, ("principles", index, "id"),
                      f"no scenario trains principle '{principle.id}'",
                      "add it to the effects of a choice, or remove it", severity="warning")
