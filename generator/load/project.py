"""Collect a project: the catalogue and every scenario file, with their documents.

Problems are gathered, not raised one at a time: a trainer who broke three
files sees three messages in one run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ContentError, Diagnostic, UsageError
from generator.load import Document, load_file
from generator.load.parse import parse
from generator.model import Catalogue, Scenario

CATALOGUE_NAME = "principles.yaml"
SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class ScenarioFile:
    """A scenario with the document it was read from (for positions in messages)."""

    doc: Document
    scenario: Scenario


@dataclass
class Project:
    catalogue_doc: Document
    catalogue: Catalogue
    files: list[ScenarioFile]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    complete: bool = True
    """False when some scenarios are not known: only some files were named, or some
    failed to load. Warnings about unused principles need the whole set."""
    unreadable: list[str] = field(default_factory=list)
    """Files that failed to load or to match the format (their errors are in diagnostics)."""

    @property
    def scenarios(self) -> list[Scenario]:
        return [f.scenario for f in self.files]


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the trainer typed it: relative to the working folder when possible."""
    base = root or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def scenario_paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.suffix in SUFFIXES and p.name != CATALOGUE_NAME and p.is_file())


def collect(paths: Iterable[Path], catalogue_path: Path | None = None) -> Project:
    """Load the catalogue and the scenarios named by ``paths`` (folders or files).

    Raises :class:`UsageError` for a path that does not exist and
    :class:`ContentError` when the catalogue itself cannot be read.
    """
    paths = list(paths)
    files: list[Path] = []
    complete = True
    for path in paths:
        if path.is_dir():
            files.extend(scenario_paths(path))
        elif path.is_file():
            files.append(path)
            complete = False
        else:
            raise UsageError.at(str(path), 1, 1, "no such file or folder")
    if catalogue_path is None:
        first = paths[0] if paths else Path("scenarios")
        catalogue_path = (first if first.is_dir() else first.parent) / CATALOGUE_NAME
    sources = list(dict.fromkeys(p.resolve() for p in files if p.resolve() !=
                                 catalogue_path.resolve()))
    if not catalogue_path.is_file():
        missing = ContentError.at(display_path(catalogue_path), 1, 1,
                                  "the principles catalogue is missing",
                                  "copy scenarios/principles.yaml from the project and adapt it")
        raise _with_files_errors(missing, sources)
    try:
        catalogue_doc = load_file(catalogue_path, display_path(catalogue_path))
        catalogue = parse(catalogue_doc, Catalogue)
    except ContentError as exc:
        raise _with_files_errors(exc, sources) from exc
    project = Project(catalogue_doc, catalogue, [], complete=complete)
    for path in sources:
        try:
            doc = load_file(path, display_path(path))
            project.files.append(ScenarioFile(doc, parse(doc, Scenario)))
        except ContentError as exc:
            project.diagnostics.extend(exc.diagnostics)
            project.unreadable.append(display_path(path))
            # A file that failed to load may train any principle: don't call one unused.
            project.complete = False
    return project


def _with_files_errors(error: ContentError, sources: list[Path]) -> ContentError:
    """``error`` (the catalogue's) plus each file's own format errors.

    Without a catalogue nothing can be linted, but a file's YAML and its keys can
    still be checked: a trainer checking one new file sees all its mistakes at once.
    """
    found = list(error.diagnostics)
    for path in sources:
        try:
            parse(load_file(path, display_path(path)), Scenario)
        except ContentError as exc:
            found.extend(exc.diagnostics)
    return ContentError(found)
