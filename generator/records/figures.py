"""The figures of the trainers' page and of the CSV, from a :class:`~.tally.Tally`.

Every text here is ours: responses from the scenario files, names from the
catalogue. A choice is **wrong** when its effects net negative (the red arrows
of the decision graph): it costs the learner more than it earns, whatever else
the step offers.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from generator.model import Catalogue, Scenario
from generator.records.tally import ScenarioTally, Tally
from generator.render.graph import first_words, plain

MOST_WRONG = 3
"""How many wrong choices of a step the page names, most taken first."""


@dataclass(frozen=True)
class ChoiceFigure:
    index: int
    response: str
    net: int
    wrong: bool
    count: int
    share: int
    """Percent of the step's decisions."""


@dataclass(frozen=True)
class StepFigure:
    number: int
    id: str
    opening: str
    """The first words of the situation, as the decision graph shows them."""
    decisions: int
    choices: tuple[ChoiceFigure, ...]
    wrong_taken: tuple[ChoiceFigure, ...]
    """The wrong choices learners took, most taken first (at most MOST_WRONG)."""


@dataclass(frozen=True)
class TierFigure:
    id: str
    name: str
    count: int
    share: int


@dataclass(frozen=True)
class PrincipleFigure:
    id: str
    name: str
    average: float
    """A learner's net weight on the principle per finished run, averaged over learners."""


@dataclass(frozen=True)
class ScenarioFigures:
    id: str
    title: str
    decisions: int
    completions: int
    learners: int
    """Learners with a finished run: the principles' averages are over them."""
    steps: tuple[StepFigure, ...]
    tiers: tuple[TierFigure, ...]
    principles: tuple[PrincipleFigure, ...]


def percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def scenario_figures(scenario: Scenario, tallied: ScenarioTally,
                     catalogue: Catalogue) -> ScenarioFigures:
    steps = []
    for number, step in enumerate(scenario.steps, 1):
        counts = [tallied.choices[(step.id, i)] for i in range(len(step.choices))]
        total = sum(counts)
        choices = tuple(ChoiceFigure(i, c.response, sum(c.effects.values()),
                                     sum(c.effects.values()) < 0, counts[i],
                                     percent(counts[i], total))
                        for i, c in enumerate(step.choices))
        taken = sorted((c for c in choices if c.wrong and c.count), key=lambda c: -c.count)
        steps.append(StepFigure(number, step.id, first_words(plain(step.situation), 1, 80)[0],
                                total, choices, tuple(taken[:MOST_WRONG])))
    completions = sum(tallied.tiers.values())
    tiers = tuple(TierFigure(t.id, t.name, tallied.tiers[t.id],
                             percent(tallied.tiers[t.id], completions))
                  for t in reversed(catalogue.tiers))
    learners = _per_learner(scenario, tallied)
    trained = {p for st in scenario.steps for c in st.choices for p in c.effects}
    principles = tuple(
        PrincipleFigure(p.id, p.name,
                        sum(m.get(p.id, 0.0) for m in learners) / len(learners) if learners
                        else 0.0)
        for p in catalogue.principles if p.id in trained)
    return ScenarioFigures(scenario.id, scenario.title, sum(tallied.choices.values()),
                           completions, len(learners), tuple(steps), tiers, principles)


def _per_learner(scenario: Scenario, tallied: ScenarioTally) -> list[dict[str, float]]:
    """Each learner's mean net weight per principle over their finished runs: a learner
    who plays ten times weighs as much as one who plays once."""
    effects = {(st.id, i): c.effects for st in scenario.steps for i, c in enumerate(st.choices)}
    runs: dict[str, list[dict[str, int]]] = defaultdict(list)
    for run in tallied.runs.values():
        if run.completed:
            sums: dict[str, int] = defaultdict(int)
            for pick in run.picks:
                for principle, weight in effects[pick].items():
                    sums[principle] += weight
            runs[run.learner].append(sums)
    return [{p: sum(r.get(p, 0) for r in mine) / len(mine) for r in mine for p in r}
            for mine in runs.values()]


def all_figures(tally: Tally, scenarios: list[Scenario],
                catalogue: Catalogue) -> list[ScenarioFigures]:
    return [scenario_figures(s, tally.scenarios[s.id], catalogue) for s in scenarios]


CSV_COLUMNS = ("figure", "scenario", "step", "choice", "key", "text", "net_effect", "wrong",
               "count", "share", "average")


def csv_text(figures: list[ScenarioFigures]) -> str:
    """One row per choice, per tier and per principle of each scenario (README: "The
    learners' choices"). Texts that a spreadsheet would take for a formula start with '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for sc in figures:
        for step in sc.steps:
            for c in step.choices:
                writer.writerow(("choice", sc.id, step.id, c.index, "", _cell(c.response), c.net,
                                 "yes" if c.wrong else "no", c.count, c.share, ""))
        for t in sc.tiers:
            writer.writerow(("tier", sc.id, "", "", t.id, _cell(t.name), "", "", t.count,
                             t.share, ""))
        for p in sc.principles:
            writer.writerow(("principle", sc.id, "", "", p.id, _cell(p.name), "", "",
                             sc.learners, "", f"{p.average:.2f}"))
    return out.getvalue()


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
