"""Stage 4: scores from principles, never typed per choice.

A choice is worth the sum of its effects; a path is worth the sum of its
choices. For each scenario we compute the best and worst totals any complete
path can reach and map a learner's total onto 0-100 between them, so the same
tier thresholds work for every scenario.

The steps form a DAG (``lint`` refuses cycles), so every figure here is a
dynamic programme over the graph in topological order (the one
:func:`~generator.check.walk.walk` that ``lint`` shares), linear in its size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import islice

from generator.check.walk import walk
from generator.model import Catalogue, Choice, Scenario, Step, Tier

MAX_BEST_PATHS = 10


@dataclass(frozen=True)
class Pick:
    """One decision on a path: the step and the index of the chosen choice."""

    step: str
    choice: int


Path = tuple[Pick, ...]


def choice_value(choice: Choice) -> int:
    return sum(choice.effects.values())


def capped(score: int, net: dict[str, int], ceilings: dict[str, int]) -> tuple[int, list[str]]:
    """Apply the catalogue's caps: the score and the capped principles the path violates.

    A path whose net weight on a capped principle is negative keeps at most that
    cap's ceiling (the lowest ceiling when it violates several). The player does
    the same in JS.
    """
    hit = [p for p, ceiling in ceilings.items() if net.get(p, 0) < 0]
    return min([score, *(ceilings[p] for p in hit)]), hit


def normalise(total: int, worst: int, best: int) -> int:
    """Map ``total`` onto 0-100, rounding halves up (the player does the same in JS)."""
    span = best - worst
    if span <= 0:
        return 100
    return (200 * (total - worst) + span) // (2 * span)


@dataclass(frozen=True)
class Outcome:
    """What a learner sees at the end of a path."""

    total: int
    score: int
    """0-100, after caps."""
    tier: Tier
    capped_by: tuple[str, ...]
    """Capped principles the path violates (their caps lowered the score to at most
    their ceiling)."""
    ending: str
    """The id of the ending the path reaches: the review opens with its title."""
    net: dict[str, int]
    """Principle id -> net weight along the path, in catalogue order, zeros left out:
    the review lists each as upheld (positive) or violated (negative)."""


class ScenarioScore:
    """Everything the engine knows about the scores of one (lint-clean) scenario."""

    def __init__(self, scenario: Scenario, catalogue: Catalogue,
                 order: list[str] | None = None) -> None:
        """``order`` is the scenario's :func:`~generator.check.walk.walk` when the
        caller (``lint``) has made it already."""
        self.scenario = scenario
        self.catalogue = catalogue
        self.steps: dict[str, Step] = {s.id: s for s in scenario.steps}
        self.endings = {e.id for e in scenario.endings}
        self.order = walk(scenario) if order is None else order
        self._suffix = self._suffix_extremes()

    @property
    def best(self) -> int:
        return self._suffix[self.scenario.steps[0].id][1]

    @property
    def worst(self) -> int:
        return self._suffix[self.scenario.steps[0].id][0]

    def normalise(self, total: int) -> int:
        return normalise(total, self.worst, self.best)

    def tier(self, total: int) -> Tier:
        """The tier of a raw total before caps (see :meth:`outcome` for a path's)."""
        return self.catalogue.tier_for(self.normalise(total))

    def outcome(self, path: Path) -> Outcome:
        """The score, tier, caps, ending and principles of a complete path, exactly as the
        player's review shows them."""
        total = self.path_total(path)
        sums: Counter[str] = Counter()
        for pick in path:
            sums.update(self.steps[pick.step].choices[pick.choice].effects)
        net = {p.id: sums[p.id] for p in self.catalogue.principles if sums[p.id]}
        score, hit = capped(self.normalise(total), net, self.ceilings)
        last = path[-1]
        return Outcome(total, score, self.catalogue.tier_for(score), tuple(hit),
                       self.steps[last.step].choices[last.choice].next, net)

    @cached_property
    def ceilings(self) -> dict[str, int]:
        """The catalogue's caps on principles this scenario weighs."""
        used = {p for s in self.scenario.steps for c in s.choices for p in c.effects}
        return {p: c for p, c in self.catalogue.ceilings().items() if p in used}

    @cached_property
    def scores_by_ending(self) -> dict[str, frozenset[int]]:
        """Every final score (after caps) a complete path into each ending can reach.

        Without caps in play this is :attr:`totals_by_ending`, normalised. With
        caps, see :func:`_capped_scores`; if a scenario has too many distinct
        partial paths for that, the scores ignore caps and :attr:`caps_exact`
        is False (``lint`` says so).
        """
        return self._scores_and_exactness[0]

    @property
    def caps_exact(self) -> bool:
        return self._scores_and_exactness[1]

    @cached_property
    def _scores_and_exactness(self) -> tuple[dict[str, frozenset[int]], bool]:
        plain = {e: frozenset(self.normalise(t) for t in totals)
                 for e, totals in self.totals_by_ending.items()}
        if not self.ceilings:
            return plain, True
        found = _capped_scores(self)
        return (plain, False) if found is None else (found, True)

    @cached_property
    def totals_by_ending(self) -> dict[str, frozenset[int]]:
        """Every raw total a complete path into each ending can reach."""
        start = self.scenario.steps[0].id
        reach: dict[str, set[int]] = {start: {0}}
        for node in self.order:
            if node not in self.steps:
                continue
            for choice in self.steps[node].choices:
                value = choice_value(choice)
                reach.setdefault(choice.next, set()).update(t + value for t in reach.get(node, ()))
        return {e: frozenset(reach.get(e, ())) for e in self.endings}

    @cached_property
    def principle_spans(self) -> dict[str, dict[str, tuple[int, int]]]:
        """For each capped principle and node: the (least, most) net still to come."""
        spans: dict[str, dict[str, tuple[int, int]]] = {}
        for principle in self.ceilings:
            found: dict[str, tuple[int, int]] = {e: (0, 0) for e in self.endings}
            for node in reversed(self.order):
                if node in self.steps:
                    options = [(c.effects.get(principle, 0) + found[c.next][0],
                                c.effects.get(principle, 0) + found[c.next][1])
                               for c in self.steps[node].choices]
                    found[node] = (min(o[0] for o in options), max(o[1] for o in options))
            spans[principle] = found
        return spans

    @cached_property
    def tiers_reachable(self) -> list[Tier]:
        scores = set().union(*self.scores_by_ending.values())
        ids = {self.catalogue.tier_for(s).id for s in scores}
        return [t for t in self.catalogue.tiers if t.id in ids]

    def path_total(self, path: Path) -> int:
        return sum(choice_value(self.steps[p.step].choices[p.choice]) for p in path)

    def best_paths(self, limit: int = MAX_BEST_PATHS) -> list[Path]:
        """Up to ``limit`` paths that reach the best total, in choice order."""
        return list(islice(self._extreme_paths(self.scenario.steps[0].id, best=True), limit))

    def worst_path(self) -> Path:
        return next(self._extreme_paths(self.scenario.steps[0].id, best=False))

    def _extreme_paths(self, node: str, *, best: bool) -> Iterator[Path]:
        if node in self.endings:
            yield ()
            return
        target = self._suffix[node][1 if best else 0]
        for index, choice in enumerate(self.steps[node].choices):
            nxt = self._suffix[choice.next][1 if best else 0]
            if choice_value(choice) + nxt == target:
                for rest in self._extreme_paths(choice.next, best=best):
                    yield (Pick(node, index), *rest)

    def _suffix_extremes(self) -> dict[str, tuple[int, int]]:
        """For each node, the (worst, best) total from it to any ending."""
        result: dict[str, tuple[int, int]] = {e: (0, 0) for e in self.endings}
        for node in reversed(self.order):
            if node in self.endings:
                continue
            options = [(choice_value(c) + result[c.next][0], choice_value(c) + result[c.next][1])
                       for c in self.steps[node].choices]
            result[node] = (min(o[0] for o in options), max(o[1] for o in options))
        return result


MAX_CAP_STATES = 100_000
"""The most (node, total, nets) states :func:`_capped_scores` explores: about a
second. Real scenarios need hundreds; only a huge, heavily branching one gets near."""


def _capped_scores(score: ScenarioScore) -> dict[str, frozenset[int]] | None:
    """Final scores per ending with caps, or None when there are too many states.

    A partial path's state is its total and its net on each capped principle
    (a net can turn negative and back). A net that no rest of the path can
    bring back across zero is clamped, so paths that differ only there merge.
    """
    caps = sorted(score.ceilings)
    spans = {node: [score.principle_spans[p][node] for p in caps] for node in score.order}
    start = score.scenario.steps[0].id
    State = tuple[int, tuple[int, ...]]
    reach: dict[str, set[State]] = {start: {(0, (0,) * len(caps))}}
    budget = MAX_CAP_STATES
    for node in score.order:
        if node not in score.steps:
            continue
        for choice in score.steps[node].choices:
            value = choice_value(choice)
            delta = [choice.effects.get(p, 0) for p in caps]
            span = spans[choice.next]
            into = reach.setdefault(choice.next, set())
            for total, nets in reach.get(node, ()):
                into.add((total + value, tuple(
                    min(max(n + d, -hi - 1), 1 - lo)
                    for n, d, (lo, hi) in zip(nets, delta, span, strict=True))))
            budget -= len(into)
            if budget < 0:
                return None
    result: dict[str, frozenset[int]] = {}
    for ending in score.endings:
        result[ending] = frozenset(
            capped(score.normalise(total), dict(zip(caps, nets, strict=True)), score.ceilings)[0]
            for total, nets in reach.get(ending, ()))
    return result
