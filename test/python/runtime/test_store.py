"""Token stores: atomic 0600 file, cross-process single refresh."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator, List

import pytest

from rtpkg.http.auth.token_store import FileTokenStore, InMemoryTokenStore, TokenStore
from rtpkg.models.o_auth_token import OAuthToken


def test_file_store_round_trip_mode_and_atomicity(tmp_path: Any) -> None:
    path = tmp_path / "token.json"
    store = FileTokenStore(path)
    assert isinstance(store, TokenStore) and isinstance(
        InMemoryTokenStore(), TokenStore
    )
    assert store.load() is None
    token = OAuthToken(
        "access-token-value-abcd", "Bearer", 3600, "s", 123, "refresh-token-value"
    )
    store.save(token)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert store.load() == token
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".token-")] == []
    path.write_text("{broken")
    assert store.load() is None
    store.save(None)
    assert not path.exists()
    assert "access-token-value" not in repr(store)


class _Handler(BaseHTTPRequestHandler):
    token_requests: List[float] = []
    lock = threading.Lock()
    counter = 0

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("content-length", 0)))
        with _Handler.lock:
            _Handler.counter += 1
            _Handler.token_requests.append(time.time())
            n = _Handler.counter
        time.sleep(0.05)
        body = json.dumps(
            {
                "access_token": f"proc-access-token-{n}",
                "token_type": "Bearer",
                "expires_in": 3600,
                "refresh_token": f"proc-refresh-{n}",
            }
        ).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        body = b"ok"
        self.send_response(200)
        self.send_header("content-length", "2")
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def http_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


CHILD = textwrap.dedent(
    """
    import sys
    sys.path[:0] = sys.argv[3].split("{sep}")
    from support import ROPCG, ROPCGCreds
    import httpx
    from rtpkg.http.api_context import ApiContext
    from rtpkg.http.transport import Transport
    from rtpkg.http.auth.token_store import FileTokenStore
    from rtpkg.controllers.base_controller import BaseController, RequestSpec, text_body
    base = sys.argv[1]
    context = ApiContext(Transport(10), lambda name: base, ["default"])
    calls = []
    creds = ROPCGCreds("c", "s", "u", "p", o_auth_token_store=FileTokenStore(sys.argv[2]), o_auth_on_token_update=calls.append)
    context.authorizers["OAuthROPCG"] = ROPCG(creds, context)
    controller = BaseController(context)
    for _ in range(25):
        assert controller._execute(RequestSpec("GET", "default", "/api", security=[["OAuthROPCG"]]), text_body).body == "ok"
    print(len(calls))
    """
)


def test_four_processes_share_one_refresh(
    tmp_path: Any, http_server: str
) -> None:  # issue 6 item 7
    _Handler.counter = 0
    _Handler.token_requests = []
    path = str(tmp_path / "shared-token.json")
    expired = OAuthToken(
        "old-access-token",
        "Bearer",
        3600,
        None,
        int(time.time()) - 100,
        "old-refresh-token",
    )
    FileTokenStore(path).save(expired)
    script = tmp_path / "child.py"
    script.write_text(CHILD.replace("{sep}", os.pathsep))
    paths = os.pathsep.join(p for p in sys.path if p)
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), http_server, path, paths],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len(_Handler.token_requests) == 1
    assert sorted(outputs) == ["0", "0", "0", "1"]
    stored = FileTokenStore(path).load()
    assert stored is not None and stored.access_token == "proc-access-token-1"
