"""A stand-in for a cmi5 LMS on 127.0.0.1: it serves an unzipped package and launches its AUs.

What an LMS does around a launch (cmi5 spec sections 8 and 10): it makes a
registration, a session id and a one-time fetch URL, writes the
``LMS.LaunchData`` state document, and answers the AU's xAPI requests with the
token the fetch URL gave. Ralph 5.1.0 has no State API, so this server answers
``activities/state`` itself and forwards ``statements`` to Ralph through the
test proxy (tests/browser/lrs.py), which adds Ralph's own credentials: the
token never reaches Ralph, and a request without it is refused here with 401.
It answers the ``cmi5LearnerPreferences`` agent profile too (section 11: 404,
none, unless the launch has one), and serves the ``returnURL`` page,
``done.html``, where the AU's way out leads.
"""

from __future__ import annotations

import contextlib
import functools
import json
import secrets
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from .conftest import _Quiet
from .lrs import Proxy

XAPI = "/lms/xapi/"
FETCH = "/lms/fetch/"
CMI5 = "https://w3id.org/xapi/cmi5/context/"
DONE = "done.html"
PREFERENCES = "cmi5LearnerPreferences"


@dataclass
class Launch:
    """One AU session as the LMS made it."""

    activity: str
    registration: str
    session: str
    token: str
    actor: dict[str, Any]
    publisher: str
    fetched: bool = False
    preferences: dict[str, Any] | None = None
    """The learner's cmi5LearnerPreferences document; None: the LMS has none (404)."""
    reads: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """Each GET this launch's token made (its xAPI resource and query), in order."""

    def template(self) -> dict[str, Any]:
        publisher = {"objectType": "Activity", "id": self.publisher}
        return {"contextActivities": {"grouping": [publisher]},
                "extensions": {CMI5 + "extensions/sessionid": self.session}}


@dataclass
class Lms:
    proxy: Proxy
    url: str = ""
    launches: dict[str, Launch] = field(default_factory=dict)  # fetch key -> launch
    state: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    fetch_fault: str = ""
    """What the fetch URL answers instead of a token: "401", or "used" (error-code 1)."""

    def launch(self, au_url: str, publisher: str, *, mastery: float | None,
               launch_data: bool = True, mode: str = "Normal", return_url: str | None = DONE,
               preferences: dict[str, Any] | None = None) -> tuple[str, Launch]:
        """A new registration and session for the AU at ``au_url`` (relative, with ``?sco=``):
        its launch data written first, then the URL a learner's browser opens.
        ``return_url``: the launch data's returnURL (relative to the LMS; None: none)."""
        key = secrets.token_urlsafe(12)
        launch = Launch(f"https://lms.example.org/au/{uuid.uuid4()}", str(uuid.uuid4()),
                        str(uuid.uuid4()), secrets.token_urlsafe(18),
                        {"objectType": "Agent", "name": "Learner",
                         "account": {"homePage": "https://lms.example.org", "name": key}},
                        publisher, preferences=preferences)
        self.launches[key] = launch
        if launch_data:
            document: dict[str, Any] = {"contextTemplate": launch.template(), "launchMode": mode,
                                        "moveOn": "Passed"}
            if return_url is not None:
                document["returnURL"] = urljoin(self.url, return_url)
            if mastery is not None:
                document["masteryScore"] = mastery
            self.state[(launch.activity, launch.registration, "LMS.LaunchData")] = document
        query = urlencode({"endpoint": self.url.rstrip("/") + XAPI,
                           "fetch": self.url.rstrip("/") + FETCH + key,
                           "actor": json.dumps(launch.actor), "registration": launch.registration,
                           "activityId": launch.activity})
        return f"{self.url}{au_url}&{query}", launch

    def authorised(self, header: str | None) -> Launch | None:
        return next((la for la in self.launches.values()
                     if la.fetched and header == "Basic " + la.token), None)


class _LmsHandler(_Quiet):
    lms: Lms

    def _answer(self, status: int, body: bytes, kind: str = "application/json") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the page went away first

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        launch = self.lms.launches.get(parts.path.removeprefix(FETCH))
        if not parts.path.startswith(FETCH) or launch is None:
            self._answer(404, b"{}")
            return
        if self.lms.fetch_fault == "401":
            self._answer(401, b'{"detail": "refused by the test"}')
            return
        if launch.fetched or self.lms.fetch_fault == "used":  # one time only (section 8.2.3)
            self._answer(200, b'{"error-code": "1", "error-text": "already in use"}')
            return
        launch.fetched = True
        self._answer(200, json.dumps({"auth-token": launch.token}).encode())

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/" + DONE:  # the LMS's page the learner returns to
            self._answer(200, b"<!doctype html><title>LMS</title><p>Back in the LMS</p>",
                         "text/html")
            return
        if not parts.path.startswith(XAPI):
            super().do_GET()
            return
        launch = self.lms.authorised(self.headers.get("Authorization"))
        if launch is None:
            self._answer(401, b"{}")
            return
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        launch.reads.append((parts.path.removeprefix(XAPI), query))
        agent = json.loads(query.get("agent", "null"))
        if parts.path == XAPI + "agents/profile":
            found = launch.preferences if query.get("profileId") == PREFERENCES else None
            if agent != launch.actor or found is None:
                self._answer(404, b'{"detail": "no such document"}')
            else:
                self._answer(200, json.dumps(found).encode())
            return
        document = self.lms.state.get((query.get("activityId", ""), query.get("registration", ""),
                                       query.get("stateId", "")))
        if parts.path != XAPI + "activities/state" or agent != launch.actor or document is None:
            self._answer(404, b'{"detail": "no such document"}')
            return
        self._answer(200, json.dumps(document).encode())

    def do_PUT(self) -> None:
        parts = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if parts.path != XAPI + "statements":
            self._answer(404, b"{}")
        elif self.lms.authorised(self.headers.get("Authorization")) is None:
            self._answer(401, b'{"detail": "no token"}')
        else:
            self._answer(*self.lms.proxy.forward("PUT", parts.query, body))


@contextlib.contextmanager
def serve_lms(folder: Path, proxy: Proxy) -> Iterator[Lms]:
    """The LMS on a free port of 127.0.0.1, serving ``folder`` (the unzipped package)."""
    lms = Lms(proxy)
    handler = type("Handler", (_LmsHandler,), {"lms": lms})
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(handler, directory=str(folder)))
    lms.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield lms
    finally:
        server.shutdown()
        server.server_close()
