"""Helpers building clients of the generated `multiauthsample` package for the test server."""

from __future__ import annotations

import re
from typing import Any, List

from multiauthsample import (
    Configuration,
    MultiauthsampleClient,
    OAuthACGCredentials,
    OAuthROPCGCredentials,
    Server,
)

REDIRECT = "http://127.0.0.1:8765/callback"


def config_for(url: str, **kw: Any) -> Configuration:
    return Configuration(
        base_urls={Server.DEFAULT: url, Server.AUTH: url + "/oauth2/auth-server"}, **kw
    )


def acg_client(
    url: str,
    updates: List[Any],
    client_id: str = "acg-client",
    secret: Any = "acg-secret",
    **kw: Any,
) -> MultiauthsampleClient:
    creds = OAuthACGCredentials(
        o_auth_client_id=client_id,
        o_auth_client_secret=secret,
        o_auth_redirect_uri=REDIRECT,
        o_auth_scopes=["file_requests.read"],
        o_auth_on_token_update=updates.append,
        **kw,
    )
    return MultiauthsampleClient(config_for(url), o_auth_acg_credentials=creds)


def ropcg_client(
    url: str,
    updates: List[Any],
    password: str = "alice-password",
    timeout: float = 10,
    **kw: Any,
) -> MultiauthsampleClient:
    creds = OAuthROPCGCredentials(
        o_auth_client_id="ropcg-client",
        o_auth_client_secret="ropcg-secret",
        o_auth_username="alice",
        o_auth_password=password,
        o_auth_on_token_update=updates.append,
        **kw,
    )
    return MultiauthsampleClient(
        config_for(url, timeout=timeout), o_auth_ropcg_credentials=creds
    )


def snake(name: str) -> str:
    """The Python method name grantgen gives an operationId (OAuthACG-style acronyms kept)."""
    words = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+", name)
    return "_".join(w.lower() for w in words)
