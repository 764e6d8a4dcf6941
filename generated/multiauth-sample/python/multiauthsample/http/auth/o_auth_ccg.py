"""OAuthCCG: OAuth 2 Client Credentials Grant."""

from __future__ import annotations

from . import _grants


class OAuthCCGCredentials(_grants.ClientCredentialsCredentials):
    """Credentials of the OAuthCCG scheme (OAuth 2 Client Credentials Grant)."""

    __slots__ = ()
    ENV_PREFIX = "O_AUTH_CCG_"


class OAuthCCG(_grants.ClientCredentialsGrant):
    """Manager of the OAuthCCG scheme (OAuth 2 Client Credentials Grant)."""

    SCHEME_NAME = "OAuthCCG"
    TOKEN_URL = "/request_token"
    REFRESH_URL = None
    SERVER_NAME = "auth"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
