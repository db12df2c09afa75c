"""A real LRS for the xAPI tests: Ralph on 127.0.0.1, behind a stand-in for an organisation's proxy.

Ralph (``ralph-malph``) gets its own venv, pinned in ``ralph-requirements.txt``
and made once per machine under the user's cache folder: its dependencies
(FastAPI, pydantic pins) must not change the environment that builds the site.

The proxy is what the README asks an organisation to run: the site and the
xAPI endpoint on one origin, the endpoint forwarding to the LRS with the basic
auth credentials that only the proxy knows. The test can make it misbehave
(``faults``: answer 401 or 502, or wait before answering) and reads its log of
every statement id it was sent.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .conftest import _Quiet

REQUIREMENTS = Path(__file__).with_name("ralph-requirements.txt")
ENDPOINT = "/lrs/xapi/"
"""Where the site's pages find the xAPI endpoint: a path on their own origin."""


def ralph_venv() -> Path:
    """The venv with Ralph, made (once per pinned set) under the cache folder."""
    pins = REQUIREMENTS.read_bytes()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    venv = cache / "service-scenarios" / f"ralph-{hash_of(pins)}"
    ralph = venv / "bin" / "ralph"
    if not ralph.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                        "-r", str(REQUIREMENTS)], check=True, timeout=900)
    return venv


def hash_of(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()[:12]


# Ralph 5.1.0's fs backend (its backend for development) writes statements with the
# operation CREATE, so every write after the first fails: "fs_lrs.jsonl already exists
# and overwrite is not allowed" (a 500). Its processes (``runserver`` spawns a worker)
# import this first and append instead; validation, auth, the duplicate check of a PUT
# and the queries stay Ralph's own. A real deployment uses another backend.
APPEND = """from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class Ralph:
    """A running Ralph: its URL and the credentials the test made for it."""

    url: str
    user: str
    password: str

    @property
    def auth(self) -> str:
        return "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()

    def statement(self, statement_id: str) -> dict[str, Any] | None:
        """One statement read back from the LRS, or None if it has none with that id."""
        query = f"statements?statementId={statement_id}"
        found = self.get(query)
        # Ralph answers a statementId query with a one-item list of statements.
        listed = found.get("statements", [found]) if found else []
        return listed[0] if listed else None

    def get(self, query: str) -> dict[str, Any]:
        request = urllib.request.Request(f"{self.url}/xAPI/{query}", headers={
            "Authorization": self.auth, "X-Experience-API-Version": "1.0.3"})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                found: dict[str, Any] = json.load(answer)
                return found
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return {}
            raise


@contextlib.contextmanager
def run_ralph(folder: Path) -> Iterator[Ralph]:
    """``ralph runserver -b fs`` on a free port, with a user and password made here."""
    venv = ralph_venv()
    user, password = "site-proxy", secrets.token_urlsafe(16)
    env = {**os.environ, "RALPH_APP_DIR": str(folder / "app"),
           "RALPH_AUTH_FILE": str(folder / "auth.json"), "RALPH_RUNSERVER_BACKEND": "fs",
           "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data")}
    (folder / "data").mkdir(parents=True)
    (folder / "site").mkdir()
    (folder / "site" / "sitecustomize.py").write_text(APPEND, encoding="utf-8")
    env["PYTHONPATH"] = str(folder / "site")
    subprocess.run([str(venv / "bin" / "ralph"), "auth", "-w", "-u", user, "-p", password,
                    "-s", "all", "-A", user, "http://127.0.0.1/"],
                   env=env, cwd=folder, check=True, capture_output=True, timeout=120)
    port = free_port()
    log = (folder / "ralph.log").open("wb")
    server = subprocess.Popen(
        [str(venv / "bin" / "ralph"), "runserver", "-b", "fs", "-h", "127.0.0.1", "-p", str(port)],
        env=env, cwd=folder, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    ralph = Ralph(f"http://127.0.0.1:{port}", user, password)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                ralph.get("statements?limit=1")
                break
            except (OSError, urllib.error.URLError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "ralph.log").read_text()) from None
                time.sleep(0.2)
        yield ralph
    finally:
        # Its own session: the reloader and the worker it spawns stop with it.
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


@dataclass
class Proxy:
    """The organisation's proxy, as the test drives it."""

    ralph: Ralph
    faults: list[str | float] = field(default_factory=list)
    """What the next requests get, one item each: "401", "502", or seconds to wait first."""
    sent: list[str] = field(default_factory=list)
    """The statement id of every PUT that reached the proxy, in order."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def forward(self, method: str, query: str, body: bytes) -> tuple[int, bytes]:
        statement_id = parse_qs(query).get("statementId", [""])[0]
        with self.lock:
            self.sent.append(statement_id)
            fault = self.faults.pop(0) if self.faults else None
        if fault in ("401", "502"):
            return int(str(fault)), b'{"detail": "refused by the test"}'
        if isinstance(fault, float):
            time.sleep(fault)  # the browser gives up first, then the LRS stores it anyway
        request = urllib.request.Request(
            f"{self.ralph.url}/xAPI/statements?{query}", data=body, method=method,
            headers={"Authorization": self.ralph.auth, "Content-Type": "application/json",
                     "X-Experience-API-Version": "1.0.3"})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()


class _SiteAndProxy(_Quiet):
    proxy: Proxy

    def do_PUT(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != ENDPOINT + "statements":
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, answer = self.proxy.forward("PUT", parts.query, body)
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
        except OSError:
            pass  # the browser stopped waiting (a slow answer): what the test wants


@contextlib.contextmanager
def serve_with_proxy(folder: Path, proxy: Proxy) -> Iterator[tuple[str, Path]]:
    """A server on 127.0.0.1 for ``folder`` (files) and ENDPOINT (the proxy): (its URL, folder)."""
    handler = type("Handler", (_SiteAndProxy,), {"proxy": proxy})
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", folder
    finally:
        server.shutdown()
        server.server_close()
