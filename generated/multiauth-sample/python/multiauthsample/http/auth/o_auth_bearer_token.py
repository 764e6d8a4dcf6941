"""OAuthBearerToken: Bearer token."""

from __future__ import annotations

from . import _simple


class OAuthBearerTokenCredentials(_simple.BearerCredentials):
    """Credentials of the OAuthBearerToken scheme (Bearer token)."""

    __slots__ = ()
    ENV_PREFIX = "O_AUTH_BEARER_TOKEN_"


class OAuthBearerToken(_simple.BearerAuthManager):
    """Manager of the OAuthBearerToken scheme (Bearer token)."""

    SCHEME_NAME = "OAuthBearerToken"
