"""``python -m generator package``: a built site as an LMS package (one zip per track).

The site folder is only read. Inside the zip every page is the built page, except:
the scenario pages of the track load the adapter (``assets/sc-lms.js``) before the
player, no page registers the offline service worker (an LMS serves packages
from its own origin and folders; a worker there would outlive the course), and no
page keeps the site's own xAPI adapter (``xapi:``): a package reports to the LMS
that launched it and nowhere else. The adapter is ``adapter.js`` for SCORM (the
LMS's API in a parent window) and, for cmi5, the site's xAPI adapter with its cmi5
blocks (``generator/xapi.py``): one place makes the statements of both.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from generator.errors import Diagnostic, UsageError
from generator.lms import cmi5, scorm
from generator.lms.site import ScenarioPage, mastery_score, read_site, track_scenarios
from generator.render.catalogue import SHIPPED, text
from generator.render.templates import Templates
from generator.xapi import XAPI_ASSET, xapi_script

FORMATS = ("scorm12", "scorm2004", "cmi5")
ADAPTER = "assets/sc-lms.js"
_WORKER = re.compile(r'<meta name="sc-worker"[^>]*>\s*', re.IGNORECASE)
_SITE_XAPI = re.compile(r'<script\b[^>]*\ssrc="[^"]*' + re.escape(XAPI_ASSET) +
                        r'[^"]*"[^>]*>\s*</script>\s*', re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
# Deterministic zips: the same site gives the same bytes.
_STAMP = (2020, 1, 1, 0, 0, 0)


SUSPEND_12 = 4096  # SCORM 1.2: cmi.suspend_data is a CMIString4096


@dataclass(frozen=True)
class Packaged:
    """What ``package`` wrote: the zip, its title, its SCOs / AUs and any warnings."""

    out: Path
    title: str
    scenarios: tuple[ScenarioPage, ...]
    files: int
    warnings: tuple[Diagnostic, ...] = ()


def _adapter_tag(page: str, kind: str, mastery: int, words: dict[str, str]) -> str:
    up = "../" * (len(PurePosixPath(page).parts) - 1)
    # Only cmi5 has a way back to the LMS (the launch data's returnURL).
    leave = f' data-sc-exit="{escape(words["exit"])}"' if kind == "cmi5" else ""
    return (f'<script src="{up}{ADAPTER}" data-sc-lms="{kind}" data-sc-mastery="{mastery}" '
            f'data-sc-note="{escape(words["note"])}"{leave}></script>\n')


def _words(lang: str) -> dict[str, str]:
    """The adapter's words in the site's language: the note when the LMS records nothing,
    the way back to the LMS (the packaged catalogues: the built site no longer says which
    overrides it had)."""
    lms = Templates(None).strings(lang if lang in SHIPPED else "en")["lms"]
    return {"note": text(lms["note"]), "exit": text(lms["exit"])}


def _adapter(kind: str) -> bytes:
    if kind == "cmi5":  # the launch gives endpoint and token: no setting but the mode
        return xapi_script(None, {"cmi5": True, "timeout": 10}).encode("utf-8")
    return resources.files("generator.lms").joinpath("adapter.js").read_bytes()


def _rewrite(text: str, adapter: str | None, where: str) -> str:
    text = _SITE_XAPI.sub("", _WORKER.sub("", text))
    if adapter is None:
        return text
    end = _HEAD_END.search(text)
    if end is None:
        raise UsageError.at(where, 0, 0, "a scenario page without </head>: not a built page")
    # A parser-blocking script in the head runs before the async player in the body.
    return text[:end.start()] + adapter + text[end.start():]


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, _STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def build_package(site_folder: Path, out: Path, kind: str, *, track: str | None = None,
                  mastery: str = "good") -> Packaged:
    """Write the package of ``track`` (a page listing scenarios; default: every scenario)."""
    if kind not in FORMATS:
        raise UsageError.at("", 0, 0, f"unknown format '{kind}'", "use " + ", ".join(FORMATS))
    if not out.parent.is_dir():
        raise UsageError.at(str(out.parent), 0, 0, "no such folder for --out")
    site = read_site(site_folder)
    title, chosen = track_scenarios(site, track)
    scores = [(s, mastery_score(s, mastery)) for s in chosen]
    launch = {s.page: m for s, m in scores}
    words = _words(site.lang)
    names = sorted(name for p in site_folder.rglob("*") if p.is_file() and
                   (name := p.relative_to(site_folder).as_posix()).split("/", 1)[0]
                   not in site.nested)
    if out.resolve().is_relative_to(site_folder.resolve()):
        raise UsageError.at(str(out), 0, 0, "--out is inside the site folder",
                            "write the package next to the site, not into it")
    reserved = {"imsmanifest.xml", "cmi5.xml", ADAPTER, XAPI_ASSET}
    files = [n for n in names if n not in reserved] + [ADAPTER]
    ident = f"service-scenarios-{track or 'site'}"
    temporary = out.with_name(out.name + ".part")
    with zipfile.ZipFile(temporary, "w") as archive:
        for name in files:
            if name == ADAPTER:
                data = _adapter(kind)
            elif name.endswith(".html"):
                text = (site_folder / name).read_text(encoding="utf-8", errors="replace")
                tag = _adapter_tag(name, kind, launch[name], words) if name in launch else None
                data = _rewrite(text, tag, name).encode("utf-8")
            else:
                data = (site_folder / name).read_bytes()
            _add(archive, name, data)
        hrefs = [quote(n) for n in files]
        if kind == "cmi5":
            _add(archive, "cmi5.xml", cmi5.course(ident, title, site.lang, scores))
        else:
            edition = scorm.EDITIONS[kind]
            quoted = [(ScenarioPage(s.id, s.title, quote(s.page), s.tiers), m) for s, m in scores]
            _add(archive, "imsmanifest.xml",
                 scorm.manifest(edition, ident, title, quoted, hrefs))
            schemas = resources.files("generator.lms").joinpath("xsd", kind)
            for schema in sorted(schemas.iterdir(), key=lambda f: f.name):
                _add(archive, schema.name, schema.read_bytes())
    temporary.replace(out)
    warnings = tuple(
        Diagnostic(s.page, 0, 0, f"a run of '{s.id}' can take {s.run_bound} characters, more "
                   f"than SCORM 1.2 keeps in suspend_data ({SUSPEND_12}): a long run may not "
                   "resume", "use --format scorm2004 (64,000), or shorter step ids",
                   severity="warning")
        for s in chosen if kind == "scorm12" and s.run_bound > SUSPEND_12)
    return Packaged(out, title, chosen, len(files), warnings)
