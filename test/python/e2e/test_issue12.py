"""Issue 12 (Python): retries, per-call options and the async client, against the real server.

Operations of the sample spec are all GETs; POST/PUT/DELETE retries go to the server's
`ANY /echo` route through the package's own controller runtime (the code every generated
operation runs).
"""

from __future__ import annotations

import asyncio
import email.utils
import os
import subprocess
import sys
import threading
import time
from typing import Any, Dict, List, Optional

import pytest
from conftest import SCANNER, TestServer
from sdk import config_for, ropcg_client

from multiauthsample import (
    APIException,
    AsyncMultiauthsampleClient,
    FileTokenStore,
    MultiauthsampleClient,
    NetworkException,
    OAuthBearerTokenCredentials,
    OAuthROPCGCredentials,
    RequestOptions,
    RetryAfterTooLongException,
    TimeoutException,
)
from multiauthsample.controllers.base_controller import (
    AsyncBaseController,
    BaseController,
    RequestSpec,
    json_body,
)

BEARER = OAuthBearerTokenCredentials("static-bearer-token")


def bearer_client(srv: TestServer, **kw: Any) -> MultiauthsampleClient:
    return MultiauthsampleClient(
        config_for(srv.url, **kw), o_auth_bearer_token_credentials=BEARER
    )


def api_hits(srv: TestServer, path: str = "/auth/oauth2") -> List[Dict[str, Any]]:
    return [e for e in srv.log() if e["path"] == path]


def echo(
    client: MultiauthsampleClient, method: str, options: Optional[RequestOptions] = None
) -> Any:
    spec = RequestSpec(
        method, "default", "/echo", json_body={"a": 1}, has_json_body=True
    )
    return BaseController(client._context)._execute(spec, json_body, options)


# ---- retries ---------------------------------------------------------------------------------


def test_issue_12_retry_503_and_429_without_retry_after_then_success(
    srv: TestServer,
) -> None:
    srv.fault(target="api", kind="503").raise_for_status()
    srv.fault(target="api", kind="429").raise_for_status()
    started = time.monotonic()
    response = bearer_client(srv).authentication.o_auth_bearer_token()
    assert response.status_code == 200
    assert [e["status"] for e in api_hits(srv)] == [503, 429, 200]
    # backoff with jitter: ~0.5 s then ~1 s (each at least 75 %)
    assert time.monotonic() - started >= 0.375 + 0.75


def test_issue_12_retry_after_seconds_date_and_ms_are_honoured(srv: TestServer) -> None:
    srv.fault(target="api", kind="429", retryAfter=1).raise_for_status()
    srv.fault(target="api", kind="503", retryAfterDateIn=2).raise_for_status()
    client = bearer_client(srv)
    started = time.monotonic()
    assert client.authentication.o_auth_bearer_token().status_code == 200
    elapsed = time.monotonic() - started
    # 1 s, then a date about 2 s ahead (HTTP-dates have whole seconds: 1..2 s)
    assert 1.9 <= elapsed < 4.5, elapsed
    srv.reset()
    srv.fault(
        target="api", kind="503", retryAfter=30, retryAfterMs=50
    ).raise_for_status()
    started = time.monotonic()
    assert client.authentication.o_auth_bearer_token().status_code == 200
    assert time.monotonic() - started < 1.0  # retry-after-ms wins over Retry-After
    assert len(api_hits(srv)) == 2


def test_issue_12_500s_exhaust_the_retries_with_exact_hit_counts(
    srv: TestServer,
) -> None:
    srv.fault(target="api", kind="500", count=5, retryAfter=0).raise_for_status()
    with pytest.raises(APIException) as info:
        bearer_client(srv).authentication.o_auth_bearer_token()
    assert info.value.status_code == 500
    assert len(api_hits(srv)) == 3  # 1 + max_retries 2
    srv.reset()
    srv.fault(target="api", kind="500", count=5, retryAfter=0).raise_for_status()
    with pytest.raises(APIException):
        bearer_client(srv, max_retries=4).authentication.o_auth_bearer_token()
    assert len(api_hits(srv)) == 5
    srv.reset()
    srv.fault(target="api", kind="500", count=5, retryAfter=0).raise_for_status()
    with pytest.raises(APIException):
        bearer_client(srv, max_retries=4).authentication.o_auth_bearer_token(
            request_options={"max_retries": 0}
        )
    assert len(api_hits(srv)) == 1


