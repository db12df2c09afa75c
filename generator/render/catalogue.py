"""The interface strings: one catalogue per language, plural forms, and the fallback.

The packaged catalogues are ``strings/<language>.json`` among the templates
(:mod:`generator.render.templates`): sections of keys, each value a text with
named placeholders (``"Step {n}"``) or, where a number decides the wording, a
plural entry ``{"one": "{n} scenario", "other": "{n} scenarios"}``.

English is the source: every other catalogue is read over it key by key, so
a string missing in one language shows in English (never an empty button)
and the build warns at the catalogue's line. A project's overrides folder may
hold ``strings/<language>.json`` too (or ``strings.json``, the older name of
``strings/en.json``): it holds only the keys it changes and is read over the
packaged catalogue of the same language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.check import translations
from generator.errors import ContentError, Diagnostic, did_you_mean
from generator.load.project import display_path

SOURCE_LANGUAGE = "en"
SHIPPED = ("en", "sv", "nb", "da")
"""The languages whose catalogues ship with the package."""
CATALOGUES = "strings"
"""Folder of the catalogues among the templates."""
LEGACY_OVERRIDE = "strings.json"
"""What an overrides folder may still call ``strings/en.json`` (the name before languages)."""
PLURAL_FORMS = ("one", "other")
"""English, Swedish, Norwegian and Danish have two forms: one for 1, other for the rest."""

Entry = str | dict[str, str]
"""A text, or a plural entry keyed by the forms of :data:`PLURAL_FORMS`."""
Strings = dict[str, dict[str, Entry]]


def catalogue_name(language: str) -> str:
    """The catalogue's path among the templates: ``strings/sv.json``."""
    return f"{CATALOGUES}/{language}.json"


def plural_form(n: int) -> str:
    """The form a count takes; the rule of every shipped language (CLDR: one if n is 1)."""
    return "one" if n == 1 else "other"


def plural(entry: Entry, n: int) -> str:
    """The wording of ``entry`` for the count ``n`` (a plain text is the same for all)."""
    if isinstance(entry, str):
        return entry
    return entry.get(plural_form(n), entry["other"])


def text(entry: Entry) -> str:
    """A plain text entry; a plural entry gives its ``other`` form (a count is unknown)."""
    return entry if isinstance(entry, str) else entry["other"]


def read_catalogue(path: Path) -> Strings:
    """One catalogue file; a value that is neither a text nor a plural entry is an error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ContentError.at(str(path), 1, 1, f"cannot read the interface strings: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ContentError.at(str(path), 1, 1, "expected sections of strings, like "
                              '{"page": {"home_title": "..."}}')
    found: Strings = {}
    for name, section in data.items():
        found[str(name)] = {str(key): _entry(value, path, f"{name}.{key}")
                            for key, value in section.items()}
    return found


def _entry(value: object, path: Path, key: str) -> Entry:
    if isinstance(value, dict):
        if "other" not in value or set(value) - set(PLURAL_FORMS):
            raise ContentError.at(str(path), _line_of(path, key.rsplit(".", 1)[-1]), 1,
                                  f"'{key}': a plural entry has the forms 'one' and 'other'",
                                  '{"one": "{n} scenario", "other": "{n} scenarios"}')
        return {str(form): str(words) for form, words in value.items()}
    return str(value)


@dataclass
class Catalogue:
    """The strings of one language, English where it has none, and what is missing."""

    strings: Strings
    warnings: list[Diagnostic] = field(default_factory=list)


def load_catalogue(folders: list[Path], language: str) -> Catalogue:
    """The strings for ``language`` from ``folders`` (overrides first, the package last).

    English is read first, over it each folder's catalogue of the language, the
    package's before the overrides'. A key the language lacks keeps the English
    text, with a warning at the language's catalogue.
    """
    source = _layers(folders, SOURCE_LANGUAGE)
    if not source:
        raise ContentError.at(str(folders[-1] / catalogue_name(SOURCE_LANGUAGE)), 1, 1,
                              "the English interface strings are missing",
                              "reinstall the package service-scenarios")
    strings = _merged(read_catalogue(p) for p in source)
    if language == SOURCE_LANGUAGE:
        return Catalogue(strings)
    layers = _layers(folders, language)
    if not layers:
        where = folders[0] / catalogue_name(language)
        return Catalogue(strings, [Diagnostic(
            display_path(where), 1, 1, f"no interface strings for '{language}': the pages "
            "use English", f"write {catalogue_name(language)} in the templates folder, or "
            f"use one of {', '.join(SHIPPED)}", severity="warning")])
    mine = _merged(read_catalogue(p) for p in layers)
    warnings = []
    for name, section in strings.items():
        for key in section:
            if key in mine.get(name, {}):
                section[key] = mine[name][key]
            else:
                warnings.append(Diagnostic(
                    display_path(layers[-1]), _line_of(layers[-1], name), 1,
                    f"'{language}' has no string '{name}.{key}': it shows in English",
                    f"add \"{key}\" to the section \"{name}\"", severity="warning"))
    return Catalogue(strings, warnings)


def _layers(folders: list[Path], language: str) -> list[Path]:
    """The files of ``language``'s catalogue, the package's first and the overrides' last."""
    names = [catalogue_name(language)]
    if language == SOURCE_LANGUAGE:
        names.append(LEGACY_OVERRIDE)
    return [folder / name for folder in reversed(folders) for name in names
            if (folder / name).is_file()]


