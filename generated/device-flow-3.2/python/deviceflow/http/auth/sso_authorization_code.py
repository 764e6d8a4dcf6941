"""sso authorizationCode: OAuth 2 Authorization Code Grant."""

from __future__ import annotations

from ...models.o_auth_scope_sso_authorization_code_enum import (
    OAuthScopeSsoAuthorizationCodeEnum,
)
from . import _discovery, _grants


class SsoAuthorizationCodeCredentials(_discovery.AuthorizationCodeDiscoveryCredentials):
    """Credentials of the sso scheme (OAuth 2 Authorization Code Grant).

    Endpoints discovered from RFC 8414 metadata; the static ones are only a fallback.
    """

    __slots__ = ()
    ENV_PREFIX = "SSO_AUTHORIZATION_CODE_"
    SCOPE_ENUM = OAuthScopeSsoAuthorizationCodeEnum


class SsoAuthorizationCode(_grants.AuthorizationCodeGrant):
    """Manager of the sso scheme (OAuth 2 Authorization Code Grant)."""

    SCHEME_NAME = "sso"
    AUTHORIZATION_URL = "/static/authorize"
    TOKEN_URL = "/static/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
    USE_PKCE = True
    ISSUER = None
    METADATA_URL = "/.well-known/oauth-authorization-server"
    METADATA_SERVER_NAME = "default"
