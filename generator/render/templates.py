"""The packaged templates, a project's overrides of them, and a template's own mistakes.

Templates, interface strings, the player's JS and CSS, the offline files and the
Material overrides ship inside the package as ``generator.site_templates`` (in this
repository the folder ``site_templates/`` at its root, mapped into the package by
``package-dir`` in pyproject.toml). A project may name a folder of overrides (the
plugin's ``templates:`` option): a file there replaces the packaged file of the
same relative path, and every other file still comes from the package, so an
organisation copies only what it changes and keeps every later fix of the rest.
The interface strings are the exception: an override catalogue
(``strings/<language>.json``, or ``strings.json`` for English) holds only the
keys it changes and is merged into the packaged one key by key (a copy of the
whole file would freeze every string, and a new string in a later release
would then be missing); see :mod:`generator.render.catalogue`.

A template's mistake (a Jinja syntax error, an undefined name, ...) is reported
as a diagnostic at ``path:line`` of the template, like any content error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, TemplateError, TemplateSyntaxError

from generator.errors import ContentError, Diagnostic, did_you_mean
from generator.load.project import display_path
from generator.render.catalogue import (
    CATALOGUES,
    LEGACY_OVERRIDE,
    SOURCE_LANGUAGE,
    Catalogue,
    Strings,
    catalogue_name,
    load_catalogue,
    material_languages,
    read_catalogue,
    unknown_strings,
)

PACKAGE = "generator.site_templates"
STRINGS_FILE = catalogue_name(SOURCE_LANGUAGE)
"""The English catalogue: every packaged folder has it."""
NOT_TEMPLATES = ("__init__.py", "__pycache__")
"""What makes the folder a package; never a file a project overrides."""

__all__ = ["Strings", "Templates", "check_overrides", "packaged_folder", "render_template"]


def packaged_folder() -> Path:
    """The folder of the shipped templates.

    A source checkout (or an editable install of one) has ``site_templates/``
    beside ``generator/``: that folder wins, so a checkout always renders with
    its own templates even when another install of the package is importable.
    Otherwise it is the installed package's data, found by importlib.
    """
    source = Path(__file__).resolve().parents[2] / "site_templates"
    if (source / STRINGS_FILE).is_file():
        return source
    try:
        found = files(PACKAGE)
    except ModuleNotFoundError as exc:
        raise ContentError.at(PACKAGE, 1, 1, "the packaged templates are missing",
                              "reinstall the package service-scenarios") from exc
    if not isinstance(found, Path):  # Jinja and the offline files need real files
        raise ContentError.at(str(found), 1, 1, "the packaged templates are not in a folder",
                              "install the package unzipped (pip does)")
    return found


@dataclass(frozen=True)
class Templates:
    """Where each template file comes from: the overrides folder first, then the package."""

    overrides: Path | None = None
    packaged: Path = field(default_factory=packaged_folder)

    @property
    def folders(self) -> list[Path]:
        """The folders to look in, in order."""
        return list(dict.fromkeys([*([self.overrides] if self.overrides else []),
                                   self.packaged]))

    def path(self, name: str) -> Path:
        """The file ``name`` (relative, ``/``-separated): the override if there is one."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        return self.packaged / name

    def loader(self) -> FileSystemLoader:
        """One loader for the one environment: a template not overridden falls back."""
        return FileSystemLoader([str(f) for f in self.folders])

    def strings(self, language: str = SOURCE_LANGUAGE) -> Strings:
        """The interface strings of ``language``: the packaged catalogue, then the
        override's keys over it, English where the language has none."""
        return self.catalogue(language).strings

    def catalogue(self, language: str = SOURCE_LANGUAGE) -> Catalogue:
        """:meth:`strings` with the warnings for the strings that fell back to English."""
        return load_catalogue(self.folders, language)

    def theme_folders(self) -> list[Path]:
        """Folders of Material overrides (``main.html``, ``partials/``), in order: the
        project's ``overrides/`` among its overrides, if any, then the packaged one.
        A builder puts them after the project's own ``custom_dir``, before the theme."""
        return [f / THEME_OVERRIDES for f in self.folders if (f / THEME_OVERRIDES).is_dir()]


