"""OAuthACG: OAuth 2 Authorization Code Grant."""

from __future__ import annotations

from ...models.o_auth_scope_o_auth_acg_enum import OAuthScopeOAuthACGEnum
from . import _grants


class OAuthACGCredentials(_grants.AuthorizationCodeCredentials):
    """Credentials of the OAuthACG scheme (OAuth 2 Authorization Code Grant)."""

    __slots__ = ()
    ENV_PREFIX = "O_AUTH_ACG_"
    SCOPE_ENUM = OAuthScopeOAuthACGEnum


class OAuthACG(_grants.AuthorizationCodeGrant):
    """Manager of the OAuthACG scheme (OAuth 2 Authorization Code Grant)."""

    SCHEME_NAME = "OAuthACG"
    AUTHORIZATION_URL = "/oauth/authorize"
    TOKEN_URL = "/oauth2/non-auth-server/token"
    REFRESH_URL = "/oauth2/non-auth-server/token"
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
    USE_PKCE = True
    ISSUER = None
