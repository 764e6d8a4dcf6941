"""The sync client's first-attempt path (issue 12 §4): an operation without per-call options whose
alternatives are OAuth grants sends its first request with the live token read straight from the
grant. Every outcome the general rules handle must be handed over with the attempt already made:
retry counts, the refresh-once-on-401 rule, errors, the choice between alternatives, the credential
URL rules, and per-client plans of a shared spec.
"""

from __future__ import annotations

import gc
import time
import weakref
from typing import Any, List

import httpx
import pytest
from support import ACG, ACGCreds, BASE, ROPCG, FakeServer, ROPCGCreds, text_response

from rtpkg.controllers.base_controller import BaseController, RequestSpec, text_body
from rtpkg.exceptions import (
    APIException,
    AuthRequiredException,
    InsecureTransportException,
)
from rtpkg.exceptions.network_exception import NetworkException
from rtpkg.http.api_context import ApiContext
from rtpkg.http.transport import Transport
from rtpkg.models.o_auth_token import OAuthToken

SPEC = RequestSpec("GET", "default", "/api", security=[["OAuthACG"], ["OAuthROPCG"]])


def live(name: str, refresh: Any = "r-0", lifetime: int = 3600) -> OAuthToken:
    return OAuthToken(
        name,
        "Bearer",
        expires_in=3600,
        expiry=int(time.time()) + lifetime,
        refresh_token=refresh,
    )


def context(server: FakeServer, base: str = BASE, **kw: Any) -> ApiContext:
    client = httpx.Client(transport=httpx.MockTransport(server.handler))
    servers = {"default": base, "auth": base + "/oauth2/auth-server"}
    return ApiContext(Transport(5, client), lambda n: servers[n], servers.keys(), **kw)


def setup(
    server: FakeServer, ropcg_token: Any = None, acg_token: Any = None, **kw: Any
) -> ApiContext:
    ctx = context(server, **kw)
    ctx.authorizers["OAuthACG"] = ACG(
        ACGCreds(
            "acg-client", "acg-secret", "http://127.0.0.1/cb", o_auth_token=acg_token
        ),
        ctx,
    )
    ctx.authorizers["OAuthROPCG"] = ROPCG(
        ROPCGCreds(
            "ropcg-client",
            "ropcg-secret",
            "alice",
            "alice-pw",
            o_auth_token=ropcg_token,
        ),
        ctx,
    )
    return ctx


def call(ctx: ApiContext, spec: RequestSpec = SPEC) -> Any:
    return BaseController(ctx)._execute(spec, text_body)


def auth_headers(server: FakeServer) -> List[str]:
    return [r.headers.get("authorization", "") for r in server.api_requests()]


def test_retryable_statuses_keep_their_count_after_the_hand_over() -> None:
    server = FakeServer()
    ctx = setup(server, ropcg_token=live("tok-r"))
    server.api_responses = [
        lambda r: httpx.Response(503, headers={"retry-after": "0"}, text="busy"),
        lambda r: httpx.Response(503, headers={"retry-after": "0"}, text="busy"),
        text_response(200, "done"),
    ]
    assert call(ctx).body == "done"
    assert (
        auth_headers(server) == ["Bearer tok-r"] * 3
    )  # the first attempt and 2 retries
    server2 = FakeServer()
    ctx2 = setup(server2, ropcg_token=live("tok-r"))
    server2.api_responses = [
        lambda r: httpx.Response(503, headers={"retry-after": "0"}, text="busy")
    ]
    with pytest.raises(APIException) as info:
        call(ctx2)
    assert info.value.response.status_code == 503  # type: ignore[union-attr]
    assert len(server2.api_requests()) == 3  # max_retries 2: never a fourth


def test_a_transport_failure_of_the_first_attempt_counts_as_attempt_one() -> None:
    server = FakeServer()
    ctx = setup(server, ropcg_token=live("tok-r"), max_retries=1)

    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    server.api_responses = [fail]
    with pytest.raises(NetworkException):
        call(ctx)
    assert len(server.api_requests()) == 2  # the first attempt and max_retries=1 retry


def test_401_invalid_token_refreshes_once_and_resends_with_the_new_token() -> None:
    server = FakeServer()
    ctx = setup(server, ropcg_token=live("stale"))
    server.api_responses = [
        lambda r: httpx.Response(
            401, headers={"www-authenticate": 'Bearer error="invalid_token"'}
        ),
        text_response(200, "ok"),
    ]
    assert call(ctx).body == "ok"
    assert len(server.token_requests()) == 1
    sent = auth_headers(server)
    assert sent[0] == "Bearer stale" and sent[1] == "Bearer access-token-number-0001"


