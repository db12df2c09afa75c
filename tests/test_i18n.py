"""Languages: the pages in each catalogue's language, plurals, the fallback to English,
an unknown language code, and no visible English outside the catalogues."""

from __future__ import annotations

import ast
import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.check import CheckResult, run_check
from generator.errors import ContentError, Diagnostic
from generator.generate import render_files, settings_of
from generator.model import Catalogue, Scenario
from generator.render import navigation, render_site
from generator.render.catalogue import SHIPPED, check_language, load_catalogue, plural
from generator.render.errors import error_page
from generator.render.templates import check_overrides, packaged_folder
from tests.test_render import FIXTURE

ROOT = Path(__file__).resolve().parent.parent
PACKAGED = packaged_folder()


def catalogue(language: str) -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(
        (PACKAGED / "strings" / f"{language}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return run_check([FIXTURE])


def _with_player_buttons(page: str) -> str:
    """The page, and the player's button for going on as it will show it ("button: ...")."""
    found = re.search(r'data-strings="([^"]*)"', page)
    strings = json.loads(html.unescape(found[1])) if found else {}
    return page + (f"button: {strings['continue']}" if strings else "")


# What a learner reads on each page, per language: a heading, a button's words.
SEEN = {
    "en": {"index.md": ["Choose your track", "Employees"], "progress.md": ["My progress"],
           "scenarios/cold-soup.md": ["The customer", "button: Continue"],
           "principles/index.md": ["1 scenario<"]},
    "sv": {"index.md": ["Välj ditt spår", "Medarbetare"], "progress.md": ["Mina framsteg"],
           "scenarios/cold-soup.md": ["Kunden", "button: Fortsätt"],
           "principles/index.md": ["1 scenario<"]},
    "nb": {"index.md": ["Velg ditt spor", "Ansatte"], "progress.md": ["Min fremgang"],
           "scenarios/cold-soup.md": ["Kunden", "button: Fortsett"],
           "principles/index.md": ["1 scenario<"]},
    "da": {"index.md": ["Vælg dit spor", "Medarbejdere"], "progress.md": ["Mine fremskridt"],
           "scenarios/cold-soup.md": ["Kunden", "button: Fortsæt"],
           "principles/index.md": ["1 scenarie<"]},
}


@pytest.mark.parametrize("language", SHIPPED)
def test_the_pages_speak_the_sites_language(result: CheckResult, language: str) -> None:
    pages = render_site(result, language=language, trainer=True)
    for page, phrases in SEEN[language].items():
        for phrase in phrases:
            assert phrase in _with_player_buttons(pages[page]), (language, page, phrase)
    nav = navigation(result, language=language)
    assert catalogue(language)["titles"]["home"] in json.dumps(nav, ensure_ascii=False)


@pytest.mark.parametrize("language", SHIPPED)
def test_the_error_page_speaks_the_sites_language(language: str) -> None:
    page = error_page([Diagnostic("a.yaml", 2, 3, "bad")] * 2, language=language)
    strings = catalogue(language)["page"]
    assert str(strings["errorsTitle"]) in page
    assert dict(strings["errorsCount"])["other"].format(n=2) in page  # type: ignore[call-overload]
    assert "a.yaml:2:3: error: bad" in page


@pytest.mark.parametrize(("language", "n", "expected"), [
    ("en", 0, "0 scenarios"), ("en", 1, "1 scenario"), ("en", 2, "2 scenarios"),
    ("sv", 1, "1 scenario"), ("sv", 2, "2 scenarier"),
    ("nb", 1, "1 scenario"), ("nb", 2, "2 scenarioer"),
    ("da", 1, "1 scenarie"), ("da", 21, "21 scenarier"),
])
def test_counts_take_the_plural_form_of_their_language(language: str, n: int,
                                                       expected: str) -> None:
    entry = catalogue(language)["page"]["scenarioCount"]
    assert plural(entry, n).format(n=n) == expected  # type: ignore[arg-type]


def _placeholders(entry: object) -> set[str]:
    forms = entry.values() if isinstance(entry, dict) else [entry]
    return {name for form in forms for name in re.findall(r"\{(\w+)\}", str(form))}


@pytest.mark.parametrize("language", [code for code in SHIPPED if code != "en"])
def test_every_catalogue_has_every_string_with_the_same_placeholders(language: str) -> None:
    english, mine = catalogue("en"), catalogue(language)
    assert set(mine) == set(english)
    for name, section in english.items():
        assert set(mine[name]) == set(section), name
        for key, entry in section.items():
            assert _placeholders(mine[name][key]) <= _placeholders(entry) | {"n"}, key
            assert all(str(form).strip() for form in (
                mine[name][key].values() if isinstance(mine[name][key], dict)
                else [mine[name][key]])), key


# The trainer build in Swedish: what a trainer reads on each trainer page, and the
# English those pages were written in before they took their words from the catalogue.
SWEDISH_TRAINER_PAGES = {
    "trainers/index.md": (["<h2>Utbildarvyer</h2>", "Allt du behöver för att leda"],
                          ["Trainer views", "Everything to run a session"]),
    "trainers/scenarios/cold-soup.md": (
        ["The cold soup: utbildarvy</h1>", "<h2>Beslutsgraf</h2>", "<h2>Steg och val</h2>",
         "<h2>Slut</h2>", "Målgrupp: employees", "Angiven nivå: Fan for life."],
        ["trainer view", "Decision graph", "Steps and choices", "Endings", "Audience:",
         "Raw totals", "Tiers reachable", "Always the longest", "Boxes are the steps",
         "Its effects add up", "Mermaid source", "Declared tier", "Scores of paths"]),
    "trainers/coverage.md": (
        ["färre än 2 scenarier tränar", "Tränas av färre än 2 scenarier",
         "Val: följer / bryter mot"],
        ["How many choices", "The table is wider", "Trained by fewer", "Scenarios that train",
         "Choices: upheld"]),
    "trainers/authoring.md": (
        ["<h2>Arbetsgången</h2>", "<h2>Text och säkerhet</h2>",
         '<h3 id="caps">Tak: principer som inget bra resultat kan väga upp</h3>',
         "<h2>Formatreferens: en scenariofil</h2>", "<td>heltal från 1 till 60</td>",
         "Standard: 5.", "<th scope=\"col\">Obligatorisk</th>"],
        ["A scenario is one YAML file", "The workflow", "Start a new scenario",
         "See it as learners", "Build the sites", "A complete scenario file",
         "Principle, tier and story ids",
         "Scenarios name these", "Text and safety", "Raw HTML is shown", "Each choice has",
         "Caps: principles", "Some principles are critical", "violates</em> a principle",
         "Warnings that keep", "A learner must win", "Every ending says", "What learners see",
         "The player shows", "Format reference", "Markdown text", "plain text", "whole number",
         "list of", "Default:", "Required", "Description", "Lowercase letters", "One training case",
         "What the learner says"]),
}


@pytest.fixture(scope="module")
def swedish_trainer_site(result: CheckResult) -> dict[str, str]:
    return render_site(result, trainer=True, language="sv")


@pytest.mark.parametrize("page", SWEDISH_TRAINER_PAGES)
def test_the_trainer_pages_speak_swedish(swedish_trainer_site: dict[str, str], page: str) -> None:
    swedish, english = SWEDISH_TRAINER_PAGES[page]
    text = swedish_trainer_site[page]
    assert [phrase for phrase in swedish if phrase not in text] == []
    assert [phrase for phrase in english if phrase in text] == []


def test_the_english_format_reference_says_what_the_model_says() -> None:
    """The English catalogue holds the field descriptions of the pydantic models, which
    also feed the JSON Schema editors show: a changed docstring needs a changed catalogue
    (and translations), or the guide would drift from the schema."""
    strings = catalogue("en")["trainer"]
    for model in (Scenario, Catalogue):
        schema = model.model_json_schema()
        for name, part in [(model.__name__, schema), *schema.get("$defs", {}).items()]:
            expected = {f"ref.{name}": part.get("description")} | {
                f"ref.{name}.{key}": prop.get("description")
                for key, prop in part.get("properties", {}).items()}
            for key, description in expected.items():
                wanted = " ".join(re.sub(r"`{1,2}([^`]+)`{1,2}", r"'\1'", description).split()
                                  ) if description else None
                assert strings.get(key) == wanted, key


def test_a_missing_string_shows_in_english_with_a_warning_at_its_catalogue(
        tmp_path: Path) -> None:
    shutil.copytree(PACKAGED / "strings", tmp_path / "strings")
    sv = tmp_path / "strings" / "sv.json"
    data = json.loads(sv.read_text(encoding="utf-8"))
    del data["player"]["continue"]
    sv.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    found = load_catalogue([tmp_path], "sv")
    assert found.strings["player"]["continue"] == "Continue"
    assert found.strings["player"]["tryAgain"] == "Försök igen"
    assert [w.format() for w in found.warnings] == [
        f"{sv}:2:1: warning: 'sv' has no string 'player.continue': it shows in English "
        '(add "continue" to the section "player")']


@pytest.mark.parametrize(("code", "expected"), [
    ("svv", "mkdocs.yml:3:13: error: unknown language 'svv' (did you mean 'sv'?; "
            "Material knows af, ar,"),
    ("sv_SE", "mkdocs.yml:3:13: error: unknown language 'sv_SE' (did you mean 'sv'?"),
    ("no", "mkdocs.yml:3:13: error: unknown language 'no' (did you mean 'nb'?"),
    ("nb", None), ("sv", None), ("de", None), ("pt-BR", None),
])
def test_a_language_material_does_not_know_is_an_error_at_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str, expected: str | None) -> None:
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\ntheme:\n  language: {code}\n", encoding="utf-8")
    problem = check_language(code, config)
    assert (problem.format()[:len(expected)] if problem else None) == expected


def test_an_override_catalogue_changes_its_language_only(result: CheckResult,
                                                          tmp_path: Path) -> None:
    (tmp_path / "strings").mkdir()
    (tmp_path / "strings" / "sv.json").write_text(
        '{"page": {"customer": "Kund", "custmer": "x"}}', encoding="utf-8")
    assert "<dt>Kund</dt>" in render_site(result, templates=tmp_path, language="sv")[
        "scenarios/cold-soup.md"]
    assert "<dt>The customer</dt>" in render_site(result, templates=tmp_path)[
        "scenarios/cold-soup.md"]
    assert [w.message for w in check_overrides(tmp_path)] == ["unknown string 'page.custmer'"]


def test_a_catalogues_markdown_in_the_authoring_guide_cannot_add_html(
        result: CheckResult, tmp_path: Path) -> None:
    (tmp_path / "strings").mkdir()
    (tmp_path / "strings" / "sv.json").write_text(json.dumps({"trainer": {
        "authoringLead": "Kör `mkdocs build` <script>alert(1)</script> *nu*"}}), encoding="utf-8")
    page = render_site(result, templates=tmp_path, language="sv",
                       trainer=True)["trainers/authoring.md"]
    assert ('<p class="sc-lead">Kör <code>mkdocs build</code> &lt;script&gt;alert(1)'
            "&lt;/script&gt; <em>nu</em></p>") in page


def test_mkdocs_builds_the_swedish_site_and_material_follows(tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").symlink_to(ROOT / "docs", target_is_directory=True)
    shutil.copytree(FIXTURE, tmp_path / "scenarios")
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config.replace("  language: en\n", "  language: sv\n"),
                                         encoding="utf-8")
    out = tmp_path / "site"
    build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(out)))
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in home
    assert "Välj ditt spår" in home
    scenario = (out / "scenarios" / "cold-soup" / "index.html").read_text(encoding="utf-8")
    assert "Gå till innehållet" in scenario  # Material's skip link
    assert "<dt>Kunden</dt>" in scenario
    assert '<html lang="sv">' in (out / "offline.html").read_text(encoding="utf-8")
    assert "Du är offline" in (out / "offline.html").read_text(encoding="utf-8")


