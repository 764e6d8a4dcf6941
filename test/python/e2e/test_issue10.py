"""Issue 10 (Python items) against the real test OAuth server.

Each test is named after its item; the scripted-server twins are in
test/python/runtime/test_issue10.py.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, List

import httpx
import pytest
from conftest import SCANNER, TestServer
from sdk import REDIRECT, acg_client, config_for, ropcg_client

from multiauthsample import (
    ApiKeyCredentials,
    BasicAuthCredentials,
    Configuration,
    Environment,
    InsecureTransportException,
    MultiauthsampleClient,
    NetworkException,
    OAuthBearerTokenCredentials,
    OAuthCallbackException,
    OAuthProviderException,
    OAuthROPCGCredentials,
    ResponseTooLargeException,
    Server,
    StateMismatchException,
    TimeoutException,
)

REMOTE = "api.example.test"


class _ToTestServer(httpx.HTTPTransport):
    """Sends requests for http://api.example.test to the local test server (a stand-in for a
    remote host reached over plain http)."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self._target = httpx.URL(url)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(
            host=self._target.host, port=self._target.port
        )
        return super().handle_request(request)


def _remote_client(srv: TestServer, **kw: Any) -> MultiauthsampleClient:
    port = httpx.URL(srv.url).port
    return MultiauthsampleClient(
        base_urls={
            Server.DEFAULT: f"http://{REMOTE}:{port}",
            Server.AUTH: f"http://{REMOTE}:{port}/oauth2/auth-server",
        },
        http_client=httpx.Client(transport=_ToTestServer(srv.url)),
        o_auth_bearer_token_credentials=OAuthBearerTokenCredentials(
            "static-bearer-token"
        ),
        basic_auth_credentials=BasicAuthCredentials("basic-user", "basic-pass"),
        api_key_credentials=ApiKeyCredentials("api-key-value"),
        **kw,
    )


def test_issue_10_item_1_no_credential_over_plain_http_to_a_remote_host(
    srv: TestServer,
) -> None:
    client = _remote_client(srv)
    calls = [
        client.authentication.o_auth_bearer_token,
        client.authentication.custom_query_or_header_authentication,
        client.authentication.multiple_auth_combination,
    ]
    for operation in calls:
        with pytest.raises(InsecureTransportException):
            operation()
    assert srv.log() == []  # nothing was sent
    opted_in = _remote_client(srv, allow_insecure_http=True)
    assert opted_in.authentication.o_auth_bearer_token().status_code == 200
    assert opted_in.authentication.multiple_auth_combination().status_code == 200
    assert [e["status"] for e in srv.log()] == [200, 200]
    # the spec's production environment is http://…: an authenticated call refuses it too
    production = MultiauthsampleClient(
        environment=Environment.PRODUCTION,
        o_auth_bearer_token_credentials=OAuthBearerTokenCredentials(
            "static-bearer-token"
        ),
    )
    with pytest.raises(InsecureTransportException):
        production.authentication.o_auth_bearer_token()


def test_issue_10_item_2_refresh_works_when_fewer_scopes_were_granted(
    srv: TestServer,
) -> None:
    srv.settings(grantedScopes=[])
    updates: List[Any] = []
    client = ropcg_client(srv.url, updates, o_auth_scopes=["file_requests.read"])
    token = client.o_auth_ropcg.fetch_token()
    assert token.scope is None  # the server granted none of the asked scopes
    refreshed = client.o_auth_ropcg.refresh_token()
    assert refreshed.access_token != token.access_token
    client.o_auth_ropcg.set_token(refreshed.copy_with(expiry=int(time.time()) - 5))
    assert client.authentication.o_auth_authorization_grant().status_code == 200
    assert len(srv.token_requests()) == 3
    assert all(e["status"] == 200 for e in srv.token_requests())
    # asking for more than granted is the caller's explicit choice: the server refuses it
    with pytest.raises(OAuthProviderException) as info:
        client.o_auth_ropcg.refresh_token(scopes=["file_requests.read"])
    assert info.value.error_code == "invalid_scope"


def test_issue_10_item_4_token_shorter_than_the_skew_is_not_born_expired(
    srv: TestServer,
) -> None:
    srv.settings(accessTokenLifetime=30)
    client = ropcg_client(srv.url, [])
    client.o_auth_ropcg.fetch_token()
    errors: List[BaseException] = []

    def worker() -> None:
        try:
            client.authentication.o_auth_authorization_grant()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(100)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(srv.token_requests()) == 1  # the fetch only; no refresh per call


def test_issue_10_item_6_timeout_bounds_the_whole_token_request(
    srv: TestServer,
) -> None:
    srv.fault(target="token", kind="drip", intervalMs=400).raise_for_status()
    client = ropcg_client(srv.url, [], timeout=2)
    started = time.monotonic()
    with pytest.raises(TimeoutException):
        client.o_auth_ropcg.fetch_token()
    elapsed = time.monotonic() - started
    assert elapsed < 3.5, elapsed  # a per-read timeout would take ~60 s here
    assert client.o_auth_ropcg.token is None