def test_issue_12_retry_after_over_the_cap_raises_with_status_and_header(
    srv: TestServer,
) -> None:
    srv.fault(target="api", kind="429", retryAfter=120).raise_for_status()
    started = time.monotonic()
    with pytest.raises(RetryAfterTooLongException) as info:
        bearer_client(srv).authentication.o_auth_bearer_token()
    assert time.monotonic() - started < 1.0
    assert info.value.status_code == 429
    assert info.value.headers["retry-after"] == "120"
    assert info.value.retry_after == 120
    assert len(api_hits(srv)) == 1
    srv.reset()
    srv.fault(target="api", kind="503", retryAfter=3).raise_for_status()
    with pytest.raises(RetryAfterTooLongException):
        bearer_client(srv, max_retry_wait=2).authentication.o_auth_bearer_token()


def test_issue_12_post_is_not_retried_without_an_idempotency_key(
    srv: TestServer,
) -> None:
    client = bearer_client(srv)
    srv.fault(target="api", kind="503", count=3, retryAfter=0).raise_for_status()
    with pytest.raises(APIException) as info:
        echo(client, "POST")
    assert info.value.status_code == 503
    assert [e["method"] for e in api_hits(srv, "/echo")] == ["POST"]
    srv.reset()
    for method in ("PUT", "DELETE"):
        srv.fault(target="api", kind="503", retryAfter=0).raise_for_status()
        assert echo(client, method).status_code == 200
    assert [e["method"] for e in api_hits(srv, "/echo")] == [
        "PUT",
        "PUT",
        "DELETE",
        "DELETE",
    ]


def test_issue_12_idempotency_key_makes_post_retryable_with_the_same_key(
    srv: TestServer,
) -> None:
    srv.fault(target="api", kind="503", count=2, retryAfter=0).raise_for_status()
    result = echo(bearer_client(srv), "POST", {"idempotency_key": "order-42"})
    assert result.status_code == 200 and result.body["method"] == "POST"
    hits = api_hits(srv, "/echo")
    assert len(hits) == 3
    assert [e.get("idempotencyKey") for e in hits] == ["order-42"] * 3


def test_issue_12_connection_errors_are_retried_for_get_only(srv: TestServer) -> None:
    dead = MultiauthsampleClient(
        config_for("http://127.0.0.1:9"), o_auth_bearer_token_credentials=BEARER
    )
    with pytest.raises(NetworkException):
        dead.authentication.o_auth_bearer_token()
    retries = [t for t in SCANNER.texts if "GET /auth/oauth2: retry" in t]
    assert any("retry 1 of 2" in t and "NetworkException" in t for t in retries)
    assert any("retry 2 of 2" in t for t in retries)
    assert all("static-bearer-token" not in t for t in SCANNER.texts)


def test_issue_12_token_requests_are_never_retried(srv: TestServer) -> None:
    srv.fault(target="token", kind="500", count=3).raise_for_status()
    with pytest.raises(APIException):
        ropcg_client(srv.url, []).o_auth_ropcg.fetch_token()
    assert len(srv.token_requests()) == 1


def test_issue_12_the_401_refresh_does_not_use_up_retries(srv: TestServer) -> None:
    client = ropcg_client(srv.url, [])
    client.o_auth_ropcg.fetch_token()
    srv.fault(target="api", kind="503", count=2, retryAfter=0).raise_for_status()
    srv.fault(target="api", kind="401").raise_for_status()
    srv.fault(target="api", kind="503", count=2, retryAfter=0).raise_for_status()
    assert client.authentication.o_auth_authorization_grant().status_code == 200
    path = "/oauth2/non-auth-server/user"
    assert [e["status"] for e in api_hits(srv, path)] == [503, 503, 401, 503, 503, 200]
    assert len(srv.token_requests()) == 2  # the fetch and one refresh


# ---- per-call options ------------------------------------------------------------------------


def test_issue_12_request_options_headers_never_override_security_headers(
    srv: TestServer,
) -> None:
    client = bearer_client(srv)
    response = client.authentication.o_auth_bearer_token(
        request_options={
            "headers": {"Authorization": "Bearer attacker", "X-Trace": "t-1"},
        }
    )
    assert response.status_code == 200  # the configured token was sent
    result = echo(client, "GET", {"headers": {"X-Trace": "t-2"}})
    assert result.body["headers"]["x-trace"] == "t-2"
    with pytest.raises(TypeError):
        echo(client, "GET", {"timeuot": 1})  # type: ignore[typeddict-unknown-key]


