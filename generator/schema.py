"""The JSON Schemas of the file formats, for editors' autocompletion.

The committed copies in ``schema/`` are what the ``# yaml-language-server:
$schema=../schema/scenario.schema.json`` modeline of each scenario points at;
a test keeps them equal to what the models produce.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.model import Catalogue, Scenario
from generator.translation import CatalogueTranslation, ScenarioTranslation

SCHEMAS: dict[str, type[BaseModel]] = {
    "scenario": Scenario, "catalogue": Catalogue, "translation": ScenarioTranslation,
    "catalogue-translation": CatalogueTranslation}


def schema_text(name: str) -> str:
    """The JSON Schema of ``name`` ('scenario' or 'catalogue'), as stable, indented JSON."""
    schema = SCHEMAS[name].model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written
