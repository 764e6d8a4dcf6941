"""RFC 8628 device authorization grant: approved, denied, expired, slow_down."""

from __future__ import annotations

import threading
import time
from typing import Any, List

import pytest
from conftest import DEVICE_GRANT, Server
from deviceflow import (
    AuthRequiredException,
    DeviceAccessDeniedException,
    DeviceCodeExpiredException,
    Oauth2DeviceAuthorizationCredentials,
    OAuthToken,
    TvCredentials,
)
from helpers import DEVICE_CLIENT, SCOPES, client


def tv(srv: Server, updates: List[Any]) -> Any:
    return client(
        srv.url,
        tv_credentials=TvCredentials(
            o_auth_client_id="tv-client",
            o_auth_scopes=SCOPES,
            o_auth_on_token_update=updates.append,
        ),
    )


def test_approved_device_polls_while_pending_then_stores_the_token(srv: Server) -> None:
    srv.settings(deviceInterval=0.2)
    updates: List[Any] = []
    c = tv(srv, updates)
    start = c.tv.start_device_authorization()
    assert start.verification_uri == srv.url + "/device"
    assert (
        start.verification_uri_complete
        == f"{srv.url}/device?user_code={start.user_code}"
    )
    assert start.interval == 0.2 and start.expires_in == 600
    assert start.device_code not in repr(start) and start.device_code not in str(start)
    threading.Timer(0.5, srv.approve, [start.user_code]).start()
    token = c.tv.wait_for_device_token(start)
    assert isinstance(token, OAuthToken) and token.refresh_token
    assert updates == [token]
    assert c.tv.token == token
    me = c.account.get_me().body
    assert me.name == "alice" and me.grant == DEVICE_GRANT
    polls = [e for e in srv.log() if e["grantType"] == DEVICE_GRANT]
    assert len(polls) >= 2
    assert all(
        e["clientAuth"] == "none" and e["clientId"] == "tv-client" for e in polls
    )


def test_denied_raises_typed_error_and_stores_nothing(srv: Server) -> None:
    srv.settings(deviceInterval=0.1)
    c = tv(srv, [])
    start = c.tv.start_device_authorization()
    srv.approve(start.user_code, "deny")
    with pytest.raises(DeviceAccessDeniedException) as info:
        c.tv.wait_for_device_token(start)
    assert info.value.error_code == "access_denied"
    assert c.tv.token is None
    with pytest.raises(AuthRequiredException):
        c.account.get_me()


def test_expired_code_raises_typed_error(srv: Server) -> None:
    srv.settings(deviceInterval=0.1, deviceCodeLifetime=0.5)
    c = tv(srv, [])
    start = c.tv.start_device_authorization()
    with pytest.raises(DeviceCodeExpiredException) as info:
        c.tv.wait_for_device_token(start)
    assert info.value.error_code == "expired_token"
    assert c.tv.token is None


def test_server_expired_token_answer_is_typed_too(srv: Server) -> None:
    srv.settings(deviceInterval=0, deviceCodeLifetime=0.3)
    c = tv(srv, [])
    start = c.tv.start_device_authorization()
    start.expires_at = (
        time.time() + 30
    )  # a client that trusts its own clock longer than the server
    with pytest.raises(DeviceCodeExpiredException):
        c.tv.wait_for_device_token(start)
    assert [e["status"] for e in srv.log() if e["grantType"] == DEVICE_GRANT][-1] == 400


def test_slow_down_adds_five_seconds(srv: Server) -> None:
    srv.settings(deviceInterval=0.1, deviceSlowDown=1)
    c = tv(srv, [])
    start = c.tv.start_device_authorization()
    srv.approve(start.user_code)
    t0 = time.monotonic()
    c.tv.wait_for_device_token(start)
    assert time.monotonic() - t0 >= 5.0
    statuses = [e["status"] for e in srv.log() if e["grantType"] == DEVICE_GRANT]
    assert statuses == [400, 200]


def test_multi_flow_scheme_manager_with_a_confidential_client(srv: Server) -> None:
    srv.settings(deviceInterval=0)
    c = client(
        srv.url,
        oauth2_device_authorization_credentials=Oauth2DeviceAuthorizationCredentials(
            **DEVICE_CLIENT, o_auth_scopes=SCOPES
        ),
    )
    start = c.oauth2_device_authorization.start_device_authorization()
    srv.approve(start.user_code)
    c.oauth2_device_authorization.wait_for_device_token(start)
    assert c.account.get_me().body.name == "alice"
    auth = [
        e["clientAuth"]
        for e in srv.log()
        if e["path"] == "/oauth2/device_authorization"
    ]
    assert auth == ["basic"]
    assert "device-secret" not in repr(c.oauth2_device_authorization.credentials)


def test_device_code_cannot_be_overridden_by_additional_params(srv: Server) -> None:
    c = tv(srv, [])
    start = c.tv.start_device_authorization()
    with pytest.raises(ValueError):
        c.tv.wait_for_device_token(start, additional_params={"device_code": "other"})
