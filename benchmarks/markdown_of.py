"""Turn a generated page (front matter + raw HTML) into plain Markdown with the same words.

The plain comparison site must carry the words of our site without our
machinery: no raw HTML, no data attributes, no player. Converting our own
pages guarantees the same words by construction (a tag between two letters,
as in two adjacent ``<span>`` labels, separates words in our page's text, so
it becomes a space). Headings become ``#``
headings, list items ``-`` items, tables Markdown tables, every other block
(paragraphs, definition terms, SVG labels, code) a paragraph. Attributes
(the player's JSON, links' targets) are not words and are dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

INLINE = frozenset({"a", "abbr", "b", "code", "em", "i", "kbd", "small", "span", "strong",
                    "sub", "sup"})
"""Tags whose text joins the surrounding block; every other tag starts a new block."""
VOID = frozenset({"br", "hr", "img", "input", "meta", "link"})
_SPECIAL = re.compile(r"([\\`*_\[\]#|<>&])")
_SPACE = re.compile(r"\s+")
_BOUNDARY = "\0"
"""Where an inline tag was: a space between two word characters, else nothing."""
_BETWEEN_WORDS = re.compile(rf"(?<=\w){_BOUNDARY}+(?=\w)")


def _escape(text: str) -> str:
    """Text that Markdown shows as written (no emphasis, links or HTML)."""
    return _SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(
        m.group(1), "\\" + m.group(1)), text)


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.text: list[str] = []
        self.prefix = ""
        self.row: list[str] | None = None
        self.rows = 0

    def _flush(self) -> None:
        text = _BETWEEN_WORDS.sub(" ", "".join(self.text)).replace(_BOUNDARY, "")
        text = _SPACE.sub(" ", text).strip()
        self.text = []
        if not text:
            return
        if self.row is not None:
            self.row.append(text)
        else:
            self.blocks.append(self.prefix + text)
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in INLINE or tag in VOID:
            self.text.append(" " if tag == "br" else _BOUNDARY)
            return
        self._flush()
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.prefix = "#" * int(tag[1]) + " "
        elif tag == "li":
            self.prefix = "- "
        elif tag == "tr":
            self.row = []

    def handle_endtag(self, tag: str) -> None:
        if tag in INLINE:
            self.text.append(_BOUNDARY)
            return
        self._flush()
        if tag == "tr" and self.row is not None:
            self._end_row(self.row)
        elif tag == "table":
            self.rows = 0

    def _end_row(self, cells: list[str]) -> None:
        self.row = None
        line = "| " + " | ".join(cells) + " |"
        # A table is one block: rows join the previous line, the header gets its rule.
        if self.rows == 0:
            self.blocks.append(line + "\n|" + " --- |" * len(cells))
        else:
            self.blocks[-1] += "\n" + line
        self.rows += 1

    def handle_data(self, data: str) -> None:
        self.text.append(_escape(data))


def split_front_matter(page: str) -> tuple[str, str]:
    if page.startswith("---\n"):
        end = page.index("\n---\n", 4) + 5
        return page[:end], page[end:]
    return "", page


def markdown_of(page: str) -> str:
    """The plain Markdown version of one generated page; front matter is kept."""
    front, body = split_front_matter(page)
    converter = _Converter()
    converter.feed(body)
    converter.close()
    converter._flush()
    return front + "\n" + "\n\n".join(converter.blocks) + "\n"
