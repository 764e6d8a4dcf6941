"""The async twins (AsyncDeviceflowClient): device flow, discovery, revocation, loopback."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Awaitable, Callable, List
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from conftest import DEVICE_GRANT, Server
from deviceflow import (
    AsyncDeviceflowClient,
    AuthRequiredException,
    ConfigurationException,
    Configuration,
    DeviceAccessDeniedException,
    DeviceCodeExpiredException,
    IssuerMismatchException,
    Oauth2AuthorizationCodeCredentials,
    Server as ServerEnum,
    SignInTimeoutException,
    SsoAuthorizationCodeCredentials,
    SsoDeviceAuthorizationCredentials,
    TokenRevocationException,
    TvCredentials,
)
from helpers import DEVICE_CLIENT, SCOPES


def run(
    srv: Server, body: Callable[[AsyncDeviceflowClient], Awaitable[Any]], **creds: Any
) -> Any:
    async def main() -> Any:
        config = Configuration(base_urls={ServerEnum.DEFAULT: srv.url})
        async with AsyncDeviceflowClient(config, **creds) as client:
            return await body(client)

    return asyncio.run(main())


TV = {
    "tv_credentials": TvCredentials(o_auth_client_id="tv-client", o_auth_scopes=SCOPES)
}


def test_async_device_approved_while_the_loop_stays_free(srv: Server) -> None:
    srv.settings(deviceInterval=0.2)

    async def body(c: AsyncDeviceflowClient) -> Any:
        start = await c.tv.start_device_authorization()
        ticks: List[float] = []

        async def ticker() -> None:
            while True:
                ticks.append(time.monotonic())
                await asyncio.sleep(0.05)

        task = asyncio.create_task(ticker())
        loop = asyncio.get_running_loop()
        loop.call_later(0.5, srv.approve, start.user_code)
        token = await c.tv.wait_for_device_token(start)
        task.cancel()
        assert len(ticks) >= 5  # the loop was not blocked while polling
        me = await c.account.get_me()
        return token, me.body

    token, me = run(srv, body, **TV)
    assert token.access_token and me.grant == DEVICE_GRANT
    assert len([e for e in srv.log() if e["grantType"] == DEVICE_GRANT]) >= 2


def test_async_device_denied_and_expired(srv: Server) -> None:
    srv.settings(deviceInterval=0.1)

    async def denied(c: AsyncDeviceflowClient) -> None:
        start = await c.tv.start_device_authorization()
        srv.approve(start.user_code, "deny")
        with pytest.raises(DeviceAccessDeniedException):
            await c.tv.wait_for_device_token(start)

    run(srv, denied, **TV)
    srv.settings(deviceCodeLifetime=0.4)

    async def expired(c: AsyncDeviceflowClient) -> None:
        start = await c.tv.start_device_authorization()
        with pytest.raises(DeviceCodeExpiredException):
            await c.tv.wait_for_device_token(start)
        with pytest.raises(AuthRequiredException):
            await c.account.get_me()

    run(srv, expired, **TV)


def test_async_slow_down_adds_five_seconds(srv: Server) -> None:
    srv.settings(deviceInterval=0.1, deviceSlowDown=1)

    async def body(c: AsyncDeviceflowClient) -> float:
        start = await c.tv.start_device_authorization()
        srv.approve(start.user_code)
        t0 = time.monotonic()
        await c.tv.wait_for_device_token(start)
        return time.monotonic() - t0

    assert run(srv, body, **TV) >= 5.0


def test_async_discovery_with_wrong_static_urls_and_issuer_mismatch(
    srv: Server,
) -> None:
    srv.settings(deviceInterval=0)
    sso = {
        "sso_device_authorization_credentials": SsoDeviceAuthorizationCredentials(
            **DEVICE_CLIENT, o_auth_scopes=SCOPES
        ),
        "sso_authorization_code_credentials": SsoAuthorizationCodeCredentials(
            **DEVICE_CLIENT,
            o_auth_scopes=SCOPES,
            o_auth_redirect_uri="http://127.0.0.1:9/cb",
        ),
    }

    async def body(c: AsyncDeviceflowClient) -> str:
        with pytest.raises(ConfigurationException):
            c.sso_authorization_code.authorization_request()  # not discovered yet
        start = await c.sso_device_authorization.start_device_authorization()
        srv.approve(start.user_code)
        await c.sso_device_authorization.wait_for_device_token(start)
        assert (await c.account.get_me()).body.name == "alice"
        return c.sso_authorization_code.authorization_request().url

    url = run(srv, body, **sso)
    assert url.startswith(srv.url + "/oauth/authorize?")
    paths = [e["path"] for e in srv.log()]
    assert paths.count("/.well-known/oauth-authorization-server") == 1
    assert not [p for p in paths if p.startswith("/static/")]
    srv.reset()
    srv.settings(metadataIssuer="https://attacker.example")

    async def mismatch(c: AsyncDeviceflowClient) -> None:
        with pytest.raises(IssuerMismatchException):
            await c.sso_device_authorization.start_device_authorization()

    run(srv, mismatch, **sso)


def test_async_revoke_then_call_and_unreachable(srv: Server) -> None:
    srv.settings(deviceInterval=0)

    async def body(c: AsyncDeviceflowClient) -> Any:
        start = await c.tv.start_device_authorization()
        srv.approve(start.user_code)
        token = await c.tv.wait_for_device_token(start)
        await c.tv.revoke_token()
        with pytest.raises(AuthRequiredException):
            await c.account.get_me()
        start = await c.tv.start_device_authorization()
        srv.approve(start.user_code)
        await c.tv.wait_for_device_token(start)
        srv.fault(target="revoke", kind="reset")
        with pytest.raises(TokenRevocationException) as info:
            await c.tv.revoke_token()
        assert info.value.local_token_cleared
        assert c.tv.token is None
        return token

    token = run(srv, body, **TV)
    raw = srv.http.get(
        "/device/me", headers={"authorization": f"Bearer {token.access_token}"}
    )
    assert raw.status_code == 401


def test_async_loopback_with_an_async_browser_timeout_and_closed_port(
    srv: Server,
) -> None:
    creds = {
        "oauth2_authorization_code_credentials": Oauth2AuthorizationCodeCredentials(
            **DEVICE_CLIENT, o_auth_scopes=SCOPES
        )
    }
    ports: List[int] = []

    async def browser(url: str) -> None:
        redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
        ports.append(urlsplit(redirect).port or 0)
        async with httpx.AsyncClient() as http:
            consent = await http.post(
                url,
                data={
                    "username": "alice",
                    "password": "alice-password",
                    "decision": "allow",
                },
            )
            assert consent.status_code == 302
            page = await http.get(consent.headers["location"])
            assert "You are signed in" in page.text

    async def body(c: AsyncDeviceflowClient) -> Any:
        token = await c.oauth2_authorization_code.authorize_with_loopback(
            open_browser=browser
        )
        me = (await c.account.get_me()).body
        with pytest.raises(SignInTimeoutException):
            await c.oauth2_authorization_code.authorize_with_loopback(
                open_browser=lambda url: ports.append(
                    urlsplit(parse_qs(urlsplit(url).query)["redirect_uri"][0]).port or 0
                ),
                timeout=0.3,
            )
        return token, me

    token, me = run(srv, body, **creds)
    assert token.access_token and me.grant == "authorization_code"
    for port in ports:
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://127.0.0.1:{port}/callback", timeout=2)


def test_async_loopback_driven_by_headless_chromium_closes_its_port(
    srv: Server,
) -> None:
    from test_loopback import chromium, refused

    creds = {
        "oauth2_authorization_code_credentials": Oauth2AuthorizationCodeCredentials(
            **DEVICE_CLIENT, o_auth_scopes=SCOPES
        )
    }
    ports: List[int] = []
    seen: List[Any] = []

    async def browser(url: str) -> None:
        redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
        ports.append(urlsplit(redirect).port or 0)
        # The real browser runs in a worker thread: the event loop must keep serving
        # the loopback listener while Chromium submits the consent page.
        seen.append(await asyncio.to_thread(chromium, url, "allow"))

    async def body(c: AsyncDeviceflowClient) -> Any:
        token = await c.oauth2_authorization_code.authorize_with_loopback(
            open_browser=browser
        )
        return token, (await c.account.get_me()).body

    token, me = run(srv, body, **creds)
    assert token.access_token
    assert seen[0]["callbackStatus"] == 200
    assert me.grant == "authorization_code"
    assert refused(ports[0])
