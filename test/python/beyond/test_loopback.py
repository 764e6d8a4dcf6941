"""RFC 8252 loopback sign-in: headless Chromium and a plain HTTP client; denial, timeout, iss."""

from __future__ import annotations

import json
import os
import socket
import subprocess
from typing import Any, Dict, List
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from conftest import ROOT, Server
from deviceflow import (
    AuthorizationDeniedException,
    Oauth2AuthorizationCodeCredentials,
    OAuthCallbackException,
    SignInTimeoutException,
    SsoAuthorizationCodeCredentials,
    StateMismatchException,
)
from helpers import DEVICE_CLIENT, SCOPES, client


def oauth2(srv: Server) -> Any:
    return client(
        srv.url,
        oauth2_authorization_code_credentials=Oauth2AuthorizationCodeCredentials(
            **DEVICE_CLIENT, o_auth_scopes=SCOPES
        ),
    )


def port_of(url: str) -> int:
    redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
    return urlsplit(redirect).port or 0


def refused(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex(("127.0.0.1", port)) != 0


def chromium(url: str, decision: str) -> Dict[str, Any]:
    out = subprocess.run(
        [
            "node",
            os.path.join(ROOT, "test", "browser", "consent.mjs"),
            "--url",
            url,
            "--username",
            "alice",
            "--password",
            "alice-password",
            "--decision",
            decision,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    result: Dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_chromium_signs_in_and_nothing_listens_afterwards(srv: Server) -> None:
    c = oauth2(srv)
    seen: List[Dict[str, Any]] = []
    ports: List[int] = []

    def browser(url: str) -> None:
        ports.append(port_of(url))
        seen.append(chromium(url, "allow"))

    token = c.oauth2_authorization_code.authorize_with_loopback(open_browser=browser)
    assert token.access_token
    assert seen[0]["callbackStatus"] == 200
    assert c.account.get_me().body.grant == "authorization_code"
    assert refused(ports[0])


def test_plain_http_client_signs_in_with_pkce_on_an_ephemeral_port(srv: Server) -> None:
    srv.settings(
        issuer=srv.url
    )  # the sso scheme checks the issuer it discovered (RFC 9207)
    c = client(
        srv.url,
        sso_authorization_code_credentials=SsoAuthorizationCodeCredentials(
            **DEVICE_CLIENT, o_auth_scopes=SCOPES
        ),
    )
    pages: List[str] = []
    urls: List[str] = []

    def browser(url: str) -> None:
        urls.append(url)
        back = srv.consent(url)
        pages.append(httpx.get(back).text)

    c.sso_authorization_code.authorize_with_loopback(open_browser=browser, path="/done")
    query = parse_qs(urlsplit(urls[0]).query)
    assert urls[0].startswith(srv.url + "/oauth/authorize?")
    assert query["redirect_uri"][0].startswith("http://127.0.0.1:")
    assert query["redirect_uri"][0].endswith("/done")
    assert query["code_challenge_method"] == ["S256"]
    assert "You are signed in" in pages[0]
    assert c.account.get_me().body.name == "alice"


def test_wrong_iss_is_refused_before_the_code_exchange(srv: Server) -> None:
    srv.settings(issuer="https://attacker.example")
    c = client(
        srv.url,
        sso_authorization_code_credentials=SsoAuthorizationCodeCredentials(
            **DEVICE_CLIENT, o_auth_scopes=SCOPES
        ),
    )
    with pytest.raises(OAuthCallbackException) as info:
        c.sso_authorization_code.authorize_with_loopback(
            open_browser=lambda url: httpx.get(srv.consent(url))
        )
    assert info.value.error_code == "invalid_issuer"
    assert not [e for e in srv.log() if e["grantType"] == "authorization_code"]


def test_denial_in_chromium_is_typed_and_the_port_is_closed(srv: Server) -> None:
    c = oauth2(srv)
    ports: List[int] = []

    def browser(url: str) -> None:
        ports.append(port_of(url))
        chromium(url, "deny")

    with pytest.raises(AuthorizationDeniedException) as info:
        c.oauth2_authorization_code.authorize_with_loopback(open_browser=browser)
    assert info.value.error_code == "access_denied"
    assert refused(ports[0])


def test_timeout_is_typed_and_the_port_is_closed(srv: Server) -> None:
    c = oauth2(srv)
    ports: List[int] = []
    with pytest.raises(SignInTimeoutException):
        c.oauth2_authorization_code.authorize_with_loopback(
            open_browser=lambda url: ports.append(port_of(url)), timeout=0.3
        )
    assert refused(ports[0])


def test_forged_callback_with_another_state_is_refused(srv: Server) -> None:
    c = oauth2(srv)
    statuses: List[int] = []

    def attacker(url: str) -> None:
        redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
        statuses.append(httpx.get(redirect + "?code=stolen&state=forged").status_code)

    with pytest.raises(StateMismatchException):
        c.oauth2_authorization_code.authorize_with_loopback(open_browser=attacker)
    assert statuses == [400]
    assert not [e for e in srv.log() if e["grantType"] == "authorization_code"]


def test_bad_arguments_are_refused_before_listening(srv: Server) -> None:
    c = oauth2(srv)
    for kwargs in ({"path": "no-slash"}, {"port": 70000}, {"timeout": 0}):
        with pytest.raises(ValueError):
            c.oauth2_authorization_code.authorize_with_loopback(
                open_browser=lambda url: None, **kwargs
            )
