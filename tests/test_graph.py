"""Trainer pages that show the whole story: the decision graph, the coverage matrix's
totals and gaps, and the authoring guide's example file and id tables."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from generator.check import CheckResult, run_check
from generator.render import render_site
from generator.render.graph import edges, plain, svg

ROOT = Path(__file__).resolve().parent.parent
RENDER_FIXTURE = ROOT / "tests" / "fixtures" / "render" / "scenarios"


@pytest.fixture(scope="module")
def shipped() -> CheckResult:
    return run_check([ROOT / "scenarios"])


def _nodes(drawing: str, kind: str) -> list[str]:
    """The text each node of ``kind`` shows, its lines joined by spaces."""
    found = re.findall(rf'<g class="sc-graph-{kind}">.*?<text>(.*?)</text></g>', drawing)
    return [html.unescape(" ".join(re.findall(r"<tspan[^>]*>(.*?)</tspan>", t))) for t in found]


def test_steps_show_their_number_and_first_words(shipped: CheckResult) -> None:
    for scenario in shipped.project.scenarios:
        shown = _nodes(svg(shipped.scores[scenario.id], "graph"), "step")
        assert len(shown) == len(scenario.steps)
        for n, step in enumerate(scenario.steps, 1):
            label = next(s for s in shown if s.startswith(f"{n}. "))
            words = label[len(f"{n}. "):].removesuffix("\u2026").split()
            assert plain(step.situation).split()[:len(words)] == words, label
            assert step.id not in label.split()


def test_ending_titles_are_wrapped_never_cut(shipped: CheckResult) -> None:
    for scenario in shipped.project.scenarios:
        drawing = svg(shipped.scores[scenario.id], "graph")
        shown = _nodes(drawing, "end")
        assert sorted(shown) == sorted(e.title for e in scenario.endings)
        assert "\u2026" not in "".join(shown)


def test_every_choice_has_its_own_arrow_coloured_by_its_net_effect(
        shipped: CheckResult) -> None:
    parallel = 0
    for scenario in shipped.project.scenarios:
        drawing = str(svg(shipped.scores[scenario.id], "graph"))
        arrows = re.findall(r'<g class="sc-edge sc-edge-(\w+)"><title>[^<]*</title>'
                            r'<path d="([^"]+)"', drawing)
        choices = edges(scenario)
        assert [kind for kind, _ in arrows] == [e.kind for e in choices]
        assert len({d for _, d in arrows}) == len(choices)  # no two arrows on one line
        for e in choices:
            net = sum(scenario.steps[[s.id for s in scenario.steps].index(e.source)]
                      .choices[e.number - 1].effects.values())
            assert e.kind == ("up" if net > 0 else "down" if net < 0 else "zero")
        numbers = re.findall(r'<g class="sc-edge-num[^"]*"><circle cx="(\d+)" cy="(\d+)"',
                             drawing)
        assert len(numbers) == len(choices)
        for (x1, y1), (x2, y2) in ((a, b) for a in numbers for b in numbers if a < b):
            assert (int(x1) - int(x2)) ** 2 + (int(y1) - int(y2)) ** 2 >= 20 ** 2
        pairs = Counter((e.source, e.target) for e in choices)
        parallel += sum(n for n in pairs.values() if n > 1)
    assert parallel, "the shipped scenarios have choices that lead to the same place"


def _trainer_site() -> dict[str, str]:
    result = run_check([RENDER_FIXTURE])
    return render_site(result, trainer=True)


def test_coverage_has_totals_and_marks_principles_trained_fewer_than_twice() -> None:
    result = run_check([RENDER_FIXTURE])
    page = render_site(result, trainer=True)["trainers/coverage.md"]
    trained = {p.id: sum(any(p.id in c.effects for s in sc.steps for c in s.choices)
                         for sc in result.project.scenarios)
               for p in result.project.catalogue.principles}
    foot = page[page.index("<tfoot>"):]
    counts = re.findall(r"<td( class=\"sc-gap\")?>(\d+)", foot.split("</tr>")[0])
    assert [int(n) for _, n in counts] == list(trained.values())
    assert [bool(gap) for gap, _ in counts] == [n < 2 for n in trained.values()]
    assert any(n < 2 for n in trained.values())
    assert "Choices: upheld / violated" in foot


def test_authoring_guide_shows_an_example_that_checks_and_the_catalogue_ids(
        tmp_path: Path) -> None:
    result = run_check([RENDER_FIXTURE])
    page = render_site(result, trainer=True)["trainers/authoring.md"]
    example = re.search(r'aria-label="Example: a complete scenario file".*?<code>(.*?)</code>',
                        page)
    assert example
    text = html.unescape(example[1].replace("&#10;", "\n"))
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "principles.yaml").write_bytes((RENDER_FIXTURE / "principles.yaml").read_bytes())
    (folder / "my-scenario.yaml").write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "check", str(folder)],
                          capture_output=True, text=True, timeout=120, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    catalogue = result.project.catalogue
    for ident in [p.id for p in catalogue.principles] + [t.id for t in catalogue.tiers]:
        assert f'<th scope="row"><code>{ident}</code></th>' in page, ident
