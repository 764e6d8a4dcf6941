"""End-to-end tests of a generated, installed Python SDK against the real test OAuth server.

Run by test/python/sdk.test.ts (vitest), which generates the sample spec, pip-installs the
package into .venv and sets GRANTGEN_PY_OUT (the generated folder, for the doc snippets).
The server (`node test/server/main.mjs`) is started once per session; every test resets it.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
from typing import Any, Dict, Iterator, List, Optional

import httpx
import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))

ACG_SECRET = "acg-secret"
ROPCG_SECRET = "ropcg-secret"
PASSWORDS = ["alice-password", "bob-password"]


class TestServer:
    __test__ = False

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            ["node", os.path.join(ROOT, "test", "server", "main.mjs"), "--port", "0"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        self.url: str = json.loads(line)["url"]
        self.http = httpx.Client(base_url=self.url, timeout=10)

    def close(self) -> None:
        self.http.close()
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def reset(self) -> None:
        self.http.post("/__control/reset").raise_for_status()

    def settings(self, **body: Any) -> None:
        self.http.post("/__control/settings", json=body).raise_for_status()

    def fault(self, **body: Any) -> httpx.Response:
        return self.http.post("/__control/fault", json=body)

    def revoke(self) -> None:
        self.http.post("/__control/revoke").raise_for_status()

    def log(self) -> List[Dict[str, Any]]:
        data: List[Dict[str, Any]] = self.http.get("/__control/log").json()
        return data

    def token_requests(self) -> List[Dict[str, Any]]:
        return [e for e in self.log() if e.get("grantType")]

    def consent(
        self,
        authorization_url: str,
        user: str = "alice",
        decision: str = "allow",
        password: Optional[str] = None,
    ) -> str:
        """POST the consent form the page would send; return the redirect (callback) URL."""
        query = dict(httpx.URL(authorization_url).params.multi_items())
        form = {
            **query,
            "username": user,
            "password": password or f"{user}-password",
            "decision": decision,
        }
        response = self.http.post("/oauth/authorize", data=form, follow_redirects=False)
        assert response.status_code in (302, 303), response.text
        return response.headers["location"]


@pytest.fixture(scope="session")
def server() -> Iterator[TestServer]:
    srv = TestServer()
    yield srv
    srv.close()


@pytest.fixture()
def srv(server: TestServer) -> TestServer:
    server.reset()
    return server


class SecretScanner(logging.Handler):
    """Collects every log line of the SDK (and texts added by tests) to scan for secrets."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: List[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(self.format(record))


SCANNER = SecretScanner()


@pytest.fixture(scope="session", autouse=True)
def _capture_sdk_logs() -> Iterator[None]:
    logger = logging.getLogger("multiauthsample")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(SCANNER)
    yield
    logger.removeHandler(SCANNER)
