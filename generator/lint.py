"""Stage 3: graph and cross-file checks (placeholder, being written)."""

from __future__ import annotations

from generator.errors import Diagnostic
from generator.project import Project


def lint(project: Project) -> list[Diagnostic]:
    return []
