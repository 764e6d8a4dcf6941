"""gate-a: OAuth 2 Authorization Code Grant."""

from __future__ import annotations

from ...models.o_auth_scope_gate_a_enum import OAuthScopeGateAEnum
from . import _grants


class GateACredentials(_grants.AuthorizationCodeCredentials):
    """Credentials of the gate-a scheme (OAuth 2 Authorization Code Grant)."""

    __slots__ = ()
    ENV_PREFIX = "GATE_A_"
    SCOPE_ENUM = OAuthScopeGateAEnum


class GateA(_grants.AuthorizationCodeGrant):
    """Manager of the gate-a scheme (OAuth 2 Authorization Code Grant)."""

    SCHEME_NAME = "gate-a"
    AUTHORIZATION_URL = "https://login.two-gates.example/a/authorize"
    TOKEN_URL = "https://login.two-gates.example/a/token"
    REFRESH_URL = "https://login.two-gates.example/a/refresh"
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
    USE_PKCE = True
    ISSUER = None
