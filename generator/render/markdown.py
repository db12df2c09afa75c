"""Trainers' Markdown to HTML that is safe to put in a learner's page.

Markdown fields (setting, situation, consequence, feedback, debrief,
explanation, story summary) may use emphasis, lists, links and code. Raw HTML
is never passed through: Python-Markdown's raw-HTML block and inline handlers
are removed, so ``<script>`` arrives as the text ``&lt;script&gt;``. Links keep
only safe schemes (http, https, mailto, tel, or a relative URL); anything else
(``javascript:``, ``data:``, ``vbscript:``) loses its ``href``. Images become
their alt text: a picture from another host would be a third-party request,
and the site promises none.

The output never contains a blank line or a line that starts with spaces, so
it can sit inside a raw HTML block of a Markdown page without ending the block
or turning into an indented code block.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)


def is_safe_url(url: str) -> bool:
    """True for relative URLs and the schemes in :data:`SAFE_SCHEMES`.

    Browsers ignore tabs, newlines and leading spaces in a scheme
    (``java\\tscript:``), so they are removed before the scheme is read.
    """
    cleaned = _CONTROL.sub("", url)
    if cleaned.startswith("//"):
        return False  # protocol-relative: another host
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme == "" or scheme in SAFE_SCHEMES


class _Sanitiser(Treeprocessor):
    """Drop unsafe link targets; replace images by their alt text."""

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    parent[index] = _alt_text(child)
                elif child.tag == "a" and not is_safe_url(child.get("href", "")):
                    child.attrib.pop("href", None)
                    child.tag = "span"


def _alt_text(image: ET.Element) -> ET.Element:
    span = ET.Element("span")
    span.text = image.get("alt", "")
    span.tail = image.tail
    return span


def _new_converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # After 'inline' (priority 20) so links exist; before serialisation.
    md.treeprocessors.register(_Sanitiser(md), "service_sanitiser", 1)
    return md


_CONVERTER = _new_converter()


def flatten(html: str) -> str:
    """Keep an HTML fragment on lines that cannot end or indent a Markdown HTML block.

    Newlines inside ``<pre>`` become ``&#10;`` (the same text to a browser);
    elsewhere, line breaks between tags are insignificant and collapse.
    """
    html = _PRE.sub(lambda m: m.group(0).replace("\n", "&#10;"), html)
    # split("\n"), not splitlines(): U+2028 and friends are text, not line breaks.
    return "\n".join(line.strip() for line in html.split("\n") if line.strip())


def render_markdown(text: str) -> Markup:
    """Render one Markdown field to safe, flat HTML."""
    _CONVERTER.reset()
    return Markup(flatten(_CONVERTER.convert(text)))


def render_inline(text: str) -> Markup:
    """One line of Markdown (code, emphasis, links) without the paragraph around it,
    for interface strings that sit inside an element of the template (``<li>``, ``<p>``)."""
    html = render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return Markup(html[3:-4])
    return html
