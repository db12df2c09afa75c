"""The one Jinja2 environment, the interface strings, and the site's page paths.

Every page of the site is a Markdown file whose body is one raw HTML block
rendered from ``site_templates/``. Links inside raw HTML are not rewritten by
MkDocs, so :func:`relative_url` computes them here, for directory URLs
(``scenarios/x.md`` is served at ``scenarios/x/``) or plain ``.html`` files.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from generator.errors import ContentError
from generator.render_markdown import flatten, render_markdown

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "site_templates"
STRINGS_FILE = "strings.json"

Strings = dict[str, dict[str, str]]


# Where each generated page lives (paths relative to docs_dir).
HOME = "index.md"
EMPLOYEES = "employees/index.md"
PARTNERS = "partners/index.md"
PRINCIPLES = "principles/index.md"
PROGRESS = "progress.md"
TRAINER_AREA = "trainers/"
"""Every page under this folder is trainer material: only the trainer build has it."""
TRAINERS = "trainers/index.md"
AUTHORING = "trainers/authoring.md"
COVERAGE = "trainers/coverage.md"
DOORSTEP = "partners/doorstep-checklist.md"
FACILITATION = "trainers/reverse-brainstorm.md"
JS_ASSET = "assets/service-scenarios.js"
CSS_ASSET = "assets/service-scenarios.css"


def scenario_page(scenario_id: str) -> str:
    return f"scenarios/{scenario_id}.md"


def trainer_page(scenario_id: str) -> str:
    return f"trainers/scenarios/{scenario_id}.md"


def principle_page(principle_id: str) -> str:
    return f"principles/{principle_id}.md"


def is_trainer_page(src: str) -> bool:
    """True for trainer material (answer keys, guides): left out of the learner build."""
    return src.startswith(TRAINER_AREA)


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL path MkDocs gives the page at ``src`` (relative to the site root)."""
    stem, _ = posixpath.splitext(src)
    if not directory_urls:
        return f"{stem}.html"
    if posixpath.basename(stem) == "index":
        parent = posixpath.dirname(stem)
        return f"{parent}/" if parent else ""
    return f"{stem}/"


def relative_url(here: str, target: str, directory_urls: bool = True) -> str:
    """A link from the page ``here`` to the page or asset ``target`` (both source paths)."""
    here_url = page_url(here, directory_urls)
    target_url = page_url(target, directory_urls) if target.endswith(".md") else target
    base = posixpath.dirname(here_url) if not here_url.endswith("/") else here_url.rstrip("/")
    rel = posixpath.relpath(target_url or ".", base or ".")
    if target_url.endswith("/") or target_url == "":
        rel = rel.rstrip("/") + "/"
    return "./" if rel == "./" else rel


@dataclass(frozen=True)
class Renderer:
    """Renders templates into page bodies; holds the environment and the strings."""

    env: Environment
    strings: Strings
    directory_urls: bool = True
    trainer: bool = False
    """True for the trainer build: answer keys (trainer views, weights) may be shown."""

    def page(self, template: str, here: str, **context: Any) -> str:
        """Render ``template`` for the page at ``here``; ``link(target)`` is in scope."""
        link: Callable[[str], str] = partial(relative_url, here, directory_urls=self.directory_urls)
        text = self.env.get_template(template).render(
            link=link, here=here, s=self.strings["page"], ps=self.strings["player"],
            trainer=self.trainer, **context)
        return _tidy(text)


def _tidy(text: str) -> str:
    """Split front matter from the HTML body and flatten the body (see ``flatten``)."""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + 5
        return text[:end] + _body(text[end:])
    return _body(text)


def _body(html: str) -> str:
    # Markdown expands tabs to spaces even inside raw HTML; a character
    # reference is the same tab to the browser and survives that.
    return flatten(html).replace("\t", "&#9;") + "\n"


def load_strings(templates: Path) -> Strings:
    path = templates / STRINGS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ContentError.at(str(path), 1, 1, f"cannot read the interface strings: {exc}") from exc
    if not all(isinstance(data.get(k), dict) for k in ("player", "page")):
        raise ContentError.at(str(path), 1, 1, "expected the sections 'player' and 'page'")
    return {k: {str(n): str(v) for n, v in data[k].items()} for k in ("player", "page")}


def _fmt(template: str, **values: object) -> str:
    """``"Step {n}"|fmt(n=2)``: interface strings use named placeholders."""
    return template.format(**values)


def build_environment(templates: Path) -> Environment:
    """The project's only Jinja2 environment: strict, autoescaping, whitespace-trimmed."""
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,  # block tags leave no blank lines that could end an HTML block
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _memo(render_markdown)
    env.filters["fmt"] = _fmt
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
             trainer: bool = False) -> Renderer:
    folder = templates or DEFAULT_TEMPLATES
    return Renderer(build_environment(folder), load_strings(folder), directory_urls, trainer)
