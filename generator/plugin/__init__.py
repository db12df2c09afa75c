"""The MkDocs plugin ``service-scenarios``: a thin shell around :mod:`generator.render`.

It validates and renders in ``on_config``, because MkDocs cleans ``site_dir``
right after ``on_pre_build``: a broken scenario must stop the build while the
previous site is still intact. Pages are added in memory with
``File.generated`` (writing into ``docs_dir`` would make ``mkdocs serve``
rebuild forever). Everything it adds is plain Markdown with raw HTML, so a
builder that ignores this plugin can take the output of ``write_site``.

Under ``mkdocs serve`` a broken project must not raise: MkDocs would keep the
stale site and make every request wait for a build that never succeeds. So
while serving, the plugin builds a site whose every page lists the problems
(:mod:`generator.render.errors`); ``mkdocs build`` still fails on them.

A generated page's body is one raw HTML block, which Python-Markdown would
parse tag by tag only to pass it through unchanged (a third of the build of
1,000 scenarios). So the plugin hands MkDocs an empty body and puts the HTML
back as the page's content: the same page, without the parse.

The templates ship in the package; ``templates:`` names a folder of overrides
(a file there replaces the packaged one, see :mod:`generator.render.templates`),
and the packaged Material overrides are put into the theme here, so a project
that installs the package needs no ``custom_dir`` for them.

Two builds come from the same sources. The learner build (the default) has
no answer key: nothing under ``trainers/``, generated or hand-written, and no
weights on any page. ``trainer: true`` (``mkdocs-trainers.yml``) builds
everything, for an organisation to publish behind its own access control.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import TemplateError
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.check import CheckResult, gc_paused, run_check
from generator.errors import ContentError, Diagnostic, GeneratorError
from generator.offline import write_offline
from generator.plugin.config import ScenarioConfig
from generator.plugin.languages import alternates, build_language, localize_docs
from generator.render import navigation, render_site
from generator.render.catalogue import SOURCE_LANGUAGE, site_language
from generator.render.errors import error_site, problems_of
from generator.render.paths import (
    CSS_ASSET,
    HOME,
    JS_ASSET,
    OPTIONAL_PAGES,
    is_trainer_page,
)
from generator.render.templates import Templates, check_overrides
from generator.xapi import XAPI_ASSET, XapiSettingError, xapi_script, xapi_settings

if TYPE_CHECKING:  # only for a hint: importing it costs every build 20 ms (watchdog)
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

SKIP_TARGET = 'id="sc-player"'
"""The player's element in a scenario page (scenario.md.j2), where the skip link goes."""


