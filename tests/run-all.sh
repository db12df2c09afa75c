#!/usr/bin/env bash
# Install what the tests need and run every test: lint, types, unit, property and browser tests.
# This is the README's test command; CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Browser tests drive Debian's Chromium; Playwright's own download cannot work here.
if [ ! -x /usr/bin/chromium ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"

# axe-core for the accessibility tests comes from the npm registry, pinned in package-lock.json.
if [ -f tests/browser/package.json ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi
# scorm-again (the LMS side) and ADL's SCORM schemas for the LMS package tests, likewise.
if [ -f tests/lms/package.json ]; then
  (cd tests/lms && npm ci --no-audit --no-fund --silent)
fi

export NO_MKDOCS_2_WARNING=1
python3 -m ruff check generator tests benchmarks
python3 -m mypy
python3 -m pytest "$@"
