"""Turn customer-service training scenarios written in YAML into an interactive site.

The pipeline, one module per stage: :mod:`~generator.load` (safe YAML with
positions) -> :mod:`~generator.parse` / :mod:`~generator.model` (strict
validation) -> :mod:`~generator.lint` (graph checks) -> :mod:`~generator.score`
(principle-based scores) -> render. :func:`run_check` runs the first four.
"""

from generator.check import CheckResult, run_check
from generator.errors import ContentError, Diagnostic, GeneratorError, UsageError

__all__ = ["CheckResult", "ContentError", "Diagnostic", "GeneratorError", "UsageError", "run_check"]
