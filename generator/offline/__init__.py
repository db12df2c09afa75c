"""Offline use and installing: the service worker, its precache list and the manifest.

``python -m generator offline SITE`` (and the plugin's ``on_post_build``)
works on a built site folder, because only the finished files say what a
page loads and what a build is. It

1. stamps every page with the build's id (see :mod:`generator.offline.html`),
   where the id is a hash of every built file, so any change is a new build;
2. writes ``sw.js`` with the cache name and the list of files to keep ahead
   of time: the home page, the partner track, every page its content links
   to (the partner scenarios, the doorstep checklist, progress), the offline
   page, and everything those pages load, each with its SHA-256, which the
   worker checks before it keeps anything;
3. writes ``offline.html``, ``manifest.webmanifest`` and the icons.

With ``enabled=False`` it writes a worker that removes itself and its caches
instead, so switching offline use off also reaches phones that installed it.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError
from generator.offline import html as pages
from generator.render.catalogue import SOURCE_LANGUAGE
from generator.render.catalogue import text as plain
from generator.render.env import build_environment
from generator.render.paths import JS_ASSET
from generator.render.templates import STRINGS_FILE, Templates, render_template

WORKER = "sw.js"
OFFLINE_PAGE = "offline.html"
PARTNER_TRACK = 'class="sc-track sc-track-partners"'
"""What marks the partner track's page (track.md.j2), wherever a build put it."""
MANIFEST = "manifest.webmanifest"
ICONS = {"assets/icons/icon-192.png": "192x192", "assets/icons/icon-512.png": "512x512"}
SOURCE = "offline"
"""Folder of the worker, page and icon templates among the templates (packaged or overridden)."""
THEME_COLOUR = "#4051b5"
"""Material's indigo, the palette of mkdocs.yml: the phone's bar and the splash screen."""
ALSO_KEPT = ("sitemap.xml",)
"""Material's instant navigation reads the sitemap on every page; offline too."""
NOT_STAMPED = {"404.html"}
"""Material writes the error page with absolute links for any address; it stays as it is."""


@dataclass(frozen=True)
class OfflineSite:
    """What :func:`write_offline` wrote: the build id and the files the worker keeps."""

    build: str
    precache: list[tuple[str, str]]
    """(URL relative to the site root, SHA-256 hex of its content)."""


def write_offline(site: Path, *, site_name: str | None = None, templates: Path | None = None,
                  enabled: bool = True, language: str | None = None) -> OfflineSite:
    """Make the built site at ``site`` work offline and installable; see the module doc.

    ``templates`` is a folder of overrides of the packaged templates, or None;
    ``language`` the site's (the offline page's words and its ``lang``); by default
    the one the built home page declares in ``<html lang>``.
    """
    found = Templates(templates)
    if not (site / "index.html").is_file():
        raise ContentError.at(str(site), 1, 1, "not a built site: no index.html in it")
    html_files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    stripped = {f: pages.strip(_read(site / f)) for f in html_files
                if f not in NOT_STAMPED and f != OFFLINE_PAGE}
    language = language or _declared_language(stripped["index.html"])
    strings = _strings(found, language)
    name = site_name or pages.title(stripped["index.html"], "").rsplit(" - ", 1)[-1]
    _copy_icons(site, found)
    _write_player_stamp(site, "")
    _write(site / OFFLINE_PAGE, "")  # a page of every build; its content is stamped later
    build = _build_id(site, stripped)
    for file, text in stripped.items():
        _write(site / file, pages.stamp(text, build, _head(file, build, enabled)))
    _write_player_stamp(site, build)
    precached = _precached(site, stripped)
    _write(site / OFFLINE_PAGE, _offline_page(found, strings, precached, stripped, name, build,
                                                language))
    _write(site / MANIFEST, _manifest(name, strings))
    extra = [f for f in ALSO_KEPT if (site / f).is_file()]
    kept = dict.fromkeys([*precached, OFFLINE_PAGE, MANIFEST, *ICONS, *extra,
                          *_assets(site, precached)])
    precache = [(url, _sha256(site / pages.file_of(url))) for url in kept]
    worker = found.path(f"{SOURCE}/{'sw.js' if enabled else 'sw-off.js'}").read_text("utf-8")
    _write(site / WORKER, worker.replace("__BUILD__", build)
           .replace("__PRECACHE__", _json_lines(precache))
           .replace("__OFFLINE__", OFFLINE_PAGE))
    return OfflineSite(build, precache if enabled else [])


