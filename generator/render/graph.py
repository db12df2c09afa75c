"""A scenario's decision graph as a static SVG, plus its Mermaid source.

Material for MkDocs fetches Mermaid from a CDN the moment a page holds a
``.mermaid`` element, and the site promises no third-party request. So the
trainer view draws the graph itself: a layered top-down layout (a node's row is
its longest distance from the start, which the DAG makes well defined), drawn
as an SVG that scales down to a phone. The Mermaid source is shown as plain
text for trainers who want to paste it into their own slides or tools.

What a trainer reads off it: each step by its number and the first words of
its situation, each ending by its whole title (wrapped, never cut), and every
choice as its own arrow, numbered as on the page and coloured (and dashed) by
its net effect. Arrows leave a step at their own point along its bottom edge
and enter their target at their own point along its top, so two choices that
lead to the same place stay apart. The legend is in ``trainer.md.j2``.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.check.score import ScenarioScore
from generator.model import Scenario

NODE_W, GAP_X, GAP_Y, PAD = 184, 28, 64, 8
LINE_H, NODE_PAD = 18, 10
LINE_CHARS = 22
"""About as many characters as fit a line of a node at 14 px."""
STEP_LINES = 3
"""A step shows its number and the first words of its situation, on at most this many lines."""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    number: int
    """The choice's position in its step, from 1, as the learner sees it."""
    net: int
    """The sum of the choice's effects."""
    response: str = ""

    @property
    def kind(self) -> str:
        return "up" if self.net > 0 else "down" if self.net < 0 else "zero"


def edges(scenario: Scenario) -> list[Edge]:
    return [Edge(step.id, choice.next, i + 1, sum(choice.effects.values()), choice.response)
            for step in scenario.steps for i, choice in enumerate(step.choices)]


def layers(score: ScenarioScore) -> dict[str, int]:
    """Row of each reachable node: its longest distance from the start."""
    row = {score.order[0]: 0} if score.order else {}
    for node in score.order:
        step = score.steps.get(node)
        for choice in step.choices if step else ():
            row[choice.next] = max(row.get(choice.next, 0), row[node] + 1)
    return row


_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]")


def plain(markdown: str) -> str:
    """Markdown as the words a reader sees: no emphasis marks, links as their text."""
    return " ".join(_MARKUP.sub(lambda m: m[1] or "", markdown).split())


def first_words(text: str, lines: int, width: int = LINE_CHARS) -> list[str]:
    """``text`` wrapped to ``width``; cut after ``lines`` lines, with an ellipsis."""
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) <= lines:
        return wrapped
    kept = wrapped[:lines]
    last = kept[-1]
    kept[-1] = (last if len(last) < width else last.rsplit(" ", 1)[0]) + "\u2026"
    return kept


def node_lines(score: ScenarioScore) -> dict[str, list[str]]:
    """The text of every node: steps by number and first words, endings in full."""
    found: dict[str, list[str]] = {}
    for n, step in enumerate(score.scenario.steps, 1):
        found[step.id] = first_words(f"{n}. {plain(step.situation)}", STEP_LINES)
    for ending in score.scenario.endings:
        found[ending.id] = textwrap.wrap(ending.title, LINE_CHARS) or [""]
    return found


def _order_rows(score: ScenarioScore, row: dict[str, int]) -> dict[int, list[str]]:
    """Nodes per row; each row sorted by the mean place of its parents (fewer crossings)."""
    rows: dict[int, list[str]] = {}
    for node in score.order:
        if node in row:
            rows.setdefault(row[node], []).append(node)
    parents: dict[str, list[str]] = {}
    for edge in edges(score.scenario):
        parents.setdefault(edge.target, []).append(edge.source)
    place: dict[str, float] = {}
    for r in sorted(rows):
        if r:
            rows[r].sort(key=lambda n: sum(place.get(p, 0) for p in parents.get(n, []))
                         / max(len(parents.get(n, [])), 1))
        place.update({n: i - (len(rows[r]) - 1) / 2 for i, n in enumerate(rows[r])})
    return rows


def _ports(count: int, x: float) -> list[float]:
    return [x - NODE_W / 2 + NODE_W * (i + 1) / (count + 1) for i in range(count)]


