"""Serve a built site on 127.0.0.1 and audit its pages with Lighthouse (mobile).

The server is Python's ``http.server``. A real static host compresses text
(GitHub Pages, Netlify, nginx and Apache all gzip HTML, CSS, JS and JSON), so
the server can do the same (``compress=True``); without it, Material's 250 KB
of CSS and JS travel raw over Lighthouse's simulated slow 4G. RESULTS.md gives
both. Chromium talks to nothing but 127.0.0.1: the flags turn off its
background traffic, and the site loads nothing from other hosts.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import statistics
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
                "--disable-background-networking --disable-component-update --no-first-run "
                "--disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg")


class _Handler(SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: Lighthouse's requests are not news

    def send_head(self) -> BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wanted and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        data = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


@contextmanager
def serve(directory: Path, *, compress: bool) -> Iterator[str]:
    """Serve ``directory`` (which may be built later) at the URL it yields."""
    handler = type("Handler", (_Handler,), {"compress": compress})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Audit:
    """One page's median scores over several Lighthouse runs, with what cost points."""

    runs: list[dict[str, int]] = field(default_factory=list)
    metrics: dict[str, str] = field(default_factory=dict)
    """Display values of the run with the median performance score."""
    failures: set[str] = field(default_factory=set)
    """Weighted audits below full marks in accessibility and best practices (any run)."""

    def median(self, category: str) -> int:
        return round(statistics.median(r[category] for r in self.runs))

    def spread(self, category: str) -> str:
        values = [r[category] for r in self.runs]
        low, high = min(values), max(values)
        middle = self.median(category)
        return f"{middle}" if low == high else f"{middle} ({low} to {high})"


def run_lighthouse(url: str, output: Path) -> dict[str, Any]:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
               f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
               f"--chrome-flags={CHROME_FLAGS}", "--no-enable-error-reporting"]
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return report


def audit(url: str, folder: Path, runs: int) -> Audit:
    """Run Lighthouse ``runs`` times on ``url``; reports are kept in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    result = Audit()
    reports = []
    for number in range(runs):
        report = run_lighthouse(url, folder / f"run-{number}.json")
        reports.append(report)
        result.runs.append({c: round(100 * (report["categories"][c]["score"] or 0))
                            for c in CATEGORIES})
        result.failures |= _failures(report)
    ranked = sorted(reports, key=lambda r: r["categories"]["performance"]["score"] or 0)
    middle = ranked[len(ranked) // 2]
    result.metrics = {m: str(middle["audits"][m].get("displayValue", "")) for m in METRICS}
    return result


def _failures(report: dict[str, Any]) -> set[str]:
    found = set()
    for category in ("accessibility", "best-practices"):
        for ref in report["categories"][category]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] > 0 and result["score"] is not None and result["score"] < 1:
                found.add(f"{category}: {ref['id']} ({result['title']})")
    return found