def test_issue_12_per_call_timeout_bounds_the_whole_call_with_retries(
    srv: TestServer,
) -> None:
    srv.fault(target="api", kind="503", count=5, retryAfter=2).raise_for_status()
    started = time.monotonic()
    with pytest.raises(TimeoutException):
        bearer_client(srv).authentication.o_auth_bearer_token(
            request_options={"timeout": 1}
        )
    assert time.monotonic() - started < 1.5
    srv.reset()
    srv.fault(target="api", kind="slow", delayMs=3000).raise_for_status()
    started = time.monotonic()
    with pytest.raises(TimeoutException):
        bearer_client(srv).authentication.o_auth_bearer_token(
            request_options={"timeout": 0.5, "max_retries": 0}
        )
    assert time.monotonic() - started < 1.5


def test_issue_12_sync_cancelled_by_its_timeout_stops_the_retry_wait_at_once(
    srv: TestServer,
) -> None:
    # sync cancellation is the per-call timeout: a 5 s Retry-After wait that cannot end before the
    # deadline is not waited for at all (the typed timeout error comes at once, never after the
    # deadline), and no retry is sent after it
    srv.fault(target="api", kind="503", count=3, retryAfter=5).raise_for_status()
    started = time.monotonic()
    with pytest.raises(TimeoutException):
        bearer_client(srv).authentication.o_auth_bearer_token(
            request_options={"timeout": 0.8}
        )
    elapsed = time.monotonic() - started
    assert elapsed < 0.8
    time.sleep(0.3)
    assert len(api_hits(srv)) == 1


# ---- async client ----------------------------------------------------------------------------


def async_ropcg(
    srv: TestServer, updates: List[Any], **kw: Any
) -> AsyncMultiauthsampleClient:
    creds = OAuthROPCGCredentials(
        o_auth_client_id="ropcg-client",
        o_auth_client_secret="ropcg-secret",
        o_auth_username="alice",
        o_auth_password="alice-password",
        o_auth_on_token_update=updates.append,
        **kw,
    )
    return AsyncMultiauthsampleClient(
        config_for(srv.url), o_auth_ropcg_credentials=creds
    )


def test_issue_12_async_100_tasks_with_an_expired_token_make_one_token_request(
    srv: TestServer,
) -> None:
    async def main() -> None:
        updates: List[Any] = []
        async with async_ropcg(srv, updates) as client:
            token = await client.o_auth_ropcg.fetch_token()
            await client.o_auth_ropcg.set_token(
                token.copy_with(expiry=int(time.time()) - 10)
            )
            before = len(srv.token_requests())
            results = await asyncio.gather(
                *(
                    client.authentication.o_auth_authorization_grant()
                    for _ in range(100)
                )
            )
            assert all(r.status_code == 200 for r in results)
            assert len(srv.token_requests()) - before == 1
            assert len(updates) == 2  # the fetch and the single refresh

    asyncio.run(main())


def test_issue_12_async_file_store_lock_does_not_block_the_loop(
    srv: TestServer, tmp_path: Any
) -> None:
    path = str(tmp_path / "token.json")
    sync_client = ropcg_client(srv.url, [], o_auth_token_store=FileTokenStore(path))
    sync_client.o_auth_ropcg.fetch_token()
    store = FileTokenStore(path)
    expired = store.load().copy_with(expiry=int(time.time()) - 10)  # type: ignore[union-attr]
    store.save(expired)
    holder_ready = threading.Event()

    def hold_lock() -> None:  # another client (here a thread) holds the store for 1 s
        with FileTokenStore(path).lock():
            holder_ready.set()
            time.sleep(1.0)

    async def main() -> int:
        ticks = 0
        done = False

        async def heartbeat() -> None:
            nonlocal ticks
            while not done:
                ticks += 1
                await asyncio.sleep(0.05)

        beat = asyncio.ensure_future(heartbeat())
        async with async_ropcg(
            srv, [], o_auth_token_store=FileTokenStore(path)
        ) as client:
            response = await client.authentication.o_auth_authorization_grant()
            assert response.status_code == 200
        done = True
        await beat
        return ticks

    thread = threading.Thread(target=hold_lock)
    thread.start()
    holder_ready.wait()
    ticks = asyncio.run(main())
    thread.join()
    assert ticks >= 10  # the loop kept running while the lock was held elsewhere
    assert len(srv.token_requests()) == 2  # the sync fetch and one async refresh
    assert sync_client.o_auth_ropcg.token == FileTokenStore(path).load()