def test_errors_and_oversize_bodies_leave_through_the_general_rules() -> None:
    server = FakeServer()
    ctx = setup(server, ropcg_token=live("tok-r"))
    server.api_responses = [text_response(404, "nope")]
    with pytest.raises(APIException, match="404"):
        call(ctx)
    assert len(server.api_requests()) == 1  # a 404 is not retried
    small = context(server)
    small.transport.max_bytes = 4
    small.authorizers.update(ctx.authorizers)
    server.api_responses = [text_response(200, "far too long")]
    with pytest.raises(APIException, match="exceeds 4 bytes"):
        call(small)


def test_the_first_usable_alternative_wins_and_a_new_token_is_used_at_once() -> None:
    server = FakeServer()
    ctx = setup(server, ropcg_token=live("tok-r"))
    call(ctx)
    acg = ctx.authorizers["OAuthACG"]
    acg.set_token(live("tok-a"))  # type: ignore[attr-defined]
    call(ctx)
    ctx.authorizers["OAuthROPCG"].set_token(live("tok-r2"))  # type: ignore[attr-defined]
    acg.set_token(None)  # type: ignore[attr-defined]
    call(ctx)
    assert auth_headers(server) == ["Bearer tok-r", "Bearer tok-a", "Bearer tok-r2"]


def test_an_expired_token_is_refreshed_first_and_none_at_all_is_refused_unsent() -> (
    None
):
    server = FakeServer()
    ctx = setup(server, ropcg_token=live("old", lifetime=-5))
    call(ctx)
    assert len(server.token_requests()) == 1
    assert auth_headers(server) == ["Bearer access-token-number-0001"]
    server2 = FakeServer()
    ctx2 = setup(
        server2
    )  # no token anywhere (a password grant never fetches by itself)
    with pytest.raises(AuthRequiredException, match="OAuthACG, or OAuthROPCG"):
        call(ctx2)
    assert server2.requests == []
    server3 = FakeServer()
    ctx3 = setup(server3, ropcg_token=live("old", refresh=None, lifetime=-5))
    with pytest.raises(AuthRequiredException, match="expired"):
        call(ctx3)
    assert server3.requests == []


def test_plain_http_to_another_host_is_refused_before_anything_is_sent() -> None:
    server = FakeServer()
    ctx = setup(server, ropcg_token=live("tok-r"))
    remote = context(server, base="http://api.example.test")
    remote.authorizers.update(ctx.authorizers)
    with pytest.raises(InsecureTransportException):
        call(remote)
    assert server.requests == []


def test_one_spec_shared_by_two_clients_goes_to_each_clients_server_with_its_token() -> (
    None
):
    server = FakeServer()
    one = setup(server, ropcg_token=live("tok-one"))
    two = setup(server, ropcg_token=live("tok-two"), base="http://localhost:9999")
    shared = RequestSpec("GET", "default", "/api", security=[["OAuthROPCG"]])
    for ctx in (one, two, one, two):
        call(ctx, shared)
    got = [(r.url.host, r.headers["authorization"]) for r in server.api_requests()]
    assert got == [
        ("127.0.0.1", "Bearer tok-one"),
        ("localhost", "Bearer tok-two"),
        ("127.0.0.1", "Bearer tok-one"),
        ("localhost", "Bearer tok-two"),
    ]


def test_a_spec_keeps_no_client_and_no_token_alive() -> None:
    server = FakeServer()
    shared = RequestSpec("GET", "default", "/api", security=[["OAuthROPCG"]])
    ctx = setup(server, ropcg_token=live("secret-token"))
    call(ctx, shared)
    gone = weakref.ref(ctx)
    grant = weakref.ref(ctx.authorizers["OAuthROPCG"])
    del ctx
    gc.collect()
    assert gone() is None and grant() is None  # the plan on the spec holds neither
    assert "secret-token" not in repr(shared._fast)


def test_schemes_changed_after_the_plan_was_made_take_the_general_path() -> None:
    server = FakeServer()
    ctx = setup(server, ropcg_token=live("tok-r"))
    shared = RequestSpec("GET", "default", "/api", security=[["OAuthROPCG"]])
    call(ctx, shared)
    del ctx.authorizers["OAuthROPCG"]
    with pytest.raises(AuthRequiredException, match="not supported by this client"):
        call(ctx, shared)
    assert len(server.api_requests()) == 1
