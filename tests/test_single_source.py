"""Page paths, titles, audiences and interface strings are each written in one place."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import generator.model
from generator.model import AUDIENCES
from generator.render.paths import TITLE_KEYS, Paths
from generator.render.templates import Templates, packaged_folder

DEFAULT_TEMPLATES = packaged_folder()
TEMPLATES = sorted(DEFAULT_TEMPLATES.glob("*.j2"))
PYTHON = sorted((Path(__file__).parents[1] / "generator").rglob("*.py"))


def test_there_are_templates_to_check() -> None:
    assert len(TEMPLATES) >= 10


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_link_to_pages_only_through_paths(template: Path) -> None:
    """A literal ``link('x.md')`` would keep pointing at the old URL when the paths change."""
    text = template.read_text(encoding="utf-8")
    assert re.findall(r"link\(\s*['\"]", text) == []
    assert re.findall(r"['\"][\w/-]*\.md['\"]", text) == []
    # Audiences come from the format (model.Audience) through paths.tracks.
    audiences = "|".join(AUDIENCES)
    assert re.findall(rf"['\"](?:{audiences})['\"]", text) == []


def test_every_audience_has_one_track_in_the_formats_order() -> None:
    paths = Paths(Templates().strings())
    assert [t.audience for t in paths.tracks] == list(AUDIENCES)
    assert all(paths.title(t.page) == t.title for t in paths.tracks)


STRINGS = json.loads((DEFAULT_TEMPLATES / "strings" / "en.json").read_text(encoding="utf-8"))
PLAYER_JS = (DEFAULT_TEMPLATES / "assets" / "player.js").read_text(encoding="utf-8")
OFFLINE = (DEFAULT_TEMPLATES / "offline" / "offline.html.j2").read_text(encoding="utf-8")


def _uses(section: str, key: str) -> bool:
    python = "".join(p.read_text(encoding="utf-8") for p in PYTHON)
    in_python = re.search(rf"\[[\"']{key}[\"']\]", python) is not None
    if section == "player":  # the player reads them as t.key or t["key"]
        return re.search(rf"\bt(?:\.{key}\b|\[\"{key}\"\])", PLAYER_JS) is not None
    if section == "titles":  # paths.py names each fixed page's title by its key
        return key in TITLE_KEYS.values() or in_python
    if section == "tracks":  # paths.tracks reads <audience>Summary and <audience>Lead
        return re.fullmatch(rf"(?:{'|'.join(AUDIENCES)})(?:Summary|Lead)", key) is not None
    if section == "lms":  # generator/lms/pack.py reads them into the adapter's data-*
        return in_python
    if section == "offline":
        return re.search(rf"\bt\.{key}\b", OFFLINE) is not None or in_python
    if section == "trainer" and key.startswith("ref."):  # the format reference's
        _, model, *field = key.split(".")                  # descriptions, per model field
        found = getattr(generator.model, model, None)
        return found is not None and (not field or field[0] in found.model_fields)
    templates = "".join(p.read_text(encoding="utf-8") for p in TEMPLATES)
    name = {"page": "s", "stats": "st", "trainer": "ts"}[section]
    # Or named as a literal: the format reference's _word(words, "kindList"), the
    # authoring guide's loop over its warnings' keys (key, then key ~ "Text").
    stem = key.removesuffix("Text") if '~ "Text"' in templates else key
    named = section == "trainer" and re.search(rf"[\"']{stem}[\"']", python + templates)
    return re.search(rf"\b{name}\.{key}\b", templates) is not None or in_python or bool(named)


@pytest.mark.parametrize(("section", "key"),
                         [(section, key) for section, keys in STRINGS.items() for key in keys])
def test_every_interface_string_is_used(section: str, key: str) -> None:
    assert _uses(section, key)
