"""Build cost, check cost, page weight and Lighthouse, side by side with plain MkDocs.

Run from the project folder (takes about 15 minutes on 2 cores)::

    python -m benchmarks.run                          # everything, writes benchmarks/RESULTS.md
    python -m benchmarks.run --sizes 10,100 --skip-lighthouse   # a quick run

Lighthouse needs ``cd benchmarks && npm ci`` once and Chromium at /usr/bin/chromium.
Both builds of the site are measured, each against a plain MkDocs + Material
site of its own pages and words: the learner build (``mkdocs.yml``, the
default) and the trainer build (``mkdocs-trainers.yml``). Page weight and
Lighthouse look at the learner build, the site learners load.
Every build runs in a fresh process; figures are the best of the repeats
(the run least disturbed by other work), the four sites interleaved.
See :mod:`benchmarks.sites` for what the four sites are.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks import report, sites
from benchmarks.census import census, weight
from benchmarks.lighthouse import LIGHTHOUSE, audit, serve
from benchmarks.machine import load
from benchmarks.measure import Run, best, timed
from generator.check import run_check
from generator.render import render_site

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
KINDS = tuple(f"{site}-{build}" for build in sites.BUILDS for site in ("ours", "plain"))
"""ours-learner, plain-learner, ours-trainer, plain-trainer (see :mod:`benchmarks.sites`)."""
PAGES = {"home": "", "partner track": "partners/"}
"""Lighthouse pages besides the scenario page (the largest real one, see ``scenario_page``)."""
MATERIAL_ASSETS = ("assets/stylesheets/*.min.css", "assets/javascripts/bundle.*.min.js")
"""Material's own CSS and JS, which every page of both sites loads (for scale)."""
VARIANTS = {"ours": (False, True), "plain": (True, True), "ours, no gzip": (False, False),
            "plain, no gzip": (True, False)}
"""Lighthouse variants of the learner build: (plain site?, server gzips?)."""


def build_command(config: Path) -> list[str]:
    config = config.resolve()
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict",
            "--config-file", str(config), "--site-dir", str(sites.site_of(config))]


def check_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "check", str(folder / "scenarios")]


def _build(config: Path) -> Run:
    return timed(build_command(config), config.parent)


def prepare(n: int, work: Path) -> tuple[dict[str, Path], report.PluginWork]:
    """Write both our builds and their plain sites for ``n`` scenarios; their configs."""
    configs: dict[str, Path] = {}
    renders: dict[str, float] = {}
    checked = float("inf")
    for build, trainer in sites.BUILDS.items():
        ours = sites.write_ours(work / f"ours-{build}", n, trainer=trainer)
        start = time.perf_counter()
        result = run_check([ours.parent / "scenarios"])
        middle = time.perf_counter()
        pages = render_site(result, existing=sites.existing_pages(sites.DOCS), trainer=trainer)
        # The check is the same for both builds: the better of its two timings counts.
        checked, renders[build] = min(checked, middle - start), time.perf_counter() - middle
        configs[f"ours-{build}"] = ours
        configs[f"plain-{build}"] = sites.write_plain(result, pages, work / f"plain-{build}",
                                                      trainer=trainer)
    return configs, report.PluginWork(checked, renders)


def measure_size(n: int, repeats: int, work: Path, warm_up: bool) -> report.SizeResult:
    configs, plugin = prepare(n, work / f"n{n}")
    if warm_up:  # the run's first builds read Python, MkDocs and Material from disk
        for kind in KINDS:
            _build(configs[kind])
    load_before = load()
    project = configs["ours-learner"].parent
    runs: dict[str, list[Run]] = {kind: [] for kind in (*KINDS, "check")}
    for repeat in range(repeats):
        # Alternate the order so a slow spell of other work hits each site alike.
        order = KINDS if repeat % 2 == 0 else tuple(reversed(KINDS))
        for kind in order:
            runs[kind].append(_build(configs[kind]))
            _progress(f"N={n} {kind} build {repeat + 1}/{repeats}: {runs[kind][-1].seconds:.2f} s")
        runs["check"].append(timed(check_command(project), project))
    return report.SizeResult(
        n=n, best={kind: best(found) for kind, found in runs.items()}, runs=runs,
        census={kind: census(sites.site_of(configs[kind])) for kind in KINDS},
        plugin=plugin, load=load_before)


