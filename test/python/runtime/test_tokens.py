"""Token responses, expiry, refresh, auto-refresh, single flight, faults."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from typing import Any, List

import httpx
import pytest
from support import (
    ROPCG,
    FakeServer,
    ROPCGCreds,
    form_of,
    json_response,
    make_context,
    text_response,
)

from rtpkg.controllers.base_controller import BaseController, RequestSpec, text_body
from rtpkg.exceptions import (
    APIException,
    AuthRequiredException,
    InvalidTokenResponseException,
    MissingRefreshTokenException,
    NetworkException,
    OAuthProviderException,
    TimeoutException,
)
from rtpkg.models.o_auth_provider_error_enum import OAuthProviderErrorEnum
from rtpkg.models.o_auth_token import OAuthToken

PASSWORD = "alice-password-secret"
SECURITY = [["OAuthROPCG"]]


def setup(server: FakeServer, **kw: Any) -> ROPCG:
    creds = ROPCGCreds("ropcg-client", "ropcg-secret", "alice", PASSWORD, **kw)
    context = make_context(
        server, timeout=kw.pop("timeout", 5) if "timeout" in kw else 5
    )
    m = ROPCG(creds, context)
    context.authorizers["OAuthROPCG"] = m
    return m


def call(m: ROPCG) -> str:
    controller = BaseController(m._context)
    return controller._execute(
        RequestSpec(
            "GET", "default", "/oauth2/non-auth-server/user", security=SECURITY
        ),
        text_body,
    ).body


def expire(m: ROPCG, drop_refresh: bool = False) -> None:
    token = m.token
    assert token is not None
    expired = token.copy_with(expiry=int(time.time()) - 10)
    if drop_refresh:
        expired.refresh_token = None
    m.set_token(expired)


def test_password_fetch_form() -> None:
    server = FakeServer()
    setup(server).fetch_token()
    assert form_of(server.token_requests()[0]) == {
        "grant_type": "password",
        "username": "alice",
        "password": PASSWORD,
    }


def test_expiry_is_utc_from_send_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # weak spots 5, 6
    server = FakeServer()
    server.delay = 1.2
    before = time.time()
    token = setup(server).fetch_token()
    assert token.expiry is not None
    assert (
        int(before + 3600) <= token.expiry <= int(before + 3600) + 1
    )  # from the send time, not receipt
    for tz in ("Asia/Karachi", "America/New_York", "UTC"):
        monkeypatch.setenv("TZ", tz)
        time.tzset()
        loaded = OAuthToken.from_json(token.to_json())
        assert loaded.expiry == token.expiry and loaded.is_expired(60) is False
    monkeypatch.delenv("TZ")
    time.tzset()


def test_clock_skew_and_unknown_expiry(
    caplog: pytest.LogCaptureFixture,
) -> None:  # weak spot 6
    now = time.time()
    token = OAuthToken("access-token-value-abcd", expiry=int(now) + 30)
    assert token.is_expired(60) and not token.is_expired(0)
    server = FakeServer()
    m = setup(server)
    assert m.is_token_expired(token)
    assert not setup(FakeServer(), o_auth_clock_skew=0).is_token_expired(token)
    for expires_in in (None, 0):
        server.token_responses = [server.issue(expires_in=expires_in)]
        t = m.fetch_token()
        assert t.expiry is None and not m.is_token_expired()
    server.token_responses = [server.issue(expires_in="soon")]
    with caplog.at_level(logging.WARNING):
        t = m.fetch_token()
    assert t.expiry is None and "expires_in" in caplog.text
    server.token_responses = [server.issue(expires_in="120")]
    assert m.fetch_token().expires_in == 120


def test_refresh_keeps_old_refresh_token_and_errors_when_missing() -> (
    None
):  # weak spot 8
    server = FakeServer()
    m = setup(server)
    with pytest.raises(MissingRefreshTokenException, match="no token"):
        m.refresh_token()
    first = m.fetch_token()
    server.token_responses = [server.issue(refresh=None)]
    second = m.refresh_token()
    assert second.refresh_token == first.refresh_token
    assert form_of(server.token_requests()[-1]) == {
        "grant_type": "refresh_token",
        "refresh_token": first.refresh_token,
    }
    m.refresh_token()  # works again
    server.token_responses = [server.issue(refresh=None)]
    m.set_token(OAuthToken("access-token-value-abcd"))
    with pytest.raises(MissingRefreshTokenException, match="no refresh token"):
        m.refresh_token()
    assert len(server.token_requests()) == 3


@pytest.mark.parametrize(
    "respond, exc, status",
    [
        (
            text_response(200, "this is {not json", "application/json"),
            InvalidTokenResponseException,
            200,
        ),
        (
            text_response(200, "<html>login</html>", "text/html"),
            InvalidTokenResponseException,
            200,
        ),
        (
            json_response(200, [{"access_token": "x", "token_type": "Bearer"}]),
            InvalidTokenResponseException,
            200,
        ),
        (
            json_response(200, {"token_type": "Bearer"}),
            InvalidTokenResponseException,
            200,
        ),
        (
            json_response(200, {"access_token": 42, "token_type": "Bearer"}),
            InvalidTokenResponseException,
            200,
        ),
        (
            json_response(200, {"access_token": "abc", "token_type": "mac"}),
            InvalidTokenResponseException,
            200,
        ),
        (
            json_response(200, {"access_token": "abc"}),
            InvalidTokenResponseException,
            200,
        ),
        (text_response(500, "Internal Server Error"), APIException, 500),
        (text_response(400, "bad request, not json"), APIException, 400),
        (json_response(403, {"message": "nope"}), APIException, 403),
        (json_response(400, {"error": "invalid_grant"}), OAuthProviderException, 400),
        (
            json_response(
                401, {"error": "invalid_client", "error_uri": "https://e.example/doc"}
            ),
            OAuthProviderException,
            401,
        ),
        (
            json_response(503, {"error": "temporarily_unavailable"}),
            OAuthProviderException,
            503,
        ),
    ],
)
def test_faults_are_typed_and_keep_the_previous_token(
    respond: Any, exc: type, status: int
) -> None:  # weak spot 9
    server = FakeServer()
    m = setup(server)
    before = m.fetch_token()
    server.token_responses = [respond]
    with pytest.raises(exc) as info:
        m.refresh_token()
    assert type(info.value) is exc
    assert info.value.status_code == status  # type: ignore[attr-defined]
    assert str(info.value)  # never raises
    assert m.token == before


def test_provider_error_fields() -> None:  # weak spots 9, 17
    server = FakeServer()
    m = setup(server)
    server.token_responses = [
        json_response(
            400, {"error": "unknown_code", "error_description": "d", "error_uri": "u"}
        )
    ]
    with pytest.raises(OAuthProviderException) as info:
        m.fetch_token()
    assert (
        info.value.error == "unknown_code"
        and info.value.error_description == "d"
        and info.value.error_uri == "u"
    )
    server.token_responses = [json_response(400, {"error": "access_denied"})]
    with pytest.raises(OAuthProviderException) as info:
        m.fetch_token()
    assert info.value.error is OAuthProviderErrorEnum.ACCESS_DENIED


def test_json_pickle_payload_is_plain_data(tmp_path: Any) -> None:  # weak spot 10
    marker = tmp_path / "pwned"
    payload = {
        "access_token": "access-token-value-abcd",
        "token_type": "Bearer",
        "refresh_token": {
            "py/reduce": [
                {"py/function": "builtins.open"},
                {"py/tuple": [str(marker), "w"]},
            ]
        },
        "py/object": "os.system",
    }
    server = FakeServer()
    server.token_responses = [json_response(200, payload)]
    token = setup(server).fetch_token()
    assert not marker.exists()
    assert (
        token.refresh_token is None
        and token.additional_properties["py/object"] == "os.system"
    )


def test_oversized_token_response_is_rejected() -> None:
    server = FakeServer()
    big = json.dumps({"access_token": "a" * (1024 * 1024 + 10), "token_type": "Bearer"})
    server.token_responses = [text_response(200, big, "application/json")]
    with pytest.raises(InvalidTokenResponseException, match="exceeds"):
        setup(server).fetch_token()


def test_timeouts_and_network_errors_are_typed() -> None:
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    server = FakeServer()
    m = setup(server)
    before = m.fetch_token()
    server.token_responses = [timeout]
    with pytest.raises(TimeoutException):
        m.refresh_token()
    server.token_responses = [refused]
    with pytest.raises(NetworkException):
        m.refresh_token()
    assert m.token == before


def test_no_token_raises_before_sending() -> None:
    server = FakeServer()
    with pytest.raises(AuthRequiredException) as info:
        call(setup(server))
    assert info.value.schemes == ("OAuthROPCG",)
    assert "OAuthROPCG" in str(info.value)
    assert server.requests == []


def test_auto_refresh_before_call_calls_callback_once() -> None:  # weak spot 7
    updates: List[OAuthToken] = []
    server = FakeServer()
    m = setup(server, o_auth_on_token_update=updates.append)
    m.fetch_token()
    expire(m)
    assert call(m) == "ok"
    assert len(server.token_requests()) == 2 and len(updates) == 2
    api = server.api_requests()[-1]
    assert api.headers["authorization"] == "Bearer " + updates[-1].access_token
    assert call(m) == "ok" and len(server.token_requests()) == 2


def test_expired_without_refresh_token_raises_before_sending() -> None:
    server = FakeServer()
    m = setup(server)
    m.fetch_token()
    expire(m, drop_refresh=True)
    count = len(server.requests)
    with pytest.raises(AuthRequiredException):
        call(m)
    assert len(server.requests) == count


def test_concurrent_calls_refresh_once() -> None:  # weak spot 11
    updates: List[OAuthToken] = []
    server = FakeServer()
    m = setup(server, o_auth_on_token_update=updates.append)
    m.fetch_token()
    expire(m)
    server.delay = 0.05
    results: List[str] = []
    threads = [
        threading.Thread(target=lambda: results.append(call(m))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["ok"] * 8
    assert len(server.token_requests()) == 2
    assert len(updates) == 2


def test_invalid_token_401_refreshes_once_and_retries_once() -> None:
    server = FakeServer()
    m = setup(server)
    m.fetch_token()
    unauthorized = lambda request: httpx.Response(
        401, headers={"www-authenticate": 'Bearer error="invalid_token"'}
    )  # noqa: E731
    server.api_responses = [
        unauthorized,
        lambda request: httpx.Response(200, text="ok"),
    ]
    assert call(m) == "ok"
    assert len(server.token_requests()) == 2 and len(server.api_requests()) == 2
    server.api_responses = [unauthorized]  # always 401
    with pytest.raises(APIException) as info:
        call(m)
    assert info.value.status_code == 401
    assert len(server.token_requests()) == 3 and len(server.api_requests()) == 4


def test_failing_callback_does_not_lose_the_token(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def boom(token: OAuthToken) -> None:
        raise RuntimeError("db down")

    server = FakeServer()
    m = setup(server, o_auth_on_token_update=boom)
    with caplog.at_level(logging.ERROR):
        token = m.fetch_token()
    assert m.token == token and "o_auth_on_token_update" in caplog.text


def test_logs_and_exceptions_never_contain_secrets(
    caplog: pytest.LogCaptureFixture,
) -> None:  # 12
    server = FakeServer()
    with caplog.at_level(logging.DEBUG):
        m = setup(server)
        token = m.fetch_token()
        expire(m)
        call(m)
        server.token_responses = [
            json_response(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "refresh_token=" + (token.refresh_token or ""),
                },
            )
        ]
        try:
            m.refresh_token()
        except OAuthProviderException as exc:
            texts = [str(exc), repr(exc)]
    texts += [repr(m), repr(m.token), str(m.token), caplog.text]
    secrets = [PASSWORD, "ropcg-secret", token.access_token, token.refresh_token or "x"]
    for text in texts:
        for secret in secrets:
            assert secret not in text, (secret, text)
    assert os.environ.get("NOTHING") is None
