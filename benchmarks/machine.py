"""The machine and the versions a benchmark ran with, for RESULTS.md."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2",
            "pydantic", "PyYAML")


def _first(path: str, key: str, separator: str = ":") -> str:
    """The value of the first ``key<separator>value`` line of a system file."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return "unknown"
    for line in lines:
        name, _, value = line.partition(separator)
        if name.strip() == key:
            return value.strip().strip('"')
    return "unknown"


def machine() -> dict[str, str]:
    memory_kib = _first("/proc/meminfo", "MemTotal").split()[0]
    memory = f"{int(memory_kib) / 1024 / 1024:.1f} GiB" if memory_kib.isdigit() else "unknown"
    return {
        "CPU": _first("/proc/cpuinfo", "model name"),
        "cores": str(os.cpu_count()),
        "memory": memory,
        "OS": f"{_first('/etc/os-release', 'PRETTY_NAME', '=')}, Linux {platform.release()}",
    }


def chromium_version() -> str:
    try:
        done = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True,
                              timeout=60, check=False)
    except OSError:
        return "not installed"
    return done.stdout.strip() or "unknown"


def lighthouse_version() -> str:
    package = HERE / "node_modules" / "lighthouse" / "package.json"
    try:
        return str(json.loads(package.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "not installed (cd benchmarks && npm ci)"


def versions() -> dict[str, str]:
    found = {"Python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    found["Chromium"] = chromium_version()
    found["lighthouse"] = lighthouse_version()
    return found


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"
