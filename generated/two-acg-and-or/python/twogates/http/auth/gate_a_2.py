"""gate_a: OAuth 2 Authorization Code Grant."""

from __future__ import annotations

from ...models.o_auth_scope_gate_a_enum2 import OAuthScopeGateAEnum2
from . import _grants


class GateA2Credentials(_grants.AuthorizationCodeCredentials):
    """Credentials of the gate_a scheme (OAuth 2 Authorization Code Grant).

    A second scheme whose name sanitizes to the same identifier as gate-a.
    """

    __slots__ = ()
    ENV_PREFIX = "GATE_A_"
    SCOPE_ENUM = OAuthScopeGateAEnum2


class GateA2(_grants.AuthorizationCodeGrant):
    """Manager of the gate_a scheme (OAuth 2 Authorization Code Grant)."""

    SCHEME_NAME = "gate_a"
    AUTHORIZATION_URL = "https://login.two-gates.example/b/authorize"
    TOKEN_URL = "https://login.two-gates.example/b/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
    USE_PKCE = False
    ISSUER = None
