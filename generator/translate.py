"""``python -m generator translate new|accept``: start a translation, accept a review.

``new`` writes every text of a scenario (or of the catalogue) with its source
text to replace and that text's fingerprint; ``accept`` records the current
source's fingerprints in a translation a reviewer has brought up to date. Both
edit only the one file they name and never replace one without saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.check.translations import check_file, material_languages, source_of, stale_fields
from generator.errors import ContentError, UsageError, did_you_mean
from generator.load import load_file
from generator.load.parse import describe
from generator.load.project import CATALOGUE_NAME, collect, display_path
from generator.translation import fingerprint, skeleton, text_fields

CATALOGUE_ID = CATALOGUE_NAME.removesuffix(".yaml")
_HEADER = """\
# yaml-language-server: $schema=../../schema/{schema}.schema.json
# A translation of {source}: replace every 'text:' with the translation and
# leave each 'source:' as it is (the fingerprint of the source text it translates).
"""


class _Dumper(yaml.SafeDumper):
    """Writes text with line breaks as a literal block, as a trainer would type it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def new_translation(folder: Path, ident: str, language: str) -> Path:
    """Write ``folder/<language>/<ident>.yaml`` from the source; refuse to replace one."""
    known = material_languages()
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", language) or \
            (known and language not in known):
        raise UsageError.at("", 0, 0, f"'{language}' is not a language code Material knows",
                            did_you_mean(language, known) or "use a code such as sv, nb or da")
    if not folder.is_dir():
        raise UsageError.at(str(folder), 0, 0, "no such folder",
                            "name the scenarios' folder with --folder")
    project = collect([folder])
    name = f"{ident}.yaml"
    source = source_of(project, folder / language / name)
    if source is None:
        broken = [d for d in project.diagnostics if Path(d.path).stem == ident]
        if broken:  # the source exists but does not load: its errors say why
            raise ContentError(broken)
        ids = [f.scenario.id for f in project.files] + [CATALOGUE_ID]
        raise UsageError.at("", 0, 0, f"there is no scenario '{ident}' to translate",
                            did_you_mean(ident, ids))
    target = folder / language / name
    if target.exists():
        raise UsageError.at(display_path(target), 0, 0, "the translation already exists; "
                            "not replacing it", "after reviewing it, record the source's "
                            f"fingerprints with: python -m generator translate accept {target}")
    schema = "catalogue-translation" if ident == CATALOGUE_ID else "translation"
    header = _HEADER.format(schema=schema, source=f"../{name}")
    body = yaml.dump(skeleton(source.model), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=100)
    target.parent.mkdir(exist_ok=True)
    target.write_text(header + body, encoding="utf-8")
    return target


@dataclass(frozen=True)
class Accepted:
    path: str
    fields: list[tuple[int, int, str]]
    """Line, column and name of each field whose fingerprint was updated."""


def accept(path: Path) -> Accepted:
    """Record the source's current fingerprints for the stale fields of ``path``.

    Refuses (with the errors) a translation whose structure differs from the source:
    accepting it would record a review that cannot have happened.
    """
    if not path.is_file():
        raise UsageError.at(str(path), 0, 0, "no such file")
    project = collect([path.resolve().parent.parent])
    source = source_of(project, path)
    found, _ = check_file(path, source, project)
    errors = [d for d in found if d.severity == "error"]
    if errors or source is None:
        raise ContentError(errors)
    doc = load_file(path, display_path(path))
    raw = path.read_bytes()
    newline = "\r\n" if b"\r\n" in raw else "\n"
    lines = raw.decode("utf-8").replace("\r\n", "\n").split("\n")
    done = []
    for tloc, _, text in stale_fields(doc, text_fields(source.model)):
        line, col = doc.values[(*tloc, "source")]
        recorded: Any = doc.data
        for key in (*tloc, "source"):
            recorded = recorded[key]
        # Replace only the fingerprint's characters: comments and layout stay as written.
        row = lines[line - 1]
        start = row.index(str(recorded), col - 1)
        new = fingerprint(text)
        if new.isdigit() and row[start - 1] not in "'\"":
            new = f'"{new}"'  # eight digits alone would read as a number
        lines[line - 1] = row[:start] + new + row[start + len(str(recorded)):]
        key_line, key_col = doc.where(tloc, key=True)
        done.append((key_line, key_col, describe(tloc, doc.data)))
    if done:
        path.write_bytes(newline.join(lines).encode("utf-8"))
    return Accepted(doc.path, done)
