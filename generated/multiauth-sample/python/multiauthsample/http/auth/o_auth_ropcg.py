"""OAuthROPCG: OAuth 2 Resource Owner Credentials Grant."""

from __future__ import annotations

from . import _grants


class OAuthROPCGCredentials(_grants.PasswordCredentials):
    """Credentials of the OAuthROPCG scheme (OAuth 2 Resource Owner Credentials Grant)."""

    __slots__ = ()
    ENV_PREFIX = "O_AUTH_ROPCG_"


class OAuthROPCG(_grants.PasswordGrant):
    """Manager of the OAuthROPCG scheme (OAuth 2 Resource Owner Credentials Grant)."""

    SCHEME_NAME = "OAuthROPCG"
    TOKEN_URL = "/oauth2/non-auth-server/token"
    REFRESH_URL = "/oauth2/non-auth-server/token"
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