# --- No visible English outside the catalogues -------------------------------------

VISIBLE_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description"}
NOT_TEXT = {"code", "pre", "style", "script", "svg"}
"""Commands, code and styles are not interface text: they read the same in every language."""
JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
FRONT_MATTER = re.compile(r"\A\s*---\n.*?\n---\n", re.S)


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in NOT_TEXT:
            self.skipping.append(tag)
        self.found += [v for k, v in attrs if k in VISIBLE_ATTRIBUTES and v and _words(v)]

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping and _words(data):
            self.found.append(data.strip())


def _words(text: str) -> bool:
    return re.search(r"[^\W\d_]{2,}", text) is not None


def visible_text(template: str) -> list[str]:
    parser = _Visible()
    parser.feed(FRONT_MATTER.sub("", JINJA.sub(" ", template)))
    return parser.found


TEMPLATES = sorted(p.relative_to(PACKAGED).as_posix() for p in PACKAGED.rglob("*")
                   if p.suffix in (".j2", ".html"))


@pytest.mark.parametrize("name", TEMPLATES)
def test_a_template_writes_no_words_of_its_own(name: str) -> None:
    found = visible_text((PACKAGED / name).read_text(encoding="utf-8"))
    assert found == [], f"{name}: move these into strings/en.json: {found}"


