"""Check the translations beside a scenarios folder, and merge the sound ones.

A translation must hold exactly the source's texts: a step, ending or choice it
adds, drops or renames is an error at the defect (an extra key at the key, a
missing one at its parent). A text whose source changed after it was translated
is stale: a warning at the translated field, until a reviewer accepts it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Diagnostic, did_you_mean
from generator.load import Document, Loc, load_file
from generator.load.parse import describe, parse
from generator.load.project import CATALOGUE_NAME, SUFFIXES, Project, display_path
from generator.model import Catalogue, Scenario
from generator.translation import (
    UNREVIEWED,
    CatalogueTranslation,
    ScenarioTranslation,
    TextField,
    fingerprint,
    get,
    merged,
    text_fields,
)


@dataclass
class Language:
    """One language's site: the same ids as the source, translated texts."""

    code: str
    catalogue: Catalogue
    """The translated catalogue, or the source's while it has no sound translation."""
    catalogue_translated: bool = False
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    """Scenario id -> the translated scenario, for each translation without errors."""


@dataclass(frozen=True)
class Source:
    """What a translation file translates: the source model and its document."""

    model: Scenario | Catalogue
    doc: Document


@functools.cache
def material_languages() -> frozenset[str]:
    """The language codes of the installed Material theme (``theme.language``)."""
    try:
        folder = resources.files("material") / "templates" / "partials" / "languages"
        return frozenset(p.name.removesuffix(".html") for p in folder.iterdir()
                         if p.name.endswith(".html"))
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()


def language_folders(folder: Path) -> dict[str, list[Path]]:
    """Language code -> its translation files, for each subfolder holding YAML files."""
    found: dict[str, list[Path]] = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        files = sorted(p for p in sub.iterdir() if p.suffix in SUFFIXES and p.is_file())
        if files:
            found[sub.name] = files
    return found


def source_of(project: Project, path: Path) -> Source | None:
    """The source a translation file translates, by its name; None if there is none."""
    if path.name == CATALOGUE_NAME:
        return Source(project.catalogue, project.catalogue_doc)
    for item in project.files:
        if item.scenario.id == path.stem:
            return Source(item.scenario, item.doc)
    return None


def check_folder(project: Project, folder: Path, only: set[str] | None = None,
                 ) -> tuple[list[Diagnostic], dict[str, Language]]:
    """Check every translation under ``folder`` (or only those of the ids in ``only``)."""
    diagnostics: list[Diagnostic] = []
    languages: dict[str, Language] = {}
    known = material_languages()
    unreadable = {Path(p).stem for p in project.unreadable}
    for code, paths in language_folders(folder).items():
        paths = [p for p in paths if only is None or p.stem in only]
        if not paths:
            continue
        if known and code not in known:
            hint = did_you_mean(code, known) or "name the folder by a code such as sv, nb or da"
            diagnostics.append(Diagnostic(display_path(paths[0]), 1, 1, f"'{code}' is not a "
                                          "language code Material knows", hint))
        language = languages.setdefault(code, Language(code, project.catalogue))
        for path in paths:
            source = source_of(project, path)
            if source is None and path.stem in unreadable:
                continue  # its source's own errors are reported; don't call it missing
            found, model = check_file(path, source, project)
            diagnostics.extend(found)
            if model is None or any(d.severity == "error" for d in found):
                continue
            if isinstance(model, Catalogue):
                language.catalogue, language.catalogue_translated = model, True
            else:
                language.scenarios[model.id] = model
    return diagnostics, languages


def check_file(path: Path, source: Source | None, project: Project,
               ) -> tuple[list[Diagnostic], Scenario | Catalogue | None]:
    """The problems of one translation file, and its merged model when it has no errors."""
    name = display_path(path)
    if source is None:
        ids = [f.scenario.id for f in project.files]
        return [Diagnostic(name, 1, 1, f"there is no scenario '{path.stem}' to translate",
                           did_you_mean(path.stem, ids) or "name the file after the "
                           "scenario it translates, e.g. sv/<id>.yaml")], None
    try:
        doc = load_file(path, name)
        model = CatalogueTranslation if isinstance(source.model, Catalogue) \
            else ScenarioTranslation
        translation = parse(doc, model)
    except ContentError as exc:
        return list(exc.diagnostics), None
    fields = text_fields(source.model)
    found = structure(doc, fields, source.doc.path)
    if found:
        return found, None
    found = stale(doc, fields, source.doc)
    if isinstance(source.model, Catalogue):
        return found, merged(source.model, translation)
    return found, merged(source.model, translation)


def _shape(data: Any, loc: Loc, into: set[Loc]) -> None:
    """Every path of ``data`` down to its translated fields (mappings with a ``text``)."""
    into.add(loc)
    if isinstance(data, dict) and "text" not in data:
        for key, value in data.items():
            _shape(value, (*loc, key), into)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _shape(value, (*loc, i), into)


def structure(doc: Document, fields: list[TextField], source: str) -> list[Diagnostic]:
    """Steps, endings, choices, ... the translation adds or lacks, one message each."""
    wanted = {tloc[:i] for tloc, _, _ in fields for i in range(len(tloc) + 1)}
    have: set[Loc] = set()
    _shape(doc.data, (), have)
    extra = sorted((loc for loc in have - wanted if loc[:-1] in wanted), key=str)
    lacking: dict[Loc, list[Loc]] = {}
    for loc in sorted(wanted - have, key=str):
        if loc[:-1] in have:
            lacking.setdefault(loc[:-1], []).append(loc)
    found = []
    for loc in extra:
        line, col = doc.where(loc, key=True)
        siblings = [str(m[-1]) for m in lacking.get(loc[:-1], [])]
        hint = did_you_mean(str(loc[-1]), siblings) if isinstance(loc[-1], str) else ""
        if hint:  # a renamed id is one defect: don't also report the id it replaced
            meant = hint.split("'")[1]
            lacking[loc[:-1]] = [m for m in lacking[loc[:-1]] if m[-1] != meant]
        found.append(Diagnostic(doc.path, line, col, f"{describe(loc, doc.data)} is not in "
                                f"{source}", hint or "delete it; a translation holds only "
                                "the source's texts"))
    for parent, locs in lacking.items():
        if not locs:
            continue
        line, col = doc.where(parent, key=True)
        names = ", ".join(describe(loc, doc.data) for loc in locs)
        found.append(Diagnostic(doc.path, line, col, f"the translation lacks {names}, "
                                f"which {source} has", "add it with its 'text:' "
                                "and 'source: new', translate it, then run: python -m "
                                f"generator translate accept {doc.path}"))
    return sorted(found)


def stale(doc: Document, fields: list[TextField], source: Document) -> list[Diagnostic]:
    """A warning for each translated text whose source text changed since."""
    found = []
    for tloc, sloc, _ in stale_fields(doc, fields):
        line, col = doc.where(tloc, key=True)
        src_line, _ = source.where(sloc)
        recorded = get(doc.data, (*tloc, "source"))
        why = "is not accepted yet" if recorded == UNREVIEWED else \
            "is stale: its source text changed after it was translated"
        found.append(Diagnostic(
            doc.path, line, col, f"{describe(tloc, doc.data)} {why}",
            f"review it against {source.path}:{src_line}, then run: python -m generator "
            f"translate accept {doc.path}", "warning"))
    return found


def stale_fields(doc: Document, fields: list[TextField]) -> list[TextField]:
    """The fields whose recorded fingerprint is not that of the source's text now."""
    return [(tloc, sloc, text) for tloc, sloc, text in fields
            if get(doc.data, (*tloc, "source")) != fingerprint(text)]
