"""zooAuth: OAuth 2 Authorization Code Grant."""

from __future__ import annotations

from ...models.o_auth_scope_zoo_auth_enum import OAuthScopeZooAuthEnum
from . import _grants


class ZooAuthCredentials(_grants.AuthorizationCodeCredentials):
    """Credentials of the zooAuth scheme (OAuth 2 Authorization Code Grant).

    OAuth 2 with every kind of scope spelling.
    """

    __slots__ = ()
    ENV_PREFIX = "ZOO_AUTH_"
    SCOPE_ENUM = OAuthScopeZooAuthEnum


class ZooAuth(_grants.AuthorizationCodeGrant):
    """Manager of the zooAuth scheme (OAuth 2 Authorization Code Grant)."""

    SCHEME_NAME = "zooAuth"
    AUTHORIZATION_URL = "https://auth.scope-zoo.example/authorize"
    TOKEN_URL = "https://auth.scope-zoo.example/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
    USE_PKCE = True
    ISSUER = None
