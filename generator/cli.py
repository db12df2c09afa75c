"""The command line: ``python -m generator check|schema|new|translate|report|offline|...``.

Exit codes: 0 clean, 1 content errors, 2 usage errors (see :class:`ExitCode`).
Bad content never produces a traceback: every problem is a ``path:line:col``
line on standard error (or, with ``check --format json``, a JSON list on standard output).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from generator.check import CheckResult, run_check
from generator.check.strategies import surface_outcomes
from generator.errors import ContentError, ExitCode, GeneratorError, UsageError
from generator.generate import MARKER, NAV_FILE, Settings, generate, settings_of
from generator.model import SLUG_PATTERN
from generator.offline import write_offline
from generator.render.templates import check_overrides
from generator.scaffold import scaffold
from generator.schema import SCHEMAS, schema_text, write_schemas
from generator.translate import accept, new_translation

DEFAULT_FOLDER = Path("scenarios")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args, sys.stdout, sys.stderr)
    except GeneratorError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return int(exc.exit_code)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Check customer-service training scenarios and report on their scores.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate and lint scenarios")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="scenario files or folders (default: scenarios/)")
    check.add_argument("--format", choices=["text", "json"], default="text",
                       help="json: print only the problems, as a JSON list on standard "
                       "output (for editors and CI annotations)")
    check.set_defaults(run=_check)

    schema = commands.add_parser("schema", help="print the JSON Schema of the format")
    schema.add_argument("--of", choices=sorted(SCHEMAS), default="scenario",
                        help="which file format (default: scenario)")
    schema.add_argument("--write", type=Path, metavar="FOLDER",
                        help="write every schema into FOLDER instead of printing one")
    schema.set_defaults(run=_schema)

    new = commands.add_parser("new", help="create a scenario file to start from")
    new.add_argument("id", help="the new scenario's id, e.g. 'late-delivery'")
    new.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    new.add_argument("--audience", choices=["employees", "partners"], default="employees")
    new.set_defaults(run=_new)

    report = commands.add_parser("report", help="a table of scenarios and their scores")
    report.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    report.set_defaults(run=_report)

    offline = commands.add_parser(
        "offline", help="add the service worker, offline page and manifest to a built site")
    offline.add_argument("site", type=Path, metavar="SITE", help="the built site's folder")
    offline.add_argument("--name", help="the app's name (default: from the home page's title)")
    offline.add_argument("--templates", type=Path, help="a folder of template overrides")
    offline.add_argument("--off", action="store_true",
                         help="write a worker that removes itself and its caches instead")
    offline.set_defaults(run=_offline)

    package = commands.add_parser("package", help="a built site as an LMS package (one per track)")
    package.add_argument("--format", required=True, choices=["scorm12", "scorm2004", "cmi5"])
    package.add_argument("--site", required=True, type=Path, metavar="SITE_DIR",
                         help="the built site's folder")
    package.add_argument("--out", required=True, type=Path, metavar="FILE.zip")
    package.add_argument("--track", metavar="PAGE",
                         help="the page listing the track's scenarios, e.g. employees "
                         "(default: every scenario of the site)")
    package.add_argument("--mastery", default="good", metavar="TIER|0-100",
                         help="the score that passes: a tier id or a number (default: good)")
    package.set_defaults(run=_package)
    translate = commands.add_parser("translate", help="start a translation, or accept one "
                                    "after review (README: \"Translating\")")
    steps = translate.add_subparsers(required=True, metavar="ACTION")
    start = steps.add_parser("new", help="write scenarios/LANG/ID.yaml with the texts to "
                             "translate")
    start.add_argument("id", help="the scenario's id, or 'principles' for the catalogue")
    start.add_argument("--lang", required=True, help="a language code, e.g. sv, nb, da")
    start.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    start.set_defaults(run=_translate_new)
    done = steps.add_parser("accept", help="after review, record the source's current "
                            "fingerprints in a translation")
    done.add_argument("file", type=Path, metavar="FILE", help="e.g. scenarios/sv/late-van.yaml")
    done.set_defaults(run=_translate_accept)

    gen = commands.add_parser(
        "generate", help="write the generated pages, assets and nav into a folder under "
        "docs_dir, for engines that run no MkDocs plugins (Zensical)")
    gen.add_argument("subdir", type=Path, metavar="DOCS_SUBDIR",
                     help="a folder of its own under docs_dir, e.g. docs/training")
    gen.add_argument("--scenarios", type=Path, default=DEFAULT_FOLDER,
                     help="the scenarios and principles.yaml (default: scenarios/)")
    gen.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"),
                     help="the config whose docs_dir holds DOCS_SUBDIR and whose folder is "
                     "the project (default: mkdocs.yml; without it, docs/ here)")
    gen.add_argument("--templates", type=Path, metavar="DIR",
                     help="a folder of overrides of the packaged templates and strings")
    gen.add_argument("--trainer", action="store_true",
                     help="the trainer build: trainer views, weights and guides "
                     "(publish only behind access control)")
    gen.set_defaults(run=_generate)

    stats = commands.add_parser("stats", help="the learners' choices from xAPI statements, as a "
                                "trainers' page (README: \"The learners' choices\")")
    stats.add_argument("source", metavar="STATEMENTS.json|LRS_URL", help="a JSON file of "
                       "statements, or the LRS's URL (credentials: XAPI_AUTH=user:password)")
    stats.add_argument("--scenarios", type=Path, default=DEFAULT_FOLDER)
    stats.add_argument("--out", type=Path, metavar="FILE.md",
                       help="default: trainers/learner-choices.md under the config's docs_dir")
    stats.add_argument("--csv", type=Path, metavar="FILE.csv", help="the same figures as CSV")
    stats.add_argument("--activities", metavar="URL",
                       help="the base of the activity ids (default: the config's site_url)")
    stats.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    stats.add_argument("--templates", type=Path, metavar="DIR")
    stats.set_defaults(run=_stats)
    return parser


def _checked(paths: list[Path], err: TextIO) -> CheckResult:
    result = run_check(paths or [DEFAULT_FOLDER])
    for diagnostic in result.diagnostics:
        print(diagnostic.format(), file=err)
    return result


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.format == "json":
        try:
            diagnostics = run_check(args.paths or [DEFAULT_FOLDER]).diagnostics
        except ContentError as exc:  # the catalogue: the problems are still JSON
            diagnostics = list(exc.diagnostics)
        json.dump([d.as_json() for d in diagnostics], out, ensure_ascii=False, indent=2)
        out.write("\n")
        errors = any(d.severity == "error" for d in diagnostics)
        return ExitCode.CONTENT if errors else ExitCode.OK
    result = _checked(args.paths, err)
    for ident, score in result.scores.items():
        tiers = ", ".join(t.name for t in score.tiers_reachable)
        print(f"{ident}: scores {score.worst:+d} to {score.best:+d}; tiers: {tiers}", file=out)
    project = result.project
    count = len(project.files) + len(project.unreadable)
    unreadable = f" ({len(project.unreadable)} unreadable)" if project.unreadable else ""
    print(f"checked {count} scenario{'s' * (count != 1)}{unreadable}: "
          f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)", file=out)
    return ExitCode.CONTENT if result.errors else ExitCode.OK


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.write:
        for path in write_schemas(args.write):
            print(f"wrote {path}", file=out)
    else:
        out.write(schema_text(args.of))
    return ExitCode.OK


def _new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not re.fullmatch(SLUG_PATTERN, args.id):
        raise UsageError.at("", 0, 0, f"'{args.id}' is not a valid id",
                            "use lowercase letters, digits and single hyphens, e.g. late-delivery")
    path = scaffold(args.folder, args.id, args.audience)
    print(f"created {path}; edit it, then run: python -m generator check {path}", file=out)
    return ExitCode.OK


def _translate_new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    path = new_translation(args.folder, args.id, args.lang)
    print(f"created {path}; translate every 'text:', then run: python -m generator check",
          file=out)
    return ExitCode.OK


def _translate_accept(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    done = accept(args.file)
    for line, column, name in done.fields:
        print(f"{done.path}:{line}:{column}: accepted {name}", file=out)
    print(f"{done.path}: accepted {len(done.fields)} field(s)" if done.fields else
          f"{done.path}: nothing to accept; no source text changed", file=out)
    return ExitCode.OK


def _offline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not args.site.is_dir():
        raise UsageError.at(str(args.site), 0, 0, "no such folder")
    done = write_offline(args.site, site_name=args.name, templates=args.templates,
                         enabled=not args.off)
    print(f"build {done.build}: the worker keeps {len(done.precache)} files", file=out)
    return ExitCode.OK


def _package(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.lms import build_package

    done = build_package(args.site, args.out, args.format, track=args.track,
                         mastery=args.mastery)
    for warning in done.warnings:
        print(warning.format(), file=err)
    print(f"wrote {done.out}: {args.format}, '{done.title}', {len(done.scenarios)} scenario(s), "
          f"{done.files} files", file=out)
    return ExitCode.OK


def _generate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    config: Path = args.config_file
    if config.is_file():
        project, settings = config.resolve().parent, settings_of(config)
    elif config != Path("mkdocs.yml"):
        raise UsageError.at(str(config), 0, 0, "no such file")
    else:
        project = Path.cwd().resolve()
        settings = Settings(project / "docs")
    if not args.scenarios.is_dir():
        raise UsageError.at(str(args.scenarios), 0, 0, "no such folder",
                            "name the scenarios' folder with --scenarios")
    if args.templates is not None:
        if not args.templates.is_dir():
            raise UsageError.at(str(args.templates), 0, 0, "no such folder")
        for warning in check_overrides(args.templates):
            print(warning.format(), file=err)
    done = generate(args.subdir, scenarios=args.scenarios, project=project,
                    settings=settings, trainer=args.trainer, templates=args.templates)
    pages = sum(name.endswith(".md") for name in done.written)
    removed = f"; removed {done.removed} no longer generated" if done.removed else ""
    print(f"wrote {pages} pages and {len(done.written) - pages} other files into "
          f"{args.subdir} (listed in {MARKER}){removed}", file=out)
    print(f"add the entries of {args.subdir / NAV_FILE} to your nav (README: \"Engines\")",
          file=out)
    return ExitCode.OK


def _stats(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.records import run_stats

    return run_stats(args, out, err)


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = _checked(args.paths, err)
    if result.errors:
        print(f"{len(result.errors)} error(s): fix them first (python -m generator check)",
              file=err)
        return ExitCode.CONTENT
    names = {p.id: p.name for p in result.project.catalogue.principles}
    rows: list[tuple[str, ...]] = [("scenario", "audience", "steps", "score range",
                                    "tiers reachable", "always longest", "always shortest",
                                    "principles")]
    for scenario in result.project.scenarios:
        score = result.scores[scenario.id]
        trained = sorted({names[p] for s in scenario.steps for c in s.choices for p in c.effects})
        surface = surface_outcomes(score)
        rows.append((scenario.id, scenario.audience, str(len(scenario.steps)),
                     f"{score.worst:+d}..{score.best:+d}",
                     ", ".join(t.name for t in score.tiers_reachable),
                     *(f"{o.score} {o.tier.name}" for o in surface.values()),
                     "; ".join(trained)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip(), file=out)
    return ExitCode.OK
