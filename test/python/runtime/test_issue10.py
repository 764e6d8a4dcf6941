"""Issue 10 (Python items) with a scripted server (httpx.MockTransport).

The same items run against the real test server in test/python/e2e/test_issue10.py where a
server is involved; these unit tests pin the runtime rule itself.
"""

from __future__ import annotations

import gzip
import logging
import time
from typing import Any, List

import httpx
import pytest
from support import (
    ACG,
    ROPCG,
    ACGCreds,
    FakeServer,
    ROPCGCreds,
    Scope,
    form_of,
    make_context,
)

from rtpkg.controllers.base_controller import BaseController, RequestSpec, text_body
from rtpkg.exceptions import (
    APIException,
    InsecureTransportException,
    NetworkException,
    OAuthCallbackException,
    OAuthProviderException,
    ResponseTooLargeException,
    StateMismatchException,
)
from rtpkg.http.api_context import ApiContext
from rtpkg.http.auth._simple import (
    ApiKeyAuthManager,
    ApiKeyCredentials,
    BasicAuthManager,
    BasicCredentials,
    BearerAuthManager,
    BearerCredentials,
)
from rtpkg.http.transport import Transport
from rtpkg.models.o_auth_token import OAuthToken

REDIRECT = "http://127.0.0.1:8765/callback"
PASSWORD = "alice-password-secret"


def ropcg(server: FakeServer, base: str = "http://127.0.0.1:9999", **kw: Any) -> ROPCG:
    creds = ROPCGCreds("ropcg-client", "ropcg-secret", "alice", PASSWORD, **kw)
    context = make_context(server, base=base)
    manager = ROPCG(creds, context)
    context.authorizers["OAuthROPCG"] = manager
    return manager


def call(context: ApiContext, security: Any, path: str = "/x") -> str:
    return (
        BaseController(context)
        ._execute(RequestSpec("GET", "default", path, security=security), text_body)
        .body
    )


# ---- item 1: credentials only over TLS ------------------------------------------------------


class _Key(ApiKeyAuthManager):
    SCHEME_NAME = "apiKey"
    PARAM_NAME = "api-key"
    LOCATION = "query"


def _remote_context(server: FakeServer, allow: bool) -> ApiContext:
    context = make_context(
        server, base="http://api.example.test", allow_insecure_http=allow
    )
    context.authorizers["bearer"] = BearerAuthManager(
        BearerCredentials("static-bearer-token")
    )
    context.authorizers["basic"] = BasicAuthManager(BasicCredentials("u", "pw-secret"))
    context.authorizers["apiKey"] = _Key(ApiKeyCredentials("api-key-value"))
    return context


@pytest.mark.parametrize("scheme", ["bearer", "basic", "apiKey"])
def test_issue_10_item_1_credentials_never_go_over_plain_http_to_a_remote_host(
    scheme: str,
) -> None:
    server = FakeServer()
    with pytest.raises(InsecureTransportException) as info:
        call(_remote_context(server, allow=False), [[scheme]])
    assert server.requests == []  # refused before sending
    assert "allow_insecure_http" in str(info.value)
    # anonymous calls to the same host are fine; opting in sends the credential
    assert call(_remote_context(server, allow=False), []) == "ok"
    assert call(_remote_context(server, allow=True), [[scheme]]) == "ok"
    assert len(server.requests) == 2


def test_issue_10_item_1_oauth_token_not_sent_and_not_refreshed_over_http() -> None:
    server = FakeServer()
    manager = ropcg(server, base="http://api.example.test")
    manager.set_token(
        OAuthToken(
            "expired-token-value-1234", expiry=1, refresh_token="refresh-value-1"
        )
    )
    with pytest.raises(InsecureTransportException):
        call(manager._context, [["OAuthROPCG"]])
    assert server.requests == []


# ---- item 2: refresh keeps the granted scope ------------------------------------------------


def test_issue_10_item_2_refresh_sends_no_scope_unless_asked_narrower() -> None:
    server = FakeServer()
    manager = ropcg(server, o_auth_scopes=["a", "b"])
    manager.fetch_token()
    assert form_of(server.token_requests()[0])["scope"] == "a b"
    manager.refresh_token()
    assert "scope" not in form_of(server.token_requests()[1])
    manager.set_token(manager.token.copy_with(expiry=int(time.time()) - 100))  # type: ignore[union-attr]
    call(manager._context, [["OAuthROPCG"]])  # automatic refresh
    assert "scope" not in form_of(server.token_requests()[2])
    manager.refresh_token(scopes=["a"])
    assert form_of(server.token_requests()[3])["scope"] == "a"


