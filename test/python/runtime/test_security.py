"""Security requirements (OR of ANDs), conflicts, simple schemes, redirects, transport rules."""

from __future__ import annotations

import base64

import httpx
import pytest
from support import CCG, BASE, CCGCreds, FakeServer, make_context

from rtpkg.controllers.base_controller import BaseController, RequestSpec, text_body
from rtpkg.exceptions import (
    AuthConflictException,
    AuthRequiredException,
    InsecureTransportException,
)
from rtpkg.http.api_context import ApiContext, is_loopback_host
from rtpkg.http.auth._security import FlowChoice
from rtpkg.http.auth._simple import (
    ApiKeyAuthManager,
    ApiKeyCredentials,
    BasicAuthManager,
    BasicCredentials,
    BearerAuthManager,
    BearerCredentials,
)
from rtpkg.http.http_response import ApiResponse, HttpResponse


class Basic(BasicAuthManager):
    SCHEME_NAME = "basicAuth"


class Bearer(BearerAuthManager):
    SCHEME_NAME = "OAuthBearerToken"


class Bearer2(BearerAuthManager):
    SCHEME_NAME = "otherBearer"


class KeyQuery(ApiKeyAuthManager):
    SCHEME_NAME = "apiKey"
    PARAM_NAME = "api-key"
    LOCATION = "query"


class KeyHeader(ApiKeyAuthManager):
    SCHEME_NAME = "apiHeader"
    PARAM_NAME = "api-key"
    LOCATION = "header"


def ctx(server: FakeServer, **managers: object) -> ApiContext:
    context = make_context(server)
    for name, m in managers.items():
        context.authorizers[name] = m  # type: ignore[assignment]
    return context


def send(context: ApiContext, security: list, path: str = "/x") -> ApiResponse[str]:  # type: ignore[type-arg]
    return BaseController(context)._execute(
        RequestSpec("GET", "default", path, security=security), text_body
    )


def test_or_picks_first_usable_alternative() -> None:
    server = FakeServer()
    context = ctx(
        server,
        OAuthBearerToken=Bearer(None),
        basicAuth=Basic(BasicCredentials("basic-user", "basic-pass")),
        apiKey=KeyQuery(ApiKeyCredentials("api-key-value")),
        apiHeader=KeyHeader(ApiKeyCredentials("api-key-value")),
    )
    send(context, [["OAuthBearerToken"], ["basicAuth", "apiKey", "apiHeader"]])
    sent = server.requests[-1]
    assert (
        sent.headers["authorization"]
        == "Basic " + base64.b64encode(b"basic-user:basic-pass").decode()
    )
    assert sent.headers["api-key"] == "api-key-value"
    assert sent.url.params["api-key"] == "api-key-value"


def test_no_usable_alternative_names_the_schemes_and_sends_nothing() -> None:
    server = FakeServer()
    context = ctx(
        server, OAuthBearerToken=Bearer(None), basicAuth=Basic(BasicCredentials("u"))
    )
    with pytest.raises(AuthRequiredException) as info:
        send(context, [["OAuthBearerToken"], ["basicAuth", "apiKey"]])
    assert info.value.schemes == ("OAuthBearerToken", "apiKey", "basicAuth")
    assert "OAuthBearerToken" in str(info.value) and "apiKey" in str(info.value)
    assert server.requests == []


def test_empty_requirement_or_empty_alternative_sends_no_credentials() -> None:
    server = FakeServer()
    context = ctx(
        server, OAuthBearerToken=Bearer(BearerCredentials("static-bearer-token"))
    )
    send(context, [])
    send(context, [[]])
    assert all("authorization" not in r.headers for r in server.requests)


def test_and_of_two_header_writers_is_a_typed_error() -> None:  # weak spot 14
    server = FakeServer()
    context = ctx(
        server,
        OAuthBearerToken=Bearer(BearerCredentials("static-bearer-token")),
        otherBearer=Bearer2(BearerCredentials("another-bearer-token")),
    )
    with pytest.raises(AuthConflictException, match="Authorization"):
        send(context, [["OAuthBearerToken", "otherBearer"]])
    assert server.requests == []


def test_or_with_unconfigured_self_fetching_grant_sends_no_token_request() -> (
    None
):  # weak spot 14
    server = FakeServer()
    context = ctx(
        server, OAuthBearerToken=Bearer(BearerCredentials("static-bearer-token"))
    )
    context.authorizers["OAuthCCG"] = CCG(None, context)
    send(context, [["OAuthCCG"], ["OAuthBearerToken"]])
    assert server.token_requests() == []
    assert server.requests[-1].headers["authorization"] == "Bearer static-bearer-token"


