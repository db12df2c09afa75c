"""The public API is what we intend, and the core never imports MkDocs."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import generator


def test_public_api() -> None:
    assert sorted(generator.__all__) == [
        "CheckResult", "ContentError", "Diagnostic", "GeneratorError", "UsageError", "run_check"]
    for name in generator.__all__:
        assert getattr(generator, name) is not None


CORE = sorted(m.name for m in pkgutil.walk_packages(generator.__path__, "generator.")
              if not m.name.startswith("generator.plugin"))
"""Every module of the package but the plugin, the one place MkDocs may come in."""


def test_the_core_is_every_module_but_the_plugin() -> None:
    # A walk that found nothing would make the test below pass vacuously.
    assert {"generator.check.score", "generator.render.env", "generator.cli"} <= set(CORE)
    assert "generator.plugin" not in CORE


PROBE = """\
import contextlib, io, sys
sys.argv = ["generator", "--help"]  # generator.__main__ runs the CLI: make that a quiet exit
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    import {module}
print(sorted(m for m in sys.modules if m.split(".")[0] in {{"mkdocs", "material"}}))
"""


def test_core_does_not_import_mkdocs() -> None:
    """Each module in a fresh interpreter, so no other module can have imported it first;
    the interpreters run side by side (one at a time would add half a minute)."""
    probes = {module: subprocess.Popen([sys.executable, "-c", PROBE.format(module=module)],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for module in CORE}
    found = {}
    for module, probe in probes.items():
        out, err = probe.communicate()
        if probe.returncode != 0 or out.strip() != "[]":
            found[module] = out.strip() or err.strip().splitlines()[-1:]
    assert found == {}
