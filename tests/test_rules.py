"""Every loader, model and lint rule as a pair: input it rejects, and input it accepts.

The rejected cases' messages are kept in ``golden/messages.txt``, so a change
of wording shows up in review as a diff of what trainers will read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import run_check
from generator.errors import ContentError
from tests.conftest import check_golden

PARCEL = "damaged-parcel.yaml"
QUEUE = "counter-queue.yaml"
CATALOGUE = "principles.yaml"

# (case, file, text to replace, replacement): each must produce an error.
INVALID: list[tuple[str, str, str | bytes, str | bytes]] = [
    # loader
    ("duplicate-key", PARCEL, "minutes: 2\n", "minutes: 2\nminutes: 3\n"),
    ("yaml11-boolean", PARCEL, "title: The damaged parcel", "title: no"),
    ("yaml11-octal-number", QUEUE, "title: The queue at the counter", "title: 0123"),
    ("yaml11-time", QUEUE, 'setting: "Friday, 12:30: the lunch rush."', "setting: 12:30"),
    ("tab-indentation", PARCEL, "  learner: Delivery driver", "\tlearner: Delivery driver"),
    ("invalid-utf8", PARCEL, b"The damaged parcel", b"The damaged \xff parcel"),
    ("alias", PARCEL, "goals:\n  - Handle damage at the door without blaming anyone",
     "goals:\n  - &g Handle\n  - *g"),
    ("python-tag", PARCEL, "minutes: 2", "minutes: !!python/object/apply:os.system [ls]"),
    ("syntax-error", PARCEL, "title: The damaged parcel", "title: [The damaged parcel"),
    # YAML mistakes trainers make, each reported at its own line in a trainer's words
    ("alias-as-key", PARCEL, "feedback: Blaming others breaks empathy.\n        effects:\n"
     "          show-empathy: -2\n", "feedback: &k show-empathy\n        effects:\n"
     "          *k : -2\n"),
    ("anchor-never-used", PARCEL, "title: The damaged parcel", "title: &t The damaged parcel"),
    ("merge-key", PARCEL, "roles:\n", "roles:\n  <<: {learner: x}\n"),
    ("missing-closing-quote", PARCEL, "\"I'm sorry, let's open it together and check.\"",
     "\"I'm sorry, let's open it together and check."),
    ("missing-closing-single-quote", PARCEL, "title: The damaged parcel",
     "title: 'The damaged parcel"),
    ("missing-space-after-colon", PARCEL, "summary: A driver", "summary:A driver"),
    ("no-break-space-after-colon", PARCEL, "feedback: You showed", "feedback:\u00a0You showed"),
    ("no-break-space-in-key", PARCEL, "feedback: You showed", "feedback\u00a0: You showed"),
    ("colon-in-text", PARCEL, "title: The damaged parcel", "title: Rule one: be kind"),
    ("value-starts-with-at", PARCEL, "title: The damaged parcel", "title: @home"),
    ("indented-too-far", PARCEL, "    situation: The customer sees",
     "     situation: The customer sees"),
    ("indented-too-little", PARCEL, "        consequence: The present is fine",
     "       consequence: The present is fine"),
    ("list-item-indented-too-little", PARCEL, "      - response: Here it is.",
     "    - response: Here it is."),
    ("control-character", PARCEL, "setting: The box has", "setting: The \x07box has"),
    ("second-document", PARCEL, "questions:\n", "---\nquestions:\n"),
    # model
    ("unknown-key", PARCEL, "    situation: The customer sees", "    situaton: The customer sees"),
    ("misspelt-key", PARCEL, "feedback: You showed", "feedbak: You showed"),
    ("empty-value", PARCEL, "title: The damaged parcel", "title:"),
    ("id-with-nordic-letter", QUEUE, "id: counter-queue", "id: hotell-fjæra"),
    ("missing-key", PARCEL, "        feedback: You showed empathy and made it easy.\n", ""),
    ("bad-slug", PARCEL, "next: checked", "next: Checked Together"),
    ("weight-out-of-range", PARCEL, "show-empathy: 2", "show-empathy: 5"),
    ("weight-not-number", PARCEL, "show-empathy: 2", 'show-empathy: "2"'),
    ("bad-audience", PARCEL, "audience: partners", "audience: drivers"),
    ("empty-text", PARCEL, "title: The damaged parcel", 'title: ""'),
    ("tiers-unordered", CATALOGUE, "min: 65", "min: 30"),
    # lint
    ("next-nowhere", PARCEL, "next: recovered", "next: recoverd"),
    ("unreachable-step", PARCEL, "next: return", "next: lost"),
    ("cycle", PARCEL, "next: recovered", "next: doorstep"),
    ("loop-closed-below", PARCEL, "recovered\n      - response: Call customer service.\n"
     "        consequence: A sigh.\n        feedback: The customer has to do the work.\n"
     "        effects:\n          make-it-easy: -1\n        next: lost\nendings:\n",
     "follow-up\n      - response: Call customer service.\n"
     "        consequence: A sigh.\n        feedback: The customer has to do the work.\n"
     "        effects:\n          make-it-easy: -1\n        next: lost\n"
     "  - id: follow-up\n    situation: x\n"
     "    choices:\n      - response: a\n        consequence: x\n        feedback: x\n"
     "        effects: {make-it-easy: 1}\n        next: recovered\n      - response: b\n"
     "        consequence: x\n        feedback: x\n        effects: {make-it-easy: -1}\n"
     "        next: return\nendings:\n"),
    ("step-id-is-an-ending-id", PARCEL, "endings:\n", "  - id: lost\n    situation: x\n"
     "    choices:\n      - response: a\n        consequence: x\n        feedback: x\n"
     "        effects: {make-it-easy: -1}\n        next: return\n      - response: b\n"
     "        consequence: x\n        feedback: x\n        effects: {make-it-easy: 1}\n"
     "        next: checked\nendings:\n"),
    ("one-choice", QUEUE,
     "      - response: Keep talking and turn away; the caller was here first.",
     "  - id: extra\n    situation: x\n    choices:\n      - response: Keep talking."),
    ("unknown-principle", PARCEL, "show-empathy: -2", "empathy: -2"),
    ("unknown-story", PARCEL, "story: parcel", "story: parcels"),
    ("unknown-tier", PARCEL, "tier: star", "tier: stars"),
    ("duplicate-step-id", PARCEL, "  - id: return\n", "  - id: doorstep\n"),
    ("id-not-file-name", QUEUE, "id: counter-queue", "id: counter-queues"),
    ("reserved-principle-id", CATALOGUE, "id: make-it-easy", "id: index"),
    ("principle-unknown-story", CATALOGUE, "stories: [parcel]", "stories: [parcle]"),
    ("cap-unknown-principle", CATALOGUE, "  - principle: show-empathy", "  - principle: empathy"),
    ("cap-unknown-tier", CATALOGUE, "    tier: good\n", "    tier: gold\n"),
    ("cap-twice", CATALOGUE, "caps:\n", "caps:\n  - principle: show-empathy\n    tier: minimum\n"),
    ("cap-at-top-tier", CATALOGUE, "    tier: good\n", "    tier: star\n"),
    ("cap-not-a-list", CATALOGUE, "caps:\n  - principle: show-empathy\n    tier: good\n",
     "caps: safety\n"),
]

# (case, file, text to replace, replacement, words of the one warning it must produce).
WARNING: list[tuple[str, str, str, str, str]] = [
    ("no-choice-below-zero", QUEUE,
     "show-empathy: -2\n        next: gone\n      - response: Put the caller on hold without a "
     "word.\n        consequence: The caller hangs up.\n        feedback: The caller was a "
     "customer too.\n        effects:\n          show-empathy: -2\n          make-it-easy: 1\n",
     "show-empathy: 0\n        next: gone\n      - response: Put the caller on hold without a "
     "word.\n        consequence: The caller hangs up.\n        feedback: The caller was a "
     "customer too.\n        effects:\n          show-empathy: 0\n",
     "no choice of step 'counter' scores below zero"),
    ("tier-disagrees", PARCEL, "tier: bad-profit", "tier: good",
     "ending 'lost' is meant to be 'Good', but paths into it score 0, 33 (Bad profit)"),
    ("ending-without-tier", PARCEL, "    tier: star\n", "",
     "ending 'checked' declares no tier"),
    # Answer cues (generator/check/cues.py): each fires alone here.
    ("longest-response-wins", PARCEL, "checking alone.\n        effects:\n"
     "          make-it-easy: -1\n        next: lost", "checking alone.\n        effects:\n"
     "          show-empathy: 2\n          make-it-easy: 1\n        next: checked",
     "always picking the longest response scores 100 (Star)"),
    ("shortest-response-wins", QUEUE, "Nod, finish the call quickly, apologise for the wait.",
     "Nod, end the call, and say sorry.", "always picking the shortest response scores 100"),
    ("long-best-response", PARCEL, "\"It's not my fault, I only drive the van.\"",
     "Not my fault.", "best-scoring response of step 'doorstep' is 3.4x as long"),
    ("feedback-names-a-tier", PARCEL, "feedback: You showed empathy and made it easy.",
     "feedback: Star level. You showed empathy and made it easy.", "names a tier ('Star level')"),
    ("situation-names-a-tier", QUEUE, "situation: You are on the phone;",
     "situation: Bad  profit ahead. You are on the phone;", "names a tier ('Bad profit')"),
    ("goal-quotes-a-response", PARCEL, "  - Handle damage at the door without blaming anyone",
     "  - Say sorry and open it together and check", "goal 1 repeats a response of step"),
]

# (case, file, text to replace, replacement): each must check clean.
VALID: list[tuple[str, str, str | bytes, str | bytes]] = [
    ("quoted-boolean", PARCEL, "title: The damaged parcel", 'title: "no"'),
    ("quoted-number", QUEUE, "title: The queue at the counter", "title: '0123'"),
    ("utf8-bom", PARCEL, b"id: damaged-parcel", b"\xef\xbb\xbfid: damaged-parcel"),
    ("crlf", PARCEL, "\n", "\r\n"),
    ("nordic-and-emoji", PARCEL, "title: The damaged parcel", "title: Paketet på trappan 📦 æøå"),
    ("tab-inside-text", PARCEL, "title: The damaged parcel", 'title: "Tab\there"'),
    ("comment-with-tab", PARCEL, "minutes: 2", "minutes: 2\n#\tcomment"),
    ("block-scalar", PARCEL, "setting: The box", "setting: >-\n  The box"),
    # Near misses of the answer-cue warnings: ordinary words, a goal in its own words.
    ("tier-words-in-passing", PARCEL, "feedback: You showed empathy and made it easy.",
     "feedback: A good start and a star move, with the minimum of fuss for the customer."),
    ("goal-in-own-words", PARCEL, "  - Handle damage at the door without blaming anyone",
     "  - Check a damaged box together with the customer"),
    ("effects-omitted-neutral", PARCEL, "checking alone.\n        effects:\n"
     "          make-it-easy: -1\n        next: lost", "checking alone.\n        next: recovered"),
    ("no-caps", CATALOGUE, "caps:\n  - principle: show-empathy\n    tier: good\n", ""),
]


def _edit(folder: Path, name: str, old: str | bytes, new: str | bytes) -> None:
    path = folder / name
    raw = path.read_bytes()
    old_b = old.encode() if isinstance(old, str) else old
    new_b = new.encode() if isinstance(new, str) else new
    assert old_b in raw, f"fixture text not found: {old_b!r}"
    path.write_bytes(raw.replace(old_b, new_b))


def _messages(folder: Path) -> list[str]:
    try:
        result = run_check([folder])
    except ContentError as exc:
        return [d.format() for d in exc.diagnostics]
    return [d.format() for d in result.diagnostics]


def test_fixture_is_clean(project: Path) -> None:
    result = run_check([project])
    assert result.diagnostics == []
    assert sorted(result.scores) == ["counter-queue", "damaged-parcel"]


@pytest.mark.parametrize(("case", "name", "old", "new"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_input_is_an_error_at_a_position(
    project: Path, case: str, name: str, old: str | bytes, new: str | bytes
) -> None:
    _edit(project, name, old, new)
    messages = _messages(project)
    errors = [m for m in messages if ": error: " in m]
    assert errors, f"{case}: no error in {messages}"
    for message in errors:
        path, line, column, _ = message.split(":", 3)
        assert path.startswith("scenarios/")
        assert int(line) >= 1
        assert int(column) >= 1


AT_THE_DEFECT = [
    "duplicate-key", "yaml11-boolean", "tab-indentation", "invalid-utf8", "alias", "python-tag",
    "syntax-error", "alias-as-key", "anchor-never-used", "merge-key", "missing-closing-quote",
    "missing-closing-single-quote", "missing-space-after-colon", "no-break-space-after-colon",
    "no-break-space-in-key", "colon-in-text", "value-starts-with-at", "indented-too-far",
    "indented-too-little", "list-item-indented-too-little", "control-character",
    "second-document", "unknown-key", "misspelt-key", "empty-value", "id-with-nordic-letter",
    "bad-slug", "weight-not-number", "next-nowhere", "cycle",
    "loop-closed-below", "unknown-principle", "unknown-tier",
]
"""Cases whose one message must stand on a line the edit wrote (the others' edits are
upstream of what they break, as renaming an id that other files use)."""


@pytest.mark.parametrize("case", AT_THE_DEFECT)
def test_one_message_per_defect_on_its_line(project: Path, case: str) -> None:
    _, name, old, new = next(c for c in INVALID if c[0] == case)
    _edit(project, name, old, new)
    raw = (project / name).read_bytes()
    new_b = new.encode() if isinstance(new, str) else new
    first = raw[: raw.index(new_b)].count(b"\n") + 1
    lines = range(first, first + new_b.count(b"\n") + 1)
    messages = _messages(project)
    assert len(messages) == 1, messages
    path, line, _ = messages[0].split(":", 2)
    assert path == f"scenarios/{name}"
    assert int(line) in lines, f"{messages[0]} is not on lines {lines.start}-{lines.stop - 1}"


def test_error_messages_match_golden(project: Path, tmp_path: Path) -> None:
    """All rejected cases' messages in one reviewable file."""
    original = {p.name: p.read_bytes() for p in project.iterdir()}
    report = []
    for case, name, old, new in INVALID:
        for p in project.iterdir():
            p.write_bytes(original[p.name])
        _edit(project, name, old, new)
        report.append(f"## {case}\n" + "\n".join(_messages(project)) + "\n")
    check_golden("messages.txt", "\n".join(report))


