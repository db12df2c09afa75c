"""Translations (``scenarios/<lang>/<id>.yaml``): rejected and accepted pairs, the
merged models, and the workflow a translator runs (new, translate, check, accept).

The rejected cases' messages are kept in ``golden/translation-messages.txt``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.check import run_check
from tests.conftest import check_golden

SV = Path(__file__).parent / "fixtures" / "translation" / "sv"
PARCEL = "sv/damaged-parcel.yaml"
CATALOGUE = "sv/principles.yaml"


@pytest.fixture
def translated(project: Path) -> Path:
    """The fixture project with its Swedish translation of damaged-parcel."""
    shutil.copytree(SV, project / "sv")
    return project


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _messages(folder: Path) -> list[str]:
    return [d.format() for d in run_check([folder]).diagnostics]


# (case, file, text to replace, replacement): each must produce one error.
INVALID: list[tuple[str, str, str, str]] = [
    ("extra-step", PARCEL, "  return:\n", "  detour:\n    situation:\n      text: x\n"
     "      source: new\n    choices: []\n  return:\n"),
    ("renamed-step", PARCEL, "  return:\n", "  returns:\n"),
    ("dropped-ending", PARCEL, "  lost:\n    title:\n      text: Förlorat\n      source: "
     "51e1357d\n    debrief:\n      text: Kunden beställer någon annanstans nästa gång.\n"
     "      source: fb7f62e9\n", ""),
    ("extra-choice", PARCEL,
     "    choices:\n    - response:\n        text: Jag tar",
     "    choices:\n    - response: {text: x, source: new}\n      consequence: {text: x, "
     "source: new}\n      feedback: {text: x, source: new}\n    - response:\n"
     "        text: Jag tar"),
    ("dropped-choice", PARCEL, "    - response:\n        text: Ring kundtjänst.\n        source: "
     "6c77f089\n      consequence:\n        text: En suck.\n        source: 9d406740\n"
     "      feedback:\n        text: Kunden får göra jobbet.\n        source: 3a645fc3\n", ""),
    ("dropped-question", PARCEL, "questions:\n- text: Vad säger du när en kartong är skadad?\n"
     "  source: 3b8cd6bf\n", "questions: []\n"),
    ("next-in-translation", PARCEL, "        source: 6ef6bab9\n",
     "        source: 6ef6bab9\n      next: lost\n"),
    ("effects-in-translation", PARCEL, "    choices:\n    - response:\n        text: Förlåt",
     "    choices:\n    - effects: {show-empathy: 2}\n      response:\n        text: Förlåt"),
    ("id-in-translation", PARCEL, "translates).\ntitle:\n",
     "translates).\nid: damaged-parcel\ntitle:\n"),
    ("text-missing", PARCEL, "  text: Det skadade paketet\n", ""),
    ("fingerprint-not-hex", PARCEL, "source: e1bbcc6d", "source: e1bbcc6"),
    ("fingerprint-as-number", PARCEL, "source: e1bbcc6d", "source: 12345678"),
    ("plain-text-not-mapping", PARCEL, "title:\n  text: Det skadade paketet\n  source: e1bbcc6d",
     "title: Det skadade paketet"),
]
# (case, path to rename, new path): each must produce one error at the file's start.
RENAMED: list[tuple[str, str, str]] = [
    ("no-such-scenario", PARCEL, "sv/damaged-parcle.yaml"),
    ("unknown-language", "sv", "se"),
    ("language-with-region-unknown", "sv", "sv-FI"),
]
# (case, file, text to replace, replacement): each must check clean.
VALID: list[tuple[str, str, str, str]] = [
    ("steps-in-another-order", PARCEL, "  doorstep:\n", "  doorstep-x:\n"),
    ("quoted-fingerprint", PARCEL, "source: e1bbcc6d", 'source: "e1bbcc6d"'),
    ("comment", PARCEL, "translates).\ntitle:\n", "translates).\n# Reviewed by Anna\ntitle:\n"),
    ("block-scalar", PARCEL, "  text: Det skadade paketet\n", "  text: |-\n    Det skadade\n"
     "    paketet\n"),
    ("text-same-as-source", PARCEL, "text: Lättnad.", "text: Relief."),
]


def _apply_valid(folder: Path, case: str, old: str, new: str) -> None:
    if case == "steps-in-another-order":  # move 'return' above 'doorstep'
        path = folder / PARCEL
        text = path.read_text(encoding="utf-8")
        start, end = text.index("  return:\n"), text.index("endings:\n")
        text = text[:start] + text[end:]
        original = (SV / "damaged-parcel.yaml").read_text(encoding="utf-8")
        block = original[original.index("  return:\n"):original.index("endings:\n")]
        text = text.replace("steps:\n", "steps:\n" + block)
        path.write_text(text, encoding="utf-8")
        return
    _edit(folder, PARCEL if case != "catalogue" else CATALOGUE, old, new)


def test_fixture_translation_is_clean(translated: Path) -> None:
    assert _messages(translated) == []


@pytest.mark.parametrize(("case", "name", "old", "new"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_translation_is_one_error_at_a_position(
        translated: Path, case: str, name: str, old: str, new: str) -> None:
    _edit(translated, name, old, new)
    errors = [d for d in run_check([translated]).errors]
    assert len(errors) == 1, [d.format() for d in errors]
    assert errors[0].path == f"scenarios/{name}"
    assert errors[0].line >= 1


@pytest.mark.parametrize(("case", "old", "new"), RENAMED, ids=[c[0] for c in RENAMED])
def test_misplaced_translation_is_one_error(translated: Path, case: str, old: str,
                                            new: str) -> None:
    (translated / old).rename(translated / new)
    errors = run_check([translated]).errors
    assert len(errors) == 1, [d.format() for d in errors]
    assert (errors[0].line, errors[0].column) == (1, 1)


def test_error_messages_match_golden(translated: Path, tmp_path: Path) -> None:
    report = []
    pristine = {p.name: p.read_bytes() for p in SV.iterdir()}
    for case, name, old, new in INVALID:
        for file, raw in pristine.items():
            (translated / "sv" / file).write_bytes(raw)
        _edit(translated, name, old, new)
        report += [f"## {case}", *_messages(translated), ""]
    for case, old, new in RENAMED:
        shutil.rmtree(translated / "sv", ignore_errors=True)
        shutil.rmtree(translated / "se", ignore_errors=True)
        shutil.rmtree(translated / "sv-FI", ignore_errors=True)
        shutil.copytree(SV, translated / "sv")
        (translated / old).rename(translated / new)
        report += [f"## {case}", *_messages(translated), ""]
    check_golden("translation-messages.txt", "\n".join(report))


@pytest.mark.parametrize(("case", "name", "old", "new"), VALID, ids=[c[0] for c in VALID])
def test_valid_translation_checks_clean(translated: Path, case: str, name: str, old: str,
                                        new: str) -> None:
    _apply_valid(translated, case, old, new)
    assert _messages(translated) == []


def test_renamed_step_is_one_message_with_a_suggestion(translated: Path) -> None:
    _edit(translated, PARCEL, "  return:\n", "  returns:\n")
    assert _messages(translated) == [
        "scenarios/sv/damaged-parcel.yaml:56:3: error: step 'returns' is not in "
        "scenarios/damaged-parcel.yaml (did you mean 'return'?)"]


def test_dropped_choice_is_reported_at_its_parent(translated: Path) -> None:
    _edit(translated, PARCEL, *INVALID[4][2:])
    [message] = _messages(translated)
    assert message.startswith("scenarios/sv/damaged-parcel.yaml:60:5: error: the translation "
                              "lacks choice 2 of step 'return', which "
                              "scenarios/damaged-parcel.yaml has")


def test_sound_translation_merges_into_a_scenario_with_the_same_graph(translated: Path) -> None:
    result = run_check([translated])
    source = next(s for s in result.project.scenarios if s.id == "damaged-parcel")
    sv = result.languages["sv"].scenarios["damaged-parcel"]
    assert sv.title == "Det skadade paketet"
    assert sv.steps[1].choices[0].consequence == "Lättnad."
    assert [(s.id, [(c.next, c.effects) for c in s.choices]) for s in sv.steps] == \
        [(s.id, [(c.next, c.effects) for c in s.choices]) for s in source.steps]
    assert (sv.audience, sv.story, [e.tier for e in sv.endings]) == \
        (source.audience, source.story, [e.tier for e in source.endings])
    assert result.languages["sv"].catalogue is result.project.catalogue
    assert not result.languages["sv"].catalogue_translated


def test_a_broken_translation_is_left_out_of_its_language(translated: Path) -> None:
    _edit(translated, PARCEL, "  return:\n", "  returns:\n")
    assert run_check([translated]).languages["sv"].scenarios == {}


def test_edited_source_text_is_a_warning_at_the_translated_field(translated: Path) -> None:
    _edit(translated, "damaged-parcel.yaml", "consequence: Relief.", "consequence: Relief!")
    assert _messages(translated) == [
        "scenarios/sv/damaged-parcel.yaml:64:7: warning: 'consequence' of choice 1 of step "
        "'return' is stale: its source text changed after it was translated (review it "
        "against scenarios/damaged-parcel.yaml:40, then run: python -m generator translate "
        "accept scenarios/sv/damaged-parcel.yaml)"]
    # The translation is still sound: the site keeps it until the review.
    assert "damaged-parcel" in run_check([translated]).languages["sv"].scenarios


def test_checking_one_file_checks_its_translations_only(translated: Path) -> None:
    _edit(translated, PARCEL, "  return:\n", "  returns:\n")
    assert run_check([translated / "counter-queue.yaml"]).errors == []
    assert len(run_check([translated / "damaged-parcel.yaml"]).errors) == 1


def test_catalogue_translation_checks_and_merges(project: Path) -> None:
    done = run("translate", "new", "principles", "--lang", "nb", cwd=project.parent)
    assert done.returncode == 0, done.stderr
    _edit(project, "nb/principles.yaml", "text: Star\n", "text: Stjerne\n")
    result = run_check([project])
    assert result.diagnostics == []
    assert result.languages["nb"].catalogue_translated
    assert [t.name for t in result.languages["nb"].catalogue.tiers][-1] == "Stjerne"
    _edit(project, "nb/principles.yaml", "  star:\n", "  stars:\n")
    [error] = run_check([project]).errors
    assert "tier 'stars' is not in scenarios/principles.yaml" in error.message


def test_translator_workflow_catches_a_stale_translation(project: Path) -> None:
    """new -> translate -> check -> accept; the source changes -> check warns -> accept."""
    cwd = project.parent
    done = run("translate", "new", "counter-queue", "--lang", "sv", cwd=cwd)
    assert done.returncode == 0, done.stderr
    path = project / "sv" / "counter-queue.yaml"
    assert path.read_text().startswith(
        "# yaml-language-server: $schema=../../schema/translation.schema.json\n")
    _edit(project, "sv/counter-queue.yaml", "text: The queue at the counter\n",
          "text: Kön vid disken\n")
    assert run("check", cwd=cwd).returncode == 0
    done = run("translate", "accept", "scenarios/sv/counter-queue.yaml", cwd=cwd)
    assert (done.returncode, done.stdout) == (
        0, "scenarios/sv/counter-queue.yaml: nothing to accept; no source text changed\n")

    _edit(project, "counter-queue.yaml", "title: The queue at the counter",
          "title: The long queue at the counter")
    done = run("check", cwd=cwd)
    assert done.returncode == 0  # a warning: the old translation still builds
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1)
                if text == "title:")
    assert done.stderr.splitlines() == [
        f"scenarios/sv/counter-queue.yaml:{line}:1: warning: 'title' is stale: its source "
        "text changed after it was translated (review it against "
        "scenarios/counter-queue.yaml:2, then run: python -m generator translate accept "
        "scenarios/sv/counter-queue.yaml)"]

    _edit(project, "sv/counter-queue.yaml", "text: Kön vid disken\n",
          "text: Den långa kön vid disken\n")
    before = path.read_text()
    done = run("translate", "accept", "scenarios/sv/counter-queue.yaml", cwd=cwd)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"scenarios/sv/counter-queue.yaml:{line}:1: accepted 'title'",
        "scenarios/sv/counter-queue.yaml: accepted 1 field(s)"]
    changed = [(a, b) for a, b in zip(before.splitlines(), path.read_text().splitlines(),
                                      strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][0].strip().startswith("source: ")
    assert run("check", cwd=cwd).stderr == ""


def test_translate_usage_errors_exit_2_and_overwrite_nothing(translated: Path) -> None:
    cwd = translated.parent
    before = (translated / PARCEL).read_bytes()
    for args in (["new", "damaged-parcel", "--lang", "sv"],
                 ["new", "damaged-parcl", "--lang", "sv"],
                 ["new", "damaged-parcel", "--lang", "se"],
                 ["new", "damaged-parcel", "--lang", "sv", "--folder", "nowhere"],
                 ["accept", "scenarios/sv/nowhere.yaml"],
                 ["new", "damaged-parcel"]):
        done = run("translate", *args, cwd=cwd)
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert (translated / PARCEL).read_bytes() == before
    done = run("translate", "new", "damaged-parcel", "--lang", "sv", cwd=cwd)
    assert "already exists; not replacing it" in done.stderr
    assert "did you mean 'damaged-parcel'?" in run(
        "translate", "new", "damaged-parcl", "--lang", "sv", cwd=cwd).stderr


def test_accept_refuses_a_translation_with_errors(translated: Path) -> None:
    _edit(translated, PARCEL, "  return:\n", "  returns:\n")
    _edit(translated, "damaged-parcel.yaml", "consequence: Relief.", "consequence: Relief!")
    before = (translated / PARCEL).read_bytes()
    done = run("translate", "accept", f"scenarios/{PARCEL}", cwd=translated.parent)
    assert done.returncode == 1
    assert "step 'returns' is not in" in done.stderr
    assert (translated / PARCEL).read_bytes() == before
