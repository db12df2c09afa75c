"""One site per language (the plugin's ``languages:``), built in-process by MkDocs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.plugin import ScenarioPlugin
from tests.test_plugin import mkdocs

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "project"
TRANSLATIONS = ROOT / "tests" / "fixtures" / "translation"


def _fixture_project(tmp_path: Path, options: str) -> Path:
    """The fixture scenarios (two; one translated into Swedish) with their own docs and
    a config whose plugin has ``options``."""
    shutil.copytree(FIXTURE, tmp_path / "scenarios")
    shutil.copytree(TRANSLATIONS / "sv", tmp_path / "scenarios" / "sv")
    docs = tmp_path / "docs" / "partners"
    docs.mkdir(parents=True)
    (docs / "doorstep-checklist.md").write_text("# At the door\n", encoding="utf-8")
    (docs / "doorstep-checklist.sv.md").write_text("# Vid dörren\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Test\nsite_url: http://127.0.0.1:8000/\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - service-scenarios:\n      offline: false\n"
        + "".join(f"      {line}\n" for line in options.splitlines()), encoding="utf-8")
    return config


def _build(config: Path) -> Path:
    out = config.parent / "site"
    build(load_config(str(config), site_dir=str(out), strict=True))
    return out


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _switcher(html: str) -> dict[str, str]:
    """The language selector's links: language code -> href."""
    return {lang: href for href, lang in re.findall(
        r'<a href="([^"]*)" hreflang="([^"]*)" lang="[^"]*" class="md-select__link"', html)}


def test_each_language_is_a_site_of_its_own_in_its_folder(tmp_path: Path) -> None:
    out = _build(_fixture_project(tmp_path, "languages: [sv]"))
    english, swedish = out / "scenarios" / "damaged-parcel" / "index.html", \
        out / "sv" / "scenarios" / "damaged-parcel" / "index.html"
    assert '<html lang="en"' in _read(english)
    assert '<html lang="sv"' in _read(swedish)
    assert "Det skadade paketet" in _read(swedish)  # the translation's title
    assert "Det skadade paketet" not in _read(english)
    assert (out / "sv" / "search" / "search_index.json").is_file()
    # The same page in each language, from either site.
    assert _switcher(_read(english)) == {"en": "../.././scenarios/damaged-parcel/",
                                         "sv": "../../sv/scenarios/damaged-parcel/"}
    assert _switcher(_read(swedish)) == {"en": "../../../scenarios/damaged-parcel/",
                                         "sv": "../../../sv/scenarios/damaged-parcel/"}
    # Hand-written pages: x.sv.md is the Swedish site's x.md and a page of no other site.
    assert "Vid dörren" in _read(out / "sv" / "partners" / "doorstep-checklist" / "index.html")
    assert "At the door" in _read(out / "partners" / "doorstep-checklist" / "index.html")
    assert not list(out.rglob("doorstep-checklist.sv*"))


def test_an_untranslated_scenario_shows_in_english_with_a_note(tmp_path: Path) -> None:
    out = _build(_fixture_project(tmp_path, "languages: [sv]"))
    page = _read(out / "sv" / "scenarios" / "counter-queue" / "index.html")
    assert "Inte översatt än: det här scenariot visas på engelska." in page
    assert re.search(r'<div class="sc" lang="en" [^>]*data-scenario="counter-queue"', page)
    translated = _read(out / "sv" / "scenarios" / "damaged-parcel" / "index.html")
    assert "Inte översatt" not in translated
    assert 'class="sc" lang=' not in translated


def test_omit_leaves_an_untranslated_scenario_out_and_the_switcher_goes_home(
        tmp_path: Path) -> None:
    out = _build(_fixture_project(tmp_path, "languages: [sv]\nuntranslated: omit"))
    assert not (out / "sv" / "scenarios" / "counter-queue").exists()
    assert (out / "sv" / "scenarios" / "damaged-parcel" / "index.html").is_file()
    assert "counter-queue" not in _read(out / "sv" / "index.html")
    english = _read(out / "scenarios" / "counter-queue" / "index.html")
    assert _switcher(english)["sv"] == "../../sv/"


def test_the_running_build_stays_the_first_languages(tmp_path: Path) -> None:
    """MkDocs keeps one plugin object per process (serve rebuilds with it): the other
    languages' builds must not leave it building theirs."""
    config = _fixture_project(tmp_path, "languages: [sv]")
    loaded = load_config(str(config), site_dir=str(tmp_path / "site"))
    plugin = loaded.plugins["service-scenarios"]
    assert isinstance(plugin, ScenarioPlugin)
    build(loaded)
    again = load_config(str(config), site_dir=str(tmp_path / "again"))
    assert again.plugins["service-scenarios"] is plugin
    build(again)
    assert plugin.language == "en"
    assert '<html lang="en"' in _read(tmp_path / "again" / "index.html")
    assert '<html lang="sv"' in _read(tmp_path / "again" / "sv" / "index.html")


@pytest.mark.parametrize(("options", "message"), [
    ("languages: [sv, svv]",
     "mkdocs.yml:9:23: error: unknown language 'svv' (did you mean 'sv'?; Material knows"),
    ("languages:\n  - se",
     "mkdocs.yml:10:11: error: unknown language 'se' (did you mean 'sv'?; Material knows"),
    ("untranslated: hide", "Expected one of: ('source', 'omit') but received: 'hide'"),
])
def test_a_bad_setting_stops_the_build_at_its_line(
        tmp_path: Path, options: str, message: str) -> None:
    config = _fixture_project(tmp_path, options)
    done = mkdocs("build", "-f", str(config), cwd=tmp_path)
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_without_languages_a_translated_page_is_no_page(tmp_path: Path) -> None:
    """A build of one language (the trainers') has no x.sv.md page of its own."""
    out = _build(_fixture_project(tmp_path, "trainer: true"))
    assert "At the door" in _read(out / "partners" / "doorstep-checklist" / "index.html")
    assert not list(out.rglob("doorstep-checklist.sv*"))
    assert not (out / "sv").exists()


def test_the_languages_share_one_check_and_each_warning_shows_once(tmp_path: Path) -> None:
    """The other languages' builds reuse the first one's check: a stale translation is
    one warning, not one per site."""
    config = _fixture_project(tmp_path, "languages: [sv, nb]")
    source = tmp_path / "scenarios" / "damaged-parcel.yaml"
    text = source.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    source.write_text(text.replace(title, title + " (revised)", 1), encoding="utf-8")
    done = mkdocs("build", "-f", str(config), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("is stale") == 1
    assert (tmp_path / "site" / "nb" / "index.html").is_file()
