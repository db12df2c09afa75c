"""RESULTS.md: the figures of one run, the goals they meet, and what limits the rest."""

from __future__ import annotations

import time

from benchmarks.lighthouse import Audit
from benchmarks.machine import machine, versions
from benchmarks.report_notes import changes, limits
from benchmarks.results import (
    ASSET_BYTES,
    BUILD_RATIO,
    BUILDS,
    CHECK_SHARE,
    KINDS,
    LINEAR_SLACK,
    PAGE_RATIO,
    SCORES,
    PluginWork,
    Results,
    SizeResult,
    Weights,
    kb,
    marginal,
    mb,
    n,
    table,
)

__all__ = ["Audit", "PluginWork", "Results", "SizeResult", "Weights", "render"]


def render(results: Results) -> str:
    sections = [_header(results), _machine(), _compared(results), _build(results),
                _check(results), _weight(results), _lighthouse(results)]
    goals = _goals(results)
    return "\n\n".join([sections[0], goals, *sections[1:], limits(results), changes()]) + "\n"


def _header(r: Results) -> str:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(r.started))
    return "\n".join([
        "# Benchmarks",
        "",
        f"Written by `{r.command}` on {when}; the run took {r.seconds / 60:.1f} minutes.",
        f"Load average (1, 5, 15 minutes) at the start: {r.load_start}; at the end: "
        f"{r.load_end}. The machine runs other work too, so every time is the best of its "
        "repeats (each build in a fresh process, the four sites interleaved, the order "
        "alternating), and every memory figure the highest.",
    ])


def _machine() -> str:
    rows = [[k, v] for k, v in {**machine(), **versions()}.items()]
    return "## Machine and versions\n\n" + table(["", ""], rows, numbers=False)


def _compared(r: Results) -> str:
    rows = [[n(s.n), *(n(s.census[k].pages) for k in KINDS),
             *(n(s.census[k].words) for k in KINDS)] for s in r.sizes]
    return "\n".join([
        "## What is compared",
        "",
        "The same sources build two sites, and each is measured against a plain MkDocs + "
        "Material site of its own pages and words:",
        "",
        "- **ours-learner**: the real `mkdocs.yml` (Material, the `service-scenarios` plugin "
        "with `trainer: false`, search) with N generated scenarios of 5 steps x 3 choices "
        "(`benchmarks/synthetic.py`), the real principles catalogue and the real hand-written "
        "`docs/`. The learners' site: home, the two tracks, a player page per scenario, "
        "principle pages without weights, progress, the doorstep checklist; nothing under "
        "`trainers/` (the plugin leaves out the hand-written facilitation guide too).",
        "- **ours-trainer**: the real `mkdocs-trainers.yml` (`INHERIT: mkdocs.yml`, "
        "`trainer: true`) on the same project. The trainers' site: the learners' pages (the "
        "principle pages with the weight of every choice that weighs on them) plus, under "
        "`trainers/`, a trainer view per scenario (every choice with its effects, the "
        "decision graph), the coverage matrix, the authoring guide and the facilitation guide.",
        "- **plain-learner** and **plain-trainer**: for each build, a plain MkDocs + Material "
        "site with *the same pages and the same words*: every page our plugin generates in "
        "that build turned into plain Markdown (`benchmarks/markdown_of.py`: headings, "
        "paragraphs, lists, tables; no raw HTML, no player data) plus the hand-written pages "
        "that build keeps. Same `site_name`, same `theme:` block (features "
        "`navigation.instant`, `navigation.sections`, `navigation.prune`, `navigation.top`, "
        "`search.highlight`; palette; overrides), same Markdown extensions, same search "
        "plugin, the same `nav` (our plugin's for that build, sections over `nav_limit` "
        "listing only their index page); no `service-scenarios` plugin and none of our JS "
        "or CSS.",
        "",
        "The build goals hold for each build against its own plain site. The learner build is "
        "the default and the site learners load, so page weight and Lighthouse measure it.",
        "",
        "\"The same words\" means the words a reader sees in the content area (Material's "
        "`<article>`), counted in the built HTML of each site (`benchmarks/census.py`). Our "
        "player page holds every text of its scenario once, in a static case the player "
        "reveals step by step; in the trainer build the trainer view holds them again with "
        "scores and the graph.",
        "",
        table(["N", *(f"pages: {k}" if i == 0 else k for i, k in enumerate(KINDS)),
               *(f"words: {k}" if i == 0 else k for i, k in enumerate(KINDS))], rows),
    ])