@pytest.mark.parametrize(("case", "name", "old", "new", "words"), WARNING,
                         ids=[c[0] for c in WARNING])
def test_questionable_input_is_a_warning(
    project: Path, case: str, name: str, old: str, new: str, words: str
) -> None:
    _edit(project, name, old, new)
    result = run_check([project])
    assert result.errors == []
    assert [w.format() for w in result.warnings if words in w.message] == \
        [w.format() for w in result.warnings], f"expected only '{words}'"
    assert len(result.warnings) == 1


def test_warning_messages_match_golden(project: Path) -> None:
    """The warnings' wording and positions, reviewed like the errors'."""
    original = {p.name: p.read_bytes() for p in project.iterdir()}
    report = []
    for case, name, old, new, _ in WARNING:
        for p in project.iterdir():
            p.write_bytes(original[p.name])
        _edit(project, name, old, new)
        report.append(f"## {case}\n" + "\n".join(_messages(project)) + "\n")
    check_golden("warnings.txt", "\n".join(report))


def test_unused_principle_is_a_warning_for_the_whole_folder_only(project: Path) -> None:
    _edit(project, CATALOGUE, "principles:\n", "principles:\n  - id: spare\n    name: Spare\n"
          "    statement: Unused.\n    explanation: Unused.\n    stories: [parcel]\n")
    whole = run_check([project])
    assert [d.format() for d in whole.warnings] == [
        "scenarios/principles.yaml:27:9: warning: no scenario trains principle 'spare' "
        "(add it to the effects of a choice, or remove it)"
    ]
    single = run_check([project / QUEUE])
    assert single.warnings == []


