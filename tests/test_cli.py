"""``python -m generator``: exit codes, output format, schema, new, report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.schema import SCHEMAS, schema_text

ROOT = Path(__file__).parent.parent


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


def test_check_clean_project_prints_scores_and_exits_0(project: Path) -> None:
    done = run("check", cwd=project.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "counter-queue: scores -2 to +1; tiers: Bad profit, Star",
        "damaged-parcel: scores -3 to +3; tiers: Bad profit, Minimum, Star",
        "checked 2 scenarios: 0 error(s), 0 warning(s)",
    ]
    assert done.stderr == ""


def test_check_bad_content_exits_1_with_positions_and_no_traceback(project: Path) -> None:
    parcel = project / "damaged-parcel.yaml"
    parcel.write_text(parcel.read_text().replace("show-empathy: -2", "empathy: -2"))
    done = run("check", "scenarios", cwd=project.parent)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "scenarios/damaged-parcel.yaml:28:11: error: choice 2 of step 'doorstep' names unknown "
        "principle 'empathy' (did you mean 'show-empathy'?)"
    ]
    assert done.stdout.splitlines()[-1] == "checked 2 scenarios: 1 error(s), 0 warning(s)"


def test_check_scores_the_sound_scenarios_beside_a_broken_one(project: Path) -> None:
    parcel = project / "damaged-parcel.yaml"
    parcel.write_text(parcel.read_text().replace("show-empathy: -2", "empathy: -2"))
    done = run("check", cwd=project.parent)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "counter-queue: scores -2 to +1; tiers: Bad profit, Star",
        "checked 2 scenarios: 1 error(s), 0 warning(s)",
    ]


def test_check_counts_the_files_it_could_not_read(project: Path) -> None:
    (project / "counter-queue.yaml").write_text("id: [\n")
    (project / "late-van.yaml").write_text("id: late-van\ntitel: x\n")
    done = run("check", cwd=project.parent)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "damaged-parcel: scores -3 to +3; tiers: Bad profit, Minimum, Star",
        "checked 3 scenarios (2 unreadable): 3 error(s), 0 warning(s)",
    ]
    assert done.stderr.splitlines() == [
        "scenarios/counter-queue.yaml:2:1: error: invalid YAML: did not find expected node "
        "content",
        "scenarios/late-van.yaml:1:1: error: the file is missing the keys 'summary', "
        "'audience', 'story', 'roles', 'setting', 'goals', 'steps', 'endings', 'questions'",
        "scenarios/late-van.yaml:2:1: error: unknown key 'titel' in the file (did you mean "
        "'title'?)",
    ]


def test_check_a_file_without_a_catalogue_still_reports_its_own_errors(
        project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "drafts"
    elsewhere.mkdir()
    text = (project / "counter-queue.yaml").read_text()
    (elsewhere / "counter-queue.yaml").write_text(text.replace("title: The queue at the counter",
                                                               "title: no\ntitel: x"))
    done = run("check", "drafts/counter-queue.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "drafts/principles.yaml:1:1: error: the principles catalogue is missing (copy "
        "scenarios/principles.yaml from the project and adapt it)",
        "drafts/counter-queue.yaml:2:8: error: 'title' must be text, but YAML reads 'no' as a "
        "true/false value (put it in quotes: \"no\")",
        "drafts/counter-queue.yaml:3:1: error: unknown key 'titel' in the file (did you mean "
        "'title'?)",
    ]


def test_check_format_json_prints_the_diagnostics_for_editors(project: Path) -> None:
    parcel = project / "damaged-parcel.yaml"
    parcel.write_text(parcel.read_text().replace("show-empathy: -2", "empathy: -2")
                      .replace("    tier: star\n", ""))
    done = run("check", "--format", "json", cwd=project.parent)
    assert done.returncode == 1
    assert done.stderr == ""
    assert json.loads(done.stdout) == [
        {"path": "scenarios/damaged-parcel.yaml", "line": 28, "column": 11, "severity": "error",
         "message": "choice 2 of step 'doorstep' names unknown principle 'empathy'",
         "hint": "did you mean 'show-empathy'?"},
    ]
    clean = run("check", "--format", "json", "scenarios/counter-queue.yaml", cwd=project.parent)
    assert (clean.returncode, json.loads(clean.stdout), clean.stderr) == (0, [], "")
    (project / "principles.yaml").unlink()
    missing = run("check", "--format", "json", cwd=project.parent)
    assert missing.returncode == 1
    assert [d["message"] for d in json.loads(missing.stdout)] == [
        "the principles catalogue is missing"]
    assert run("check", "--format", "json", "nowhere", cwd=project.parent).returncode == 2


def test_check_a_single_file(project: Path) -> None:
    done = run("check", "scenarios/counter-queue.yaml", cwd=project.parent)
    assert done.returncode == 0
    assert "checked 1 scenario:" in done.stdout


def test_broken_catalogue_exits_1(project: Path) -> None:
    (project / "principles.yaml").write_text("tiers: [\n")
    done = run("check", cwd=project.parent)
    assert done.returncode == 1
    assert done.stderr.startswith("scenarios/principles.yaml:2:1: error: invalid YAML")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [["check", "nowhere"], ["frobnicate"], [], ["new", "Bad Id"]])
def test_usage_errors_exit_2(project: Path, args: list[str]) -> None:
    done = run(*args, cwd=project.parent)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "error" in done.stderr


def test_new_scaffolds_a_valid_scenario_and_refuses_to_overwrite(project: Path) -> None:
    done = run("new", "late-van", cwd=project.parent)
    assert done.returncode == 0, done.stderr
    created = project / "late-van.yaml"
    assert created.read_text().startswith("# yaml-language-server: $schema=../schema/")
    checked = run("check", "scenarios/late-van.yaml", cwd=project.parent)
    assert checked.returncode == 0
    assert checked.stderr == ""  # no warnings either: the starting point shows good practice
    created.write_text(created.read_text() + "# my edits\n")
    before = created.read_bytes()
    again = run("new", "late-van", cwd=project.parent)
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert created.read_bytes() == before


def test_report_lists_every_scenario(project: Path) -> None:
    done = run("report", cwd=project.parent)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["scenario", "audience", "steps", "score", "range", "tiers",
                                "reachable", "always", "longest", "always", "shortest",
                                "principles"]
    assert lines[2].split()[:4] == ["damaged-parcel", "partners", "2", "-3..+3"]
    # Always the longest response: 'Here it is...' (-1, score 33); always the shortest:
    # 'It's not my fault...', then 'Call customer service.' (-3, score 0).
    assert "33 Bad profit   0 Bad profit" in lines[2]


def test_report_refuses_a_broken_project(project: Path) -> None:
    (project / "counter-queue.yaml").write_text("id: [\n")
    assert run("report", cwd=project.parent).returncode == 1


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_the_models(name: str) -> None:
    committed = ROOT / "schema" / f"{name}.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(name), \
        "run: python -m generator schema --write schema"


def test_schema_command_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False
    assert "steps" in schema["required"]


def test_scenario_files_point_editors_at_the_schema() -> None:
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        name = "catalogue" if path.name == "principles.yaml" else "scenario"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{name}.schema.json", path


def test_failed_check_and_report_change_no_file(project: Path) -> None:
    parcel = project / "damaged-parcel.yaml"
    parcel.write_text(parcel.read_text().replace("minutes: 2", "minutes: 2\nminutes: 3"))
    before = {p: p.read_bytes() for p in project.parent.rglob("*") if p.is_file()}
    assert run("check", cwd=project.parent).returncode == 1
    assert run("report", cwd=project.parent).returncode == 1
    after = {p: p.read_bytes() for p in project.parent.rglob("*") if p.is_file()}
    assert after == before
