"""The one walk of a scenario's decision graph, shared by ``lint`` and ``score``.

``lint`` reads from it which steps and endings a run can reach; ``ScenarioScore``
runs its dynamic programmes in its order. ``lint`` builds each score with the
walk it already made, so a scenario's graph is walked once per check.
"""

from __future__ import annotations

from generator.model import Scenario


def walk(scenario: Scenario) -> list[str]:
    """Steps and endings reachable from the first step, parents before children.

    Raises ``ValueError`` on a cycle: callers walk only graphs that ``lint``
    found free of loops and of ``next`` ids that lead nowhere.
    """
    steps = {s.id: s for s in scenario.steps}
    order: list[str] = []
    state: dict[str, int] = {}
    stack: list[tuple[str, int]] = [(scenario.steps[0].id, 0)]
    while stack:  # iterative DFS: a 200-step chain must not hit the recursion limit
        node, index = stack.pop()
        children = [c.next for c in steps[node].choices] if node in steps else []
        if index == 0:
            state[node] = 1
        if index < len(children):
            stack.append((node, index + 1))
            child = children[index]
            if state.get(child) == 1:
                raise ValueError(f"cycle through '{child}'")
            if child not in state:
                stack.append((child, 0))
        else:
            state[node] = 2
            order.append(node)
    order.reverse()
    return order
