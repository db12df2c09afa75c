"""``cmi5.xml``: a course per track, one AU per scenario (cmi5 section 13, course structure).

The AU ids are IRIs under ``urn:service-scenarios:`` (stable across rebuilds and hosts);
``moveOn`` is Passed against the AU's ``masteryScore`` (0-1, from the mastery tier).
Each AU's ``url`` is its scenario page with ``?sco=<id>``, to which the LMS adds the
launch parameters. This module only writes the structure an LMS imports; the AU's
reporting (statements to the launch's endpoint with the token from its fetch URL) is
the package's adapter, the xAPI adapter with its cmi5 blocks (``pack.py``,
``site_templates/assets/xapi.js``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from urllib.parse import quote

from generator.lms.site import ScenarioPage

NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"


def _text(parent: ET.Element, tag: str, text: str, lang: str) -> None:
    ET.SubElement(ET.SubElement(parent, f"{{{NS}}}{tag}"), f"{{{NS}}}langstring",
                  {"lang": lang}).text = text


def course(ident: str, title: str, lang: str,
           scenarios: Sequence[tuple[ScenarioPage, int]]) -> bytes:
    """The course structure of ``scenarios`` (each with its mastery score 0-100)."""
    ET.register_namespace("", NS)
    lang = lang or "en"
    base = f"urn:service-scenarios:{quote(ident, safe='-')}"
    root = ET.Element(f"{{{NS}}}courseStructure")
    head = ET.SubElement(root, f"{{{NS}}}course", {"id": base})
    _text(head, "title", title, lang)
    _text(head, "description", f"{len(scenarios)} scenarios: {title}", lang)
    for scenario, mastery in scenarios:
        au = ET.SubElement(root, f"{{{NS}}}au", {
            "id": f"{base}:{scenario.id}", "moveOn": "Passed",
            "masteryScore": f"{mastery / 100:g}", "launchMethod": "AnyWindow"})
        _text(au, "title", scenario.title, lang)
        _text(au, "description", scenario.title, lang)
        ET.SubElement(au, f"{{{NS}}}url").text = quote(scenario.page) + f"?sco={scenario.id}"
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"
