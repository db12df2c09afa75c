"""``npm ci`` refuses a lock file that disagrees with package.json: keep them in sync, offline.

``npm ci`` fails from a fresh clone when the lock misses a package that
package.json (or a locked package) asks for. This test resolves every locked
dependency the way Node does (the nearest ``node_modules`` up the tree) and
checks the version found satisfies the range asked for, with the subset of npm's
semver ranges the locks use. A dependency on a dist-tag such as ``latest``
changes meaning whenever its author publishes, which is what broke ``npm ci``
once: such edges must be pinned in package.json's ``overrides``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent
FOLDERS = [ROOT / "benchmarks", ROOT / "tests" / "browser", ROOT / "tests" / "lms"]

Version = tuple[int, int, int]


def _version(text: str) -> Version:
    match = re.fullmatch(r"v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?", text)
    assert match, f"not a version: {text}"
    return int(match[1]), int(match[2]), int(match[3])


def _partial(text: str) -> tuple[Version, int]:
    """``1.2`` -> ((1, 2, 0), 2): the version and how many parts were written."""
    parts = [int(p) for p in text.lstrip("v").split(".") if p not in {"x", "*"}]
    padded = [*parts, 0, 0, 0]
    return (padded[0], padded[1], padded[2]), len(parts)


def _comparator(comp: str, version: Version) -> bool:
    if comp in {"*", "", "x"}:
        return True
    op = re.match(r"[\^~]|[<>]=?|=", comp)
    sign = op[0] if op else ""
    low, written = _partial(comp[len(sign):])
    if sign == "^":
        # ^1.2.3 allows 1.x.y; ^0.2.3 allows 0.2.x; ^0.0.3 only 0.0.3.
        first = next((i for i, p in enumerate(low) if p), min(written, 3) - 1)
        high = (*low[:first], low[first] + 1, 0, 0)[:3]
        return low <= version < high
    if sign == "~":
        keep = 1 if written > 1 else 0
        high = (*low[:keep], low[keep] + 1, 0, 0)[:3]
        return low <= version < high
    if sign in {"", "="}:
        return version[:written] == low[:written]
    return {">": version > low, ">=": version >= low, "<": version < low,
            "<=": version <= low}[sign]


def satisfies(version: str, spec: str) -> bool:
    """npm's ``semver.satisfies`` for the range forms the locks use (|| of comparator sets)."""
    found = _version(version)
    spec = re.sub(r"([<>]=?|=)\s+", r"\1", spec)  # npm reads '>= 2.1.2' as '>=2.1.2'
    return any(all(_comparator(c, found) for c in alternative.split())
               for alternative in spec.split("||"))


@pytest.mark.parametrize(("version", "spec", "expected"), [
    ("1.4.0", "^1.2", True), ("2.0.0", "^1.2.3", False), ("0.2.9", "^0.2.3", True),
    ("0.3.0", "^0.2.3", False), ("1.2.9", "~1.2.3", True), ("1.3.0", "~1.2.3", False),
    ("1.9.0", ">=1.0.0 <1.10.0", True), ("1.10.0", ">=1.0.0 <1.10.0", False),
    ("2.1.0", "^1.30.1 || ^2.0.0", True), ("7.0.0", "7", True), ("8.0.0", "*", True),
    ("2.1.2", ">= 2.1.2 < 3.0.0", True), ("3.0.0", ">= 2.1.2 < 3.0.0", False),
])
def test_range_subset_agrees_with_npm(version: str, spec: str, expected: bool) -> None:
    assert satisfies(version, spec) is expected


def _resolve(packages: dict[str, Any], where: str, name: str) -> str | None:
    """The lock key Node would load ``name`` from, required by the package at ``where``."""
    base = where
    while True:
        key = f"{base}/node_modules/{name}" if base else f"node_modules/{name}"
        if key in packages:
            return key
        if not base:
            return None
        cut = base.rfind("/node_modules/")
        base = base[:cut] if cut >= 0 else ""


def _overrides(manifest: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(parent package or '', dependency) -> the pinned spec, from package.json's overrides."""
    pins: dict[tuple[str, str], str] = {}

    def read(owner: str, entries: dict[str, Any]) -> None:
        for name, value in entries.items():
            if isinstance(value, dict):  # nested: '.' pins the package itself
                if owner and "." in value:
                    pins[(owner, name)] = value["."]
                read(name, {k: v for k, v in value.items() if k != "."})
            else:
                pins[(owner, name)] = value

    read("", manifest.get("overrides", {}))
    return pins


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_lock_file_matches_package_json(folder: Path) -> None:
    manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((folder / "package-lock.json").read_text(encoding="utf-8"))
    packages: dict[str, Any] = lock["packages"]
    assert lock["name"] == manifest["name"]
    assert lock["lockfileVersion"] >= 2
    root = packages[""]
    for kind in ("dependencies", "devDependencies", "optionalDependencies"):
        assert root.get(kind, {}) == manifest.get(kind, {}), f"{kind} differ"
    pins = _overrides(manifest)
    problems = []
    for where, entry in packages.items():
        if where and "integrity" not in entry and not entry.get("link"):
            problems.append(f"{where}: no integrity hash")
        owner = where.rsplit("node_modules/", 1)[-1]
        for kind in ("dependencies", "devDependencies", "optionalDependencies"):
            if where and kind == "devDependencies":
                continue  # a dependency's own dev tools are never installed
            for name, wanted in entry.get(kind, {}).items():
                spec = pins.get((owner, name), pins.get(("", name), wanted))
                found = _resolve(packages, where, name)
                if found is None:
                    if kind != "optionalDependencies":
                        problems.append(f"{where or 'package.json'} needs {name}@{spec}: missing")
                elif not re.match(r"[\d^~<>=*v]", spec):
                    problems.append(f"{where} needs {name}@{spec}: pin it in 'overrides'")
                elif not satisfies(packages[found]["version"], spec):
                    problems.append(f"{where or 'package.json'} needs {name}@{spec}, "
                                    f"locked {packages[found]['version']}")
    assert problems == [], f"run npm install --package-lock-only in {folder.name}: {problems}"
