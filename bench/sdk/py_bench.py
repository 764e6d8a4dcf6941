"""SDK runtime benchmark for the generated Python SDK (run by bench/sections/runtime.mjs).

Env: BENCH_URL (test server root, for /__control), BENCH_SDK_URL (the URL the SDK calls: the sample
spec's Testing server, http://localhost:3000; the raw calls use it too, so both sides share one
origin), BENCH_PKG (package name), BENCH_CALLS, BENCH_ROUNDS, BENCH_CONCURRENCY.
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
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

URL = os.environ["BENCH_URL"].rstrip("/")
SDK_URL = os.environ.get("BENCH_SDK_URL", "http://localhost:3000").rstrip("/")
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


DESIGN = "per-call, rotating order, A/A control"
SIDES = ("sdk", "raw", "control")
# The six orders of the three sides: cycling through them puts every side in every position, and
# after every other side, equally often (a side's time depends on what ran just before it).
ORDERS = (
    ("sdk", "raw", "control"),
    ("raw", "control", "sdk"),
    ("control", "sdk", "raw"),
    ("sdk", "control", "raw"),
    ("control", "raw", "sdk"),
    ("raw", "sdk", "control"),
)
WARMUP = 200  # iterations (one call of each side) before anything is timed


def round_figures(times: dict, out: dict) -> None:
    """Append one round's mean and median us/call of every side to `out`."""
    for side in SIDES:
        out[f"{side}Us"].append(statistics.fmean(times[side]))
        out[f"{side}MedianUs"].append(statistics.median(times[side]))


def empty_figures() -> dict:
    return {f"{side}{kind}": [] for side in SIDES for kind in ("Us", "MedianUs")}


def timed_rounds(fns: dict) -> dict:
    """ROUNDS rounds of CALLS iterations; each iteration calls every side once, in the next of
    ORDERS, and times each call on its own. Timing blocks of calls of one side instead was biased
    on a shared VM (a block following a block of the same kind ran slower): an A/A pair measured
    1.04-1.07x there."""
    out = empty_figures()
    it = 0
    for _ in range(WARMUP):
        for side in ORDERS[it % len(ORDERS)]:
            fns[side]()
        it += 1
    clock = time.perf_counter
    for _ in range(ROUNDS):
        times = {side: [] for side in SIDES}
        for _ in range(CALLS):
            for side in ORDERS[it % len(ORDERS)]:
                fn = fns[side]
                t0 = clock()
                fn()
                times[side].append((clock() - t0) * 1e6)
            it += 1
        round_figures(times, out)
    return out


async def async_timed_rounds(fns: dict) -> dict:
    """The async twin of `timed_rounds` (each call awaited on its own)."""
    out = empty_figures()
    it = 0
    for _ in range(WARMUP):
        for side in ORDERS[it % len(ORDERS)]:
            await fns[side]()
        it += 1
    clock = time.perf_counter
    for _ in range(ROUNDS):
        times = {side: [] for side in SIDES}
        for _ in range(CALLS):
            for side in ORDERS[it % len(ORDERS)]:
                fn = fns[side]
                t0 = clock()
                await fn()
                times[side].append((clock() - t0) * 1e6)
            it += 1
        round_figures(times, out)
    return out


def raw_caller(http: httpx.Client, headers: dict):
    """A raw httpx call of the operation on the URL the SDK calls (one per side: raw and control)."""

    def raw():
        r = http.get(SDK_URL + OP_PATH, headers=headers)
        r.raise_for_status()
        return r.json()

    return raw


def async_raw_caller(http: httpx.AsyncClient, headers: dict):
    async def raw():
        r = await http.get(SDK_URL + OP_PATH, headers=headers)
        r.raise_for_status()
        return r.json()

    return raw


def sequential() -> dict:
    token = make_client().o_auth_ropcg.fetch_token()
    call = operation(make_client(token=token))
    headers = {"Authorization": f"Bearer {token.access_token}", "Accept": "application/json"}
    # raw and the A/A control: two identical httpx clients (the SDK holds its own client too)
    clients = [httpx.Client(timeout=30), httpx.Client(timeout=30)]
    fns = {"sdk": call, "raw": raw_caller(clients[0], headers), "control": raw_caller(clients[1], headers)}
    for side in ("raw", "control"):
        if not isinstance(fns[side](), dict):
            raise RuntimeError(f"{side} call did not return a JSON object")
    before = len(control("GET", "/__control/log"))
    for _ in range(20):
        call()
    hits = [e for e in control("GET", "/__control/log")[before:] if e.get("path") == OP_PATH]
    if len(hits) < 20:
        raise RuntimeError(f"20 SDK calls reached the server {len(hits)} times")
    out = timed_rounds(fns)
    for c in clients:
        c.close()
    return {**out, "calls": CALLS, "warmup": WARMUP, "url": SDK_URL, "design": DESIGN}


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
    headers = {"Authorization": f"Bearer {token.access_token}", "Accept": "application/json"}
    clients = [httpx.AsyncClient(timeout=30), httpx.AsyncClient(timeout=30)]
    fns = {"sdk": call, "raw": async_raw_caller(clients[0], headers), "control": async_raw_caller(clients[1], headers)}
    for side in ("raw", "control"):
        if not isinstance(await fns[side](), dict):
            raise RuntimeError(f"async {side} call did not return a JSON object")
    before = len(control("GET", "/__control/log"))
    for _ in range(20):
        await call()
    hits = [e for e in control("GET", "/__control/log")[before:] if e.get("path") == OP_PATH]
    if len(hits) < 20:
        raise RuntimeError(f"20 async SDK calls reached the server {len(hits)} times")
    out = await async_timed_rounds(fns)
    for c in clients:
        await c.aclose()
    await client.aclose()
    return {**out, "calls": CALLS, "warmup": WARMUP, "url": SDK_URL, "design": DESIGN}


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
