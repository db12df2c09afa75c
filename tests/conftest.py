"""Shared fixtures: a small valid project copied into ``tmp_path`` to mutate."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "project"
GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"
"""Run ``UPDATE_GOLDEN=1 pytest`` to rewrite golden files after an intended change."""

Edit = Callable[[str, bytes | str], Path]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the fixture project at ``tmp_path/scenarios``; the cwd is ``tmp_path``.

    Paths in messages are then ``scenarios/<file>``, the same on every machine.
    """
    folder = tmp_path / "scenarios"
    shutil.copytree(FIXTURE, folder)
    monkeypatch.chdir(tmp_path)
    return folder


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run UPDATE_GOLDEN=1 pytest to create it"
    assert actual == path.read_text(encoding="utf-8"), f"differs from golden file {path}"
