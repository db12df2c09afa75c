"""``python -m generator offline SITE``: the worker, its list and the stamps on a built site.

A small hand-made site stands in for a build (the browser tests use the real
one): what matters here is what a publisher sees in the folder.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.offline import write_offline


def _page(title: str, body: str, up: str) -> str:
    return (f"<html><head><title>{title} - Site</title>"
            f'<link rel="stylesheet" href="{up}assets/main.css"></head><body>'
            f'<article class="md-content__inner">{body}</article>'
            f'<script src="{up}assets/service-scenarios.js" defer></script></body></html>')


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    files = {
        "index.html": _page("Home", '<a href="partners/">Partners</a>', ""),
        "partners/index.html": _page(
            "Delivery partners", '<div class="sc-track sc-track-partners">'
            '<a href="../scenarios/late/">Late</a><a href="doorstep-checklist/">Checklist</a>'
            '<a href="https://example.org/">x</a></div>', "../"),
        "partners/doorstep-checklist/index.html": _page("Doorstep checklist", "", "../../"),
        "scenarios/late/index.html": _page(
            "Late", '<div class="sc" data-scenario="late" data-model="{}"></div>', "../../"),
        "scenarios/office/index.html": _page("Office", "", "../../"),
        "assets/main.css": "body{}",
        "assets/service-scenarios.js": 'var BUILD = /*sc-build*/"";',
        "sitemap.xml": "<urlset/>",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _worker_list(site: Path) -> list[list[str]]:
    found = re.search(r"var PRECACHE = (\[.*?\n\]);", (site / "sw.js").read_text("utf-8"), re.S)
    assert found
    entries: list[list[str]] = json.loads(found[1])
    return entries


def test_the_worker_keeps_the_partner_track_and_what_it_loads(site: Path) -> None:
    assert main(["offline", str(site)]) == 0
    urls = [url for url, _ in _worker_list(site)]
    build = write_offline(site).build
    assert urls[:4] == ["./", "partners/", "scenarios/late/", "partners/doorstep-checklist/"]
    assert f"assets/service-scenarios.js?v={build}" in urls
    assert f"assets/main.css?v={build}" in urls
    assert {"offline.html", "manifest.webmanifest", "sitemap.xml"} <= set(urls)
    assert "scenarios/office/" not in urls  # kept only once visited
    for url, digest in _worker_list(site):  # the worker refuses any file that differs
        file = url.split("?")[0]
        file = "index.html" if file == "./" else file + "index.html" if file.endswith("/") \
            else file
        assert hashlib.sha256((site / file).read_bytes()).hexdigest() == digest


def test_the_track_is_found_where_generate_put_it(site: Path, tmp_path: Path) -> None:
    # `generate` writes into a folder of the organisation's choice: training/partners/.
    (site / "training").mkdir()
    for name in ("partners", "scenarios"):
        (site / name).rename(site / "training" / name)
    write_offline(site)
    urls = [url for url, _ in _worker_list(site)]
    assert urls[:4] == ["./", "training/partners/", "training/scenarios/late/",
                        "training/partners/doorstep-checklist/"]


def test_pages_and_player_carry_one_build(site: Path) -> None:
    build = write_offline(site).build
    page = (site / "scenarios/late/index.html").read_text("utf-8")
    assert f'<meta name="sc-build" content="{build}">' in page
    assert f'data-build="{build}" data-scenario="late"' in page
    assert f'src="../../assets/service-scenarios.js?v={build}"' in page
    assert '<meta name="sc-worker" content="../../sw.js">' in page
    assert '<link rel="manifest" href="../../manifest.webmanifest">' in page
    player = (site / "assets/service-scenarios.js").read_text("utf-8")
    assert f'/*sc-build*/"{build}"' in player
    assert 'PREFIX + BUILD + "@" + SCOPE' in (site / "sw.js").read_text("utf-8")
    assert f'var BUILD = "{build}"' in (site / "sw.js").read_text("utf-8")


def test_running_twice_changes_nothing_and_any_change_is_a_new_build(site: Path) -> None:
    first = write_offline(site)
    snapshot = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert write_offline(site) == first
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == snapshot
    (site / "assets/main.css").write_text("body{color:red}", encoding="utf-8")
    assert write_offline(site).build != first.build


def test_switched_off_the_worker_removes_itself(site: Path) -> None:
    write_offline(site)
    assert main(["offline", str(site), "--off"]) == 0
    worker = (site / "sw.js").read_text("utf-8")
    assert "unregister()" in worker
    assert "PRECACHE" not in worker
    assert "sc-worker" not in (site / "index.html").read_text("utf-8")


def test_manifest_makes_the_site_installable(site: Path) -> None:
    write_offline(site)
    manifest = json.loads((site / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["name"] == "Site"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "./"
    assert {i["sizes"] for i in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert (site / icon["src"]).read_bytes().startswith(b"\x89PNG")


def test_a_folder_that_is_not_a_site_is_refused(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["offline", str(tmp_path / "missing")]) == 2
    assert main(["offline", str(tmp_path)]) == 1
    assert "not a built site" in capsys.readouterr().err
