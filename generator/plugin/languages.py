"""One site per language, Material's way: the plugin's ``languages: [sv, nb, da]``.

The build MkDocs runs is the site of the first language (``theme.language``) at
``site_dir``; once it is written, each other language is built from the same
``mkdocs.yml`` into ``site_dir/<code>/`` with that language's interface strings,
scenario translations (``scenarios/<code>/``) and Material's words. So one
command builds every site, under ``mkdocs serve`` too, and each site is a plain
Material site: its own search index, sitemap, ``<html lang>`` and offline worker.

Hand-written pages follow the same rule: ``docs/partners/doorstep-checklist.sv.md``
replaces ``docs/partners/doorstep-checklist.md`` in the Swedish site and is in no
other. The language switcher (Material's ``extra.alternate``, with our
``partials/alternate.html``) links each page to the same page in each language,
or to that site's home page when the page is not there (``untranslated: omit``).
"""

from __future__ import annotations

import importlib
import posixpath
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.check import CheckResult
from generator.check.translations import material_languages
from generator.render.catalogue import SOURCE_LANGUAGE, text
from generator.render.paths import scenario_page, trainer_page
from generator.render.templates import Templates

if TYPE_CHECKING:
    from generator.plugin import ScenarioPlugin


def site_folder(primary: str, code: str) -> str:
    """The folder of ``code``'s site under the primary site ('' for the primary)."""
    return "" if code == primary else f"{code}/"


def alternates(codes: Sequence[str], here: str, found: Templates, result: CheckResult,
               omit: bool) -> list[dict[str, Any]]:
    """Material's ``extra.alternate`` for the site of ``here``: one entry per language,
    named in its own words, its ``link`` relative to this site's root (``codes[0]`` is
    the site at the root), and with ``omit`` the scenario pages its site leaves out."""
    up = "" if here == codes[0] else "../"
    entries = []
    for code in codes:
        missing: list[str] = []
        if omit and code != SOURCE_LANGUAGE:
            done = result.languages[code].scenarios if code in result.languages else {}
            missing = [path for s in result.project.scenarios if s.id not in done
                       for path in (scenario_page(s.id), trainer_page(s.id))]
        entries.append({
            "name": text(found.strings(code)["titles"]["languageName"]), "lang": code,
            "link": up + site_folder(codes[0], code) or "./", "missing": missing})
    return entries


def localize_docs(files: Files, config: MkDocsConfig, code: str) -> None:
    """In ``code``'s site, ``x.<code>.md`` takes the place of ``x.md``; every other
    ``x.<lang>.md`` (any language Material knows) is left out, in every build, with or
    without ``languages:`` (the trainer build has the translated checklists' files too)."""
    known = material_languages()
    for file in list(files):
        stem, ext = posixpath.splitext(file.src_uri)
        base, dot, suffix = stem.rpartition(".")
        if not dot or suffix not in known or file.abs_src_path is None:
            continue  # generated files have no source: none is a translation
        files.remove(file)
        if suffix == code:
            plain = f"{base}{ext}"
            original = files.get_file_from_path(plain)
            if original is not None:
                files.remove(original)
            files.append(File.generated(config, plain, abs_src_path=file.abs_src_path))


def build_language(config: MkDocsConfig, code: str, parent: ScenarioPlugin) -> None:
    """Build ``code``'s site into ``site_dir/<code>/`` from the same configuration file,
    with the first site's check (``parent.checked``)."""
    from generator.plugin import ScenarioPlugin  # the package imports this module

    # The engine that runs this build builds the other sites too: MkDocs, or a
    # fork that runs MkDocs plugins as they are (ProperDocs) with its own modules.
    engine = type(config).__module__.partition(".")[0]
    load_config = importlib.import_module(f"{engine}.config").load_config
    build = importlib.import_module(f"{engine}.commands.build").build
    site_url = config.site_url or ""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    # MkDocs keeps one instance of a plugin with on_startup per process (its plugin
    # cache), and loading a configuration gives that instance the new options: the
    # build that is running would end as another language's. So each language's
    # site gets instances of its own, and the running build keeps its.
    cache: dict[str, object] = getattr(type(config).plugins, "plugin_cache", {})
    kept = dict(cache)
    cache.clear()
    try:
        sub = load_config(config.config_file_path,
                          site_dir=str(Path(config.site_dir) / code),
                          site_url=site_url + f"{code}/" if site_url else None,
                          strict=config.strict, use_directory_urls=config.use_directory_urls)
    finally:
        cache.clear()
        cache.update(kept)
    found = [p for p in sub.plugins.values() if isinstance(p, ScenarioPlugin)]
    for plugin in found:
        plugin.config.language = code
        plugin.site_code, plugin.primary, plugin.serving = code, parent.primary, parent.serving
        plugin.checked = parent.checked
    build(sub)
