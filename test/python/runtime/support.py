"""What a generated package adds on top of the static runtime, written by hand for tests."""

from __future__ import annotations

import json
import threading
import time
from enum import Enum
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import parse_qsl

import httpx

from rtpkg.http.api_context import ApiContext
from rtpkg.http.auth._grants import (
    AuthorizationCodeCredentials,
    AuthorizationCodeGrant,
    ClientCredentialsCredentials,
    ClientCredentialsGrant,
    PasswordCredentials,
    PasswordGrant,
)
from rtpkg.http.transport import Transport

BASE = "http://127.0.0.1:9999"
TOKEN_PATH = "/oauth2/non-auth-server/token"


class Scope(str, Enum):
    READ_SCOPE = "file_requests.read"


class ACGCreds(AuthorizationCodeCredentials):
    __slots__ = ()
    ENV_PREFIX = "O_AUTH_ACG_"
    SCOPE_ENUM = Scope


class ACG(AuthorizationCodeGrant):
    SCHEME_NAME = "OAuthACG"
    AUTHORIZATION_URL = "/oauth/authorize"
    TOKEN_URL = TOKEN_PATH
    REFRESH_URL = TOKEN_PATH


class ROPCGCreds(PasswordCredentials):
    __slots__ = ()
    ENV_PREFIX = "O_AUTH_ROPCG_"


class ROPCG(PasswordGrant):
    SCHEME_NAME = "OAuthROPCG"
    TOKEN_URL = TOKEN_PATH


class CCGCreds(ClientCredentialsCredentials):
    __slots__ = ()
    ENV_PREFIX = "O_AUTH_CCG_"


class CCG(ClientCredentialsGrant):
    SCHEME_NAME = "OAuthCCG"
    TOKEN_URL = "/request_token"
    SERVER_NAME = "auth"


class FakeServer:
    """A scripted token endpoint + API behind httpx.MockTransport; records every request."""

    def __init__(self) -> None:
        self.requests: List[httpx.Request] = []
        self.token_responses: List[Callable[[httpx.Request], httpx.Response]] = []
        self.api_responses: List[Callable[[httpx.Request], httpx.Response]] = []
        self.counter = 0
        self.lock = threading.Lock()
        self.delay = 0.0

    def issue(
        self, expires_in: Any = 3600, refresh: Optional[str] = "auto", **extra: Any
    ) -> Callable[[httpx.Request], httpx.Response]:
        def respond(request: httpx.Request) -> httpx.Response:
            with self.lock:
                self.counter += 1
                n = self.counter
            body: Dict[str, Any] = {
                "access_token": f"access-token-number-{n:04d}",
                "token_type": "Bearer",
            }
            if expires_in is not None:
                body["expires_in"] = expires_in
            if refresh == "auto":
                body["refresh_token"] = f"refresh-token-number-{n:04d}"
            elif refresh is not None:
                body["refresh_token"] = refresh
            body.update(extra)
            return httpx.Response(200, json=body)

        return respond

    def handler(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.requests.append(request)
        if self.delay:
            time.sleep(self.delay)
        if request.url.path.endswith(("/token", "/request_token")):
            if self.token_responses:
                with self.lock:
                    respond = (
                        self.token_responses.pop(0)
                        if len(self.token_responses) > 1
                        else self.token_responses[0]
                    )
                return respond(request)
            return self.issue()(request)
        if self.api_responses:
            with self.lock:
                respond = (
                    self.api_responses.pop(0)
                    if len(self.api_responses) > 1
                    else self.api_responses[0]
                )
            return respond(request)
        return httpx.Response(200, text="ok")

    def token_requests(self) -> List[httpx.Request]:
        return [
            r
            for r in self.requests
            if r.url.path.endswith(("/token", "/request_token"))
        ]

    def api_requests(self) -> List[httpx.Request]:
        return [
            r
            for r in self.requests
            if not r.url.path.endswith(("/token", "/request_token"))
        ]


def form_of(request: httpx.Request) -> Dict[str, str]:
    return dict(parse_qsl(request.content.decode()))


def make_context(
    server: FakeServer,
    base: str = BASE,
    allow_insecure_http: bool = False,
    timeout: float = 5,
) -> ApiContext:
    client = httpx.Client(transport=httpx.MockTransport(server.handler))
    servers = {"default": base, "auth": base + "/oauth2/auth-server"}
    return ApiContext(
        Transport(timeout, client),
        lambda name: servers[name],
        servers.keys(),
        allow_insecure_http=allow_insecure_http,
    )


def json_response(
    status: int, body: Any, headers: Optional[Dict[str, str]] = None
) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={"content-type": "application/json", **(headers or {})},
    )


def text_response(
    status: int, text: str, content_type: str = "text/plain"
) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(
        status, content=text.encode(), headers={"content-type": content_type}
    )
