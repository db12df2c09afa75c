"""Count what a built site holds: pages, the words a reader sees, bytes raw and gzipped."""

from __future__ import annotations

import gzip
import html
import re
from dataclasses import dataclass
from pathlib import Path

_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
_INVISIBLE = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Weight:
    raw: int
    gzipped: int


@dataclass(frozen=True)
class Census:
    pages: int
    words: int
    """Words in the pages' main content (Material's ``<article>``), not the nav or footer."""
    html_bytes: int
    search_index: Weight
    """``search/search_index.json``: Material's search fetches it on a visitor's first page."""
    sitemap: Weight
    """``sitemap.xml``: instant navigation fetches it on a visitor's first page."""


def pages_of(site: Path) -> list[Path]:
    """The site's pages: every HTML file but MkDocs' 404 page."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def words_in(page: str) -> int:
    """Words a reader sees in the content (our hidden static case included: it is there)."""
    found = _ARTICLE.search(page)
    if found is None:
        return 0
    text = _TAG.sub(" ", _INVISIBLE.sub(" ", found.group(1)))
    return len(_WORD.findall(html.unescape(text)))


def census(site: Path) -> Census:
    pages = pages_of(site)
    texts = [p.read_text(encoding="utf-8") for p in pages]
    return Census(len(pages), sum(words_in(t) for t in texts),
                  sum(len(t.encode("utf-8")) for t in texts),
                  weight(site / "search" / "search_index.json"), weight(site / "sitemap.xml"))


def weight(path: Path) -> Weight:
    """Bytes as stored, and as sent by a server that gzips at the usual level 6."""
    data = path.read_bytes()
    return Weight(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))
