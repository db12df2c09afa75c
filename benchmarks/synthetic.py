"""Generate synthetic but valid projects of any size, for benchmarks and limit tests.

Every scenario has ``steps`` decisions of ``choices`` choices in a chain (each
choice leads to the next step), principles cycling through the real catalogue,
and prose of a realistic length, so builds measure the real work. Every text
ends with a reference unique in the project ("Ref 12-7."), as real texts
would differ: a cache of rendered texts gets no unfair hits from the
repeated synthetic prose.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import yaml

# libyaml's dumper when present: writing 1,000 files takes 1 s instead of 10.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "scenarios" / "principles.yaml"
WORDS = ("the customer waits at the counter while you check the order and explain "
         "what happened with the delivery and what you can do about it today").split()


def _prose(seed: int, words: int) -> str:
    return " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(words)).capitalize() + "."


def scenario(
    index: int, principles: list[str], story: str, steps: int, choices: int
) -> dict[str, Any]:
    texts = itertools.count()

    def prose(seed: int, words: int) -> str:
        return f"{_prose(seed, words)} Ref {index}-{next(texts)}."

    def choice(s: int, c: int) -> dict[str, Any]:
        weight = 2 - (4 * c) // max(choices - 1, 1)
        return {"response": prose(s + c, 12), "consequence": prose(s + c + 1, 25),
                "feedback": prose(s + c + 2, 30),
                "effects": {principles[(index + s * choices + c) % len(principles)]:
                            weight or 1 - 2 * (c % 2)},
                "next": f"step-{s + 1}" if s + 1 < steps else ("good-end" if c == 0 else "bad-end")}

    return {
        "id": f"synthetic-{index:04d}", "title": f"Synthetic case {index}",
        "summary": prose(index, 15), "audience": "partners" if index % 5 == 0 else "employees",
        "minutes": 5, "story": story,
        "roles": {"learner": "Shop assistant", "customer": "A customer with a question"},
        "setting": prose(index, 60), "goals": [prose(index, 10)],
        "steps": [{"id": f"step-{s}", "situation": prose(index + s, 50),
                   "choices": [choice(s, c) for c in range(choices)]} for s in range(steps)],
        "endings": [{"id": "good-end", "title": "It went well", "debrief": prose(index, 40)},
                    {"id": "bad-end", "title": "It went badly", "debrief": prose(index, 40)}],
        "questions": [prose(index, 12), prose(index + 1, 12)],
    }


def write_project(folder: Path, count: int, steps: int = 5, choices: int = 3) -> Path:
    """Write the real catalogue and ``count`` synthetic scenarios into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(CATALOGUE, folder / "principles.yaml")
    catalogue = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    principles = [p["id"] for p in catalogue["principles"]]
    story = catalogue["stories"][0]["id"]
    for index in range(count):
        data = scenario(index, principles, story, steps, choices)
        text = yaml.dump(data, Dumper=DUMPER, sort_keys=False, allow_unicode=True, width=100)
        (folder / f"{data['id']}.yaml").write_text(text, encoding="utf-8")
    return folder
