"""``python -m generator generate DOCS_SUBDIR``: the generated site as files, for any engine.

The MkDocs plugin adds the generated pages in memory; engines that run no
MkDocs plugins (Zensical) need them on disk. This writes everything the plugin
would add into a folder of its own under ``docs_dir``:

* the pages (Markdown whose body is raw HTML; links between them are relative,
  so they work from any folder),
* the player's JS and CSS under ``assets/``,
* ``nav.yml``: the ``nav`` entries to paste into the engine's config,
* ``.service-scenarios.json``: the marker, listing every file written.

The marker is what makes a re-run safe: only the files it lists are removed,
and a folder holding any other file is refused, so a hand-written page is
never overwritten or deleted. Every refusal happens before anything is
written (exit 2); a broken scenario stops the run before anything is removed
(exit 1).
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.check import run_check
from generator.errors import ContentError, Diagnostic, UsageError
from generator.render import NavItem, navigation, render_site
from generator.render.catalogue import SOURCE_LANGUAGE, site_language
from generator.render.paths import OPTIONAL_PAGES

MARKER = ".service-scenarios.json"
"""Lists the files ``generate`` wrote into the folder (paths relative to it)."""
NAV_FILE = "nav.yml"
MARKER_KIND = "service-scenarios generate"
SHOWN = 5
"""The most foreign files a refusal names (the count says how many more)."""
NAV_HEADER = """\
# Written by `python -m generator generate`; it is replaced on every run.
# Paste these entries under `nav:` in mkdocs.yml (MkDocs, ProperDocs, Zensical):
# the paths are relative to docs_dir, so they work wherever the lines go.
"""


@dataclass(frozen=True)
class Generated:
    folder: Path
    written: list[str]
    """Paths relative to ``folder``, the marker excluded."""
    removed: int
    """Files of the previous run that are no longer generated."""


@dataclass(frozen=True)
class Settings:
    """What ``generate`` needs of the engine's config."""

    docs_dir: Path
    directory_urls: bool = True
    language: str = SOURCE_LANGUAGE
    """``theme.language``: the pages' interface strings are in it, as with the plugin."""
    site_url: str | None = None
    """The learners' address: the base of the xAPI activity ids (``stats``)."""


def settings_of(config: Path) -> Settings:
    """``docs_dir`` (``docs`` beside the config by default), ``use_directory_urls`` and
    ``theme.language`` (a code Material does not know is an error at its line)."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Lenient)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError.at(str(config), 1, 1, f"cannot read the config: {exc}") from exc
    data = data if isinstance(data, dict) else {}
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return Settings((config.parent / str(data.get("docs_dir", "docs"))).resolve(),
                    data.get("use_directory_urls") is not False,
                    site_language(None, str(language) if language else None, config),
                    data["site_url"] if isinstance(data.get("site_url"), str) else None)


class _Lenient(yaml.SafeLoader):
    """Reads configs with tags this module does not need (``!ENV``, ``!!python/name``)."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def _usage(path: Path | str, message: str, hint: str = "") -> UsageError:
    return UsageError([Diagnostic(str(path), 0, 0, message, hint)])


def target_folder(subdir: Path, project: Path, docs_dir: Path) -> Path:
    """The folder to generate into; refuses one outside the project or not under docs_dir."""
    project, folder = project.resolve(), subdir.resolve()
    if not folder.is_relative_to(project):
        raise _usage(subdir, "is outside the project",
                     f"generate into a folder under {_shown(docs_dir, project)}/")
    if folder == docs_dir:
        raise _usage(subdir, "is docs_dir itself; the generated site needs a folder of its own",
                     f"e.g. {_shown(docs_dir / 'training', project)}")
    if not folder.is_relative_to(docs_dir):
        raise _usage(subdir, f"is not under docs_dir ({_shown(docs_dir, project)}), "
                     "so no engine would build it",
                     f"e.g. {_shown(docs_dir / 'training', project)}")
    if folder.exists() and not folder.is_dir():
        raise _usage(subdir, "is a file, not a folder")
    return folder


def _shown(path: Path, project: Path) -> str:
    return path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)


def previous_files(folder: Path, shown: Path) -> list[str]:
    """The files the last run wrote; refuses a folder holding any other file."""
    if not folder.exists():
        return []
    listed = _read_marker(folder, shown)
    present = sorted(p.relative_to(folder).as_posix() for p in _files(folder))
    foreign = [p for p in present if p != MARKER and p not in listed]
    if foreign:
        names = ", ".join(foreign[:SHOWN]) + (f" and {len(foreign) - SHOWN} more"
                                              if len(foreign) > SHOWN else "")
        why = ("was not written by 'generate'" if not (folder / MARKER).exists()
               else f"holds files 'generate' did not write (not in {MARKER})")
        raise _usage(shown, f"{why}: {names}",
                     "move hand-written pages out of it, or choose an empty or new folder")
    return [p for p in listed if (folder / p).is_file() or (folder / p).is_symlink()]