def _build(r: Results) -> str:
    rows, memory, growth = [], [], []
    previous: SizeResult | None = None
    for s in r.sizes:
        for build in BUILDS:
            ours, plain = (s.best[f"{site}-{build}"] for site in ("ours", "plain"))
            rows.append([n(s.n), build, f"{ours.seconds:.2f}", f"{plain.seconds:.2f}",
                         f"**{s.ratio(build):.2f}x**", f"{ours.cpu:.2f}", f"{plain.cpu:.2f}",
                         f"{ours.cpu / plain.cpu:.2f}x"])
            kinds = (f"ours-{build}", f"plain-{build}")
            row = [n(s.n), build, *(f"{1000 * s.best[k].seconds / s.n:.1f}" for k in kinds)]
            row += ["", ""] if previous is None else \
                [f"{marginal(previous, s, k):.1f}" for k in kinds]
            growth.append([*row, f"{s.plugin.check:.2f}", f"{s.plugin.render[build]:.2f}"])
        memory.append([n(s.n), *(f"{s.best[k].peak_mib:.0f}" for k in KINDS)])
        previous = s
    runs = [f"- N={n(s.n)} (load at the start {s.load}): " + "; ".join(
        f"{kind} " + ", ".join(f"{run.seconds:.2f}" for run in found)
        for kind, found in s.runs.items()) for s in r.sizes]
    return "\n".join([
        "## 1. Build",
        "",
        "`mkdocs build --strict` in a fresh process, each build of ours against the plain "
        "site of its words: wall time in seconds (the goal), and the CPU time (user + "
        "system) of the same builds, which other work on the machine disturbs less.",
        "",
        table(["N", "build", "ours s", "plain s", "ours / plain", "ours CPU s", "plain CPU s",
               "CPU ours / plain"], rows),
        "",
        "Peak resident memory in MiB (`ru_maxrss` of the build process, from `os.wait4`):",
        "",
        table(["N", *KINDS], memory),
        "",
        "Growth: milliseconds per scenario (the build time divided by N, which includes the "
        "fixed cost of starting MkDocs), the marginal cost of one more scenario between this "
        "N and the previous one, and our plugin's own work (the check, the same for both "
        "builds, and the build's rendering, timed once in the benchmark's process, in "
        "seconds):",
        "",
        table(["N", "build", "ours ms/scenario", "plain ms/scenario", "ours marginal ms",
               "plain marginal ms", "plugin check s", "plugin render s"], growth),
        "",
        "Every run, in seconds:",
        "",
        *runs,
    ])


def _check(r: Results) -> str:
    rows = []
    for s in r.sizes:
        check = s.best["check"].seconds
        row = [n(s.n), f"{check:.2f}"]
        for build in BUILDS:
            ours = s.best[f"ours-{build}"].seconds
            row += [f"{ours:.2f}", f"{100 * check / ours:.1f} %"]
        rows.append([*row, f"{s.best['check'].peak_mib:.0f}"])
    return "\n".join([
        "## 2. Check",
        "",
        "`python -m generator check` on the same scenarios, in a fresh process, against each "
        "of our builds (the goal is judged against the learner build, the smaller, where the "
        "check's share is the larger). Starting Python and importing the checker "
        f"(`python -c 'import generator.check'`) alone takes {r.startup:.2f} s.",
        "",
        table(["N", "check s", "learner build s", "check / learner", "trainer build s",
               "check / trainer", "check MiB"], rows),
    ])


def _weight(r: Results) -> str:
    w = r.weights
    assets = [[f"`{name}`", n(a.raw), n(a.gzipped)] for name, a in w.assets.items()]
    assets.append(["together", n(sum(a.raw for a in w.assets.values())),
                   f"**{n(sum(a.gzipped for a in w.assets.values()))}**"])
    pages = [[f"`{name}`" + (" (Lighthouse)" if w.scenario.endswith(f"/{name}/") else ""),
              n(ours.raw), n(plain.raw), f"{ours.raw / plain.raw:.2f}x",
              n(ours.gzipped), n(plain.gzipped), f"{ours.gzipped / plain.gzipped:.2f}x"]
             for name, (ours, plain) in w.pages.items()]
    fetched = [[n(s.n), *(mb(s.census[k].search_index) for k in KINDS),
                *(mb(s.census[k].sitemap) for k in KINDS)] for s in r.sizes]
    return "\n".join([
        "## 3. Page weight",
        "",
        "Bytes as built, and gzipped at level 6 (what a static host sends). Our own assets "
        "(the same in both builds):",
        "",
        table(["file", "bytes", "gzipped"], assets),
        "",
        "For scale, Material's own CSS and JS, which every page of every site loads:",
        "",
        table(["file", "bytes", "gzipped"],
              [[f"`{name}`", n(m.raw), n(m.gzipped)] for name, m in w.material.items()]),
        "",
        "Each player page of the real scenarios in the learner build against the plain "
        "Material page of the same words (the same page of the real project's plain-learner "
        "site; the trainer build's player page adds only a link to its trainer view):",
        "",
        table(["scenario", "ours", "plain", "ratio", "ours gzipped", "plain gzipped",
               "ratio gzipped"], pages),
        "",
        "What a visitor's first page also fetches, in the background, from the generated "
        "sites (MB, gzipped in brackets): Material's search index (all the words of the "
        "site) and the sitemap that instant navigation reads:",
        "",
        table(["N", *(f"search index: {k}" if i == 0 else k for i, k in enumerate(KINDS)),
               *(f"sitemap: {k}" if i == 0 else k for i, k in enumerate(KINDS))], fetched),
    ])


