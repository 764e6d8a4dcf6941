"""The shared OAuth scenarios (test/scenarios/oauth-scenarios.json) against the real server."""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import threading
import time
from typing import Any, Dict, List, Optional
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import pytest
from conftest import ROOT, SCANNER, TestServer
from sdk import REDIRECT, config_for, snake

import multiauthsample
import multiflowservers
from multiauthsample import (
    AsyncMultiauthsampleClient,
    MultiauthsampleClient,
    OAuthACGCredentials,
    OAuthROPCGCredentials,
)
from multiflowservers import (
    AsyncMultiflowserversClient,
    MultiflowserversClient,
    Oauth2AuthorizationCodeCredentials,
    Oauth2PasswordCredentials,
)

DATA = json.load(
    open(
        os.path.join(ROOT, "test", "scenarios", "oauth-scenarios.json"),
        encoding="utf-8",
    )
)
FIX = DATA["fixtures"]
MF = FIX["multiFlow"]


class Run:
    """Runs one scenario with the sync client, or (is_async) with the async client: every
    awaitable a step produces is awaited on one event loop per scenario."""

    def __init__(self, srv: TestServer, is_async: bool = False) -> None:
        self.srv = srv
        self.is_async = is_async
        self.loop = asyncio.new_event_loop() if is_async else None
        self.client: Any = None
        self.sdk = "sample"
        self.grant = ""
        self.updates: List[Any] = []
        self.request: Any = None
        self.callback = ""
        self.baseline = 0
        self.texts: List[str] = []
        self.secrets: List[str] = [
            FIX["acg"]["clientSecret"],
            FIX["ropcg"]["clientSecret"],
            FIX["ropcg"]["password"],
            FIX["oddClient"]["clientSecret"],
        ]

    @property
    def op(self) -> Dict[str, str]:
        operation: Dict[str, str] = (MF if self.sdk == "multiFlow" else FIX)[
            "protectedOperation"
        ]
        return operation

    def wait(self, value: Any) -> Any:
        """The value, awaited first when it is awaitable (async client)."""
        if inspect.isawaitable(value):
            assert self.loop is not None, "a sync client returned an awaitable"
            return self.loop.run_until_complete(value)
        return value

    def close(self) -> None:
        if self.loop is not None:
            if self.client is not None:
                self.loop.run_until_complete(self.client.aclose())
            self.loop.close()

    @property
    def manager(self) -> Any:
        assert self.client is not None
        if self.sdk == "multiFlow":
            # one manager per flow of the scheme `oauth2`
            return (
                self.client.oauth2_authorization_code
                if self.grant == "acg"
                else self.client.oauth2_password
            )
        return (
            self.client.o_auth_acg if self.grant == "acg" else self.client.o_auth_ropcg
        )

    def access_token(self) -> Optional[str]:
        token = self.manager.token if self.client else None
        return token.access_token if token else None

    def log_since(self) -> List[Dict[str, Any]]:
        return self.srv.log()[self.baseline :]

    def build_multi_flow(self, step: Dict[str, Any], options: Dict[str, Any]) -> None:
        """The client of specs/multi-flow-servers.yaml: spec URLs, only the port variable set."""
        port = str(httpx.URL(self.srv.url).port)
        if self.grant == "acg":
            acg = Oauth2AuthorizationCodeCredentials(
                o_auth_client_id=FIX["acg"]["clientId"],
                o_auth_client_secret=FIX["acg"]["clientSecret"],
                o_auth_redirect_uri=REDIRECT,
                o_auth_scopes=FIX["acg"]["scopes"],
                **options,
            )
            self.client = self.multi_flow_class()(
                port=port, oauth2_authorization_code_credentials=acg
            )
        else:
            ropcg = Oauth2PasswordCredentials(
                o_auth_client_id=FIX["ropcg"]["clientId"],
                o_auth_client_secret=FIX["ropcg"]["clientSecret"],
                o_auth_username=FIX["ropcg"]["username"],
                o_auth_password=step.get("password", FIX["ropcg"]["password"]),
                **options,
            )
            self.client = self.multi_flow_class()(
                port=port, oauth2_password_credentials=ropcg
            )

    def multi_flow_class(self) -> Any:
        return AsyncMultiflowserversClient if self.is_async else MultiflowserversClient

    def client_class(self) -> Any:
        return AsyncMultiauthsampleClient if self.is_async else MultiauthsampleClient

    def build(self, step: Dict[str, Any]) -> None:
        self.grant = step["grant"]
        self.sdk = step.get("sdk", "sample")
        if self.sdk == "multiFlow":
            self.build_multi_flow(step, {"o_auth_on_token_update": self.updates.append})
            return
        fixture = FIX[step.get("fixture", self.grant)]
        options: Dict[str, Any] = {"o_auth_on_token_update": self.updates.append}
        if "clientAuth" in step:
            options["o_auth_client_auth"] = step["clientAuth"]
        if "clockSkew" in step:
            options["o_auth_clock_skew"] = step["clockSkew"]
        config = config_for(self.srv.url, timeout=step.get("timeoutSeconds", 10))
        if self.grant == "acg":
            if "pkce" in step:
                options["o_auth_use_pkce"] = step["pkce"]
            if "issuer" in step:
                options["o_auth_issuer"] = step["issuer"]
            creds = OAuthACGCredentials(
                o_auth_client_id=fixture["clientId"],
                o_auth_client_secret=fixture.get("clientSecret"),
                o_auth_redirect_uri=REDIRECT,
                o_auth_scopes=FIX["acg"]["scopes"],
                **options,
            )
            self.client = self.client_class()(config, o_auth_acg_credentials=creds)
        else:
            creds2 = OAuthROPCGCredentials(
                o_auth_client_id=fixture["clientId"],
                o_auth_client_secret=fixture.get("clientSecret"),
                o_auth_username=FIX["ropcg"]["username"],
                o_auth_password=step.get("password", FIX["ropcg"]["password"]),
                **options,
            )
            self.client = self.client_class()(config, o_auth_ropcg_credentials=creds2)

    def call(self, op: Dict[str, str]) -> Any:
        assert self.client is not None
        controller = getattr(self.client, snake(op["tag"]))
        return self.wait(getattr(controller, snake(op["operationId"]))())

    def call_api(self) -> Any:
        return self.call(self.op)

    def step(self, step: Dict[str, Any]) -> Any:
        kind = step["do"]
        if kind == "settings":
            self.srv.settings(**step["body"])
        elif kind == "fault":
            response = self.srv.fault(**step["body"])
            if response.status_code >= 400:
                pytest.skip(f"server rejects fault {step['body']}: {response.text}")
        elif kind == "client":
            self.build(step)
        elif kind == "authorizationRequest":
            self.request = self.manager.authorization_request()
            return self.request
        elif kind == "consent":
            self.callback = self.srv.consent(
                self.request.url, step.get("user", "alice"), step["decision"]
            )
        elif kind == "tamperCallback":
            parts = urlsplit(self.callback)
            query = dict(parse_qsl(parts.query))
            if step.get("dropState"):
                query.pop("state", None)
            if "state" in step:
                query["state"] = step["state"]
            if "iss" in step:
                query["iss"] = step["iss"]
            self.callback = urlunsplit(parts._replace(query=urlencode(query)))
        elif kind == "fetchTokenFromCallback":
            return self.wait(
                self.manager.fetch_token_from_callback(
                    self.callback, self.request.state, self.request.code_verifier
                )
            )
        elif kind == "fetchTokenWithCode":
            code = parse_qs(urlsplit(self.callback).query)["code"][0]
            return self.wait(
                self.manager.fetch_token(code, code_verifier=self.request.code_verifier)
            )
        elif kind == "fetchToken":
            return self.wait(self.manager.fetch_token())
        elif kind == "refresh":
            return self.wait(self.manager.refresh_token())
        elif kind == "expireToken":
            token = self.manager.token
            changes: Dict[str, Any] = {"expiry": int(time.time()) - 10}
            expired = token.copy_with(**changes)
            if step.get("dropRefreshToken"):
                expired.refresh_token = None
            self.wait(self.manager.set_token(expired))
        elif kind == "callApi":
            threads = step.get("threads", 1)
            if threads == 1:
                return self.call_api()
            if self.is_async:
                # N concurrent tasks on one event loop (the async twin of N threads)
                controller = getattr(self.client, snake(self.op["tag"]))
                operation = getattr(controller, snake(self.op["operationId"]))

                async def many() -> List[Any]:
                    return list(
                        await asyncio.gather(*(operation() for _ in range(threads)))
                    )

                return self.wait(many())[0]
            results: List[Any] = []
            errors: List[BaseException] = []

            def worker() -> None:
                try:
                    results.append(self.call_api())
                except BaseException as exc:  # noqa: BLE001
                    errors.append(exc)

            pool = [threading.Thread(target=worker) for _ in range(threads)]
            for t in pool:
                t.start()
            for t in pool:
                t.join()
            if errors:
                raise errors[0]
            return results[0]
        elif kind == "callOperations":
            return [self.call(op) for op in MF["operations"]]
        elif kind == "revoke":
            self.srv.revoke()
        elif kind == "clearLog":
            self.baseline = len(self.srv.log())
        else:
            raise AssertionError(f"unknown step {kind}")
        return None

    def check(self, step: Dict[str, Any]) -> None:
        expect = step.get("expect", {})
        before_token = self.access_token() if self.client else None
        before_log = len(self.srv.log())
        result: Any = None
        error: Optional[BaseException] = None
        try:
            result = self.step(step)
        except pytest.skip.Exception:
            raise
        except Exception as exc:  # noqa: BLE001
            error = exc
            self.texts += [str(exc), repr(exc)]
        if not expect:
            if error is not None:
                raise error
            return
        if "error" in expect:
            assert error is not None, (
                f"{step['do']}: expected {expect['error']}, got {result!r}"
            )
            names = [c.__name__ for c in type(error).__mro__]
            assert expect["error"] in names, (
                f"{step['do']}: expected {expect['error']}, got {type(error).__name__}: {error}"
            )
            package = multiflowservers if self.sdk == "multiFlow" else multiauthsample
            assert getattr(package, expect["error"]) is not None  # SDK-owned, exported
            if "errorCode" in expect:
                assert getattr(error, "error_code", None) == expect["errorCode"], error
        elif error is not None:
            raise error
        if "status" in expect:
            status = (
                getattr(error, "status_code", None)
                if error is not None
                else getattr(result, "status_code", None)
            )
            assert status == expect["status"]
        log = self.log_since()
        if expect.get("noNetwork"):
            assert len(self.srv.log()) == before_log, self.srv.log()[before_log:]
        if "tokenKept" in expect:
            assert self.access_token() == before_token
        if "tokenChanged" in expect:
            assert self.access_token() != before_token
        if "tokenRequests" in expect:
            assert (
                len([e for e in log if e.get("grantType")]) == expect["tokenRequests"]
            ), log
        if "apiRequests" in expect:
            assert (
                len([e for e in log if e.get("path") == self.op["path"]])
                == expect["apiRequests"]
            ), log
        if "updateCallbacks" in expect:
            assert len(self.updates) == expect["updateCallbacks"]
        if "clientAuth" in expect:
            last = [e for e in log if e.get("grantType")][-1]
            assert last["clientAuth"] == expect["clientAuth"]
        if "apiPaths" in expect:
            during = self.srv.log()[before_log:]
            assert [e["path"] for e in during if not e.get("grantType")] == expect[
                "apiPaths"
            ], during
        if "urlQuery" in expect:
            query = {k: v[0] for k, v in parse_qs(urlsplit(result.url).query).items()}
            for key, value in expect["urlQuery"].items():
                assert key in query, key
                if value != "*":
                    assert query[key] == value, (key, query[key])
            if "redirect_uri" in query:
                assert query["redirect_uri"] == REDIRECT


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(
    "scenario", DATA["scenarios"], ids=[s["name"] for s in DATA["scenarios"]]
)
def test_scenario(srv: TestServer, scenario: Dict[str, Any], mode: str) -> None:
    run = Run(srv, is_async=mode == "async")
    try:
        for step in scenario["steps"]:
            run.check(step)
    finally:
        run.close()
    # Secret scan: exception texts, reprs and SDK log lines never show a secret or token.
    issued = (
        [run.access_token() or ""]
        + [t.access_token for t in run.updates]
        + [t.refresh_token or "" for t in run.updates]
    )
    texts = run.texts + SCANNER.texts
    if run.client is not None:
        texts += [
            repr(run.client),
            repr(run.client.config),
            repr(run.manager),
            str(run.manager.token),
        ]
    if run.request is not None:
        texts.append(repr(run.request))
    for secret in [s for s in run.secrets + issued if s and len(s) >= 8]:
        for text in texts:
            assert secret not in text, (secret, text)
