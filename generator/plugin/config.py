"""The plugin's options: ``plugins: - service-scenarios: {scenarios: ..., ...}``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from generator.render import NAV_LIMIT, UNTRANSLATED


class ScenarioConfig(base.Config):  # type: ignore[no-untyped-call]  # mkdocs: untyped hook
    """``plugins: - service-scenarios: {scenarios: ..., templates: ...}`` in mkdocs.yml."""

    # MkDocs' own folder types resolve a relative path against mkdocs.yml's folder.
    scenarios = c.Dir(exists=False, default="scenarios")
    """Folder of scenario files and principles.yaml, relative to mkdocs.yml. It may be
    missing: the check then reports it, like any other problem of the content."""
    templates = c.Optional(c.Dir(exists=True))
    """Folder of overrides of the packaged templates, strings and assets (none by default)."""
    nav_limit = c.Type(int, default=NAV_LIMIT)
    """Sections with more pages list only their index page in the generated nav."""
    trainer = c.Type(bool, default=False)
    """True builds the trainer site (trainer views, weights, guides); False the learners'."""
    offline = c.Type(bool, default=True)
    """True: a service worker keeps the partner track for offline use; False removes it."""
    xapi = c.Type(dict, default={})
    """Empty (the default): no statements, no adapter on any page. See generator/xapi.py."""
    language = c.Optional(c.Type(str))
    """The interface strings' language (en, sv, nb, da); by default ``theme.language``,
    which is set to it so that Material's own words and ``<html lang>`` follow."""
    languages = c.ListOfItems(c.Type(str), default=[])
    """More sites, one per language, each in ``site_dir/<code>/`` (see .languages)."""
    untranslated = c.Choice(UNTRANSLATED, default="source")
    """In another language's site, a scenario without a translation is shown in the
    source language with a note (``source``) or left out (``omit``)."""
