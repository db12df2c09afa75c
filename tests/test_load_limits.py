"""Hostile or oversized input is refused with a clear message; large projects are handled.

The time and memory these take are figures for the benchmarks, not assertions here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import write_project
from generator.check import run_check
from generator.errors import ContentError
from generator.load import MAX_BYTES, load_bytes
from generator.render import render_site

BOMB = b"""\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def message(raw: bytes) -> str:
    with pytest.raises(ContentError) as caught:
        load_bytes(raw, "scenarios/x.yaml")
    (diagnostic,) = caught.value.diagnostics
    return diagnostic.format()


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    assert message(BOMB) == ("scenarios/x.yaml:1:4: error: '&a' sets an anchor; anchors and "
                             "aliases (& and *) are not supported (write the text out in full)")


def test_self_referencing_alias_is_refused() -> None:
    assert "anchors and aliases" in message(b"a: &a [*a]\n")


def test_oversized_file_is_refused_before_parsing() -> None:
    raw = b"title: " + b"x" * (5 * 1024 * 1024) + b"\n"
    assert message(raw) == (f"scenarios/x.yaml:1:1: error: the file is {len(raw):,} bytes; the "
                            f"limit is {MAX_BYTES:,} (split it into several scenarios)")


@pytest.mark.parametrize("depth", [100, 5000])
def test_deep_nesting_is_refused(depth: int) -> None:
    text = message(b"[" * depth + b"]" * depth)
    assert "nested" in text


def test_nesting_the_format_needs_is_accepted() -> None:
    doc = load_bytes(b"a:\n  - b:\n      - c:\n          d: 1\n", "x.yaml")
    assert doc.data == {"a": [{"b": [{"c": {"d": 1}}]}]}
    assert doc.where(("a", 0, "b", 0, "c", "d")) == (4, 14)


def test_a_200_step_scenario_checks_and_renders(tmp_path: Path) -> None:
    write_project(tmp_path / "scenarios", 1, steps=200)
    result = run_check([tmp_path / "scenarios"])
    assert result.errors == []
    (score,) = result.scores.values()
    assert len(score.best_paths()[0]) == 200
    pages = render_site(result)
    player = pages["scenarios/synthetic-0000.md"]
    assert player.count("data-step=") >= 200


def test_a_thousand_scenarios_check_clean(tmp_path: Path) -> None:
    write_project(tmp_path / "scenarios", 1000)
    result = run_check([tmp_path / "scenarios"])
    assert len(result.project.files) == 1000
    assert result.diagnostics == []
    assert len(result.scores) == 1000
