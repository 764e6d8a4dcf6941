"""One ACG run through the real consent page in headless Chromium (test/browser/consent.mjs)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, List

import pytest
from conftest import ROOT, TestServer
from sdk import config_for

from multiauthsample import (
    MultiauthsampleClient,
    OAuthACGCredentials,
    OAuthScopeOAuthACGEnum,
)

CHROMIUM = os.environ.get("GRANTGEN_CHROMIUM", "/usr/bin/chromium")


class _Callback(BaseHTTPRequestHandler):
    hits: List[str] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        _Callback.hits.append(self.path)
        body = b"<html><body>You can close this window.</body></html>"
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.skipif(
    not os.path.exists(CHROMIUM) or shutil.which("node") is None,
    reason="needs Debian chromium and node",
)
def test_acg_through_real_consent_page(srv: TestServer) -> None:
    callback_server = ThreadingHTTPServer(("127.0.0.1", 0), _Callback)
    threading.Thread(target=callback_server.serve_forever, daemon=True).start()
    redirect = f"http://127.0.0.1:{callback_server.server_address[1]}/callback"
    updates: List[Any] = []
    client = MultiauthsampleClient(
        config_for(srv.url),
        o_auth_acg_credentials=OAuthACGCredentials(
            o_auth_client_id="acg-client",
            o_auth_client_secret="acg-secret",
            o_auth_redirect_uri=redirect,
            o_auth_scopes=[OAuthScopeOAuthACGEnum.READ_SCOPE],
            o_auth_on_token_update=updates.append,
        ),
    )
    try:
        request = client.o_auth_acg.authorization_request()
        result = subprocess.run(
            [
                "node",
                os.path.join(ROOT, "test", "browser", "consent.mjs"),
                "--url",
                request.url,
                "--username",
                "alice",
                "--password",
                "alice-password",
                "--decision",
                "allow",
            ],
            capture_output=True,
            text=True,
            timeout=90,
        )
        assert result.returncode == 0, result.stderr
        final_url = json.loads(result.stdout.strip().splitlines()[-1])["finalUrl"]
        assert final_url.startswith(redirect + "?")
        captured = [h for h in _Callback.hits if h.startswith("/callback?")]
        assert len(captured) == 1
        # exchange what the local callback server captured (code + state)
        token = client.o_auth_acg.fetch_token_from_callback(
            redirect + captured[0][len("/callback") :],
            request.state,
            request.code_verifier,
        )
        assert updates == [token]
        user = client.authentication.o_auth_authorization_grant()
        assert user.status_code == 200 and user.body.name
        code_exchange = [
            e for e in srv.token_requests() if e["grantType"] == "authorization_code"
        ]
        assert len(code_exchange) == 1 and code_exchange[0]["status"] == 200
    finally:
        callback_server.shutdown()