# ---- item 4: skew capped by the lifetime ----------------------------------------------------


def test_issue_10_item_4_short_lived_token_is_not_born_expired() -> None:
    server = FakeServer()
    server.token_responses = [server.issue(expires_in=30)]
    manager = ropcg(server)
    token = manager.fetch_token()
    assert not manager.is_token_expired(token)
    for _ in range(5):
        call(manager._context, [["OAuthROPCG"]])
    assert len(server.token_requests()) == 1
    # the cap is half the lifetime: after 16 of 30 s the token counts as expired
    aged = token.copy_with(expiry=int(time.time()) + 14)
    assert manager.is_token_expired(aged)
    # a long-lived token keeps the configured 60 s skew
    long = OAuthToken(
        "long-lived-token-0001", expires_in=3600, expiry=int(time.time()) + 59
    )
    assert manager.is_token_expired(long)


# ---- item 6: one deadline for the whole request ---------------------------------------------


class _Drip(httpx.SyncByteStream):
    def __iter__(self) -> Any:
        for byte in b'{"access_token":"dripped-token-value","token_type":"Bearer"}':
            time.sleep(0.1)
            yield bytes([byte])


def test_issue_10_item_6_timeout_is_an_overall_deadline() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"content-type": "application/json"}, stream=_Drip()
        )

    transport = Transport(0.5, httpx.Client(transport=httpx.MockTransport(handler)))
    started = time.monotonic()
    with pytest.raises(NetworkException) as info:
        transport.send("GET", "http://127.0.0.1:9/slow")
    assert time.monotonic() - started < 1.0
    assert type(info.value).__name__ == "TimeoutException"


# ---- item 9: iss on error callbacks ---------------------------------------------------------


def acg(server: FakeServer, **kw: Any) -> ACG:
    creds = ACGCreds(
        "acg-client", "acg-secret", REDIRECT, None, [Scope.READ_SCOPE], **kw
    )
    return ACG(creds, make_context(server))


def test_issue_10_item_9_error_callback_with_wrong_iss_is_an_issuer_mismatch() -> None:
    server = FakeServer()
    m = acg(server, o_auth_issuer="https://issuer.example")
    req = m.authorization_request()
    callback = (
        f"{REDIRECT}?error=access_denied&state={req.state}&iss=https://evil.example"
    )
    with pytest.raises(OAuthCallbackException) as info:
        m.fetch_token_from_callback(callback, req.state, req.code_verifier)
    assert info.value.error_code == "invalid_issuer"
    missing = f"{REDIRECT}?error=access_denied&state={req.state}"
    with pytest.raises(OAuthCallbackException) as info2:
        m.fetch_token_from_callback(missing, req.state, req.code_verifier)
    assert info2.value.error_code == "invalid_issuer"
    right = (
        f"{REDIRECT}?error=access_denied&state={req.state}&iss=https://issuer.example"
    )
    with pytest.raises(OAuthCallbackException) as info3:
        m.fetch_token_from_callback(right, req.state, req.code_verifier)
    assert info3.value.error_code == "access_denied"
    assert server.requests == []


# ---- item 11: unknown state ----------------------------------------------------------------


def test_issue_10_item_11_state_of_no_pending_request_is_refused_without_network() -> (
    None
):
    server = FakeServer()
    m = acg(server)
    m.authorization_request()  # a pending request with another state
    callback = f"{REDIRECT}?code=abc&state=forged-state"
    with pytest.raises(StateMismatchException):
        m.fetch_token_from_callback(callback, "forged-state")
    assert server.requests == []
    # with the stored verifier (another process made the request) it proceeds
    m.fetch_token_from_callback(callback, "forged-state", code_verifier="v" * 50)
    assert form_of(server.token_requests()[0])["code_verifier"] == "v" * 50


# ---- item 12: no protocol parameters through additional_params ------------------------------