def test_the_scan_sees_words_in_text_and_labels() -> None:
    assert visible_text('<p>{{ s.x }}</p><a aria-label="Close" title="{{ t }}">x</a>'
                        "<h1>Service</h1><code>mkdocs build</code>") == ["Close", "Service"]


RENDER_MODULES = sorted((ROOT / "generator" / "render").glob("*.py"))
MESSAGES = {"ContentError", "at", "Diagnostic", "_at", "ContentError.at"}
"""Calls whose strings are messages for the trainer in the terminal, in English."""


def page_literals(source: str) -> list[str]:
    """String literals of a module that read like page text: a capitalised word then
    more words, outside docstrings and the trainer's messages."""
    tree = ast.parse(source)
    skip = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        name = ast.unparse(call.func).rsplit(".", 1)[-1]
        if name in MESSAGES:
            skip |= {id(n) for arg in [*call.args, *(k.value for k in call.keywords)]
                     for n in ast.walk(arg)}
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and id(n) not in skip
            and re.search(r"\b[A-Z][a-z]+[ :]+[a-z]", n.value)]


@pytest.mark.parametrize("module", RENDER_MODULES, ids=lambda p: p.name)
def test_the_render_modules_write_no_page_text(module: Path) -> None:
    found = page_literals(module.read_text(encoding="utf-8"))
    assert found == [], f"{module.name}: move these into strings/en.json: {found}"


@pytest.mark.parametrize(("config", "language", "error"), [
    ("site_name: x\ntheme:\n  name: material\n  language: da\n", "da", ""),
    ("site_name: x\n", "en", ""),
    ("site_name: x\ntheme:\n  language: dk\n", "",
     "mkdocs.yml:3:13: error: unknown language 'dk' (did you mean 'da'?"),
])
def test_generate_takes_the_language_of_mkdocs_yml(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, language: str,
        error: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    if error:
        with pytest.raises(ContentError, match=re.escape(error)):
            settings_of(tmp_path / "mkdocs.yml")
        return
    settings = settings_of(tmp_path / "mkdocs.yml")
    assert settings.language == language
    home = render_files(FIXTURE, "gen", [], trainer=False, language=language)["index.md"]
    assert str(catalogue(language)["page"]["chooseTrack"]) in home
