"""What the ``xapi:`` setting adds to what a learner's browser downloads, off and on.

Run ``python -m benchmarks.xapi_bytes``; it builds the real ``mkdocs.yml`` twice
(as it is, and with ``xapi: {endpoint: /lrs/xapi/}``) and writes
``benchmarks/XAPI.md``: the player, a scenario page and the adapter, raw and
gzipped (level 6, as a server sends them). The goal (issue 14): nothing added
when off, under 3 KB gzipped when on. It also weighs the adapter of a cmi5 package
of the same site (the same file with its cmi5 blocks; a package's scenario page
loads it instead of the site's).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from benchmarks.census import Weight, weight
from generator.lms.pack import ADAPTER, build_package

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
SCENARIO = "scenarios/leaving-broadband/index.html"
FILES = ("assets/service-scenarios.js", SCENARIO, "assets/service-scenarios-xapi.js")


def build(out: Path, xapi: dict[str, str] | None) -> None:
    with (ROOT / "mkdocs.yml").open("rb") as source:
        settings = yaml_load(source)
    settings["docs_dir"] = str(ROOT / settings.get("docs_dir", "docs"))
    for plugin in settings["plugins"]:
        if isinstance(plugin, dict) and "service-scenarios" in plugin:
            options = plugin["service-scenarios"]
            options["scenarios"] = str(ROOT / options["scenarios"])
            if xapi:
                options["xapi"] = xapi
    config = out.with_suffix(".yml")
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                    "-d", str(out)], cwd=ROOT, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def sizes(site: Path) -> dict[str, Weight | None]:
    return {f: weight(site / f) if (site / f).exists() else None for f in FILES}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        off, on = Path(tmp) / "off", Path(tmp) / "on"
        build(off, None)
        build(on, {"endpoint": "/lrs/xapi/"})
        before, after = sizes(off), sizes(on)
        build_package(off, Path(tmp) / "cmi5.zip", "cmi5")
        with zipfile.ZipFile(Path(tmp) / "cmi5.zip") as package:
            (Path(tmp) / "sc-lms.js").write_bytes(package.read(ADAPTER))
        cmi5 = weight(Path(tmp) / "sc-lms.js")
    lines = ["# xAPI: bytes a learner downloads, off and on", "",
             "`python -m benchmarks.xapi_bytes` (the real mkdocs.yml, built twice). "
             "Gzip at level 6.", "",
             "| file | off: raw / gzip | on: raw / gzip | added gzip |", "|---|---|---|---|"]
    total = 0
    for name in FILES:
        a, b = before[name], after[name]
        added = (b.gzipped if b else 0) - (a.gzipped if a else 0)
        total += added
        show = [f"{w.raw:,} / {w.gzipped:,}" if w else "none" for w in (a, b)]
        lines.append(f"| `{name}` | {show[0]} | {show[1]} | {added:+,} |")
    lines += ["", f"A scenario page with xAPI on loads {total:+,} bytes gzipped more "
              "(goal: under 3,072). The player is the same file either way: its raw size is equal, "
              "and its gzip may differ by a byte with the build id the offline step writes "
              "into it. Off, no page has the adapter.", "",
              f"A cmi5 package's scenario page loads `{ADAPTER}` instead (the same file with "
              f"its cmi5 blocks, which the site's copy leaves out): {cmi5.raw:,} / "
              f"{cmi5.gzipped:,} bytes raw / gzip.", ""]
    (HERE / "XAPI.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