@pytest.mark.parametrize("key", ["scope", "SCOPE", "state", "code_challenge"])
def test_issue_10_item_12_additional_params_cannot_add_protocol_parameters(
    key: str,
) -> None:
    server = FakeServer()
    m = acg(server)
    with pytest.raises(ValueError):
        m.get_authorization_url(additional_params={key: "x"})
    with pytest.raises(ValueError):
        ropcg(server).fetch_token(additional_params={key: "x"})
    assert server.requests == []


# ---- item 13: secrets scrubbed from exceptions and logs -------------------------------------


def test_issue_10_item_13_rejected_token_response_keeps_no_secret() -> None:
    server = FakeServer()
    leaked = "leaked-access-token-value-123"
    server.token_responses = [
        lambda request: httpx.Response(
            400,
            json={
                "error": "invalid_grant",
                "access_token": leaked,
                "refresh_token": "leaked-refresh-456",
            },
            headers={"set-cookie": "session=session-cookie-secret; HttpOnly"},
        )
    ]
    with pytest.raises(OAuthProviderException) as info:
        ropcg(server).fetch_token()
    exc = info.value
    assert leaked not in exc.body and "leaked-refresh-456" not in exc.body
    assert "invalid_grant" in exc.body
    assert all("session-cookie-secret" not in v for v in exc.headers.values())
    assert exc.response is not None and leaked not in exc.response.text
    server.token_responses = [
        lambda request: httpx.Response(
            500,
            text=f"oops access_token={leaked}",
            headers={"set-cookie": "s=session-cookie-secret"},
        )
    ]
    with pytest.raises(APIException) as info2:
        ropcg(server).fetch_token()
    assert leaked not in info2.value.body
    assert "session-cookie-secret" not in str(dict(info2.value.headers))


def test_issue_10_item_13_failing_token_callback_is_logged_scrubbed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def callback(token: OAuthToken) -> None:
        raise RuntimeError(
            f"could not save {token.access_token} / {token.refresh_token}"
        )

    server = FakeServer()
    manager = ropcg(server, o_auth_on_token_update=callback)
    with caplog.at_level(logging.DEBUG):
        token = manager.fetch_token()
    assert manager.token == token  # kept despite the callback
    text = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "o_auth_on_token_update raised RuntimeError" in text
    assert token.access_token not in text
    assert token.refresh_token is not None and token.refresh_token not in text


def test_issue_10_item_13_base_url_password_not_in_network_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    transport = Transport(5, httpx.Client(transport=httpx.MockTransport(handler)))
    with pytest.raises(NetworkException) as info:
        transport.send("GET", "http://user:base-url-password@127.0.0.1:9/x?api-key=k")
    assert "base-url-password" not in str(info.value)
    assert "127.0.0.1:9/x" in str(info.value)


# ---- item 14: oversize API response --------------------------------------------------------


def test_issue_10_item_14_oversize_api_response_is_a_typed_error() -> None:
    bomb = gzip.compress(b"a" * (2 * 1024 * 1024))

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            content=bomb,
            headers={"content-encoding": "gzip", "content-type": "text/plain"},
        )

    transport = Transport(
        5, httpx.Client(transport=httpx.MockTransport(handler)), max_bytes=1024 * 1024
    )
    context = ApiContext(transport, lambda name: "http://127.0.0.1:9", ["default"])
    with pytest.raises(ResponseTooLargeException) as info:
        call(context, [])
    assert isinstance(info.value, APIException)
    assert "1048576" in str(info.value)


# ---- item 15: no suffix for passwords and secrets ------------------------------------------


def test_issue_10_item_15_no_suffix_of_passwords_secrets_or_keys() -> None:
    secret = "client-secret-value-WXYZ"
    password = "user-password-value-QRST"
    texts: List[str] = [
        repr(ROPCGCreds("id", secret, "alice", password)),
        repr(ACGCreds("id", secret)),
        repr(BasicCredentials("u", password)),
        repr(ApiKeyCredentials("api-key-value-LMNO")),
        repr(_Key(ApiKeyCredentials("api-key-value-LMNO"))),
    ]
    for text in texts:
        for tail in ("WXYZ", "QRST", "LMNO"):
            assert tail not in text, text
    # tokens may keep a short suffix
    assert "1234" in repr(OAuthToken("access-token-value-1234"))
    req = acg(FakeServer()).authorization_request()
    assert req.code_verifier is not None and req.code_verifier[-4:] not in repr(req)