def test_client_credentials_fetches_its_own_token_once() -> None:
    server = FakeServer()
    context = ctx(server)
    updates: list = []  # type: ignore[type-arg]
    context.authorizers["OAuthCCG"] = CCG(
        CCGCreds("ccg-client", "ccg-secret", o_auth_on_token_update=updates.append),
        context,
    )
    send(context, [["OAuthCCG"]])
    send(context, [["OAuthCCG"]])
    (token_request,) = server.token_requests()
    assert token_request.url.path == "/oauth2/auth-server/request_token"
    assert len(updates) == 1


def test_cross_origin_redirect_is_not_followed() -> None:
    hits: list = []  # type: ignore[type-arg]

    def handler(request: httpx.Request) -> httpx.Response:
        hits.append(request)
        if request.url.host == "127.0.0.1" and request.url.path == "/x":
            return httpx.Response(
                302, headers={"location": "http://evil.example/steal"}
            )
        if request.url.path == "/same":
            return httpx.Response(307, headers={"location": "/x2"})
        return httpx.Response(200, text="fine")

    server = FakeServer()
    context = ctx(
        server, OAuthBearerToken=Bearer(BearerCredentials("static-bearer-token"))
    )
    context.transport._client = httpx.Client(transport=httpx.MockTransport(handler))
    from rtpkg.exceptions import APIException

    with pytest.raises(APIException) as info:
        send(context, [["OAuthBearerToken"]])
    assert info.value.status_code == 302
    assert all(r.url.host == "127.0.0.1" for r in hits)
    assert send(context, [["OAuthBearerToken"]], "/same").body == "fine"
    assert (
        hits[-1].url.path == "/x2"
        and hits[-1].headers["authorization"] == "Bearer static-bearer-token"
    )


def test_loopback_rules() -> None:
    for host in (
        "localhost",
        "127.0.0.1",
        "127.5.6.7",
        "::1",
        "[::1]",
        "api.localhost",
    ):
        assert is_loopback_host(host), host
    for host in ("example.com", "10.0.0.1", "128.0.0.1", "localhost.example.com", ""):
        assert not is_loopback_host(host), host
    context = make_context(FakeServer(), base="http://api.example.com")
    with pytest.raises(InsecureTransportException):
        context.check_secure_url("http://api.example.com/token", "token URL")
    context.check_secure_url("https://api.example.com/token", "token URL")


def test_response_reprs_hide_bodies() -> None:  # weak spot 12
    raw = HttpResponse(
        200,
        "OK",
        {"content-type": "application/json"},
        b'{"access_token":"secret-token-value-1234"}',
        BASE,
    )
    for text in (
        repr(raw),
        repr(ApiResponse(raw, {"access_token": "secret-token-value-1234"})),
    ):
        assert "secret-token-value" not in text


class MultiCCG(CCG):
    SCHEME_NAME = "multi"


class MultiBearer(BearerAuthManager):
    SCHEME_NAME = "multi"


def test_flow_choice_uses_the_first_flow_that_holds_a_token() -> None:
    server = FakeServer()
    context = ctx(server)
    unconfigured = MultiCCG(None, context)
    context.authorizers["multi"] = FlowChoice(
        "multi", (unconfigured, MultiBearer(BearerCredentials("flow-two-token")))
    )
    send(context, [["multi"]])
    assert server.token_requests() == []
    assert server.requests[-1].headers["authorization"] == "Bearer flow-two-token"


def test_flow_choice_without_a_usable_flow_names_the_scheme_and_sends_nothing() -> None:
    server = FakeServer()
    context = ctx(server)
    context.authorizers["multi"] = FlowChoice(
        "multi", (MultiCCG(None, context), MultiBearer(None))
    )
    with pytest.raises(AuthRequiredException) as info:
        send(context, [["multi"]])
    assert info.value.schemes == ("multi",)
    assert server.requests == []


def test_flow_choice_lets_the_flow_that_sent_the_token_handle_a_401() -> None:
    server = FakeServer()
    context = ctx(server)
    server.api_responses = [
        lambda request: httpx.Response(
            401, headers={"www-authenticate": 'Bearer error="invalid_token"'}
        ),
        lambda request: httpx.Response(200, text="ok"),
    ]
    context.authorizers["multi"] = FlowChoice(
        "multi",
        (
            MultiCCG(CCGCreds("ccg-client", "ccg-secret"), context),
            MultiBearer(BearerCredentials("never-used-token")),
        ),
    )
    send(context, [["multi"]])
    first, second = server.api_requests()
    assert len(server.token_requests()) == 2
    assert first.headers["authorization"] != second.headers["authorization"]
    assert "never-used-token" not in second.headers["authorization"]
