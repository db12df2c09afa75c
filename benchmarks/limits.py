"""Figures for the input limits: how long and how much memory each takes to handle or refuse.

Run ``python -m benchmarks.limits``; it writes ``benchmarks/LIMITS.md``. The
tests (``tests/test_load_limits.py``) check the behaviour; this records the cost.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synthetic import CATALOGUE, write_project

HERE = Path(__file__).resolve().parent
# Each measured command runs in a fresh wrapper process, so RUSAGE_CHILDREN's peak
# is that one command's peak resident memory.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"seconds": time.perf_counter() - start, "code": done.returncode,
                  "kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "last": (done.stderr.strip().splitlines() or done.stdout.strip().splitlines()
                           or [""])[0][:160]}))
"""


@dataclass
class Case:
    name: str
    prepare: Callable[[Path], list[str]]
    """Writes the input under the given folder; returns the command to measure."""


def _check(folder: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "check", folder.name]


def _with_catalogue(folder: Path, name: str, raw: bytes) -> list[str]:
    folder.mkdir(parents=True)
    (folder / "principles.yaml").write_bytes(CATALOGUE.read_bytes())
    (folder / name).write_bytes(raw)
    return _check(folder)


def big_file(folder: Path) -> list[str]:
    return _with_catalogue(folder / "s", "big.yaml", b"title: " + b"x" * 5_000_000 + b"\n")


def nested(folder: Path) -> list[str]:
    return _with_catalogue(folder / "s", "deep.yaml", b"[" * 100 + b"]" * 100 + b"\n")


def alias_bomb(folder: Path) -> list[str]:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return _with_catalogue(folder / "s", "bomb.yaml", ("\n".join(lines) + "\n").encode())


def thousand(folder: Path) -> list[str]:
    return _check(write_project(folder / "s", 1000))


def long_scenario(folder: Path) -> list[str]:
    project = write_project(folder / "s", 1, steps=200)
    code = ("import sys; from pathlib import Path; from generator.check import run_check; "
            "from generator.render import write_site; "
            "r = run_check([Path(sys.argv[1])]); "
            "print(len(write_site(r, Path(sys.argv[2]))), 'files rendered')")
    return [sys.executable, "-c", code, project.name, "out"]


CASES = [
    Case("a 5 MB scenario file (refused)", big_file),
    Case("YAML nested 100 levels deep (refused)", nested),
    Case("an alias bomb of 9^9 nodes (refused)", alias_bomb),
    Case("1,000 scenarios, 5 steps x 3 choices: check", thousand),
    Case("a 200-step scenario: check and render", long_scenario),
]


def measure(command: list[str], cwd: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                          text=True, check=True, cwd=cwd)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main() -> None:
    rows = []
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            figures = measure(case.prepare(Path(tmp)), Path(tmp))
        rows.append(f"| {case.name} | {figures['code']} | {float(str(figures['seconds'])):.2f} | "
                    f"{int(str(figures['kib'])) // 1024} | `{figures['last']}` |")
        print(rows[-1], flush=True)
    text = "\n".join([
        "# Input limits: cost of handling or refusing",
        "",
        "Written by `python -m benchmarks.limits` on "
        f"{platform.platform()}, Python {platform.python_version()}, "
        f"{platform.processor() or platform.machine()}.",
        "Each command runs in a fresh process; memory is its peak resident set.",
        "",
        "| input | exit | seconds | peak MiB | first line printed |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ])
    (HERE / "LIMITS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
