"""SDK runtime benchmark for the generated Python SDK (run by bench/sections/runtime.mjs).

Env: BENCH_URL (test server root), BENCH_PKG (package name), BENCH_CALLS, BENCH_ROUNDS, BENCH_CONCURRENCY.
Prints one JSON object on stdout. Uses the documented surface: MultiauthsampleClient with
OAuthROPCGCredentials, client.o_auth_ropcg.fetch_token(), the Authentication controller's
o_auth_authorization_grant() (GET /oauth2/non-auth-server/user, accepts a ROPCG token).
"""
from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

URL = os.environ["BENCH_URL"].rstrip("/")
PKG = os.environ.get("BENCH_PKG", "multiauthsample")
CALLS = int(os.environ.get("BENCH_CALLS", "500"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "100"))
OP_PATH = "/oauth2/non-auth-server/user"
ROPCG = dict(
    o_auth_client_id="ropcg-client",
    o_auth_client_secret="ropcg-secret",
    o_auth_username="alice",
    o_auth_password="alice-password",
)


def control(method: str, path: str, body: object = None) -> object:
    r = httpx.request(method, URL + path, json=body, timeout=10)
    r.raise_for_status()
    return r.json() if r.content else None


def load():
    client_mod = importlib.import_module(f"{PKG}.{PKG}_client")
    client_cls = next(
        v
        for k, v in vars(client_mod).items()
        if inspect.isclass(v) and k.endswith("Client") and not k.startswith("Async") and v.__module__ == client_mod.__name__
    )
    env = importlib.import_module(f"{PKG}.configuration").Environment
    creds = importlib.import_module(f"{PKG}.http.auth.o_auth_ropcg").OAuthROPCGCredentials
    return client_cls, env, creds


def async_client_cls():
    """The package's Async<Client> (issue 12), or None."""
    client_mod = importlib.import_module(f"{PKG}.{PKG}_client")
    sync_cls = load()[0]
    return getattr(client_mod, "Async" + sync_cls.__name__, None)


def environment(env):
    # The sample spec's TESTING environment is http://localhost:3000 (the bench starts the server there).
    return getattr(env, "TESTING")


def make_client(token=None, on_update=None):
    client_cls, env, creds = load()
    kw = dict(ROPCG)
    if token is not None:
        kw["o_auth_token"] = token
    if on_update is not None:
        kw["o_auth_on_token_update"] = on_update
    return client_cls(o_auth_ropcg_credentials=creds(**kw), environment=environment(env))


def operation(client):
    for name in dir(client):
        if name.startswith("_"):
            continue
        ctl = getattr(client, name, None)
        fn = getattr(ctl, "o_auth_authorization_grant", None)
        if callable(fn):
            return fn
    raise RuntimeError("no controller with o_auth_authorization_grant() on the client")


CHUNK = 25  # calls per side before switching (see interleaved_round)


def interleaved_round(raw, sdk, n: int, raw_first: bool):
    """One round of `n` calls per side, alternating sides every CHUNK calls (the first side
    alternating too), so that both sides see the same machine load: on a shared machine a
    block of n calls of one side and then n of the other measures the load drift as much as
    the code. Returns (raw us/call, sdk us/call)."""
    totals = {"raw": 0.0, "sdk": 0.0}
    fns = {"raw": raw, "sdk": sdk}
    done = 0
    first = "raw" if raw_first else "sdk"
    while done < n:
        k = min(CHUNK, n - done)
        second = "sdk" if first == "raw" else "raw"
        for side in (first, second):
            fn = fns[side]
            t0 = time.perf_counter()
            for _ in range(k):
                fn()
            totals[side] += time.perf_counter() - t0
        done += k
        first = second
    return totals["raw"] / n * 1e6, totals["sdk"] / n * 1e6


async def async_interleaved_round(raw, sdk, n: int, raw_first: bool):
    """The async twin of `interleaved_round`."""
    totals = {"raw": 0.0, "sdk": 0.0}
    fns = {"raw": raw, "sdk": sdk}
    done = 0
    first = "raw" if raw_first else "sdk"
    while done < n:
        k = min(CHUNK, n - done)
        second = "sdk" if first == "raw" else "raw"
        for side in (first, second):
            fn = fns[side]
            t0 = time.perf_counter()
            for _ in range(k):
                await fn()
            totals[side] += time.perf_counter() - t0
        done += k
        first = second
    return totals["raw"] / n * 1e6, totals["sdk"] / n * 1e6


def sequential() -> dict:
    token = make_client().o_auth_ropcg.fetch_token()
    call = operation(make_client(token=token))
    http = httpx.Client(timeout=30)
    headers = {"Authorization": f"Bearer {token.access_token}", "Accept": "application/json"}

    def raw():
        r = http.get(URL + OP_PATH, headers=headers)
        r.raise_for_status()
        return r.json()

    if not isinstance(raw(), dict):
        raise RuntimeError("raw call did not return a JSON object")
    before = len(control("GET", "/__control/log"))
    for _ in range(20):
        call()
    hits = [e for e in control("GET", "/__control/log")[before:] if e.get("path") == OP_PATH]
    if len(hits) < 20:
        raise RuntimeError(f"20 SDK calls reached the server {len(hits)} times")
    for _ in range(200):  # warm-up
        raw()
        call()
    sdk_us, raw_us = [], []
    for i in range(ROUNDS):
        r, sdk = interleaved_round(raw, call, CALLS, i % 2 == 0)
        raw_us.append(r)
        sdk_us.append(sdk)
    return {"sdkUs": sdk_us, "rawUs": raw_us, "calls": CALLS, "interleaveChunk": CHUNK}