def _files(folder: Path) -> Iterable[Path]:
    for parent, dirs, names in os.walk(folder):
        # A link to a folder is not followed but counts as a file it did not write:
        # writing through it would write outside the folder.
        for name in [*names, *(d for d in dirs if Path(parent, d).is_symlink())]:
            yield Path(parent, name)


def _read_marker(folder: Path, shown: Path) -> list[str]:
    marker, named = folder / MARKER, shown / MARKER
    if not marker.exists():
        return []
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        files = data["files"] if data.get("written_by") == MARKER_KIND else None
    except (OSError, ValueError, AttributeError, KeyError) as exc:
        raise _usage(named, f"cannot read the list of generated files: {exc}",
                     "remove the folder if nothing in it is hand-written") from exc
    if not isinstance(files, list) or not all(_safe_relative(f) for f in files):
        raise _usage(named, "is not a list of generated files",
                     "remove the folder if nothing in it is hand-written")
    return [str(f) for f in files]


def _safe_relative(name: object) -> bool:
    """A marker entry must stay inside the folder: a tampered marker removes nothing else."""
    if not isinstance(name, str) or not name or name.startswith("/") or "\\" in name:
        return False
    return ".." not in name.split("/")


def render_files(scenarios: Path, subfolder: str, existing: list[str], *, trainer: bool,
                 directory_urls: bool = True, templates: Path | None = None,
                 language: str = SOURCE_LANGUAGE) -> dict[str, str]:
    """Every file to write, keyed by its path under the generated folder."""
    result = run_check([scenarios])
    if result.errors:
        raise ContentError(result.errors)
    # existing=(): links inside the pages are relative to the generated folder,
    # so they cannot reach hand-written pages outside it; the nav does (below).
    rendered = render_site(result, existing=(), trainer=trainer, directory_urls=directory_urls,
                           templates=templates, language=language)
    files = {_source(path, directory_urls): text for path, text in rendered.items()}
    nav = _prefixed(navigation(result, existing, trainer=trainer, templates=templates,
                               language=language), subfolder, set(existing), directory_urls)
    files[NAV_FILE] = NAV_HEADER + yaml.safe_dump(nav, sort_keys=False, allow_unicode=True,
                                                  width=100)
    return files


def _source(path: str, directory_urls: bool) -> str:
    """Where a page is written: ``scenarios/x.md`` as ``scenarios/x/index.md``.

    The links inside the pages are relative to each page's URL (``scenarios/x/``).
    MkDocs passes them through; Zensical reads every relative link as relative to
    the page's source folder and rewrites it. In a folder of its own, a page's
    source folder is its URL, so the same links are right for both.
    """
    if not directory_urls or not path.endswith(".md") or posixpath.basename(path) == "index.md":
        return path
    return path.removesuffix(".md") + "/index.md"


def _prefixed(nav: list[NavItem], subfolder: str, keep: set[str],
              directory_urls: bool) -> list[NavItem]:
    """The plugin's nav with generated pages moved into ``subfolder``; hand-written kept."""
    def move(item: Any) -> Any:
        if isinstance(item, str):
            return item if item in keep else f"{subfolder}/{_source(item, directory_urls)}"
        if isinstance(item, list):
            return [move(i) for i in item]
        return {title: move(value) for title, value in item.items()}
    return [move(item) for item in nav]


def generate(subdir: Path, *, scenarios: Path, project: Path, settings: Settings,
             trainer: bool = False, templates: Path | None = None) -> Generated:
    """Write the generated site into ``subdir``; see the module's docstring."""
    docs_dir = settings.docs_dir
    folder = target_folder(subdir, project, docs_dir)
    previous = previous_files(folder, subdir)
    existing = [p for p in OPTIONAL_PAGES if (docs_dir / p).is_file()]
    files = render_files(scenarios, folder.relative_to(docs_dir).as_posix(), existing,
                         trainer=trainer, directory_urls=settings.directory_urls,
                         templates=templates, language=settings.language)
    for name in previous:
        (folder / name).unlink()
    _prune_empty(folder)
    for name, content in sorted(files.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    written = sorted(files)
    marker = {"written_by": MARKER_KIND, "trainer": trainer, "files": written}
    (folder / MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
    return Generated(folder, written, len(set(previous) - set(files)))


def _prune_empty(folder: Path) -> None:
    """Remove the folders the last run's files leave empty (deepest first)."""
    for parent, _dirs, _names in os.walk(folder, topdown=False):
        if Path(parent) != folder and not any(Path(parent).iterdir()):
            Path(parent).rmdir()
