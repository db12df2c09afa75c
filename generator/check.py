"""The whole validation pipeline in one call: collect, lint, score.

The CLI's ``check`` and the MkDocs plugin's ``on_config`` both call
:func:`run_check`, so a trainer sees the same messages in both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Diagnostic
from generator.lint import lint
from generator.project import Project, collect
from generator.score import ScenarioScore, analyse


@dataclass
class CheckResult:
    project: Project
    diagnostics: list[Diagnostic]
    scores: dict[str, ScenarioScore] = field(default_factory=dict)
    """Filled only when there are no errors (scoring needs a sound graph)."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def run_check(paths: Iterable[Path], catalogue: Path | None = None) -> CheckResult:
    """Load, validate and lint ``paths``; score the scenarios when nothing is wrong.

    Raises :class:`~generator.errors.UsageError` for a missing path and
    :class:`~generator.errors.ContentError` when the catalogue is unreadable;
    every other problem is returned in ``diagnostics``, sorted by file and line.
    """
    project = collect(paths, catalogue)
    diagnostics = sorted(project.diagnostics + lint(project))
    result = CheckResult(project, diagnostics)
    if not result.errors:
        result.scores = analyse(project.scenarios, project.catalogue)
    return result
