"""Issue 14 end to end in the generated Python SDK of specs/device-flow-3.2.yaml (`deviceflow`).

Run by test/python/beyond/beyond.test.ts, which generates the package and puts it on PYTHONPATH.
The test server (`node test/server/main.mjs`) is started once per session; every test resets it.
"""

from __future__ import annotations

import json
import os
import subprocess
from typing import Any, Dict, Iterator, List

import httpx
import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


class Server:
    __test__ = False

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            ["node", os.path.join(ROOT, "test", "server", "main.mjs"), "--port", "0"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.url: str = json.loads(self.proc.stdout.readline())["url"]
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

    def fault(self, **body: Any) -> None:
        self.http.post("/__control/fault", json=body).raise_for_status()

    def log(self) -> List[Dict[str, Any]]:
        data: List[Dict[str, Any]] = self.http.get("/__control/log").json()
        return data

    def revocations(self) -> List[Dict[str, Any]]:
        data: List[Dict[str, Any]] = self.http.get("/__control/revocations").json()
        return data

    def approve(self, user_code: str, decision: str = "allow") -> None:
        r = self.http.post(
            "/device",
            data={
                "user_code": user_code,
                "username": "alice",
                "password": "alice-password",
                "decision": decision,
            },
        )
        assert r.status_code == 200, r.text

    def consent(self, authorization_url: str, decision: str = "allow") -> str:
        """POST the consent form for the URL; return the redirect (callback) URL."""
        r = self.http.post(
            authorization_url,
            data={
                "username": "alice",
                "password": "alice-password",
                "decision": decision,
            },
            follow_redirects=False,
        )
        assert r.status_code in (302, 303), r.text
        return r.headers["location"]


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    srv = Server()
    yield srv
    srv.close()


@pytest.fixture()
def srv(server: Server) -> Server:
    server.reset()
    return server
