"""``python -m generator stats SOURCE``: the learners' choices, from xAPI statements.

Reads the statements the player's xAPI adapter sent (a JSON file, or an LRS:
:mod:`.read`), counts those that are ours against the scenario files
(:mod:`.tally`), and writes the trainers' page ``trainers/learner-choices.md``
(only the trainer build publishes ``trainers/``) and, if asked, the same
figures as CSV (:mod:`.figures`). The page shows counts and our own texts
only; what was skipped is counted on standard error.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from generator.check import run_check
from generator.errors import ContentError, ExitCode, UsageError
from generator.generate import Settings, settings_of
from generator.records.figures import all_figures, csv_text
from generator.records.read import read_source
from generator.records.tally import Tally, tally
from generator.render.env import renderer
from generator.render.pages import front_matter
from generator.render.paths import LEARNER_CHOICES
from generator.render.templates import Templates

TEMPLATE = "learner-choices.md.j2"


@dataclass(frozen=True)
class Stats:
    tally: Tally
    page: str
    csv: str


def stats(source: str, *, scenarios: Path, activities: str, templates: Path | None = None,
          directory_urls: bool = True, language: str = "en") -> Stats:
    """The page (Markdown for ``docs_dir/trainers/``) and the CSV of ``source``'s statements."""
    result = run_check([scenarios])
    if result.errors:
        raise ContentError(result.errors)
    project = result.project
    statements = read_source(source)
    counted = tally(statements, project.scenarios, project.catalogue, activities)
    figures = all_figures(counted, project.scenarios, project.catalogue)
    r = renderer(templates, directory_urls, trainer=True, language=language)
    strings = Templates(templates).strings(language)["stats"]
    page = r.page(TEMPLATE, LEARNER_CHOICES, figures=figures, tally=counted, st=strings,
                  **front_matter(r.paths.title(LEARNER_CHOICES)))
    return Stats(counted, page, csv_text(figures))


def run_stats(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The command: settings from the config (``site_url``, ``docs_dir``, language), then
    the page and the CSV written, the counts on standard output, what was skipped on error."""
    config: Path = args.config_file
    settings = (settings_of(config) if config.is_file() else Settings(Path.cwd() / "docs"))
    activities = args.activities or settings.site_url
    if not activities or urlsplit(activities).scheme not in {"http", "https"}:
        raise UsageError.at(str(config), 0, 0, "the activity ids' base is unknown",
                            "give --activities https://... (the learners' site_url)")
    if not args.scenarios.is_dir():
        raise UsageError.at(str(args.scenarios), 0, 0, "no such folder")
    done = stats(args.source, scenarios=args.scenarios, activities=activities,
                 templates=args.templates, directory_urls=settings.directory_urls,
                 language=settings.language)
    page: Path = args.out or settings.docs_dir / LEARNER_CHOICES
    written = [page, *([args.csv] if args.csv else [])]
    for path, text in zip(written, (done.page, done.csv), strict=False):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    counted = done.tally
    print(counted.summary(), file=err)
    print(f"read {counted.read} statements: {counted.decisions} decisions, "
          f"{counted.completions} finished runs; wrote {', '.join(map(str, written))}", file=out)
    return ExitCode.OK
