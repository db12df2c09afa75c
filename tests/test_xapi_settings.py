"""The ``xapi:`` setting: what a site owner may write, and what is refused at build time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.check import run_check
from generator.model import Tier
from generator.render.templates import packaged_folder, without_comment_lines
from generator.xapi import XapiSettingError, xapi_script, xapi_settings

ROOT = Path(__file__).resolve().parents[1]

SITE = "https://training.example.org/service/"


@pytest.fixture(scope="module")
def tiers() -> list[Tier]:
    return list(run_check([ROOT / "scenarios"]).project.catalogue.tiers)


def test_a_path_on_the_site_with_the_defaults(tiers: list[Tier]) -> None:
    good = next(t.min for t in tiers if t.id == "good")
    assert xapi_settings({"endpoint": "/lrs/xapi/"}, SITE, tiers) == {
        "endpoint": "/lrs/xapi/", "activities": SITE, "mastery": good, "timeout": 10}


@pytest.mark.parametrize(("option", "says"), [
    ({"endpoint": "https://user:secret@lrs.example.org/xapi/"}, "user name or password"),
    ({"endpoint": "/lrs/?key=secret"}, "query"),
    ({"endpoint": "/lrs/", "password": "secret"}, "unknown key(s) password"),
    ({"endpoint": "/lrs/", "token": "abc"}, "credentials belong in the proxy"),
    ({}, "'endpoint' must be"),
    ({"endpoint": "javascript:alert(1)"}, "path or an http(s) URL"),
    ({"endpoint": "/lrs/", "mastery": "perfect"}, "'mastery' must be a tier id"),
    ({"endpoint": "/lrs/", "timeout": 0}, "'timeout'"),
])
def test_credentials_and_mistakes_are_refused(tiers: list[Tier], option: dict[str, Any],
                                              says: str) -> None:
    with pytest.raises(XapiSettingError, match=says.replace("(", r"\(").replace(")", r"\)")):
        xapi_settings(option, SITE, tiers)


def test_activity_ids_need_the_sites_address(tiers: list[Tier]) -> None:
    with pytest.raises(XapiSettingError, match="site_url"):
        xapi_settings({"endpoint": "/lrs/"}, None, tiers)
    assert xapi_settings({"endpoint": "/lrs/", "activities": "https://a.example/x"}, None,
                         tiers)["activities"] == "https://a.example/x/"


def test_settings_cannot_close_a_script(tmp_path: Any) -> None:
    script = xapi_script(tmp_path, {"endpoint": "/x/</script><script>alert(1)//"})
    assert "</script" not in script
    source = (packaged_folder() / "assets" / "xapi.js").read_text()
    assert script.startswith(without_comment_lines(source)[:40])  # the adapter, comments left out