def concurrent() -> dict:
    control("POST", "/__control/reset")
    control("POST", "/__control/settings", {"accessTokenLifetime": 1})
    token = make_client().o_auth_ropcg.fetch_token()
    if not getattr(token, "refresh_token", None):
        raise RuntimeError("token response carried no refresh_token")
    control("POST", "/__control/settings", {"accessTokenLifetime": 300})
    time.sleep(2.2)  # the held token is now expired (expires_in was 1 s)
    updates = []
    lock = threading.Lock()

    def on_update(t):
        with lock:
            updates.append(t)

    try:
        client = make_client(token=token, on_update=on_update)
    except TypeError:
        client = make_client(token=token)
        updates = None
    call = operation(client)
    before = len(control("GET", "/__control/log"))
    barrier = threading.Barrier(CONCURRENCY)
    errors = []

    def one(_):
        barrier.wait()
        try:
            call()
        except Exception as e:  # noqa: BLE001 - counted and reported
            errors.append(f"{type(e).__name__}: {e}")

    t0 = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(one, range(CONCURRENCY)))
    total_ms = (time.perf_counter() - t0) * 1e3
    log = control("GET", "/__control/log")[before:]
    token_requests = [e for e in log if e.get("grantType")]
    return {
        "calls": CONCURRENCY,
        "totalMs": total_ms,
        "tokenRequests": len(token_requests),
        "grantTypes": sorted({e["grantType"] for e in token_requests}),
        "successes": CONCURRENCY - len(errors),
        "errors": errors[:3],
        "tokenUpdateCallbacks": None if updates is None else len(updates),
    }


def make_async_client(token=None, on_update=None):
    _, env, creds = load()
    kw = dict(ROPCG)
    if token is not None:
        kw["o_auth_token"] = token
    if on_update is not None:
        kw["o_auth_on_token_update"] = on_update
    return async_client_cls()(o_auth_ropcg_credentials=creds(**kw), environment=environment(env))


async def async_sequential_main() -> dict:
    token = make_client().o_auth_ropcg.fetch_token()
    client = make_async_client(token=token)
    call = operation(client)
    http = httpx.AsyncClient(timeout=30)
    headers = {"Authorization": f"Bearer {token.access_token}", "Accept": "application/json"}

    async def raw():
        r = await http.get(URL + OP_PATH, headers=headers)
        r.raise_for_status()
        return r.json()

    if not isinstance(await raw(), dict):
        raise RuntimeError("raw call did not return a JSON object")
    before = len(control("GET", "/__control/log"))
    for _ in range(20):
        await call()
    hits = [e for e in control("GET", "/__control/log")[before:] if e.get("path") == OP_PATH]
    if len(hits) < 20:
        raise RuntimeError(f"20 async SDK calls reached the server {len(hits)} times")
    for _ in range(200):  # warm-up
        await raw()
        await call()
    sdk_us, raw_us = [], []
    for i in range(ROUNDS):
        r, sdk = await async_interleaved_round(raw, call, CALLS, i % 2 == 0)
        raw_us.append(r)
        sdk_us.append(sdk)
    await http.aclose()
    await client.aclose()
    return {"sdkUs": sdk_us, "rawUs": raw_us, "calls": CALLS, "interleaveChunk": CHUNK}


async def async_concurrent_main() -> dict:
    control("POST", "/__control/reset")
    control("POST", "/__control/settings", {"accessTokenLifetime": 1})
    token = make_client().o_auth_ropcg.fetch_token()
    control("POST", "/__control/settings", {"accessTokenLifetime": 300})
    await asyncio.sleep(2.2)  # the held token is now expired (expires_in was 1 s)
    updates = []
    client = make_async_client(token=token, on_update=updates.append)
    call = operation(client)
    before = len(control("GET", "/__control/log"))
    errors = []

    async def one():
        try:
            await call()
        except Exception as e:  # noqa: BLE001 - counted and reported
            errors.append(f"{type(e).__name__}: {e}")

    t0 = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(CONCURRENCY)))
    total_ms = (time.perf_counter() - t0) * 1e3
    await client.aclose()
    log = control("GET", "/__control/log")[before:]
    token_requests = [e for e in log if e.get("grantType")]
    return {
        "calls": CONCURRENCY,
        "totalMs": total_ms,
        "tokenRequests": len(token_requests),
        "grantTypes": sorted({e["grantType"] for e in token_requests}),
        "successes": CONCURRENCY - len(errors),
        "errors": errors[:3],
        "tokenUpdateCallbacks": len(updates),
    }


def main() -> None:
    out = {"python": sys.version.split()[0], "httpx": httpx.__version__}
    try:
        out["sequential"] = sequential()
    except Exception as e:  # noqa: BLE001
        out["sequentialError"] = f"{type(e).__name__}: {e}"
    try:
        out["concurrent"] = concurrent()
    except Exception as e:  # noqa: BLE001
        out["concurrentError"] = f"{type(e).__name__}: {e}"
    if async_client_cls() is not None:
        try:
            out["asyncSequential"] = asyncio.run(async_sequential_main())
        except Exception as e:  # noqa: BLE001
            out["asyncSequentialError"] = f"{type(e).__name__}: {e}"
        try:
            out["asyncConcurrent"] = asyncio.run(async_concurrent_main())
        except Exception as e:  # noqa: BLE001
            out["asyncConcurrentError"] = f"{type(e).__name__}: {e}"
    print(json.dumps(out))


if __name__ == "__main__":
    main()
