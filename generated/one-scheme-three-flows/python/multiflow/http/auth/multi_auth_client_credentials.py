"""multiAuth clientCredentials: OAuth 2 Client Credentials Grant."""

from __future__ import annotations

from . import _grants


class MultiAuthClientCredentialsCredentials(_grants.ClientCredentialsCredentials):
    """Credentials of the multiAuth scheme (OAuth 2 Client Credentials Grant)."""

    __slots__ = ()
    ENV_PREFIX = "MULTI_AUTH_CLIENT_CREDENTIALS_"


class MultiAuthClientCredentials(_grants.ClientCredentialsGrant):
    """Manager of the multiAuth scheme (OAuth 2 Client Credentials Grant)."""

    SCHEME_NAME = "multiAuth"
    TOKEN_URL = "/oauth/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