def _lighthouse(r: Results) -> str:
    if not r.audits:
        return "## 4. Lighthouse\n\nSkipped (`--skip-lighthouse`)."
    rows = []
    failures = []
    for variant, pages in r.audits.items():
        for page, found in pages.items():
            m = found.metrics
            rows.append([page, variant, *(found.spread(c) for c in SCORES),
                         m["first-contentful-paint"], m["largest-contentful-paint"],
                         m["total-blocking-time"], m["cumulative-layout-shift"],
                         m["speed-index"]])
            failures += [f"- {variant}, {page}: {f}" for f in sorted(found.failures)]
    return "\n".join([
        "## 4. Lighthouse",
        "",
        f"Lighthouse, mobile (its default: a mid-range phone on slow 4G, simulated), "
        f"{r.lighthouse_runs} run(s) per page: the median score, with the range when runs "
        "differ, and the metrics of the median run, on the real project's learner build "
        "(ours-learner and plain-learner, built by `mkdocs.yml`: the site learners load). "
        "The site is served by Python's "
        "`http.server` on 127.0.0.1: through a handler that gzips text as any static host "
        "does (the goal), and as the bare `http.server` sends it (*no gzip*). "
        "The scenario page is the largest real player page "
        f"(`{r.weights.scenario}`).",
        "",
        table(["page", "site", "performance", "accessibility", "best practices", "FCP",
                "LCP", "TBT", "CLS", "Speed Index"], rows),
        "",
        "Audits below full marks in accessibility or best practices:",
        "",
        *(failures or ["- none"]),
    ])


def _goals(r: Results) -> str:
    rows: list[list[str]] = []

    def goal(name: str, target: str, result: str, met: bool) -> None:
        rows.append([name, target, result, "yes" if met else "**no**"])

    for build in BUILDS:
        ratios = [s.ratio(build) for s in r.sizes]
        goal(f"Build time, ours / plain, {build} build, at every N", f"≤ {BUILD_RATIO}x",
             ", ".join(f"{x:.2f}x" for x in ratios), all(x <= BUILD_RATIO for x in ratios))
    if len(r.sizes) >= 3:
        first, last = (r.sizes[0], r.sizes[1]), (r.sizes[-2], r.sizes[-1])
        for build in BUILDS:
            ours = marginal(*last, f"ours-{build}") / marginal(*first, f"ours-{build}")
            plain = marginal(*last, f"plain-{build}") / marginal(*first, f"plain-{build}")
            goal(f"Build grows linearly in N, {build} build",
                 f"marginal cost at the largest N ≤ {LINEAR_SLACK}x the smallest, or no "
                 "worse than plain's", f"ours {ours:.2f}x, plain {plain:.2f}x",
                 ours <= max(LINEAR_SLACK, plain))
    shares = [s.best["check"].seconds / s.best["ours-learner"].seconds for s in r.sizes]
    goal("Check, share of our learner build, at every N", f"≤ {100 * CHECK_SHARE:.0f} %",
         ", ".join(f"{100 * x:.1f} %" for x in shares), all(x <= CHECK_SHARE for x in shares))
    assets = sum(a.gzipped for a in r.weights.assets.values())
    goal("Our JS + CSS, gzipped", f"≤ {kb(ASSET_BYTES)}", kb(assets), assets <= ASSET_BYTES)
    ratios = [max(o.raw / p.raw, o.gzipped / p.gzipped) for o, p in r.weights.pages.values()]
    goal("Player page HTML / plain page of the same words (raw and gzipped)",
         f"≤ {PAGE_RATIO:.0f}x", f"{min(ratios):.2f}x to {max(ratios):.2f}x",
         max(ratios) <= PAGE_RATIO)
    for category, target in SCORES.items():
        if "ours" not in r.audits:
            break
        scores = {page: a.median(category) for page, a in r.audits["ours"].items()}
        goal(f"Lighthouse {category} (median), learner build",
             "100" if target == 100 else f"≥ {target}",
             ", ".join(f"{page} {score}" for page, score in scores.items()),
             all(score >= target for score in scores.values()))
    return "## Goals\n\n" + table(["goal", "target", "result", "met"], rows, numbers=False)