@pytest.mark.parametrize(("case", "name", "old", "new"), VALID, ids=[c[0] for c in VALID])
def test_valid_input_checks_clean(
    project: Path, case: str, name: str, old: str | bytes, new: str | bytes
) -> None:
    _edit(project, name, old, new)
    assert _messages(project) == []


def test_unicode_text_survives_loading(project: Path) -> None:
    _edit(project, PARCEL, "title: The damaged parcel", "title: Paketet på trappan 📦 æøå")
    _edit(project, PARCEL, "\n", "\r\n")
    result = run_check([project])
    titles = {s.id: s.title for s in result.project.scenarios}
    assert titles["damaged-parcel"] == "Paketet på trappan 📦 æøå"


def test_duplicate_ids_across_files_are_an_error(project: Path) -> None:
    (project / "damaged-parcel.yml").write_bytes((project / PARCEL).read_bytes())
    assert _messages(project) == [
        "scenarios/damaged-parcel.yml:1:5: error: scenario id 'damaged-parcel' is already used "
        "by scenarios/damaged-parcel.yaml:1 (ids must be unique across files)"
    ]


def test_reserved_scenario_id_is_an_error(project: Path) -> None:
    text = (project / QUEUE).read_text().replace("id: counter-queue", "id: index")
    (project / QUEUE).unlink()
    (project / "index.yaml").write_text(text)
    assert _messages(project) == [
        "scenarios/index.yaml:1:5: error: the id 'index' is reserved for the site's overview "
        "pages (choose another id)"
    ]
