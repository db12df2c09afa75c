"""Reading and marking the built HTML pages for :mod:`generator.offline`.

Everything here works on the finished files of any Material-compatible
builder, so it reads them with a few anchored patterns rather than a parser:
the tags it looks for are written by Material's templates or by ours.

Each page is stamped with its build: a ``<meta name="sc-build">``, the same
id on every player root (``data-build``) and ``?v=<build>`` on the scripts
and stylesheets it loads. A page therefore always asks for its own build's
player, whichever cache or server answers, and the player can tell when it
is looking at another build's page. Every stamp can be stripped again, so
running the step twice on one folder gives the same site.
"""

from __future__ import annotations

import html
import posixpath
import re

MARK_START = "<!-- service-scenarios offline -->"
MARK_END = "<!-- /service-scenarios offline -->"
_HEAD_BLOCK = re.compile(re.escape(MARK_START) + ".*?" + re.escape(MARK_END), re.S)
_ASSET = re.compile(r'(<script src="|<link rel="stylesheet" href=")([^":?#]+)(\?v=[0-9a-f]+)?"')
_ROOT_STAMP = re.compile(r' data-build="[0-9a-f]*"(?= data-scenario=")')
_ROOT = re.compile(r'(<[a-z]+ [^<>]*?)( data-scenario=")')
JS_STAMP = re.compile(r'/\*sc-build\*/"[0-9a-f]*"')
"""The player's own build id: ``var BUILD = /*sc-build*/"";`` in player.js."""

_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_HREF = re.compile(r'<a\b[^>]*?\shref="([^"]+)"')
_LOADS = re.compile(r'<(?:script|img)\b[^>]*?\ssrc="([^"]+)"'
                    r'|<link\b[^>]*?\srel="(?:stylesheet|icon|manifest|apple-touch-icon)"'
                    r'[^>]*?\shref="([^"]+)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def strip(page: str) -> str:
    """The page as the builder wrote it: every stamp of :func:`stamp` removed."""
    page = _HEAD_BLOCK.sub("", page)
    page = _ASSET.sub(lambda m: f'{m[1]}{m[2]}"', page)
    return _ROOT_STAMP.sub("", page)


def stamp(page: str, build: str, head: str) -> str:
    """Mark a stripped page as part of ``build`` and add ``head`` before ``</head>``."""
    page = _ASSET.sub(lambda m: f'{m[1]}{m[2]}?v={build}"', page)
    page = _ROOT.sub(lambda m: f'{m[1]} data-build="{build}"{m[2]}', page)
    return page.replace("</head>", f"{MARK_START}{head}{MARK_END}</head>", 1)


def root_prefix(file: str) -> str:
    """The relative link from the page in ``file`` to the site's root ('' or '../..')."""
    depth = file.count("/")
    return "../" * depth


def url_of(file: str) -> str:
    """The URL (relative to the root) a page file is served at: ``x/index.html`` -> ``x/``."""
    if file == "index.html":
        return "./"
    return file[: -len("index.html")] if file.endswith("/index.html") else file


def file_of(url: str) -> str:
    """The file behind a root-relative URL: ``x/`` -> ``x/index.html``."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    if path in {"", "./", "."}:
        return "index.html"
    return f"{path}index.html" if path.endswith("/") else path


def _resolve(page_file: str, link: str) -> str | None:
    """A link on the page at ``page_file`` as a root-relative URL; None if it leaves the site."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^/|^#", link, re.I):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_file), link))
    if target.startswith(".."):
        return None
    if target == ".":
        return "./"
    return target + "/" if link.split("?")[0].split("#")[0].endswith("/") else target


def article_links(page_file: str, page: str) -> list[str]:
    """Root-relative URLs of the pages linked from the page's content (not its nav)."""
    found = _ARTICLE.search(page)
    hrefs = _HREF.findall(found[0] if found else "")
    links = [_resolve(page_file, html.unescape(h)) for h in hrefs]
    return list(dict.fromkeys(u.split("#")[0] for u in links if u))


def loads(page_file: str, page: str) -> list[str]:
    """Root-relative URLs (with their ``?v=``) of the scripts, styles and images a page loads."""
    urls = (_resolve(page_file, html.unescape(a or b)) for a, b in _LOADS.findall(page))
    return list(dict.fromkeys(u for u in urls if u))


def title(page: str, site_name: str) -> str:
    """The page's title without the site's name (Material writes 'Page - Site')."""
    found = _TITLE.search(page)
    text = html.unescape(found[1]).strip() if found else ""
    suffix = f" - {site_name}"
    return text[: -len(suffix)] if text.endswith(suffix) else text