def svg(score: ScenarioScore, title: str) -> Markup:
    """The graph as an inline SVG with a title for screen readers."""
    rows = _order_rows(score, layers(score))
    texts = node_lines(score)
    height_of = {n: 2 * NODE_PAD + LINE_H * len(texts[n]) for r in rows.values() for n in r}
    row_h = {r: max(height_of[n] for n in nodes) for r, nodes in rows.items()}
    width = max((len(r) for r in rows.values()), default=1) * (NODE_W + GAP_X) + 2 * PAD
    top, y = {}, float(PAD + 16)
    for r in sorted(rows):
        top[r] = y
        y += row_h[r] + GAP_Y
    height = y - GAP_Y + PAD
    box: dict[str, tuple[float, float, float]] = {}  # centre x, top y, height
    for r, nodes in rows.items():
        offset = (width - len(nodes) * (NODE_W + GAP_X)) / 2 + GAP_X / 2
        for i, node in enumerate(nodes):
            box[node] = (offset + i * (NODE_W + GAP_X) + NODE_W / 2,
                         top[r] + (row_h[r] - height_of[node]) / 2, height_of[node])
    endings = {e.id for e in score.scenario.endings}
    parts = [f'<svg class="sc-graph" role="img" viewBox="0 0 {width:.0f} {height:.0f}" '
             f'width="{width:.0f}" height="{height:.0f}" aria-labelledby="graph-title">',
             f'<title id="graph-title">{escape(title)}</title>', _markers()]
    parts += _edges(score, box)
    for node, (x, y0, h) in box.items():
        kind = "sc-graph-end" if node in endings else "sc-graph-step"
        full = " ".join(texts[node]) if node in endings else plain(_situation(score, node))
        lines = "".join(f'<tspan x="{x:.0f}" y="{y0 + NODE_PAD + LINE_H * (i + .5):.0f}">'
                        f"{escape(line)}</tspan>" for i, line in enumerate(texts[node]))
        parts.append(f'<g class="{kind}"><title>{escape(full)}</title>'
                     f'<rect x="{x - NODE_W / 2:.0f}" y="{y0:.0f}" width="{NODE_W}" '
                     f'height="{h:.0f}" rx="{h / 2 if node in endings else 6:.0f}"/>'
                     f"<text>{lines}</text></g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _situation(score: ScenarioScore, node: str) -> str:
    step = score.steps.get(node)
    return step.situation if step else node


def _edges(score: ScenarioScore, box: dict[str, tuple[float, float, float]]) -> list[str]:
    """Every choice's arrow: from its own port on the source to its own port on the target."""
    drawn = [e for e in edges(score.scenario) if e.source in box and e.target in box]
    out_port: dict[Edge, float] = {}
    for source in {e.source for e in drawn}:  # leftmost target, leftmost port: no crossing
        mine = sorted((e for e in drawn if e.source == source),
                      key=lambda e: (box[e.target][0], e.number))
        out_port.update(zip(mine, _ports(len(mine), box[source][0]), strict=True))
    in_port: dict[Edge, float] = {}
    for target in {e.target for e in drawn}:
        mine = sorted((e for e in drawn if e.target == target),
                      key=lambda e: (out_port[e], e.number))
        in_port.update(zip(mine, _ports(len(mine), box[target][0]), strict=True))
    parts, labels = [], []
    for e in drawn:
        x1, y1 = out_port[e], box[e.source][1] + box[e.source][2]
        x2, y2 = in_port[e], box[e.target][1] - 6
        bend = max((y2 - y1) / 2, 24)
        lx, ly = x1, y1 + 13  # on the arrow where it leaves, ports apart: never overlapping
        tip = f"{e.number}: {e.response} ({e.net:+d})"
        parts.append(f'<g class="sc-edge sc-edge-{e.kind}"><title>{escape(tip)}</title>'
                     f'<path d="M{x1:.0f},{y1:.0f} C{x1:.0f},{y1 + bend:.0f} '
                     f'{x2:.0f},{y2 - bend:.0f} {x2:.0f},{y2:.0f}" '
                     f'marker-end="url(#sc-arrow-{e.kind})"/></g>')
        labels.append(f'<g class="sc-edge-num sc-edge-{e.kind}"><circle cx="{lx:.0f}" '
                      f'cy="{ly:.0f}" r="10"/><text x="{lx:.0f}" y="{ly:.0f}">{e.number}'
                      "</text></g>")
    return parts + labels  # numbers on top of every line


def _markers() -> str:
    return "<defs>" + "".join(
        f'<marker id="sc-arrow-{kind}" class="sc-edge-{kind}" viewBox="0 0 10 10" refX="9" '
        'refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z"/></marker>' for kind in ("up", "down", "zero")) + "</defs>"


def _mermaid_label(text: str) -> str:
    # Mermaid's own entity syntax; the result is then HTML-escaped by Jinja.
    return text.replace("#", "#35;").replace('"', "#quot;").replace("\n", " ")


def mermaid(scenario: Scenario) -> str:
    """Mermaid flowchart source (plain text; never given the class Material looks for)."""
    lines = ["flowchart TD"]
    for n, step in enumerate(scenario.steps, 1):
        label = " ".join(first_words(f"{n}. {plain(step.situation)}", STEP_LINES))
        lines.append(f'  n_{step.id}["{_mermaid_label(label)}"]')
    for ending in scenario.endings:
        lines.append(f'  n_{ending.id}(["{_mermaid_label(ending.title)}"])')
    # The n_ prefix keeps ids such as 'end' clear of Mermaid's keywords.
    lines.extend(f"  n_{e.source} -->|{e.number}| n_{e.target}" for e in edges(scenario))
    return "\n".join(lines)