CATALOGUE_PREFIX = f"{CATALOGUES}/"
THEME_OVERRIDES = "overrides"
"""Folder of the Material theme overrides among the templates."""


def packaged_names(packaged: Path) -> list[str]:
    """Every file a project can override, as a relative ``/``-separated path."""
    return sorted(p.relative_to(packaged).as_posix() for p in packaged.rglob("*")
                  if p.is_file() and not any(part in NOT_TEMPLATES for part in p.parts))


def check_overrides(overrides: Path, packaged: Path | None = None) -> list[Diagnostic]:
    """Warnings for files of ``overrides`` that override nothing: a misspelt name
    would otherwise be ignored without a word. Keys of an override catalogue
    are checked the same way, against the English one; a catalogue of a language
    Material knows is a new language, not a misspelt file."""
    packaged = packaged or packaged_folder()
    if overrides.resolve() == packaged.resolve():
        return []
    known = packaged_names(packaged)
    catalogues = {LEGACY_OVERRIDE, *(catalogue_name(code) for code in material_languages())}
    found: list[Diagnostic] = []
    for file in sorted(p for p in overrides.rglob("*") if p.is_file()):
        name = file.relative_to(overrides).as_posix()
        if name.startswith(".") or "/." in name or set(Path(name).parts) & set(NOT_TEMPLATES):
            continue  # editor and system files (.DS_Store, .swp), a copy's __init__.py
        if name in catalogues or (name in known and name.startswith(CATALOGUE_PREFIX)):
            found += unknown_strings(file, read_catalogue(packaged / STRINGS_FILE))
        elif name not in known:
            found.append(Diagnostic(display_path(file), 1, 1, f"'{name}' overrides no packaged "
                                    "template: it is not used", did_you_mean(name, known),
                                    severity="warning"))
    return found


# What a template's own code can raise besides Jinja's errors: ``{{ 1 / 0 }}``,
# ``{{ "a" + 1 }}``, ``{{ x["missing"] }}`` with a plain dict, a filter given a bad value.
TEMPLATE_FAULTS = (TemplateError, ArithmeticError, LookupError, TypeError, ValueError)


def render_template(env: Environment, name: str, /, **context: Any) -> str:
    """``env.get_template(name).render(**context)``; a mistake in a template raises
    :class:`ContentError` at its line, not a traceback."""
    try:
        return env.get_template(name).render(**context)
    except TEMPLATE_FAULTS as exc:
        diagnostic = template_diagnostic(exc)
        if diagnostic is None:  # not the template's fault: a bug of ours, with its traceback
            raise
        raise ContentError([diagnostic]) from None


def template_diagnostic(exc: BaseException) -> Diagnostic | None:
    """Where in which template ``exc`` happened, as a diagnostic; None if in no template.

    A syntax error knows its file and line. For an error while rendering, Jinja
    rewrites the traceback so that each template's frame has the template's file
    name and line (its globals hold ``__jinja_exception__``): the innermost one is
    where the mistake is.
    """
    message = exc.message if isinstance(exc, TemplateError) and exc.message else (
        f"{type(exc).__name__}: {exc}")
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return _at(exc.filename, exc.lineno, message)
    where = None
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        if "__jinja_exception__" in frame.f_globals:
            where = (frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return _at(*where, message) if where else None


def _at(path: str, line: int, message: str) -> Diagnostic:
    try:
        packaged = Path(path).resolve().is_relative_to(packaged_folder().resolve())
    except ContentError:
        packaged = False
    hint = "" if packaged else ("fix it, or remove it from the overrides folder to use the "
                                "packaged template")
    return Diagnostic(display_path(Path(path)), max(line, 1), 1, f"template: {message}", hint)


_COMMENT_LINES = re.compile(r"^[ \t]*/\*(?:(?!\*/).)*\*/[ \t]*\n", re.MULTILINE | re.DOTALL)


def without_comment_lines(source: str) -> str:
    """A script or stylesheet without the comments that stand alone on their lines: the
    source explains itself, a learner's phone downloads none of it. A comment beside
    code stays (the build's marker ``/*sc-build*/`` is one)."""
    return _COMMENT_LINES.sub("", source)
