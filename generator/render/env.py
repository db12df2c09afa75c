"""The one Jinja2 environment and the interface strings.

Every page of the site is a Markdown file whose body is one raw HTML block
rendered from the packaged templates or a project's overrides of them (see
:mod:`generator.render.templates`); links between pages come from
:mod:`generator.render.paths`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from generator.errors import ContentError
from generator.render.catalogue import SOURCE_LANGUAGE, Strings, plural
from generator.render.markdown import flatten, render_inline, render_markdown
from generator.render.paths import Paths, relative_url
from generator.render.templates import STRINGS_FILE, Templates, render_template


@dataclass(frozen=True)
class Renderer:
    """Renders templates into page bodies; holds the environment and the strings."""

    env: Environment
    strings: Strings
    directory_urls: bool = True
    trainer: bool = False
    """True for the trainer build: answer keys (trainer views, weights) may be shown."""
    language: str = SOURCE_LANGUAGE
    """The site's language: the catalogue ``strings`` is in it (English where it has none)."""

    @cached_property  # once per site, not per page
    def paths(self) -> Paths:
        """The paths, and the titles in the site's language."""
        return Paths(self.strings)

    def page(self, template: str, here: str, **context: Any) -> str:
        """Render ``template`` for the page at ``here``; ``link(target)`` and the page
        paths and titles (``paths``, see :class:`~generator.render.paths.Paths`) are in scope."""
        link: Callable[[str], str] = partial(relative_url, here, directory_urls=self.directory_urls)
        text = render_template(
            self.env, template, link=link, here=here, paths=self.paths, s=self.strings["page"],
            ps=self.strings["player"], ts=self.strings["trainer"], trainer=self.trainer,
            source_language=SOURCE_LANGUAGE, **context)
        return _tidy(text, here, context.get(TITLE_KEY))


TITLE_KEY = "front_matter_title"
"""The context key holding the title a page's front matter must read back as."""

# MkDocs reads front matter with libyaml, which takes these characters as written
# inside a double-quoted scalar. Everything else is escaped: quotes and backslashes,
# controls, U+0085/U+2028/U+2029 (YAML 1.1 line breaks, which folding would turn into
# spaces), the BOM and non-characters. Non-BMP characters stay as they are: an escape
# for them is a surrogate pair in JSON, which libyaml refuses (so MkDocs dropped the
# whole front matter into the page as text).
_YAML_UNSAFE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    '|["\\\\]'
)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml_escape(match: re.Match[str]) -> str:
    char = match[0]
    if char in '"\\':
        return "\\" + char
    code = ord(char)
    return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"


def yaml_string(text: str) -> str:
    """``text`` as a double-quoted YAML scalar that reads back exactly as ``text``."""
    return '"' + _YAML_UNSAFE.sub(_yaml_escape, text) + '"'


def _tidy(text: str, here: str = "", title: str | None = None) -> str:
    """Split front matter from the HTML body and flatten the body (see ``flatten``).

    The front matter is YAML we wrote, read again by MkDocs, which shows it as
    page text if it does not parse: so it is read back here, and a page whose
    front matter is not the mapping (and title) intended fails the build.
    """
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + 5
        _verify_front_matter(text[4:end - 4], here, title)
        return text[:end] + _body(text[end:])
    return _body(text)


def _verify_front_matter(block: str, here: str, title: str | None) -> None:
    try:
        data = yaml.load(block, Loader=_LOADER)
    except yaml.YAMLError as exc:
        data = f"invalid YAML: {getattr(exc, 'problem', None) or exc}"
    if isinstance(data, dict) and (title is None or data.get("title") == title):
        return
    read = data.get("title") if isinstance(data, dict) else data
    raise ContentError.at(here, 1, 1, f"the page's front matter does not read back as "
                          f"written (title {title!r}, read {read!r})",
                          "this is a bug in the generator: please report it")


def _body(html: str) -> str:
    # Markdown expands tabs to spaces even inside raw HTML; a character
    # reference is the same tab to the browser and survives that.
    return flatten(html).replace("\t", "&#9;") + "\n"


SECTIONS = ("player", "page", "titles", "tracks", "trainer")
"""The sections of the catalogue the pages use (``offline`` is the offline page's)."""


def load_strings(templates: Templates, language: str = SOURCE_LANGUAGE) -> Strings:
    """The sections of the interface strings the pages use (overrides merged in)."""
    data = templates.strings(language)
    if not all(k in data for k in SECTIONS):
        path = templates.path(STRINGS_FILE)
        raise ContentError.at(str(path), 1, 1, "expected the sections "
                              + ", ".join(f"'{k}'" for k in SECTIONS))
    return {k: data[k] for k in SECTIONS}


def _fmt(template: str, **values: object) -> str:
    """``"Step {n}"|fmt(n=2)``: interface strings use named placeholders.

    A value that is markup (a link made in the template) stays markup and the
    text around it is escaped; otherwise the result is plain text, escaped when
    it is output, as before.
    """
    if any(isinstance(v, Markup) for v in values.values()):
        return Markup.escape(template).format(**values)
    return template.format(**values)


def build_environment(templates: Templates) -> Environment:
    """The project's only Jinja2 environment: strict, autoescaping, whitespace-trimmed.

    Its loader looks in the overrides folder first, then in the packaged templates.
    """
    env = Environment(
        loader=templates.loader(),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,  # block tags leave no blank lines that could end an HTML block
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _memo(render_markdown)
    # Interface strings of the trainer pages may use inline Markdown (`code`, *emphasis*):
    # the same sanitiser as scenario text, so an override catalogue cannot add raw HTML.
    env.filters["inline"] = _memo(render_inline)
    env.filters["fmt"] = _fmt
    env.filters["plural"] = plural  # {{ s.minutes|plural(n)|fmt(n=n) }}
    env.filters["json_attr"] = _json_attr
    return env


def _memo(render: Callable[[str], Markup]) -> Callable[[str], Markup]:
    """``render`` with a cache that lives as long as the environment (one site).

    Each scenario's texts appear on its player page and again on its trainer
    view; Markdown is most of the rendering time, so each text is rendered once.
    """
    done: dict[str, Markup] = {}

    def cached(text: str) -> Markup:
        found = done.get(text)
        if found is None:
            found = done[text] = render(text)
        return found

    return cached


def _json_attr(value: Any) -> Markup:
    """JSON for a ``data-*`` attribute: compact, HTML-safe, quotes escaped."""
    dumped = htmlsafe_json_dumps(value, separators=(",", ":"), sort_keys=True)
    return Markup(str(dumped).replace('"', "&#34;"))


def renderer(templates: Path | None = None, directory_urls: bool = True,
             trainer: bool = False, language: str = SOURCE_LANGUAGE) -> Renderer:
    """A renderer with the packaged templates and the overrides in ``templates``, if given,
    and the interface strings of ``language``."""
    found = Templates(templates)
    return Renderer(build_environment(found), load_strings(found, language), directory_urls,
                    trainer, language)
