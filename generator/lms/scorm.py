"""``imsmanifest.xml`` for SCORM 1.2 and SCORM 2004 4th edition.

One package per track; one SCO per scenario, launched at the scenario's page with
``?sco=<id>`` (the adapter reports only there). Every other file of the site is one
shared asset resource the SCOs depend on. The mastery score goes where each
edition wants it: ``adlcp:masteryscore`` (1.2, 0-100) and the primary objective's
``minNormalizedMeasure`` with ``satisfiedByMeasure`` (2004, 0-1), from which the
LMS gives the SCO ``cmi.scaled_passing_score``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from generator.lms.site import ScenarioPage

XSI = "http://www.w3.org/2001/XMLSchema-instance"


@dataclass(frozen=True)
class Edition:
    """The namespaces and schema files of one SCORM edition (files under lms/xsd/NAME)."""

    name: str
    version: str
    cp: str
    adlcp: str
    schemas: tuple[tuple[str, str], ...]  # (namespace, schema file), as xsi:schemaLocation


SCORM12 = Edition(
    "scorm12", "1.2", "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    (("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
     ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "imsmd_rootv1p2p1.xsd"),
     ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd")))
IMSSS = "http://www.imsglobal.org/xsd/imsss"
SCORM2004 = Edition(
    "scorm2004", "2004 4th Edition", "http://www.imsglobal.org/xsd/imscp_v1p1",
    "http://www.adlnet.org/xsd/adlcp_v1p3",
    (("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
     ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
     ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
     ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
     (IMSSS, "imsss_v1p0.xsd")))
EDITIONS = {e.name: e for e in (SCORM12, SCORM2004)}


def identifier(text: str) -> str:
    """An xs:ID from a slug or name: letters, digits, '-', '_', '.', starting with a letter."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "x"
    return cleaned if cleaned[0].isalpha() else f"x-{cleaned}"


def manifest(edition: Edition, ident: str, title: str,
             scenarios: Sequence[tuple[ScenarioPage, int]], files: Sequence[str]) -> bytes:
    """The manifest of a package of ``scenarios`` (each with its mastery score 0-100).

    ``files``: every file of the package but the manifest and schemas, relative, with '/'.
    """
    cp, adl = edition.cp, edition.adlcp
    ET.register_namespace("", cp)
    ET.register_namespace("adlcp", adl)
    ET.register_namespace("imsss", IMSSS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{cp}}}manifest", {
        "identifier": identifier(ident), "version": "1",
        f"{{{XSI}}}schemaLocation": " ".join(f"{ns} {f}" for ns, f in edition.schemas)})
    meta = ET.SubElement(root, f"{{{cp}}}metadata")
    ET.SubElement(meta, f"{{{cp}}}schema").text = "ADL SCORM"
    ET.SubElement(meta, f"{{{cp}}}schemaversion").text = edition.version
    organisations = ET.SubElement(root, f"{{{cp}}}organizations", {"default": "track"})
    organisation = ET.SubElement(organisations, f"{{{cp}}}organization", {"identifier": "track"})
    ET.SubElement(organisation, f"{{{cp}}}title").text = title
    resources = ET.SubElement(root, f"{{{cp}}}resources")
    scorm_type = f"{{{adl}}}scormtype" if edition is SCORM12 else f"{{{adl}}}scormType"
    launches = set()
    for scenario, mastery in scenarios:
        item = ET.SubElement(organisation, f"{{{cp}}}item", {
            "identifier": identifier(f"item-{scenario.id}"),
            "identifierref": identifier(f"sco-{scenario.id}"),
            "parameters": f"?sco={scenario.id}"})
        ET.SubElement(item, f"{{{cp}}}title").text = scenario.title
        if edition is SCORM12:
            ET.SubElement(item, f"{{{adl}}}masteryscore").text = str(mastery)
        else:
            sequencing = ET.SubElement(item, f"{{{IMSSS}}}sequencing")
            objectives = ET.SubElement(sequencing, f"{{{IMSSS}}}objectives")
            primary = ET.SubElement(objectives, f"{{{IMSSS}}}primaryObjective", {
                "objectiveID": "mastery", "satisfiedByMeasure": "true"})
            ET.SubElement(primary, f"{{{IMSSS}}}minNormalizedMeasure").text = f"{mastery / 100:g}"
        resource = ET.SubElement(resources, f"{{{cp}}}resource", {
            "identifier": identifier(f"sco-{scenario.id}"), "type": "webcontent",
            scorm_type: "sco", "href": scenario.page})
        ET.SubElement(resource, f"{{{cp}}}file", {"href": scenario.page})
        ET.SubElement(resource, f"{{{cp}}}dependency", {"identifierref": "site"})
        launches.add(scenario.page)
    shared = ET.SubElement(resources, f"{{{cp}}}resource", {
        "identifier": "site", "type": "webcontent", scorm_type: "asset"})
    for name in files:
        if name not in launches:
            ET.SubElement(shared, f"{{{cp}}}file", {"href": name})
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"