def _merged(catalogues: Iterable[Strings]) -> Strings:
    merged: Strings = {}
    for catalogue in catalogues:
        for name, section in catalogue.items():
            merged.setdefault(name, {}).update(section)
    return merged


def _line_of(path: Path, key: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((n for n, line in enumerate(lines, 1) if f'"{key}"' in line), 1)


def unknown_strings(file: Path, source: Strings) -> list[Diagnostic]:
    """Warnings for sections and keys of an override catalogue the English one lacks:
    a misspelt key would otherwise change nothing without a word."""
    try:
        mine = read_catalogue(file)
    except ContentError:
        return []  # reported as an error when the strings are read
    where = display_path(file)
    found = []
    for name, values in mine.items():
        known = source.get(name)
        if known is None:
            found.append(Diagnostic(where, _line_of(file, name), 1, f"unknown section "
                                    f"'{name}'", did_you_mean(name, source), severity="warning"))
            continue
        found += [Diagnostic(where, _line_of(file, key), 1, f"unknown string '{name}.{key}'",
                             did_you_mean(key, known), severity="warning")
                  for key in values if key not in known]
    return found


def material_languages() -> list[str]:
    """The language codes Material for MkDocs has translations for, sorted; the check
    of translated scenarios knows the same ones."""
    return sorted(translations.material_languages())


def check_language(language: str, config_file: Path | None) -> Diagnostic | None:
    """An error when Material does not know ``language``, at its line in ``config_file``
    (mkdocs.yml), with the known codes; None when it is fine."""
    known = material_languages() or list(SHIPPED)
    if language in known:
        return None
    line, column = 1, 1
    if config_file is not None:
        try:
            lines = config_file.read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        code = re.compile(rf"(?<![\w-]){re.escape(language)}(?![\w-])")
        for n, content in enumerate(lines, 1):
            key = content.lstrip().startswith(("language:", "languages:", "- "))
            if key and (found := code.search(content, content.find(":") + 1)):
                line, column = n, found.start() + 1  # language: xx, languages: [xx], - xx
                break
    where = display_path(config_file) if config_file else "mkdocs.yml"
    return Diagnostic(where, line, column, f"unknown language '{language}'", "; ".join(
        h for h in (_suggest(language, known), f"Material knows {', '.join(known)}") if h))


COUNTRIES = {"dk": "da", "se": "sv", "no": "nb", "gb": "en", "us": "en"}
"""Country codes written for the language (Denmark's ``dk`` for Danish ``da``): close
in meaning, far in spelling, so the did-you-mean of the letters would miss them."""


def _suggest(language: str, known: list[str]) -> str:
    base = language.replace("_", "-").split("-")[0].lower()  # sv-SE, sv_SE -> sv
    guess = COUNTRIES.get(base, base)
    if guess in known:
        return f"did you mean '{guess}'?"
    return did_you_mean(language, known)


def site_language(option: str | None, theme: str | None, config_file: Path | None) -> str:
    """The site's language: the plugin's ``language`` option, else the theme's, else
    English; a code Material does not know raises :class:`ContentError` at its line."""
    language = option or theme or SOURCE_LANGUAGE
    problem = check_language(language, config_file)
    if problem is not None:
        raise ContentError([problem])
    return language
