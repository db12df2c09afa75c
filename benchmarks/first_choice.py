"""A driver's first visit: bytes and time until the first choice of a partner scenario is tappable.

Run from the project folder (a few minutes; the phone is slow on purpose)::

    python -m benchmarks.first_choice                  # before = the commit before issue 11
    python -m benchmarks.first_choice --before HEAD~3 --runs 5

The phone of issue 11: 360x640, touch, the CPU slowed 4x and the network
held to 400 ms latency and 50 KB/s (Chrome DevTools Protocol), a fresh
profile (nothing cached, no service worker), the site served gzipped as
static hosts serve it (:func:`benchmarks.lighthouse.serve`). "Tappable" is
the first animation frame after the player shows a choice button: the page
is painted (stylesheets loaded) and the button has its handler. Bytes are
what crossed the network (headers and gzipped bodies) for requests finished
by then. Both sites come from the same scenarios: ``before`` is built from
``git archive`` of a commit, ``after`` from this tree. Writes
``benchmarks/FIRST_CHOICE.md``.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from benchmarks.lighthouse import serve

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work" / "first-choice"
BEFORE = "033fdbf"
"""The last commit before the work on issue 11 (no worker, search index fetched at once)."""
PAGE = "scenarios/running-late/"
PHONE: dict[str, Any] = {"viewport": {"width": 360, "height": 640}, "has_touch": True,
                         "is_mobile": True, "device_scale_factor": 2}
NETWORK = {"offline": False, "latency": 400, "downloadThroughput": 50 * 1024,
           "uploadThroughput": 50 * 1024}
CPU_SLOWDOWN = 4
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
WATCH = """
new MutationObserver((changes, observer) => {
  if (!document.querySelector('[data-ready] button[data-choice]')) return;
  observer.disconnect();
  requestAnimationFrame(() => { window.__firstChoice = performance.now(); });
}).observe(document, {childList: true, subtree: true, attributes: true});
"""


@dataclass(frozen=True)
class Visit:
    seconds: float
    """From the start of the navigation to the first tappable choice."""
    kilobytes: float
    requests: int
    """Requests finished by then."""
    total_kilobytes: float
    """Everything the page transferred until it was quiet (search index included or not)."""


def build(source: Path, out: Path) -> Path:
    """``mkdocs build`` of the project at ``source`` with its own generator."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(source)}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=source,
                   env=env, check=True, timeout=600)
    return out


def source_of(revision: str) -> Path:
    """The project as it was at ``revision`` (``git archive``; the repository is not touched)."""
    folder = WORK / f"src-{revision}"
    if not folder.is_dir():
        archive = subprocess.run(["git", "archive", revision], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
    return folder


def visit(url: str) -> Visit:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.add_init_script(WATCH)
        cdp = context.new_cdp_session(page)
        sent: dict[str, float] = {}
        finished: list[tuple[float, int]] = []
        def on_sent(event: dict[str, Any]) -> None:  # the clock of the first request
            sent.setdefault("origin", event["wallTime"] - event["timestamp"])

        cdp.on("Network.requestWillBeSent", on_sent)
        cdp.on("Network.loadingFinished", lambda e: finished.append(
            (e["timestamp"], int(e["encodedDataLength"]))))
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function("window.__firstChoice !== undefined", timeout=120_000)
        first_ms = page.evaluate("window.__firstChoice")
        tappable = page.evaluate("performance.timeOrigin") / 1000 + first_ms / 1000
        page.wait_for_load_state("networkidle", timeout=120_000)
        before = [size for ts, size in finished if sent["origin"] + ts <= tappable]
        total = sum(size for _, size in finished)
        browser.close()
    return Visit(first_ms / 1000, sum(before) / 1024, len(before), total / 1024)


def measure(site: Path, runs: int) -> list[Visit]:
    with serve(site, compress=True) as url:
        return [visit(url + PAGE) for _ in range(runs)]


def _row(name: str, visits: list[Visit]) -> str:
    def med(values: list[float]) -> float:
        return statistics.median(values)
    return (f"| {name} | {med([v.kilobytes for v in visits]):.0f} KB in "
            f"{med([float(v.requests) for v in visits]):.0f} requests | "
            f"{med([v.seconds for v in visits]):.1f} s "
            f"({min(v.seconds for v in visits):.1f} to {max(v.seconds for v in visits):.1f}) | "
            f"{med([v.total_kilobytes for v in visits]):.0f} KB |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.first_choice")
    parser.add_argument("--before", default=BEFORE, help=f"commit to compare (default {BEFORE})")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    before = build(source_of(args.before), WORK / "before")
    assert not (before / "sw.js").exists(), "the 'before' build ran this tree's generator"
    after = build(ROOT, WORK / "after")
    rows = [_row(f"before ({args.before})", measure(before, args.runs)),
            _row("after (this tree)", measure(after, args.runs))]
    text = "\n".join([
        "# First visit on a driver's phone", "",
        f"`python -m benchmarks.first_choice --runs {args.runs}`: `{PAGE}` on a fresh phone",
        f"(360x640, CPU slowed {CPU_SLOWDOWN}x, {NETWORK['latency']} ms latency, "
        f"{NETWORK['downloadThroughput'] // 1024} KB/s), served gzipped; medians of "
        f"{args.runs} visits. Goal (issue 11): at most 120 KB before the first choice is "
        "tappable, and at most 3 s.", "",
        "| site | transferred before the first choice is tappable | first tappable choice "
        "| transferred until the network is quiet |",
        "|---|---|---|---|", *rows, ""])
    (HERE / "FIRST_CHOICE.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
