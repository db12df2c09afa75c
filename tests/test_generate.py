"""``python -m generator generate DOCS_SUBDIR``: what it writes, what it removes, what it refuses.

The refusals (a folder with files it did not write, docs_dir itself, a path
outside the project) exit 2 with one ``path:line:col: error:`` line and leave
every file as it was.
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.generate import MARKER, NAV_FILE

ROOT = Path(__file__).parent.parent
HAND_WRITTEN = "# Our own page\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "generate", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


@pytest.fixture
def docs(project: Path) -> Path:
    """The project's docs_dir, with a hand-written page and the config naming it."""
    folder = project.parent / "docs"
    folder.mkdir()
    (folder / "index.md").write_text(HAND_WRITTEN, encoding="utf-8")
    (project.parent / "mkdocs.yml").write_text(
        "site_name: Ours\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_writes_pages_assets_nav_and_marker(docs: Path) -> None:
    done = run("docs/training", cwd=docs.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "wrote 9 pages and 3 other files into docs/training (listed in .service-scenarios.json)",
        "add the entries of docs/training/nav.yml to your nav (README: \"Engines\")",
    ]
    training = docs / "training"
    marker = json.loads((training / MARKER).read_text(encoding="utf-8"))
    assert sorted(snapshot(training)) == sorted([*marker["files"], MARKER])
    assert "scenarios/damaged-parcel/index.md" in marker["files"]
    assert "assets/service-scenarios.js" in marker["files"]
    assert not [f for f in marker["files"] if f.startswith("trainers/")]
    nav = yaml.safe_load((training / NAV_FILE).read_text(encoding="utf-8"))
    assert nav[0] == {"Home": "training/index.md"}
    assert {"The damaged parcel": "training/scenarios/damaged-parcel/index.md"} \
        in nav[2]["Delivery partners"]
    assert (docs / "index.md").read_text(encoding="utf-8") == HAND_WRITTEN


def test_every_link_of_a_generated_page_leads_to_a_generated_page(docs: Path) -> None:
    assert run("docs/training", "--trainer", cwd=docs.parent).returncode == 0
    training = docs / "training"
    pages = {p.relative_to(training).as_posix() for p in training.rglob("*.md")}
    assert "trainers/coverage/index.md" in pages
    for page in pages:
        folder = posixpath.dirname(page)
        for link in re.findall(r'href="([^"#][^"]*)"', (training / page).read_text("utf-8")):
            target = posixpath.normpath(posixpath.join(folder, link, "index.md"))
            assert target in pages, (page, link)


def test_a_rerun_removes_only_what_it_wrote(docs: Path, project: Path) -> None:
    assert run("docs/training", "--trainer", cwd=docs.parent).returncode == 0
    (project / "counter-queue.yaml").unlink()
    done = run("docs/training", cwd=docs.parent)
    assert done.returncode == 0, done.stderr
    assert "removed 6 no longer generated" in done.stdout
    training = docs / "training"
    assert not (training / "scenarios" / "counter-queue").exists()
    assert not (training / "trainers").exists()
    assert (training / "scenarios" / "damaged-parcel" / "index.md").is_file()
    assert (docs / "index.md").read_text(encoding="utf-8") == HAND_WRITTEN


def test_a_broken_scenario_exits_1_and_keeps_the_last_generated_site(
        docs: Path, project: Path) -> None:
    assert run("docs/training", cwd=docs.parent).returncode == 0
    before = snapshot(docs)
    parcel = project / "damaged-parcel.yaml"
    parcel.write_text(parcel.read_text().replace("show-empathy: -2", "empathy: -2"))
    done = run("docs/training", cwd=docs.parent)
    assert done.returncode == 1
    assert done.stderr.startswith("scenarios/damaged-parcel.yaml:28:11: error:")
    assert snapshot(docs) == before


def test_refuses_a_folder_with_a_file_it_did_not_write(docs: Path) -> None:
    assert run("docs/training", cwd=docs.parent).returncode == 0
    (docs / "training" / "notes.md").write_text(HAND_WRITTEN, encoding="utf-8")
    before = snapshot(docs)
    done = run("docs/training", cwd=docs.parent)
    assert done.returncode == 2
    assert done.stderr == (
        "docs/training:0:0: error: holds files 'generate' did not write (not in "
        ".service-scenarios.json): notes.md (move hand-written pages out of it, or choose "
        "an empty or new folder)\n")
    assert snapshot(docs) == before


def test_refuses_a_folder_of_hand_written_pages(docs: Path) -> None:
    (docs / "guides").mkdir()
    (docs / "guides" / "index.md").write_text(HAND_WRITTEN, encoding="utf-8")
    done = run("docs/guides", cwd=docs.parent)
    assert done.returncode == 2
    assert done.stderr.startswith(
        "docs/guides:0:0: error: was not written by 'generate': index.md")
    assert snapshot(docs) == {"guides/index.md": HAND_WRITTEN.encode(),
                              "index.md": HAND_WRITTEN.encode()}


@pytest.mark.parametrize(("target", "message"), [
    ("docs", "docs:0:0: error: is docs_dir itself; the generated site needs a folder of its "
             "own (e.g. docs/training)"),
    ("docs/.", "docs:0:0: error: is docs_dir itself; the generated site needs a folder of "
               "its own (e.g. docs/training)"),
    ("../elsewhere", "../elsewhere:0:0: error: is outside the project (generate into a folder "
                     "under docs/)"),
    ("training", "training:0:0: error: is not under docs_dir (docs), so no engine would build "
                 "it (e.g. docs/training)"),
])
def test_refuses_docs_dir_itself_and_paths_outside_it(docs: Path, target: str,
                                                      message: str) -> None:
    done = run(target, cwd=docs.parent)
    assert done.returncode == 2
    assert done.stderr == message + "\n"
    assert sorted(snapshot(docs)) == ["index.md"]
    assert not (docs.parent.parent / "elsewhere").exists()
    assert not (docs.parent / "training").exists()


def test_refuses_an_absolute_path_outside_the_project(docs: Path, tmp_path_factory:
                                                      pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "training"
    done = run(str(elsewhere), cwd=docs.parent)
    assert done.returncode == 2
    assert done.stderr.startswith(f"{elsewhere}:0:0: error: is outside the project")
    assert not elsewhere.exists()


def test_a_marker_naming_files_outside_its_folder_removes_nothing(docs: Path) -> None:
    training = docs / "training"
    training.mkdir()
    (training / MARKER).write_text(json.dumps(
        {"written_by": "service-scenarios generate", "files": ["../index.md"]}))
    done = run("docs/training", cwd=docs.parent)
    assert done.returncode == 2
    assert done.stderr.startswith(
        "docs/training/.service-scenarios.json:0:0: error: is not a list of generated files")
    assert (docs / "index.md").read_text(encoding="utf-8") == HAND_WRITTEN


def test_follows_the_configs_docs_dir_and_plain_html_urls(project: Path) -> None:
    (project.parent / "mkdocs.yml").write_text(
        "site_name: Ours\ndocs_dir: pages\nuse_directory_urls: false\n", encoding="utf-8")
    assert run("docs/training", cwd=project.parent).returncode == 2
    done = run("pages/training", cwd=project.parent)
    assert done.returncode == 0, done.stderr
    page = project.parent / "pages" / "training" / "principles" / "index.md"
    assert 'href="show-empathy.html"' in page.read_text(encoding="utf-8")
    assert (project.parent / "pages" / "training" / "scenarios" / "counter-queue.md").is_file()


def test_refuses_a_folder_holding_a_link_to_another_folder(docs: Path) -> None:
    training = docs / "training"
    training.mkdir()
    (training / "scenarios").symlink_to(docs.parent)
    done = run("docs/training", cwd=docs.parent)
    assert done.returncode == 2
    assert done.stderr.startswith("docs/training:0:0: error: was not written by 'generate': "
                                  "scenarios")
    assert sorted(p.name for p in training.iterdir()) == ["scenarios"]


def test_an_override_folder_changes_its_file_only_and_misspelt_names_warn(docs: Path) -> None:
    mine = docs.parent / "mine"
    mine.mkdir()
    (mine / "strings.json").write_text('{"page": {"trainerView": "Answer key"},'
                                       ' "player": {"continue": "Onwards"}}', encoding="utf-8")
    (mine / "hom.md.j2").write_text("typo\n", encoding="utf-8")
    done = run("docs/training", "--templates", "mine", cwd=docs.parent)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("mine/hom.md.j2:1:1: warning: 'hom.md.j2' overrides no "
                                  "packaged template"), done.stderr
    player = (docs / "training/scenarios/damaged-parcel/index.md").read_text(encoding="utf-8")
    assert "Onwards" in player  # the overridden string
    assert "Your response" in player  # every other string as packaged


def test_a_broken_override_exits_1_at_its_line_and_writes_nothing(docs: Path) -> None:
    mine = docs.parent / "mine"
    mine.mkdir()
    (mine / "home.md.j2").write_text("# Home\n{{ 1 // 0 }}\n",
                                     encoding="utf-8")
    before = snapshot(docs)
    done = run("docs/training", "--templates", "mine", cwd=docs.parent)
    assert done.returncode == 1
    assert re.match(r"mine/home\.md\.j2:2:\d+: error: template: ", done.stderr), done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(docs) == before