def _declared_language(home: str) -> str:
    """The language a built page declares (``<html lang="sv">``); English if none."""
    found = re.search(r'<html\b[^>]*\blang="([\w-]+)"', home)
    return found[1] if found else SOURCE_LANGUAGE


def _json_lines(entries: list[tuple[str, str]]) -> str:
    return "[\n" + ",\n".join(json.dumps(e) for e in entries) + "\n]"


def _strings(templates: Templates, language: str) -> dict[str, str]:
    section = templates.strings(language).get("offline")
    if section is None:
        raise ContentError.at(str(templates.path(STRINGS_FILE)), 1, 1,
                              "cannot read the 'offline' strings: no section 'offline'")
    return {key: plain(entry) for key, entry in section.items()}


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy_icons(site: Path, templates: Templates) -> None:
    for target in ICONS:
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(templates.path(f"{SOURCE}/{Path(target).name}"), site / target)


def _write_player_stamp(site: Path, build: str) -> None:
    """Write ``build`` into the player, which refuses pages stamped with another build."""
    player = site / JS_ASSET
    if player.is_file():
        _write(player, pages.JS_STAMP.sub(f'/*sc-build*/"{build}"', _read(player)))


def _build_id(site: Path, stripped: dict[str, str]) -> str:
    """A hash of every built file as the builder wrote it (stamps stripped, our outputs left out).

    Any change to a page, an asset or a template gives a new id, so a new
    build never shares a cache, or an asset URL, with an old one.
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel in {WORKER, MANIFEST}:
            continue
        content = stripped[rel].encode("utf-8") if rel in stripped else path.read_bytes()
        digest.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()[:12]


def _head(file: str, build: str, enabled: bool) -> str:
    """What every page gets in its head: the build, the manifest, and the worker to register."""
    up = pages.root_prefix(file)
    worker = f'<meta name="sc-worker" content="{up}{WORKER}">' if enabled else ""
    return (f'<meta name="sc-build" content="{build}">'
            f'<link rel="manifest" href="{up}{MANIFEST}">'
            f'<meta name="theme-color" content="{THEME_COLOUR}">'
            f'<link rel="apple-touch-icon" href="{up}{next(iter(ICONS))}">{worker}')


def _precached(site: Path, stripped: dict[str, str]) -> list[str]:
    """The pages kept ahead of time: home, the partner track and the pages its content links to.

    The track is found by what it is, not where: after ``generate`` it lives in the
    folder the organisation chose (``training/partners/``), not at the site's root.
    """
    track = next((f for f, text in stripped.items() if PARTNER_TRACK in text), "")
    urls = [pages.url_of("index.html")]
    if track:
        urls.append(pages.url_of(track))
        urls += [u for u in pages.article_links(track, stripped[track])
                 if pages.file_of(u) in stripped]
    return list(dict.fromkeys(urls))


def _assets(site: Path, precached: list[str]) -> list[str]:
    """Every script, stylesheet and image the kept pages load (with its ``?v=``)."""
    found: list[str] = []
    for url in precached:
        file = pages.file_of(url)
        found += pages.loads(file, _read(site / file))
    return [u for u in dict.fromkeys(found) if (site / pages.file_of(u)).is_file()]


def _offline_page(templates: Templates, strings: dict[str, str], precached: list[str],
                  stripped: dict[str, str], name: str, build: str, language: str) -> str:
    links = [(url, pages.title(stripped[pages.file_of(url)], name)) for url in precached]
    return render_template(build_environment(templates), f"{SOURCE}/offline.html.j2",
                           t=strings, links=links, site_name=name, build=build, language=language,
                           theme_colour=THEME_COLOUR, icon=next(iter(ICONS)))


def _manifest(name: str, strings: dict[str, str]) -> str:
    icons = [{"src": src, "sizes": size, "type": "image/png", "purpose": "any maskable"}
             for src, size in ICONS.items()]
    manifest = {"name": name, "short_name": strings["shortName"], "start_url": "./",
                "scope": "./", "display": "standalone", "theme_color": THEME_COLOUR,
                "background_color": "#ffffff", "icons": icons}
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
