"""multiAuth password: OAuth 2 Resource Owner Credentials Grant."""

from __future__ import annotations

from ...models.o_auth_scope_multi_auth_password_enum import (
    OAuthScopeMultiAuthPasswordEnum,
)
from . import _grants


class MultiAuthPasswordCredentials(_grants.PasswordCredentials):
    """Credentials of the multiAuth scheme (OAuth 2 Resource Owner Credentials Grant)."""

    __slots__ = ()
    ENV_PREFIX = "MULTI_AUTH_PASSWORD_"
    SCOPE_ENUM = OAuthScopeMultiAuthPasswordEnum


class MultiAuthPassword(_grants.PasswordGrant):
    """Manager of the multiAuth scheme (OAuth 2 Resource Owner Credentials Grant)."""

    SCHEME_NAME = "multiAuth"
    TOKEN_URL = "/oauth/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
