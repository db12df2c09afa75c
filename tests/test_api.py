"""The public API is what we intend, and the core never imports MkDocs."""

from __future__ import annotations

import subprocess
import sys

import generator


def test_public_api() -> None:
    assert sorted(generator.__all__) == [
        "CheckResult", "ContentError", "Diagnostic", "GeneratorError", "UsageError", "run_check"]
    for name in generator.__all__:
        assert getattr(generator, name) is not None


def test_core_does_not_import_mkdocs() -> None:
    code = ("import sys, generator.check, generator.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'mkdocs', 'material'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