def test_issue_10_item_9_error_callback_with_wrong_iss_fails_as_issuer_mismatch(
    srv: TestServer,
) -> None:
    srv.settings(issuer="https://evil.example")
    client = acg_client(srv.url, [], o_auth_issuer="https://issuer.example")
    request = client.o_auth_acg.authorization_request()
    callback = srv.consent(request.url, decision="deny")
    assert "error=access_denied" in callback and "iss=" in callback
    before = len(srv.log())
    with pytest.raises(OAuthCallbackException) as info:
        client.o_auth_acg.fetch_token_from_callback(
            callback, request.state, request.code_verifier
        )
    assert info.value.error_code == "invalid_issuer"
    assert len(srv.log()) == before


def test_issue_10_item_11_unknown_state_refused_without_network(
    srv: TestServer,
) -> None:
    client = acg_client(srv.url, [])
    mine = client.o_auth_acg.authorization_request()
    other = acg_client(srv.url, []).o_auth_acg.authorization_request()
    callback = srv.consent(other.url)  # a callback for a request this client never made
    state = other.state
    before = len(srv.log())
    with pytest.raises(StateMismatchException):
        client.o_auth_acg.fetch_token_from_callback(callback, expected_state=state)
    assert len(srv.log()) == before
    assert mine.state != state


def test_issue_10_item_12_scope_cannot_be_repeated_through_additional_params(
    srv: TestServer,
) -> None:
    client = acg_client(srv.url, [])
    with pytest.raises(ValueError):
        client.o_auth_acg.get_authorization_url(additional_params={"scope": "admin"})
    url = client.o_auth_acg.get_authorization_url(additional_params={"prompt": "login"})
    assert url.count("scope=") == 1
    with pytest.raises(ValueError):
        ropcg_client(srv.url, []).o_auth_ropcg.fetch_token(
            additional_params={"Scope": "x"}
        )
    assert srv.log() == []


def test_issue_10_item_13_no_secret_in_token_errors_callback_logs_or_url_errors(
    srv: TestServer, caplog: pytest.LogCaptureFixture
) -> None:
    def failing_store(token: Any) -> None:
        raise RuntimeError(f"db down while saving {token.access_token}")

    client = ropcg_client(srv.url, [])
    client = MultiauthsampleClient(
        client.config,
        o_auth_ropcg_credentials=client.config.o_auth_ropcg_credentials.clone_with(  # type: ignore[union-attr]
            o_auth_on_token_update=failing_store
        ),
    )
    with caplog.at_level(logging.DEBUG, logger="multiauthsample"):
        token = client.o_auth_ropcg.fetch_token()
    logged = "\n".join(SCANNER.texts + [r.getMessage() for r in caplog.records])
    assert "o_auth_on_token_update raised RuntimeError" in logged
    assert token.access_token not in logged
    # a refused token request: the exception keeps a scrubbed body and no secret header
    srv.fault(target="token", kind="invalid_grant").raise_for_status()
    with pytest.raises(OAuthProviderException) as info:
        client.o_auth_ropcg.fetch_token()
    assert "alice-password" not in str(info.value.body) + repr(info.value.headers)
    # user info in a base URL never shows in a network error
    dead = MultiauthsampleClient(
        base_urls={Server.DEFAULT: "http://user:base-url-password@127.0.0.1:9"},
        o_auth_bearer_token_credentials=OAuthBearerTokenCredentials(
            "static-bearer-token"
        ),
        timeout=2,
    )
    with pytest.raises(NetworkException) as net:
        dead.authentication.no_auth()
    assert "base-url-password" not in str(net.value) + repr(net.value)


def test_issue_10_item_14_oversize_api_response_raises_a_typed_error(
    srv: TestServer,
) -> None:
    srv.fault(target="api", kind="gzip-bomb").raise_for_status()
    client = MultiauthsampleClient(
        config_for(srv.url),
        o_auth_bearer_token_credentials=OAuthBearerTokenCredentials(
            "static-bearer-token"
        ),
    )
    with pytest.raises(ResponseTooLargeException) as info:
        client.authentication.o_auth_bearer_token()
    assert info.value.status_code == 200


def test_issue_10_item_15_no_suffix_of_passwords_or_client_secrets() -> None:
    creds = OAuthROPCGCredentials(
        "ropcg-client", "ropcg-secret-WXYZ", "alice", "alice-password-QRST"
    )
    config = Configuration(
        o_auth_ropcg_credentials=creds,
        basic_auth_credentials=BasicAuthCredentials("basic-user", "basic-pass-LMNO"),
        api_key_credentials=ApiKeyCredentials("api-key-value-HIJK"),
    )
    client = MultiauthsampleClient(config)
    for text in (repr(creds), repr(config), repr(client), repr(client.o_auth_ropcg)):
        for tail in ("WXYZ", "QRST", "LMNO", "HIJK"):
            assert tail not in text, text
    assert REDIRECT  # the sample redirect is loopback http, allowed without opting in
