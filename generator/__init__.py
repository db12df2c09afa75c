"""Turn customer-service training scenarios written in YAML into an interactive site.

The pipeline, one subpackage per part, one module per stage:

- :mod:`~generator.load`: safe YAML with positions, validated against
  :mod:`~generator.model` (the format's single source) by
  :mod:`~generator.load.parse`; :mod:`~generator.load.project` collects a folder.
- :mod:`~generator.check`: :mod:`~generator.check.lint` (the decision graph and
  cross-file ids), :mod:`~generator.check.cues` (answer cues),
  :mod:`~generator.check.score` (principle-based scores, caps, tiers),
  :mod:`~generator.check.strategies` (playing without understanding).
- :mod:`~generator.render`: the site as ``{path: Markdown}``; never imports MkDocs.
- :mod:`~generator.offline`: the service worker, made from a built site.

Adapters on top: :mod:`~generator.cli` (``python -m generator``) and
:mod:`~generator.plugin` (MkDocs). :func:`run_check` runs load and check.
"""

from generator.check import CheckResult, run_check
from generator.errors import ContentError, Diagnostic, GeneratorError, UsageError

__all__ = ["CheckResult", "ContentError", "Diagnostic", "GeneratorError", "UsageError", "run_check"]
