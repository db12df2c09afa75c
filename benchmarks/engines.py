"""Build time of the learners' site on each engine, beside plain MkDocs + Material.

Run from the project folder (a few minutes; the first run installs ProperDocs
and Zensical into virtual environments of their own under ``benchmarks/work/``)::

    python -m benchmarks.engines                    # N = 10 and 100, writes benchmarks/ENGINES.md
    python -m benchmarks.engines --sizes 10,100,1000

For each N, the same synthetic scenarios (:mod:`benchmarks.synthetic`) are
built as the engine tests build the real ones (:mod:`tests.browser.engines`):

* **plain**: MkDocs + Material on plain Markdown of the same pages and words,
  no plugin, none of our JS or CSS (``plain-learner`` of :mod:`benchmarks.sites`);
* **MkDocs + plugin** and **ProperDocs + plugin**: the real ``mkdocs.yml``;
* **generate**: ``python -m generator generate docs/training``, which the two
  engines below need first;
* **MkDocs on generated** and **Zensical on generated**: the README's recipe.

Each command runs in a fresh process, the engines interleaved, the order
alternating; a time is the best of the repeats. Zensical runs with ``--clean``
(a cold build): by default it reuses a cache of the previous build.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from importlib import metadata
from pathlib import Path

from benchmarks import sites
from benchmarks.machine import load, machine
from benchmarks.measure import ENV, Run, best, timed
from benchmarks.results import table
from benchmarks.synthetic import write_project
from generator.check import run_check
from generator.render import render_site
from tests.browser.engines import (
    ENGINES,
    PROPERDOCS,
    SUBDIR,
    ZENSICAL,
    Venv,
    build_command,
    engine_env,
    project_of,
    properdocs_venv,
    zensical_venv,
)

HERE = Path(__file__).resolve().parent
WORK = HERE / "work" / "engines"
URL = "http://127.0.0.1:8000/"
COLUMNS = ("plain", *ENGINES)
NAMES = {"plain": "plain MkDocs + Material", "mkdocs-plugin": "MkDocs + plugin",
         "properdocs-plugin": "ProperDocs + plugin", "mkdocs-generate": "MkDocs on generated",
         "zensical-generate": "Zensical on generated", "generate": "generate"}
VENVS: dict[str, Venv] = {}
"""The engines' own environments (made in :func:`main`)."""


def prepare(n: int, folder: Path) -> dict[str, list[str]]:
    """Write every site's project for ``n`` scenarios; the command that builds each."""
    scenarios = write_project(folder / "scenarios", n)
    result = run_check([scenarios])
    pages = render_site(result, existing=sites.existing_pages(sites.DOCS))
    plain = sites.write_plain(result, pages, folder / "plain", trainer=False)
    commands = {"plain": sites_command(plain)}
    for engine in ENGINES:
        config = project_of(engine, folder / engine, URL, scenarios)
        commands[engine] = build_command(engine, config, VENVS)
    commands["generate"] = [sys.executable, "-m", "generator", "generate", f"docs/{SUBDIR}",
                            "--scenarios", str(scenarios)]
    return commands


def sites_command(config: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict",
            "--config-file", str(config), "--site-dir", str(sites.site_of(config))]


def cwd_of(kind: str, folder: Path) -> Path:
    if kind == "plain":
        return folder / "plain"
    return folder / ("mkdocs-generate" if kind == "generate" else kind) / "project"


def measure(n: int, repeats: int) -> dict[str, Run]:
    folder = WORK / f"n{n}"
    commands = prepare(n, folder)
    kinds = (*COLUMNS, "generate")
    runs: dict[str, list[Run]] = {kind: [] for kind in kinds}
    for repeat in range(repeats + 1):  # the first round warms the disk cache: not counted
        for kind in kinds if repeat % 2 == 0 else tuple(reversed(kinds)):
            env = {**ENV, "PYTHONPATH": str(sites.ROOT)} if kind == "generate" else \
                None if kind == "plain" else engine_env(kind)
            run = timed(commands[kind], cwd_of(kind, folder), env)
            if repeat:
                runs[kind].append(run)
            print(f"N={n} {kind} {repeat}/{repeats}: {run.seconds:.2f} s", file=sys.stderr,
                  flush=True)
    return {kind: best(found) for kind, found in runs.items()}


def render(results: dict[int, dict[str, Run]], repeats: int, started: float,
           loads: tuple[str, str], versions: dict[str, str]) -> str:
    head = ["N", *(f"{NAMES[k]} s" for k in COLUMNS), "generate s"]
    rows = [[f"{n:,}", *(f"{r[k].seconds:.2f}" for k in COLUMNS), f"{r['generate'].seconds:.2f}"]
            for n, r in results.items()]
    ratio_head = ["N", *(NAMES[k] for k in ENGINES), "generate + MkDocs", "generate + Zensical"]
    ratios = []
    for n, r in results.items():
        plain = r["plain"].seconds
        both = [r["generate"].seconds + r[k].seconds for k in ("mkdocs-generate",
                                                               "zensical-generate")]
        ratios.append([f"{n:,}", *(f"{r[k].seconds / plain:.2f}x" for k in ENGINES),
                       *(f"{s / plain:.2f}x" for s in both)])
    cpu_rows = [[f"{n:,}", *(f"{r[k].cpu:.2f}" for k in COLUMNS), f"{r['generate'].cpu:.2f}"]
                for n, r in results.items()]
    info = machine()
    return "\n".join([
        "# Build time on each engine",
        "",
        f"Written by `python -m benchmarks.engines` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))} "
        f"in {(time.time() - started) / 60:.1f} minutes; load average at the start "
        f"{loads[0]}, at the end {loads[1]}. {info['CPU']}, {info['cores']} cores, "
        f"{info['OS']}. " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".",
        "",
        "The learners' site of N synthetic scenarios (5 steps x 3 choices) and the real "
        "hand-written pages, built by each engine in a fresh process; each figure is the "
        f"best of {repeats} (the engines interleaved, after one round not counted). "
        "**plain** is MkDocs + Material on plain Markdown of the same pages and words "
        "(no plugin). The two builds without the plugin need `generate` first: its "
        "time is shown apart and added in the ratios. Zensical builds cold (`--clean`). "
        "Other work on the machine (see the load average) slows wall time more than CPU "
        "time, which is the steadier guide on a busy machine.",
        "",
        "## Wall time, seconds",
        "",
        table(head, rows),
        "",
        "## Over plain MkDocs + Material",
        "",
        table(ratio_head, ratios),
        "",
        "## CPU time (user + system), seconds",
        "",
        table(head, cpu_rows),
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.engines", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100", help="numbers of scenarios (default 10,100)")
    parser.add_argument("--repeats", type=int, default=3, help="timed builds per engine and N")
    parser.add_argument("--output", type=Path, default=HERE / "ENGINES.md")
    args = parser.parse_args(argv)
    started, load_start = time.time(), load()
    VENVS["properdocs"] = properdocs_venv(WORK / "venv-properdocs")
    VENVS["zensical"] = zensical_venv(WORK / "venv-zensical")
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    results = {n: measure(n, args.repeats) for n in sizes}
    versions = {"Python": platform.python_version(), "MkDocs": metadata.version("mkdocs"),
                "Material": metadata.version("mkdocs-material"),
                "ProperDocs": PROPERDOCS.split("==")[1], "Zensical": ZENSICAL.split("==")[1]}
    text = render(results, args.repeats, started, (load_start, load()), versions)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