def real_project(folder: Path, plain: bool, site_url: str | None) -> Path:
    """The real project's learner build, ours or plain, under ``folder``; its config."""
    if not plain:
        return sites.write_ours(folder / "ours", None, trainer=False, site_url=site_url)
    result, pages = sites.generated(sites.ROOT / "scenarios", trainer=False)
    return sites.write_plain(result, pages, folder / "plain", trainer=False, site_url=site_url)


def real_site(folder: Path, plain: bool) -> Path:
    """Where :func:`real_project` builds its site (known before it is written)."""
    return sites.site_of(folder / ("plain" if plain else "ours") / sites.CONFIG.name)


def build_real(folder: Path, plain: bool, site_url: str | None = None) -> Path:
    """Build the real project's learner site once (not timed); returns the site folder."""
    _build(real_project(folder, plain, site_url))
    return real_site(folder, plain)


def scenario_page(site: Path) -> str:
    """The largest player page of the real site: the worst case for weight and speed."""
    pages = sorted((p.stat().st_size, p.parent.name)
                   for p in (site / "scenarios").glob("*/index.html"))
    return f"scenarios/{pages[-1][1]}/"


def page_weights(work: Path) -> report.Weights:
    """Our assets and each real player page of the learner build against its plain page."""
    ours = build_real(work, plain=False)
    plain = build_real(work, plain=True)
    assets = {name: weight(ours / "assets" / name)
              for name in ("service-scenarios.js", "service-scenarios.css")}
    material = {path.name: weight(path) for pattern in MATERIAL_ASSETS
                for path in sorted(ours.glob(pattern))}
    pages = {path.parent.name: (weight(path), weight(plain / path.relative_to(ours)))
             for path in sorted((ours / "scenarios").glob("*/index.html"))}
    return report.Weights(assets, pages, scenario_page(ours), material)


def lighthouse(work: Path, scenario: str, runs: int) -> dict[str, dict[str, report.Audit]]:
    """Audits of three learner pages, ours and plain, served gzipped (the goal) and raw."""
    pages = {**PAGES, "scenario page": scenario}
    found: dict[str, dict[str, report.Audit]] = {}
    for variant, (plain, compress) in VARIANTS.items():
        folder = work / variant.replace(", ", "-").replace(" ", "-")
        # The server starts first: the build needs its address as site_url.
        with serve(real_site(folder, plain), compress=compress) as url:
            build_real(folder, plain, url)
            found[variant] = {}
            for name, path in pages.items():
                found[variant][name] = audit(url + path, folder / "reports" / name, runs)
                _progress(f"Lighthouse {variant}, {name}: {found[variant][name].runs}")
    return found


def default_repeats(n: int) -> int:
    """Best of 5 up to 10 scenarios (a build of 1.5 s is easily disturbed by other work),
    of 3 up to 100, of 2 above (a build of 1,000 scenarios takes most of a minute)."""
    return 5 if n <= 10 else 3 if n <= 100 else 2


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _sizes(text: str) -> list[int]:
    return sorted({int(part) for part in text.split(",") if part.strip()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=_sizes, default=[10, 100, 1000],
                        help="numbers of generated scenarios (default 10,100,1000)")
    parser.add_argument("--repeats", type=int, default=0,
                        help="builds per site and size (default 5 up to N=10, 3 up to 100, else 2)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page; the median counts (default 3)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    if not args.skip_lighthouse and not LIGHTHOUSE.exists():
        parser.error(f"{LIGHTHOUSE} is missing: run 'npm ci' in {HERE} or --skip-lighthouse")

    started, load_start = time.time(), load()
    # The floor under any check: start Python, import the checker (best of 5).
    startup = best([timed([sys.executable, "-c", "import generator.check"], HERE)
                    for _ in range(5)])
    sizes = [measure_size(n, args.repeats or default_repeats(n), WORK, warm_up=i == 0)
             for i, n in enumerate(args.sizes)]
    weights = page_weights(WORK / "weight")
    audits = {} if args.skip_lighthouse else \
        lighthouse(WORK / "lighthouse", weights.scenario, args.lighthouse_runs)
    text = report.render(report.Results(
        sizes=sizes, weights=weights, audits=audits, lighthouse_runs=args.lighthouse_runs,
        started=started, seconds=time.time() - started, load_start=load_start,
        load_end=load(), startup=startup.seconds,
        command=" ".join(["python -m benchmarks.run", *(argv or sys.argv[1:])])))
    args.output.write_text(text, encoding="utf-8")
    _progress(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
