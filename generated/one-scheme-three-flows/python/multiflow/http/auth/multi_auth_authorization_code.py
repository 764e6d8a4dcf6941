"""multiAuth authorizationCode: OAuth 2 Authorization Code Grant."""

from __future__ import annotations

from ...models.o_auth_scope_multi_auth_authorization_code_enum import (
    OAuthScopeMultiAuthAuthorizationCodeEnum,
)
from . import _grants


class MultiAuthAuthorizationCodeCredentials(_grants.AuthorizationCodeCredentials):
    """Credentials of the multiAuth scheme (OAuth 2 Authorization Code Grant)."""

    __slots__ = ()
    ENV_PREFIX = "MULTI_AUTH_AUTHORIZATION_CODE_"
    SCOPE_ENUM = OAuthScopeMultiAuthAuthorizationCodeEnum


class MultiAuthAuthorizationCode(_grants.AuthorizationCodeGrant):
    """Manager of the multiAuth scheme (OAuth 2 Authorization Code Grant)."""

    SCHEME_NAME = "multiAuth"
    AUTHORIZATION_URL = "https://login.multi-flow.example/authorize"
    TOKEN_URL = "/oauth/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
    USE_PKCE = True
    ISSUER = None
