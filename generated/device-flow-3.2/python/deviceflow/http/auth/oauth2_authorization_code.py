"""oauth2 authorizationCode: OAuth 2 Authorization Code Grant."""

from __future__ import annotations

from ...models.o_auth_scope_oauth2_authorization_code_enum import (
    OAuthScopeOauth2AuthorizationCodeEnum,
)
from . import _grants


class Oauth2AuthorizationCodeCredentials(_grants.AuthorizationCodeCredentials):
    """Credentials of the oauth2 scheme (OAuth 2 Authorization Code Grant).

    Static endpoints; revocation through `x-revocation-url`.
    """

    __slots__ = ()
    ENV_PREFIX = "OAUTH2_AUTHORIZATION_CODE_"
    SCOPE_ENUM = OAuthScopeOauth2AuthorizationCodeEnum


class Oauth2AuthorizationCode(_grants.AuthorizationCodeGrant):
    """Manager of the oauth2 scheme (OAuth 2 Authorization Code Grant)."""

    SCHEME_NAME = "oauth2"
    AUTHORIZATION_URL = "/oauth/authorize"
    TOKEN_URL = "/oauth2/non-auth-server/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
    USE_PKCE = True
    ISSUER = None
    REVOCATION_URL = "/oauth2/revoke"
