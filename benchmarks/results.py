"""What one run of :mod:`benchmarks.run` found, the goals, and the formatting RESULTS.md shares."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.census import Census, Weight
from benchmarks.lighthouse import Audit
from benchmarks.measure import Run

BUILD_RATIO = 1.15
LINEAR_SLACK = 1.25
"""Linear: the cost of one more scenario at the largest sizes is at most this
multiple of its cost at the smallest (and no worse, relatively, than plain's)."""
CHECK_SHARE = 0.05
ASSET_BYTES = 10_000
PAGE_RATIO = 2.0
SCORES = {"performance": 95, "accessibility": 100, "best-practices": 100}
BUILDS = ("learner", "trainer")
"""Our two builds: ``mkdocs.yml`` and ``mkdocs-trainers.yml`` (see :mod:`benchmarks.sites`)."""
KINDS = tuple(f"{site}-{build}" for build in BUILDS for site in ("ours", "plain"))
"""The four sites built: each build of ours, and the plain site of its words."""


@dataclass(frozen=True)
class PluginWork:
    """Our plugin's own work at one size, timed once in the benchmark's process."""

    check: float
    """The check, the same for both builds."""
    render: dict[str, float]
    """Build name -> seconds to render its pages."""


@dataclass
class SizeResult:
    n: int
    best: dict[str, Run]
    runs: dict[str, list[Run]]
    census: dict[str, Census]
    plugin: PluginWork
    load: str

    def ratio(self, build: str = "learner") -> float:
        """Build time of our ``build`` over that of the plain site of its words."""
        return self.best[f"ours-{build}"].seconds / self.best[f"plain-{build}"].seconds


@dataclass(frozen=True)
class Weights:
    """Page weight of the real project's learner build."""

    assets: dict[str, Weight]
    pages: dict[str, tuple[Weight, Weight]]
    """Real scenario id -> (our player page, the plain page of the same words)."""
    scenario: str
    """The page Lighthouse audits (the largest player page)."""
    material: dict[str, Weight]
    """Material's own CSS and JS, for scale."""


@dataclass
class Results:
    sizes: list[SizeResult]
    weights: Weights
    audits: dict[str, dict[str, Audit]]
    lighthouse_runs: int
    started: float
    seconds: float
    load_start: str
    load_end: str
    command: str
    startup: float = 0.0
    """Seconds for ``python -c 'import generator.check'``: the floor of any check."""


def table(head: list[str], rows: list[list[str]], numbers: bool = True) -> str:
    """A Markdown table; figures (every column but the first) align right."""
    align = ["---"] + ["--:" if numbers else "---"] * (len(head) - 1)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def n(value: int) -> str:
    return f"{value:,}"


def kb(value: int) -> str:
    return f"{value / 1000:.1f} KB"


def mb(w: Weight) -> str:
    return f"{w.raw / 1e6:.2f} ({w.gzipped / 1e6:.2f})"


def marginal(before: SizeResult, after: SizeResult, kind: str) -> float:
    """Milliseconds that one more scenario costs between two sizes."""
    return 1000 * (after.best[kind].seconds - before.best[kind].seconds) / (after.n - before.n)
