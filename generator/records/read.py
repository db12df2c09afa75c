"""Where statements come from: a JSON file, or an LRS's statements resource.

A file holds a JSON list of statements, an LRS answer (``{"statements": [...],
"more": ...}``) or one statement per line. An LRS is read with GET
``<url>/statements``, following ``more`` while it stays on the same host; its
credentials come only from the environment (``XAPI_AUTH="user:password"``),
never from the command line, so they reach no shell history, process list or
output. What is read is returned as it is: :mod:`.tally` decides what counts.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from generator.errors import UsageError

AUTH_VARIABLE = "XAPI_AUTH"
"""The environment variable with the LRS's ``user:password`` (basic auth)."""
MAX_PAGES = 10_000
"""A bound on ``more`` links followed: an LRS that never stops would hang the command."""
MAX_PAGE_BYTES = 64 * 1024 * 1024
TIMEOUT = 60


class Unreadable:
    """A line of a file that is not JSON: counted as a malformed statement."""


def read_source(source: str) -> list[Any]:
    """The statements of ``source``, a file path or an http(s) URL."""
    if urlsplit(source).scheme in {"http", "https"}:
        return read_lrs(source)
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError.at(source, 0, 0, f"cannot read the statements: {exc.__class__.__name__}",
                            "give a JSON file of statements or the LRS's http(s) URL") from None
    return parse_statements(text, source)


def parse_statements(text: str, where: str = "") -> list[Any]:
    """A list, an LRS answer, one statement, or one statement per line."""
    try:
        whole = json.loads(text)
    except (ValueError, RecursionError):
        return [_line(line) for line in text.splitlines() if line.strip()]
    if isinstance(whole, list):
        return whole
    if isinstance(whole, dict) and isinstance(whole.get("statements"), list):
        return list(whole["statements"])
    if isinstance(whole, dict):
        return [whole]
    raise UsageError.at(where, 1, 1, "expected a JSON list of xAPI statements, an LRS "
                        "answer with 'statements', or one statement per line")


def _line(line: str) -> Any:
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return Unreadable()


def statements_url(url: str) -> str:
    """``<url>/statements``, unless ``url`` names the resource already."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise UsageError.at("", 0, 0, "the LRS URL must not contain a user name or password",
                            f"set {AUTH_VARIABLE}=user:password in the environment instead")
    path = parts.path.rstrip("/")
    if not path.endswith("/statements"):
        path += "/statements"
    return parts._replace(path=path).geturl()


def read_lrs(url: str) -> list[Any]:
    """Every statement the LRS answers, page by page (``more``), on the URL's own host."""
    first = statements_url(url)
    origin = urlsplit(first)[:2]
    headers = {"X-Experience-API-Version": "1.0.3", "Accept": "application/json"}
    auth = os.environ.get(AUTH_VARIABLE)
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(auth.encode()).decode()
    found: list[Any] = []
    seen: set[str] = set()
    address: str | None = first
    while address and address not in seen and len(seen) < MAX_PAGES:
        seen.add(address)
        answer = _get(address, headers, first)
        statements = answer.get("statements") if isinstance(answer, dict) else None
        if not isinstance(statements, list):
            raise UsageError.at(first, 0, 0, "the LRS's answer has no list of statements")
        found.extend(statements)
        more = answer.get("more")
        address = urljoin(first, more) if isinstance(more, str) and more else None
        if address and urlsplit(address)[:2] != origin:
            # The credentials go to the host the trainer named, and nowhere else.
            raise UsageError.at(first, 0, 0, "the LRS's 'more' link leads to another host")
    return found


def _get(address: str, headers: dict[str, str], shown: str) -> Any:
    request = urllib.request.Request(address, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            body = answer.read(MAX_PAGE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        hint = (f"set {AUTH_VARIABLE}=user:password in the environment"
                if exc.code in (401, 403) else "")
        raise UsageError.at(shown, 0, 0, f"the LRS answered {exc.code}", hint) from None
    except (OSError, ValueError) as exc:
        raise UsageError.at(shown, 0, 0, f"cannot reach the LRS: {exc.__class__.__name__}") \
            from None
    if len(body) > MAX_PAGE_BYTES:
        raise UsageError.at(shown, 0, 0, "the LRS's answer is too large")
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        raise UsageError.at(shown, 0, 0, "the LRS's answer is not JSON") from None