class ScenarioPlugin(BasePlugin[ScenarioConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.scenarios = Path("scenarios")
        self.overrides: Path | None = None
        self.watched: list[Path] = []
        self.bodies: dict[str, str] = {}
        """Raw HTML bodies of generated pages, between on_page_markdown and on_page_content."""
        self.serving = False
        """True under ``mkdocs serve``: a broken project then builds the error site."""
        self.good: list[str] = []
        """The pages of the last good build: while broken, each shows the errors."""
        self.broken = False
        self.language = SOURCE_LANGUAGE
        self.site_code: str | None = None
        """Set in the build of another language's site (see .languages); None in the first."""
        self.checked: CheckResult | None = None
        """The first language's check, handed to the other languages' builds: one check
        (and each warning once) for every site."""
        self.primary = SOURCE_LANGUAGE
        self.codes: list[str] = []
        """Every language's site, the first one's first: the language switcher's order."""

    # Defining on_startup also keeps this instance across serve's rebuilds (MkDocs'
    # plugin cache), so ``good`` survives a broken save.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving, self.good = command == "serve", []

    def on_shutdown(self) -> None:
        self.serving, self.good = False, []

    # Priority 100 (first): validation must fail before any other plugin spends
    # time, and before on_pre_build, after which MkDocs cleans site_dir.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        scenarios = self.scenarios = Path(self.config.scenarios)
        templates = self.overrides = Path(self.config.templates) if self.config.templates else None
        found = Templates(templates)
        self.watched = [scenarios, *found.folders]
        for warning in check_overrides(templates) if templates else []:
            log.warning(warning.format())
        where = Path(config.config_file_path) if config.config_file_path else None
        try:  # under serve too: no page could show the problem in an unknown language
            language = site_language(self.config.language, config.theme.get("language"), where)
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        self.language = config.theme["language"] = language  # Material's words, <html lang>
        primary = self.primary = self.primary if self.site_code else language
        try:
            self.codes = [primary, *dict.fromkeys(
                site_language(code, None, where) for code in self.config.languages
                if code != primary)]
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        for warning in found.catalogue(language).warnings:
            log.warning(warning.format())
        _use_theme_overrides(config, found.theme_folders())
        existing = [p for p in OPTIONAL_PAGES if (Path(config.docs_dir) / p).is_file()]
        self.broken = False
        with gc_paused():  # objects live until the pages are rendered; see check.py
            try:
                if self.site_code is None or self.checked is None:
                    self.checked = _checked(scenarios)
                result = self.checked
                self.pages = render_site(result, templates=templates,
                                         directory_urls=config.use_directory_urls,
                                         existing=existing, trainer=self.config.trainer,
                                         language=language, untranslated=self.config.untranslated)
                if config.nav is None:
                    config.nav = navigation(result, existing, self.config.nav_limit,
                                            trainer=self.config.trainer, templates=templates,
                                            language=language,
                                            untranslated=self.config.untranslated)
                if len(self.codes) > 1 and not config.extra.get("alternate"):
                    config.extra["alternate"] = alternates(
                        self.codes, self.site_code or primary, found, result,
                        omit=self.config.untranslated == "omit")
            except (GeneratorError, TemplateError) as exc:
                self._fail(problems_of(exc, templates), config)
            else:
                if self.config.xapi:
                    self._xapi(config, result, templates)
                self.good = list(self.pages)
        if CSS_ASSET not in [str(item) for item in config.extra_css]:
            config.extra_css.append(CSS_ASSET)
        if JS_ASSET not in [str(item) for item in config.extra_javascript]:
            # Deferred: pages render without waiting for the player (see mkdocs.yml).
            script = ExtraScriptValue(JS_ASSET)
            script.defer = True
            config.extra_javascript.append(script)
        return config

    # Priority 50 (early): later plugins (search, tags, ...) then see the
    # generated pages exactly like hand-written ones.
    @event_priority(50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        localize_docs(files, config, self.language)
        if not self.config.trainer:
            # Hand-written trainer material (the facilitation guide, ...) too:
            # neither a page nor in the search index of the learners' site.
            left_out = [f for f in files if is_trainer_page(f.src_uri)]
            for file in left_out:
                files.remove(file)
            if left_out:
                log.info(f"learner build: left out {len(left_out)} file(s) under trainers/")
        hand_written = {f.src_uri for f in files if f.generated_by is None}
        clashes = [Diagnostic(str(Path(config.docs_dir) / path), 1, 1, "this page is generated "
                              "from the scenarios; rename or remove it")
                   for path in self.pages if path in hand_written and not self.broken]
        if clashes:
            self._fail(clashes, config)
        if self.broken:  # hand-written pages show the errors too
            self.pages.update(dict.fromkeys(
                [f.src_uri for f in files.documentation_pages()], self.pages[HOME]))
        for path, content in self.pages.items():
            clash = files.get_file_from_path(path)
            if clash is not None:
                files.remove(clash)
            files.append(File.generated(config, path, content=content))
        return files

    # Priority -100 (last): another plugin may still rewrite our Markdown first.
    @event_priority(-100)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if page.file.src_uri in self.pages and is_raw_html_block(markdown):
            self.bodies[page.file.src_uri] = markdown.strip()
            return ""
        return markdown

    # Priority 100 (first): later plugins (search) see the HTML as if Markdown made it.
    @event_priority(100)
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        html = self.bodies.pop(page.file.src_uri, html)
        if SKIP_TARGET in html and page.toc.items == []:
            # Material's skip link (the first Tab stop) goes to the first entry of the
            # page's table of contents: on a player page, the player. A level-1 entry
            # without children shows in no table of contents.
            page.toc = TableOfContents([AnchorLink(page.title or "", "sc-player", 1)])
        return html

    # Last: the worker and its list need every file of the finished site.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # A worker under `mkdocs serve` would answer from its cache and hide every
        # edit, so previews get the worker that removes itself.
        try:
            write_offline(Path(config.site_dir), site_name=config.site_name,
                          templates=self.overrides, language=self.language,
                          enabled=self.config.offline and not self.serving)
        except GeneratorError as exc:
            if not self.serving:  # a preview without a worker is still a preview
                raise PluginError(str(exc)) from exc
        if self.site_code is None and not self.broken:
            for code in self.codes[1:]:
                build_language(config, code, self)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: object) -> LiveReloadServer:
        # Scenarios and templates live outside docs_dir, which is all MkDocs watches
        # (the packaged templates too: in a checkout of this repository they are edited).
        for folder in self.watched:
            server.watch(str(folder))
        return server

    def _xapi(self, config: MkDocsConfig, result: CheckResult,
              templates: Path | None) -> None:
        """Only with ``xapi:`` set: the adapter as an asset, on every page, after the player."""
        try:
            settings = xapi_settings(self.config.xapi, config.site_url,
                                     result.project.catalogue.tiers)
            self.pages[XAPI_ASSET] = xapi_script(templates, settings)
        except XapiSettingError as exc:
            raise PluginError(str(exc)) from exc
        if XAPI_ASSET not in [str(item) for item in config.extra_javascript]:
            script = ExtraScriptValue(XAPI_ASSET)
            script.async_ = True  # like the player: never holds the page back
            config.extra_javascript.append(script)

    def _fail(self, problems: Sequence[Diagnostic], config: MkDocsConfig) -> None:
        """``mkdocs build``: stop with ``problems``. ``mkdocs serve``: build the error site."""
        if not self.serving:
            raise PluginError(str(ContentError(problems)))
        # Strict mode would count these and abort the build: serve would hang again.
        level = logging.INFO if config.strict else logging.ERROR
        for problem in problems:
            log.log(level, problem.format())
        log.log(level, "serving a page with these errors until they are fixed")
        self.broken = True
        self.pages = error_site(problems, self.good, self.scenarios, self.overrides,
                                trainer=self.config.trainer, language=self.language)
        config.nav = [HOME]  # one page; the rest are the same page, not worth listing
        config.validation.nav.omitted_files = logging.DEBUG


def _use_theme_overrides(config: MkDocsConfig, folders: Sequence[Path]) -> None:
    """Put the Material overrides into the theme: after the project's ``custom_dir``
    (its own files still win), before Material's. Other themes get none: the
    overrides extend Material's templates."""
    if config.theme.name != "material":
        return
    dirs = config.theme.dirs
    at = 1 if config.theme.custom_dir else 0
    for folder in reversed([str(f) for f in folders]):
        if folder not in dirs:  # serve reuses a config; and a custom_dir may name it
            dirs.insert(at, folder)


def is_raw_html_block(markdown: str) -> bool:
    """True when Python-Markdown would pass ``markdown`` through as it is.

    A body that starts with a tag and has no blank line is one raw HTML block
    (the renderer flattens every page so); anything else goes through Markdown.
    """
    body = markdown.strip()
    return body.startswith("<") and body.endswith(">") and "\n\n" not in body


def _checked(scenarios: Path) -> CheckResult:
    """Run the same checks as ``python -m generator check``; errors raise ContentError."""
    result = run_check([scenarios])
    for warning in result.warnings:
        log.warning(warning.format())
    if result.errors:
        raise ContentError(result.errors)
    return result
