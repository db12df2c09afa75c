"""A scenario's decision graph as a static SVG, plus its Mermaid source.

Material for MkDocs fetches Mermaid from a CDN the moment a page holds a
``.mermaid`` element, and the site promises no third-party request. So the
trainer view draws the graph itself: a layered top-down layout (a node's row is
its longest distance from the start, which the DAG makes well defined), drawn
as an SVG that scales down to a phone. The Mermaid source is shown as plain
text for trainers who want to paste it into their own slides or tools.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.model import Scenario
from generator.score import ScenarioScore

NODE_W, NODE_H, GAP_X, GAP_Y, PAD = 168, 44, 24, 56, 8
LABEL_CHARS = 22


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    number: int
    """The choice's position in its step, from 1, as the learner sees it."""


def edges(scenario: Scenario) -> list[Edge]:
    return [Edge(step.id, choice.next, i + 1)
            for step in scenario.steps for i, choice in enumerate(step.choices)]


def layers(score: ScenarioScore) -> dict[str, int]:
    """Row of each reachable node: its longest distance from the start."""
    row = {score.order[0]: 0} if score.order else {}
    for node in score.order:
        step = score.steps.get(node)
        for choice in step.choices if step else ():
            row[choice.next] = max(row.get(choice.next, 0), row[node] + 1)
    return row


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "\u2026"


def svg(score: ScenarioScore, title: str) -> Markup:
    """The graph as an inline SVG with a title for screen readers."""
    row = layers(score)
    rows: dict[int, list[str]] = {}
    for node in score.order:
        rows.setdefault(row[node], []).append(node)
    width = max((len(r) for r in rows.values()), default=1) * (NODE_W + GAP_X) + 2 * PAD
    height = len(rows) * (NODE_H + GAP_Y) + 2 * PAD
    centre: dict[str, tuple[float, float]] = {}
    for r, nodes in rows.items():
        offset = (width - len(nodes) * (NODE_W + GAP_X)) / 2 + GAP_X / 2
        for i, node in enumerate(nodes):
            centre[node] = (offset + i * (NODE_W + GAP_X) + NODE_W / 2,
                            PAD + r * (NODE_H + GAP_Y) + NODE_H / 2)
    endings = {e.id: e for e in score.scenario.endings}
    parts = [f'<svg class="sc-graph" role="img" viewBox="0 0 {width:.0f} {height:.0f}" '
             f'width="{width:.0f}" height="{height:.0f}" aria-labelledby="graph-title">',
             f'<title id="graph-title">{escape(title)}</title>']
    for edge in edges(score.scenario):
        if edge.source in centre and edge.target in centre:
            (x1, y1), (x2, y2) = centre[edge.source], centre[edge.target]
            y1, y2 = y1 + NODE_H / 2, y2 - NODE_H / 2
            parts.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}"/>')
            parts.append(f'<text class="sc-graph-num" x="{(x1 + x2) / 2:.0f}" '
                         f'y="{(y1 + y2) / 2:.0f}">{edge.number}</text>')
    for node, (x, y) in centre.items():
        label = endings[node].title if node in endings else node
        kind = "sc-graph-end" if node in endings else "sc-graph-step"
        parts.append(f'<g class="{kind}"><title>{escape(label)}</title>'
                     f'<rect x="{x - NODE_W / 2:.0f}" y="{y - NODE_H / 2:.0f}" '
                     f'width="{NODE_W}" height="{NODE_H}" rx="8"/>'
                     f'<text x="{x:.0f}" y="{y:.0f}">{escape(_short(label))}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _mermaid_label(text: str) -> str:
    # Mermaid's own entity syntax; the result is then HTML-escaped by Jinja.
    return text.replace("#", "#35;").replace('"', "#quot;").replace("\n", " ")


def mermaid(scenario: Scenario) -> str:
    """Mermaid flowchart source (plain text; never given the class Material looks for)."""
    lines = ["flowchart TD"]
    for step in scenario.steps:
        lines.append(f'  n_{step.id}["{_mermaid_label(step.id)}"]')
    for ending in scenario.endings:
        lines.append(f'  n_{ending.id}(["{_mermaid_label(ending.title)}"])')
    # The n_ prefix keeps ids such as 'end' clear of Mermaid's keywords.
    lines.extend(f"  n_{e.source} -->|{e.number}| n_{e.target}" for e in edges(scenario))
    return "\n".join(lines)
