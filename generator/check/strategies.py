"""Surface strategies: ways to play a scenario without understanding it.

A learner who always picks the longest response, or always the first button,
must not reach a good tier. ``check`` warns where one does (see ``cues``) and
the tests play each strategy in the browser to show the player agrees.

Ties go to the choice that comes first in the file, so a strategy is one
fixed path: the player breaks ties the same way (by ``data-choice``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from generator.check.score import Outcome, Path, Pick, ScenarioScore
from generator.model import Choice

Strategy = Callable[[Sequence[Choice]], int]


def _longest(choices: Sequence[Choice]) -> int:
    return max(range(len(choices)), key=lambda i: (len(choices[i].response), -i))


def _shortest(choices: Sequence[Choice]) -> int:
    return min(range(len(choices)), key=lambda i: (len(choices[i].response), i))


STRATEGIES: dict[str, Strategy] = {
    "longest": _longest,
    "shortest": _shortest,
}
"""The strategies ``check`` and ``report`` measure. The player shuffles the
buttons, so always taking the first or last button is a random path there;
:func:`follow` takes any strategy, file order included, for the tests."""

FILE_ORDER: dict[str, Strategy] = {
    "first": lambda choices: 0,
    "last": lambda choices: len(choices) - 1,
}


def follow(score: ScenarioScore, strategy: Strategy) -> Path:
    """The path a learner takes by applying ``strategy`` at every step."""
    node = score.scenario.steps[0].id
    path: list[Pick] = []
    while node in score.steps:
        index = strategy(score.steps[node].choices)
        path.append(Pick(node, index))
        node = score.steps[node].choices[index].next
    return tuple(path)


def surface_outcomes(score: ScenarioScore) -> dict[str, Outcome]:
    """The outcome of each of :data:`STRATEGIES` on one scenario."""
    return {name: score.outcome(follow(score, strategy)) for name, strategy in STRATEGIES.items()}
