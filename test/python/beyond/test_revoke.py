"""RFC 7009 revocation (sign out)."""

from __future__ import annotations

import threading
from typing import Any, Tuple

import pytest
from conftest import Server
from deviceflow import (
    AuthRequiredException,
    OAuthToken,
    TokenRevocationException,
    TvCredentials,
)
from helpers import SCOPES, client


def signed_in(srv: Server) -> Tuple[Any, OAuthToken]:
    srv.settings(deviceInterval=0)
    c = client(
        srv.url,
        tv_credentials=TvCredentials(
            o_auth_client_id="tv-client", o_auth_scopes=SCOPES
        ),
    )
    start = c.tv.start_device_authorization()
    srv.approve(start.user_code)
    return c, c.tv.wait_for_device_token(start)


def test_revoke_then_call_raises_auth_required_and_server_refuses_old_tokens(
    srv: Server,
) -> None:
    c, token = signed_in(srv)
    assert c.tv.revoke_token() is None
    assert c.tv.token is None
    with pytest.raises(AuthRequiredException):
        c.account.get_me()
    raw = srv.http.get(
        "/device/me", headers={"authorization": f"Bearer {token.access_token}"}
    )
    assert raw.status_code == 401
    refresh = srv.http.post(
        "/oauth2/non-auth-server/token",
        data={
            "grant_type": "refresh_token",
            "client_id": "tv-client",
            "refresh_token": token.refresh_token,
        },
    )
    assert refresh.json()["error"] == "invalid_grant"
    assert srv.revocations() == [
        {"clientId": "tv-client", "hint": "refresh_token", "found": True},
        {"clientId": "tv-client", "hint": "access_token", "found": False},
    ]


def test_unreachable_server_clears_the_local_token_and_says_so(srv: Server) -> None:
    c, _ = signed_in(srv)
    srv.fault(target="revoke", kind="reset")
    with pytest.raises(TokenRevocationException) as info:
        c.tv.revoke_token()
    assert info.value.local_token_cleared is True
    assert "signed out locally" in str(info.value)
    assert c.tv.token is None
    with pytest.raises(AuthRequiredException):
        c.account.get_me()


def test_error_answer_is_typed_and_no_token_means_no_request(srv: Server) -> None:
    c, _ = signed_in(srv)
    srv.fault(target="revoke", kind="500", count=2)
    with pytest.raises(TokenRevocationException) as info:
        c.tv.revoke_token()
    assert info.value.status_code == 500
    c.tv.revoke_token()  # nothing held: no request
    assert len([e for e in srv.log() if e["path"] == "/oauth2/revoke"]) == 2


def test_concurrent_refresh_cannot_bring_the_token_back(srv: Server) -> None:
    c, _ = signed_in(srv)
    srv.fault(target="token", kind="slow", delayMs=300)
    refresher = threading.Thread(target=lambda: _quietly(c.tv.refresh_token))
    refresher.start()
    c.tv.revoke_token()
    refresher.join()
    assert c.tv.token is None
    with pytest.raises(AuthRequiredException):
        c.account.get_me()


def _quietly(fn: Any) -> None:
    try:
        fn()
    except Exception:
        pass
