"""Hostile-server and careless-user rules (no test server: an httpx MockTransport answers)."""

from __future__ import annotations

import json
from typing import Any, Callable, Dict, List

import httpx
import pytest
from deviceflow import (
    AuthorizationServerMetadataException,
    Configuration,
    DeviceflowClient,
    InsecureTransportException,
    InvalidTokenResponseException,
    IssuerMismatchException,
    OAuthToken,
    Server,
    SsoDeviceAuthorizationCredentials,
    TokenRevocationException,
    TvCredentials,
)
from deviceflow.http.auth._metadata import expected_issuer

BASE = "https://api.example.test"
GOOD = {
    "device_code": "dc-secret-value",
    "user_code": "ABCD-EFGH",
    "verification_uri": BASE + "/v",
    "expires_in": 60,
}


def mock(
    handler: Callable[[httpx.Request], Dict[str, Any]], seen: List[httpx.Request]
) -> Any:
    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=handler(request))

    return httpx.Client(transport=httpx.MockTransport(respond))


def client(
    base: str,
    handler: Callable[[httpx.Request], Dict[str, Any]],
    seen: List[httpx.Request],
    **kw: Any,
) -> Any:
    return DeviceflowClient(
        Configuration(
            base_urls={Server.DEFAULT: base}, http_client=mock(handler, seen)
        ),
        **kw,
    )


def test_expected_issuer_forms() -> None:
    assert (
        expected_issuer("https://as.example/.well-known/oauth-authorization-server")
        == "https://as.example"
    )
    assert (
        expected_issuer("https://as.example/.well-known/oauth-authorization-server/t/1")
        == "https://as.example/t/1"
    )
    assert (
        expected_issuer("https://as.example/t/.well-known/openid-configuration")
        == "https://as.example/t"
    )
    assert expected_issuer("https://as.example/meta.json") is None


@pytest.mark.parametrize(
    "bad",
    [
        {**GOOD, "verification_uri": "javascript:alert(1)"},
        {**GOOD, "verification_uri_complete": "data:text/html,x"},
        {**GOOD, "device_code": ""},
        {**GOOD, "user_code": "x" * 65},
        {**GOOD, "expires_in": -1},
        {**GOOD, "interval": "soon"},
        {**GOOD, "interval": True},
    ],
)
def test_hostile_device_answers_are_refused(bad: Dict[str, Any]) -> None:
    c = client(
        BASE, lambda r: bad, [], tv_credentials=TvCredentials(o_auth_client_id="tv")
    )
    with pytest.raises(InvalidTokenResponseException):
        c.tv.start_device_authorization()


def test_interval_defaults_to_five_and_expires_in_is_capped() -> None:
    c = client(
        BASE,
        lambda r: {**GOOD, "expires_in": 1e12},
        [],
        tv_credentials=TvCredentials(o_auth_client_id="tv"),
    )
    start = c.tv.start_device_authorization()
    assert start.interval == 5 and start.expires_in == 86400
    assert "dc-secret-value" not in repr(start)


def test_metadata_rules() -> None:
    answers: Dict[str, Dict[str, Any]] = {}

    def handler(request: httpx.Request) -> Dict[str, Any]:
        return answers["meta"] if request.url.path.startswith("/.well-known") else GOOD

    for meta, error in [
        ({"issuer": BASE + "/"}, IssuerMismatchException),
        ({"token_endpoint": BASE + "/t"}, IssuerMismatchException),
        (
            {"issuer": BASE, "device_authorization_endpoint": "/relative"},
            AuthorizationServerMetadataException,
        ),
        (
            {"issuer": BASE, "revocation_endpoint": "http://evil.example/r"},
            AuthorizationServerMetadataException,
        ),
    ]:
        answers["meta"] = meta
        c = client(
            BASE,
            handler,
            [],
            sso_device_authorization_credentials=SsoDeviceAuthorizationCredentials(
                o_auth_client_id="c",
                o_auth_client_secret="s",
                o_auth_discovery="metadata",
            ),
        )
        with pytest.raises(error):
            c.sso_device_authorization.start_device_authorization()


def test_metadata_fetched_once_and_insecure_metadata_url_refused() -> None:
    seen: List[httpx.Request] = []
    meta = {
        "issuer": BASE,
        "device_authorization_endpoint": BASE + "/d2",
        "token_endpoint": BASE + "/t2",
    }
    c = client(
        BASE,
        lambda r: meta if r.url.path.startswith("/.well-known") else GOOD,
        seen,
        sso_device_authorization_credentials=SsoDeviceAuthorizationCredentials(
            o_auth_client_id="c", o_auth_client_secret="s"
        ),
    )
    for _ in range(3):
        c.sso_device_authorization.start_device_authorization()
    assert [r.url.path for r in seen].count(
        "/.well-known/oauth-authorization-server"
    ) == 1
    assert [r.url.path for r in seen].count("/d2") == 3
    insecure = client(
        "http://api.example.test",
        lambda r: meta,
        seen,
        sso_device_authorization_credentials=SsoDeviceAuthorizationCredentials(
            o_auth_client_id="c", o_auth_client_secret="s"
        ),
    )
    with pytest.raises(InsecureTransportException):
        insecure.sso_device_authorization.start_device_authorization()


def test_revoke_without_endpoint_signs_out_locally_and_says_so() -> None:
    seen: List[httpx.Request] = []
    token = OAuthToken(
        access_token="at-secret-1", token_type="Bearer", refresh_token="rt-secret-1"
    )
    c = client(
        BASE,
        lambda r: {},
        seen,
        sso_device_authorization_credentials=SsoDeviceAuthorizationCredentials(
            o_auth_client_id="c",
            o_auth_client_secret="s",
            o_auth_token=token,
            o_auth_discovery="static",
        ),
    )
    with pytest.raises(TokenRevocationException) as info:
        c.sso_device_authorization.revoke_token()
    assert "secret" not in str(info.value)
    assert c.sso_device_authorization.token is None
    assert seen == []


def test_discovery_mode_survives_clone_and_environment() -> None:
    creds = SsoDeviceAuthorizationCredentials(
        o_auth_client_id="c", o_auth_discovery="static"
    )
    assert creds.clone_with(o_auth_client_id="d").o_auth_discovery == "static"
    env = SsoDeviceAuthorizationCredentials.from_environment(
        {
            "SSO_DEVICE_AUTHORIZATION_O_AUTH_DISCOVERY": "metadata",
            "SSO_DEVICE_AUTHORIZATION_O_AUTH_CLIENT_ID": "x",
        }
    )
    assert env is not None and env.o_auth_discovery == "metadata"
    assert json.dumps(repr(creds))
