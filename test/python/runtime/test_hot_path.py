"""The per-call fast paths (issue 12 §4) keep the slow paths' behaviour.

Each fast path is tested against the case that must leave it: a user-supplied httpx client
(User-Agent per request), a redirect chain (the loop after the first response), an expired or
nearly expired token (refresh), a FileTokenStore (the async thread path), a model with unknown
fields, request options (checked when given), a shared per-operation RequestSpec.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Dict, List

import httpx
import pytest
from support import BASE, ROPCG, FakeServer, ROPCGCreds, make_context

from rtpkg.controllers.base_controller import (
    AsyncBaseController,
    BaseController,
    RequestSpec,
    json_body,
    text_body,
)
from rtpkg.exceptions import APIException
from rtpkg.http._async import AsyncPasswordGrant
from rtpkg.http.api_context import ApiContext, AsyncApiContext
from rtpkg.http.auth.token_store import FileTokenStore
from rtpkg.http.http_response import ApiResponse, HttpResponse
from rtpkg.http.transport import MAX_REDIRECTS, AsyncTransport, Transport
from rtpkg.models._helpers import extra
from rtpkg.models.o_auth_token import OAuthToken

SECURITY = [["OAuthROPCG"]]
SERVERS = {"default": BASE, "auth": BASE + "/oauth2/auth-server"}
AGENT = "grantgen-test-agent/1.0"


def creds(**kw: Any) -> ROPCGCreds:
    return ROPCGCreds("ropcg-client", "ropcg-secret", "alice", "alice-pw", **kw)


def token(lifetime: int, expires_in: Any = 3600, refresh: Any = "r-0") -> OAuthToken:
    return OAuthToken(
        "live-token",
        "Bearer",
        expires_in=expires_in,
        expiry=int(time.time()) + lifetime,
        refresh_token=refresh,
    )


def sync_setup(server: FakeServer, **kw: Any) -> ROPCG:
    context = make_context(server)
    manager = ROPCG(creds(**kw), context)
    context.authorizers["OAuthROPCG"] = manager
    return manager


def get(context: ApiContext, path: str = "/api", **options: Any) -> ApiResponse[str]:
    spec = RequestSpec("GET", "default", path, security=SECURITY)
    return BaseController(context)._execute(spec, text_body, options or None)  # type: ignore[arg-type]


def async_setup(server: FakeServer, **kw: Any) -> AsyncPasswordGrant:
    async def handler(request: httpx.Request) -> httpx.Response:
        return server.handler(request)

    sync_transport = Transport(
        5, httpx.Client(transport=httpx.MockTransport(server.handler))
    )
    async_transport = AsyncTransport(
        5, httpx.AsyncClient(transport=httpx.MockTransport(handler))
    )
    context = AsyncApiContext(
        sync_transport, async_transport, lambda n: SERVERS[n], SERVERS.keys()
    )
    core = ROPCG(creds(**kw), context)
    context.authorizers["OAuthROPCG"] = core
    manager = AsyncPasswordGrant(core, context)
    context.async_authorizers["OAuthROPCG"] = manager
    return manager


async def aget(context: AsyncApiContext) -> ApiResponse[str]:
    spec = RequestSpec("GET", "default", "/api", security=SECURITY)
    return await AsyncBaseController(context)._execute(spec, text_body)


# ---- User-Agent -------------------------------------------------------------------------------


def test_user_agent_reaches_the_server_from_an_owned_and_from_a_caller_client() -> None:
    seen: List[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok")

    owned = Transport(
        5, None, AGENT
    )  # the transport makes its client (User-Agent default)
    owned._http()._transport = httpx.MockTransport(handler)
    given = Transport(5, httpx.Client(transport=httpx.MockTransport(handler)), AGENT)
    for transport in (owned, given):
        transport.send("GET", BASE + "/a")
        transport.send("GET", BASE + "/b", headers={"User-Agent": "caller/2"})
    assert [r.headers["user-agent"] for r in seen] == [AGENT, "caller/2"] * 2
    # one User-Agent header each, never the SDK's and the caller's both
    assert all(len(r.headers.get_list("user-agent")) == 1 for r in seen)
    # the caller's client is not changed by the SDK
    assert given._http().headers["user-agent"] != AGENT


def test_user_agent_on_operations_and_request_option_override() -> None:
    server = FakeServer()
    manager = sync_setup(server, o_auth_token=token(3600))
    context = manager._context
    context.transport._user_agent = AGENT
    context.transport._agent_header = {"user-agent": AGENT}
    get(context)
    get(context, headers={"user-agent": "mine/1"})
    assert [r.headers["user-agent"] for r in server.api_requests()] == [AGENT, "mine/1"]


# ---- redirects --------------------------------------------------------------------------------


@pytest.mark.parametrize("hops", [MAX_REDIRECTS, MAX_REDIRECTS + 1])
def test_redirect_chain_limit(hops: int) -> None:
    paths: List[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        n = int(request.url.path.rsplit("/", 1)[1])
        if n < hops:
            return httpx.Response(307, headers={"location": f"/hop/{n + 1}"})
        return httpx.Response(200, text=f"arrived after {n}")

    transport = Transport(5, httpx.Client(transport=httpx.MockTransport(handler)))
    response = transport.send("GET", BASE + "/hop/0", headers={"authorization": "x"})
    assert len(paths) == min(hops, MAX_REDIRECTS) + 1
    if hops <= MAX_REDIRECTS:
        assert (response.status_code, response.text) == (200, f"arrived after {hops}")
        assert response.url == f"{BASE}/hop/{hops}"
    else:  # the sixth answer is a redirect again: it is returned, not followed
        assert (
            response.status_code == 307
            and response.url == f"{BASE}/hop/{MAX_REDIRECTS}"
        )
    not_followed = transport.send("GET", BASE + "/hop/0", follow_redirects=False)
    assert not_followed.status_code == 307


def test_async_redirect_chain_and_cross_origin_stop() -> None:
    paths: List[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        paths.append(str(request.url))
        if request.url.path == "/start":
            return httpx.Response(302, headers={"location": "/next"})
        if request.url.path == "/next":
            return httpx.Response(302, headers={"location": "http://evil.example/x"})
        return httpx.Response(200, text="unexpected")

    async def main() -> HttpResponse:
        transport = AsyncTransport(
            5, httpx.AsyncClient(transport=httpx.MockTransport(handler))
        )
        return await transport.send("GET", BASE + "/start")

    response = asyncio.run(main())
    assert paths == [BASE + "/start", BASE + "/next"]
    assert response.status_code == 302 and response.headers["location"].startswith(
        "http://evil"
    )


# ---- responses: url and reason phrase are read lazily, but right --------------------------------


def test_response_url_and_reason_phrase() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            418, text="teapot", extensions={"reason_phrase": b"I'm a teapot"}
        )

    transport = Transport(5, httpx.Client(transport=httpx.MockTransport(handler)))
    response = transport.send("GET", BASE + "/t", params=[("q", "1")])
    assert response.url == BASE + "/t?q=1"
    assert response.reason_phrase == "I'm a teapot"
    wrapped = ApiResponse(response, None)
    assert wrapped.reason_phrase == "I'm a teapot" and wrapped.status_code == 418
    response.url = "http://changed.example/"
    assert response.url == "http://changed.example/"
    scrubbed = response.scrubbed()
    assert (scrubbed.url, scrubbed.reason_phrase) == (
        "http://changed.example/",
        "I'm a teapot",
    )
    built = HttpResponse(200, "OK", {"X-A": "1"}, b"", "http://h/")
    assert (built.url, built.reason_phrase, built.headers["x-a"]) == (
        "http://h/",
        "OK",
        "1",
    )


# ---- token expiry on the call path: the inlined check agrees with OAuthToken.is_expired -------


@pytest.mark.parametrize(
    "lifetime, expires_in, refreshes",
    [
        (3600, 3600, False),  # live
        (30, 3600, True),  # inside the 60 s clock skew
        (-5, 3600, True),  # past its expiry
        (8, 20, True),  # skew capped at expires_in / 2 = 10 s: 8 s left is inside it
        (12, 20, False),  # 12 s left, skew 10 s: live
        (3, 20, True),  # 3 s left, skew 10 s: expired
        (3, None, True),  # no expires_in: the full 60 s skew
        (3, 0, True),  # expires_in 0 is ignored for the cap
    ],
)
def test_expiry_on_the_call_path(
    lifetime: int, expires_in: Any, refreshes: bool
) -> None:
    t = token(lifetime, expires_in)
    skew = 60 if not expires_in else min(60, expires_in / 2)
    assert t.is_expired(skew) is refreshes  # the model's own rule
    for run in ("sync", "async"):
        server = FakeServer()
        if run == "sync":
            manager = sync_setup(server, o_auth_token=t)
            assert manager.is_token_expired() is refreshes
            get(manager._context)
        else:
            amanager = async_setup(server, o_auth_token=t)
            assert amanager.is_token_expired() is refreshes
            asyncio.run(aget(amanager._context))
        sent = server.api_requests()[-1].headers["authorization"]
        assert len(server.token_requests()) == (1 if refreshes else 0), run
        assert (sent == "Bearer live-token") is (not refreshes), run


def test_expired_token_without_refresh_token_is_refused_before_sending() -> None:
    server = FakeServer()
    manager = sync_setup(server, o_auth_token=token(-5, refresh=None))
    assert manager.can_authorize() is False
    with pytest.raises(Exception) as info:
        get(manager._context)
    assert "OAuthROPCG" in str(info.value)
    assert server.api_requests() == [] and server.token_requests() == []
    amanager = async_setup(server, o_auth_token=token(-5, refresh=None))
    assert amanager.can_authorize() is False
    assert amanager.authorize_now(object()) is False  # type: ignore[arg-type]
    with pytest.raises(Exception):
        asyncio.run(aget(amanager._context))
    assert server.api_requests() == []


def test_async_file_store_takes_the_thread_path_and_sees_other_writers(
    tmp_path: Any,
) -> None:
    server = FakeServer()
    store = FileTokenStore(tmp_path / "token.json")
    manager = async_setup(server, o_auth_token=token(3600), o_auth_token_store=store)
    from rtpkg.http.auth._security import AuthTarget

    target = AuthTarget()
    assert manager.authorize_now(target) is False and target.headers == {}
    asyncio.run(aget(manager._context))
    assert server.api_requests()[-1].headers["authorization"] == "Bearer live-token"
    # another process replaces the file: the next call sends the new token
    FileTokenStore(tmp_path / "token.json").save(
        token(3600).copy_with(access_token="other")
    )
    asyncio.run(aget(manager._context))
    assert server.api_requests()[-1].headers["authorization"] == "Bearer other"
    assert server.token_requests() == []


# ---- request options and shared specs ----------------------------------------------------------


def test_bad_request_options_fail_before_sending() -> None:
    server = FakeServer()
    manager = sync_setup(server, o_auth_token=token(3600))
    with pytest.raises(ValueError):
        get(manager._context, max_retries="many")
    with pytest.raises(TypeError):
        get(manager._context, retries=3)
    assert server.api_requests() == []


def test_a_shared_spec_carries_nothing_from_one_call_to_the_next() -> None:
    server = FakeServer()
    manager = sync_setup(server, o_auth_token=token(3600))
    spec = RequestSpec("GET", "default", "/api", security=SECURITY, accept="text/plain")
    controller = BaseController(manager._context)
    controller._execute(
        spec, text_body, {"headers": {"X-Once": "1"}, "idempotency_key": "k1"}
    )
    controller._execute(spec, text_body)
    first, second = server.api_requests()
    assert first.headers["x-once"] == "1" and first.headers["idempotency-key"] == "k1"
    assert "x-once" not in second.headers and "idempotency-key" not in second.headers
    assert second.headers["accept"] == "text/plain"
    assert spec.headers == {} and spec.query == [] and spec.security == SECURITY


def test_errors_name_the_operation() -> None:
    server = FakeServer()
    server.api_responses = [lambda r: httpx.Response(404, text="nope")]
    manager = sync_setup(server, o_auth_token=token(3600))
    with pytest.raises(APIException) as info:
        get(manager._context, "/missing")
    assert "GET /missing answered HTTP 404" in str(info.value)


# ---- model unknown fields ----------------------------------------------------------------------


def test_extra_fields_with_a_frozenset_and_with_a_tuple() -> None:
    known = ("id", "name")
    data: Dict[str, Any] = {"id": 1, "name": "a"}
    assert extra(data, frozenset(known)) == {} and extra(data, known) == {}
    data["nick"] = "b"
    assert extra(data, frozenset(known)) == {"nick": "b"} == extra(data, known)
    assert extra({}, frozenset()) == {}
    assert extra({"x": None}, frozenset()) == {"x": None}


def test_json_body_of_a_real_call() -> None:
    server = FakeServer()
    server.api_responses = [lambda r: httpx.Response(200, json={"id": 7, "more": [1]})]
    manager = sync_setup(server, o_auth_token=token(3600))
    spec = RequestSpec("GET", "default", "/api", security=SECURITY)
    response = BaseController(manager._context)._execute(spec, json_body)
    assert response.body == {"id": 7, "more": [1]} and response.reason_phrase == "OK"


def test_a_response_keeps_nothing_of_the_request_and_knows_standard_reasons() -> None:
    server = FakeServer()
    server.api_responses = [lambda r: httpx.Response(201, text="made")]
    manager = sync_setup(server, o_auth_token=token(3600))
    response = get(manager._context).http_response
    # the request carried the Authorization header: nothing of it may stay reachable
    assert all(
        not isinstance(v, (httpx.Request, httpx.Response))
        for v in vars(response).values()
    )
    assert "live-token" not in repr(vars(response))
    assert response.reason_phrase == "Created" and response.url == BASE + "/api"


# ---- per-request timeouts -----------------------------------------------------------------------


def test_owned_client_default_timeout_is_the_deadline_and_shorter_deadlines_are_sent() -> None:
    """An owned client carries the transport timeout as its default, so a plain request needs
    no `httpx.Timeout` of its own; a call deadline shorter than that is still sent per request,
    and a caller's client (whose default the SDK does not know) always gets one."""
    seen: List[Dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, text="ok")

    owned = Transport(7, None, AGENT)
    owned._http()._transport = httpx.MockTransport(handler)
    assert owned._http().timeout.read == 7
    owned.send("GET", BASE + "/a")
    owned.send("GET", BASE + "/a", deadline=time.monotonic() + 2)
    given = Transport(7, httpx.Client(transport=httpx.MockTransport(handler)), AGENT)
    given.send("GET", BASE + "/a")
    plain, short, caller = seen
    assert plain == {"connect": 7, "read": 7, "write": 7, "pool": 7}
    assert 1.5 < short["read"] <= 2 and short["connect"] == short["read"]
    assert 6.5 < caller["read"] <= 7  # the remaining time, not httpx's 5 s default
    untimed = Transport(None, None, AGENT)
    untimed._http()._transport = httpx.MockTransport(handler)
    untimed.send("GET", BASE + "/a")
    assert seen[-1] == {"connect": None, "read": None, "write": None, "pool": None}
