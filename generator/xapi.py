"""The optional ``xapi:`` setting: xAPI statements sent to an organisation's endpoint.

Off by default: without the setting no page has the adapter script and nothing
is sent (README: "xAPI statements"). With it, the plugin writes
``assets/service-scenarios-xapi.js``: ``site_templates/assets/xapi.js`` with the
checked settings written into it. The settings travel in that asset, not in
the pages: the player's pages keep their bytes, and no inline script is needed
(Material's instant navigation re-creates inline scripts on every page).

There is no option for a user name, password or token, and an endpoint with
credentials in it is refused: a page is public, so the organisation's own proxy
adds the credentials on the way to its LRS.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.model import Tier

XAPI_ASSET = "assets/service-scenarios-xapi.js"
"""Where the adapter is published, next to the player (``JS_ASSET``)."""

SOURCE = "assets/xapi.js"
"""The adapter under the templates folder."""

PLACEHOLDER = "/*sc-xapi*/{}"

KEYS = {"endpoint", "activities", "mastery", "timeout"}

CMI5_BLOCK = re.compile(r"[ \t]*/\*cmi5\{\*/.*?/\*\}cmi5\*/\n?", re.DOTALL)
"""The adapter's cmi5 parts: only a cmi5 package keeps them (generator/lms/pack.py)."""


class XapiSettingError(ValueError):
    """The ``xapi:`` setting is unusable; the message says which key and why."""


def xapi_settings(option: Mapping[str, Any], site_url: str | None,
                  tiers: Sequence[Tier]) -> dict[str, Any]:
    """The adapter's settings, checked: ``endpoint``, ``activities``, ``mastery``, ``timeout``.

    ``endpoint``: the xAPI endpoint (its ``statements`` resource is below it), a
    path on the site's host (``/lrs/xapi/``) or an http(s) URL of the
    organisation's proxy. ``activities``: the base of the activity ids, by
    default ``site_url`` (ids must stay the same wherever the site is opened
    from). ``mastery``: the tier whose lower bound passes (default ``good``,
    as in the LMS packages). ``timeout``: seconds before a send is given up and
    retried later (default 10).
    """
    unknown = sorted(set(option) - KEYS)
    if unknown:
        raise XapiSettingError(f"xapi: unknown key(s) {', '.join(unknown)} (known: "
                               f"{', '.join(sorted(KEYS))}; credentials belong in the proxy)")
    endpoint = option.get("endpoint")
    if not isinstance(endpoint, str) or not endpoint.strip():
        raise XapiSettingError("xapi: 'endpoint' must be the address of the organisation's "
                               "xAPI proxy, e.g. /lrs/xapi/")
    parts = urlsplit(endpoint)
    if parts.username is not None or parts.password is not None:
        raise XapiSettingError("xapi: 'endpoint' must not contain a user name or password: "
                               "every learner could read them; let the proxy add them")
    if parts.query or parts.fragment:
        raise XapiSettingError("xapi: 'endpoint' must not have a query or fragment "
                               "(a key there would be public too)")
    if parts.scheme not in {"", "http", "https"} or (parts.scheme and not parts.netloc):
        raise XapiSettingError("xapi: 'endpoint' must be a path or an http(s) URL")
    activities = option.get("activities", site_url)
    if not isinstance(activities, str) or urlsplit(activities).scheme not in {"http", "https"}:
        raise XapiSettingError("xapi: activity ids are made from the site's address: set "
                               "site_url, or xapi: activities: https://...")
    mastery = option.get("mastery", "good")
    found = {tier.id: tier.min for tier in tiers}
    if mastery not in found:
        raise XapiSettingError(f"xapi: 'mastery' must be a tier id ({', '.join(found)}), "
                               f"not {mastery!r}")
    timeout = option.get("timeout", 10)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 1 <= timeout <= 120:
        raise XapiSettingError("xapi: 'timeout' must be a number of seconds from 1 to 120")
    return {"endpoint": endpoint, "activities": activities.rstrip("/") + "/",
            "mastery": found[mastery], "timeout": timeout}


def xapi_script(templates: Path | None, settings: Mapping[str, Any]) -> str:
    """The adapter with ``settings`` written in: the packaged one, or the overrides' copy.

    Without ``cmi5`` in the settings (a site's copy) the cmi5 blocks are left out: a
    site's pages never launch from an LMS, and a learner downloads none of that code.
    """
    from generator.render.templates import (  # here: only a build with xapi needs it
        Templates,
        without_comment_lines,
    )

    source = Templates(templates).path(SOURCE)
    text = source.read_text(encoding="utf-8")
    if PLACEHOLDER not in text:
        raise XapiSettingError(f"{source}: the adapter has no {PLACEHOLDER} for its settings")
    # JSON is JavaScript; "<" escaped so that no "</script" can appear even if the
    # file is ever inlined, and U+2028/9 for old parsers.
    literal = (json.dumps(dict(settings), sort_keys=True).replace("<", "\\u003c")
               .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    if not settings.get("cmi5"):
        text = CMI5_BLOCK.sub("", text)
    return without_comment_lines(text).replace(PLACEHOLDER, literal, 1)
