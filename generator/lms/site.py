"""What a package needs from a built site, read from its HTML (whatever engine built it).

A scenario page is any HTML page with a player root (``data-scenario`` and its
``data-model``); a track is a page that lists scenarios (``data-progress-item``).
Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from generator.errors import UsageError, did_you_mean


@dataclass(frozen=True)
class Tier:
    id: str
    name: str
    min: int


@dataclass(frozen=True)
class ScenarioPage:
    """One scenario of the built site: its page (relative, with '/') and its model's facts."""

    id: str
    title: str
    page: str
    tiers: tuple[Tier, ...]
    run_bound: int = 0  # the most characters the player's run of this scenario can take


@dataclass(frozen=True)
class BuiltSite:
    folder: Path
    title: str
    lang: str
    scenarios: dict[str, ScenarioPage]
    tracks: dict[str, tuple[str, ...]]  # folder of the track page -> scenario ids, in its order
    nested: tuple[str, ...] = ()
    """Folders holding a site of their own: another language's (``sv/``, see the plugin's
    ``languages:``). A package of this site leaves them out; package them on their own."""


def nested_sites(folder: Path) -> tuple[str, ...]:
    """The top-level folders of ``folder`` that are built sites themselves."""
    return tuple(sorted(d.name for d in folder.iterdir() if d.is_dir()
                        and (d / "index.html").is_file() and (d / "sitemap.xml").is_file()))


class _Page(HTMLParser):
    """The few facts of one page: player root, first h1, listed scenarios, <title>, lang."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scenario: dict[str, str | None] | None = None
        self.listed: list[str] = []
        self.lang = ""
        self.h1: list[str] | None = None
        self.heading = ""
        self.title: list[str] | None = None
        self.page_title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang") or ""
        if "data-scenario" in found and "data-model" in found and self.scenario is None:
            self.scenario = found
        item = found.get("data-progress-item")
        if item:
            self.listed.append(item)
        if tag == "h1" and not self.heading and self.h1 is None:
            self.h1 = []
        if tag == "title" and self.title is None:
            self.title = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self.h1 is not None and not self.heading:
            self.heading = " ".join("".join(self.h1).split())
        if tag == "title" and self.title is not None and not self.page_title:
            self.page_title = " ".join("".join(self.title).split())

    def handle_data(self, data: str) -> None:
        if self.h1 is not None and not self.heading:
            self.h1.append(data)
        if self.title is not None and not self.page_title:
            self.title.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


def _tiers(model: Any, where: str) -> tuple[Tier, ...]:
    try:
        return tuple(Tier(str(t["id"]), str(t["name"]), int(t["min"])) for t in model["tiers"])
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError.at(where, 0, 0, "the player's data-model has no readable tiers",
                            "rebuild the site with this version of the generator") from exc


def _run_bound(model: Any) -> int:
    """An upper bound of the player's run (JSON) of ``model``: every step picked and ordered."""
    steps = model.get("steps") if isinstance(model, dict) else None
    if not isinstance(steps, dict):
        return 0
    run = {"version": str(model.get("version", "")),
           "path": [[step, len(choices)] for step, choices in steps.items()],
           "orders": {step: list(range(len(choices))) for step, choices in steps.items()},
           "open": False, "why": False, "done": False}
    return len(json.dumps(run, ensure_ascii=False, separators=(",", ":")))


def read_site(folder: Path) -> BuiltSite:
    """Every scenario page and track page of the built site in ``folder``."""
    if not folder.is_dir():
        raise UsageError.at(str(folder), 0, 0, "no such folder",
                            "give the folder a build wrote, e.g. --site site")
    if not (folder / "index.html").is_file():
        raise UsageError.at(str(folder), 0, 0, "not a built site: no index.html",
                            "build it first, e.g. python -m mkdocs build -d site")
    scenarios: dict[str, ScenarioPage] = {}
    tracks: dict[str, tuple[str, ...]] = {}
    home = folder / "index.html"
    first = _parse(home)
    title, lang = first.page_title, first.lang
    nested = nested_sites(folder)
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(folder).as_posix()
        if relative.split("/", 1)[0] in nested:
            continue
        page = first if path == home else _parse(path)
        if page.scenario is not None:
            ident = page.scenario.get("data-scenario") or ""
            try:
                model = json.loads(page.scenario.get("data-model") or "")
            except json.JSONDecodeError as exc:
                raise UsageError.at(relative, 0, 0, "the player's data-model is not JSON") from exc
            scenarios[ident] = ScenarioPage(ident, page.heading or ident, relative,
                                            _tiers(model, relative), _run_bound(model))
        elif page.listed and relative.endswith("/index.html"):
            tracks[relative.removesuffix("/index.html")] = tuple(dict.fromkeys(page.listed))
    if not scenarios:
        raise UsageError.at(str(folder), 0, 0, "not a built site: no page has a scenario player",
                            "build it first, e.g. python -m mkdocs build -d site")
    return BuiltSite(folder, title or folder.name, lang, scenarios, tracks, nested)


def track_scenarios(site: BuiltSite, track: str | None) -> tuple[str, tuple[ScenarioPage, ...]]:
    """The name and scenarios of ``track`` (a folder whose page lists scenarios), or of the site."""
    if track is None:
        return site.title, tuple(site.scenarios[i] for i in sorted(site.scenarios))
    name = track.strip("/")
    if name not in site.tracks:
        hint = did_you_mean(name, site.tracks) or "tracks: " + ", ".join(sorted(site.tracks))
        raise UsageError.at(str(site.folder / name), 0, 0,
                            f"'{name}' is not a page of the site that lists scenarios", hint)
    chosen = tuple(site.scenarios[i] for i in site.tracks[name] if i in site.scenarios)
    if not chosen:
        raise UsageError.at(str(site.folder / name), 0, 0, f"track '{name}' lists no scenario page")
    page = _parse(site.folder / name / "index.html")
    return page.heading or name, chosen


def mastery_score(scenario: ScenarioPage, mastery: str) -> int:
    """The mastery score (0-100) of ``mastery``: a tier id of the scenario or a number."""
    if mastery.isdigit():
        value = int(mastery)
        if value > 100:
            raise UsageError.at("", 0, 0, f"--mastery {mastery} is above 100")
        return value
    for tier in scenario.tiers:
        if tier.id == mastery:
            return tier.min
    ids = [t.id for t in scenario.tiers]
    raise UsageError.at(scenario.page, 0, 0,
                        f"--mastery '{mastery}' is neither 0-100 nor a tier of '{scenario.id}'",
                        did_you_mean(mastery, ids) or "tiers: " + ", ".join(ids))
