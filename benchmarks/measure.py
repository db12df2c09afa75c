"""Run a command in a fresh process and measure its wall time and peak memory."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class CommandFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    """Peak resident set of the command's own process (``ru_maxrss`` from ``wait4``)."""
    cpu: float
    """User + system CPU seconds: less disturbed than wall time by other work on the machine."""


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` (in ``env``, default :data:`ENV`); fail loudly when it fails, since a
    broken build measures nothing."""
    start = time.perf_counter()
    # wait4 returns the usage of this one child, not the maximum over all
    # children so far (which RUSAGE_CHILDREN would give).
    with subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE) as process:
        assert process.stderr is not None
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise CommandFailed(f"{' '.join(command)} (in {cwd}) exited with "
                            f"{process.returncode}:\n{errors.decode(errors='replace')[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024,  # Linux reports KiB
               usage.ru_utime + usage.ru_stime)


def best(runs: list[Run]) -> Run:
    """The fastest run (the least disturbed by other work), the highest peak memory."""
    return Run(min(r.seconds for r in runs), max(r.peak_mib for r in runs),
               min(r.cpu for r in runs))