def test_issue_12_async_and_sync_processes_share_a_file_store_with_one_refresh(
    srv: TestServer, tmp_path: Any
) -> None:
    path = str(tmp_path / "shared.json")
    ropcg_client(
        srv.url, [], o_auth_token_store=FileTokenStore(path)
    ).o_auth_ropcg.fetch_token()
    store = FileTokenStore(path)
    store.save(store.load().copy_with(expiry=int(time.time()) - 10))  # type: ignore[union-attr]
    script = f"""
import asyncio, sys
sys.path.insert(0, {os.path.dirname(__file__)!r})
from sdk import config_for
from multiauthsample import AsyncMultiauthsampleClient, FileTokenStore, OAuthROPCGCredentials
async def main():
    creds = OAuthROPCGCredentials("ropcg-client", "ropcg-secret", "alice", "alice-password",
                                  o_auth_token_store=FileTokenStore({path!r}))
    async with AsyncMultiauthsampleClient(config_for({srv.url!r}), o_auth_ropcg_credentials=creds) as c:
        rs = await asyncio.gather(*(c.authentication.o_auth_authorization_grant() for _ in range(25)))
        assert all(r.status_code == 200 for r in rs)
asyncio.run(main())
"""
    procs = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(4)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0, 0]
    assert len(srv.token_requests()) == 2  # the first fetch and exactly one refresh


def test_issue_12_async_cancelled_call_stops_waiting_at_once(srv: TestServer) -> None:
    srv.fault(target="api", kind="503", count=3, retryAfter=5).raise_for_status()

    async def main() -> float:
        async with AsyncMultiauthsampleClient(
            config_for(srv.url), o_auth_bearer_token_credentials=BEARER
        ) as client:
            task = asyncio.ensure_future(client.authentication.o_auth_bearer_token())
            await asyncio.sleep(0.3)
            started = time.monotonic()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            return time.monotonic() - started

    assert asyncio.run(main()) < 0.2
    assert len(api_hits(srv)) == 1


def test_issue_12_async_retries_and_options_match_sync(srv: TestServer) -> None:
    srv.fault(target="api", kind="503", count=2, retryAfter=0).raise_for_status()

    async def main() -> None:
        async with AsyncMultiauthsampleClient(
            config_for(srv.url), o_auth_bearer_token_credentials=BEARER
        ) as client:
            r = await client.authentication.o_auth_bearer_token()
            assert r.status_code == 200
            spec = RequestSpec(
                "POST", "default", "/echo", json_body={}, has_json_body=True
            )
            srv.fault(target="api", kind="503", retryAfter=0).raise_for_status()
            with pytest.raises(APIException):
                await AsyncBaseController(client._context)._execute(spec, json_body)
            srv.fault(target="api", kind="503", retryAfter=0).raise_for_status()
            ok = await AsyncBaseController(client._context)._execute(
                spec, json_body, {"idempotency_key": "k-async"}
            )
            assert ok.status_code == 200

    asyncio.run(main())
    assert len(api_hits(srv)) == 3
    assert [e.get("idempotencyKey") for e in api_hits(srv, "/echo")] == [
        None,
        "k-async",
        "k-async",
    ]


def test_issue_12_retry_after_date_parsing() -> None:
    from multiauthsample.http.retry import retry_after_seconds

    now = time.time()
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert 28 <= (retry_after_seconds({"retry-after": date}, now) or 0) <= 31
    assert retry_after_seconds({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0
    assert retry_after_seconds({"retry-after": "7"}) == 7
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({"retry-after-ms": "250", "retry-after": "9"}) == 0.25


def test_issue_12_async_twins_of_sign_out_and_metadata(srv: TestServer) -> None:
    import multiauthsample

    async def main() -> None:
        async with async_ropcg(srv, []) as client:
            await client.o_auth_ropcg.fetch_token()
            assert client.o_auth_ropcg.token is not None
            # the sample spec has no revocation endpoint: signed out locally, then a typed error
            with pytest.raises(multiauthsample.SdkException):
                await client.o_auth_ropcg.revoke_token()
            assert client.o_auth_ropcg.token is None
            assert await client.o_auth_ropcg.discover() is None

    asyncio.run(main())
