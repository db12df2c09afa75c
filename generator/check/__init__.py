"""The whole validation pipeline in one call: collect, lint, score, check translations.

The CLI's ``check`` and the MkDocs plugin's ``on_config`` both call
:func:`run_check`, so a trainer sees the same messages in both.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.check.lint import lint
from generator.check.score import ScenarioScore
from generator.check.translations import Language, check_folder
from generator.errors import Diagnostic
from generator.load.project import Project, collect


@dataclass
class CheckResult:
    project: Project
    diagnostics: list[Diagnostic]
    scores: dict[str, ScenarioScore] = field(default_factory=dict)
    """The scores of every scenario whose file has no error, while the catalogue has
    none (scoring needs a sound graph and sound tiers)."""
    languages: dict[str, Language] = field(default_factory=dict)
    """Language code -> its translated catalogue and scenarios (``scenarios/<code>/``):
    the same ids and graphs as the source, so one site per language renders alike."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def run_check(paths: Iterable[Path], catalogue: Path | None = None) -> CheckResult:
    """Load, validate and lint ``paths``; score every scenario without errors.

    Raises :class:`~generator.errors.UsageError` for a missing path and
    :class:`~generator.errors.ContentError` when the catalogue is unreadable;
    every other problem is returned in ``diagnostics``, sorted by file and line.
    """
    paths = list(paths)
    with gc_paused():
        project = collect(paths, catalogue)
        linted = lint(project)
        found, languages = _translations(project, paths)
        result = CheckResult(project, sorted(project.diagnostics + linted.diagnostics + found),
                             languages=languages)
        broken = {d.path for d in result.errors}
        if project.catalogue_doc.path not in broken:
            # One broken file must not hide the score ranges of the others. A file
            # without errors has a sound graph, so lint has scored it already.
            result.scores = {f.scenario.id: linted.scores[f.doc.path]
                             for f in project.files if f.doc.path not in broken}
    return result


def _translations(project: Project, paths: list[Path]) -> tuple[list[Diagnostic],
                                                                 dict[str, Language]]:
    """The translations of the checked scenarios: a folder's all, a named file's own."""
    found: list[Diagnostic] = []
    languages: dict[str, Language] = {}
    named: dict[Path, set[str]] = {}
    for path in paths:
        if path.is_file():
            named.setdefault(path.parent, set()).add(path.stem)
    folders: list[tuple[Path, set[str] | None]] = [(p, None) for p in paths if p.is_dir()]
    for folder, only in [*folders, *named.items()]:
        diagnostics, by_code = check_folder(project, folder, only)
        found.extend(diagnostics)
        for code, language in by_code.items():
            mine = languages.setdefault(code, language)
            if mine is not language:
                mine.scenarios.update(language.scenarios)
    return found, languages


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, restoring its previous state afterwards.

    Loading keeps every YAML node and position alive, and nothing it builds is a
    cycle that needs collecting, so the collector's rescans of that growing heap
    are pure cost: about 40 % of checking 1,000 scenarios.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
