"""The one error type of the project, and the diagnostics it carries.

Every problem a trainer can cause is a :class:`Diagnostic`: a file, a line, a
column, a message and, where we know it, a hint that tells the fix. The CLI and
the MkDocs plugin print them in the compiler format editors understand::

    scenarios/fridge-swap.yaml:23:7: error: choice 2 of step 'doorstep' names ...
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Literal, Self

Severity = Literal["error", "warning"]


class ExitCode(IntEnum):
    """Exit codes of ``python -m generator`` (the same scheme as click's)."""

    OK = 0
    CONTENT = 1
    USAGE = 2


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place of one file. Lines and columns count from 1."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = "error"

    def format(self) -> str:
        """Render as ``path:line:col: severity: message (hint)``."""
        where = f"{self.path}:{self.line}:{self.column}: " if self.path else ""
        text = f"{where}{self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def as_json(self) -> dict[str, str | int]:
        """The fields editors and CI annotations read (``check --format json``)."""
        return {"path": self.path, "line": self.line, "column": self.column,
                "severity": self.severity, "message": self.message, "hint": self.hint}


class GeneratorError(Exception):
    """Base of the project's errors; carries the diagnostics that caused it."""

    exit_code = ExitCode.CONTENT

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    @classmethod
    def at(
        cls, path: str, line: int, column: int, message: str, hint: str = ""
    ) -> Self:
        """Shortcut for an error with a single diagnostic."""
        return cls([Diagnostic(path, line, column, message, hint)])


class ContentError(GeneratorError):
    """A scenario, the catalogue or a template is wrong: the trainer can fix it."""


class UsageError(GeneratorError):
    """The command line is wrong: a missing path, an id that is not a slug, ..."""

    exit_code = ExitCode.USAGE


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ``did you mean 'x'?`` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    if not close:
        # Trainers often drop a prefix or suffix ('empathy' for 'show-empathy').
        close = sorted(c for c in set(candidates) if word and (word in c or c in word))[:1]
    return f"did you mean '{close[0]}'?" if close else ""
