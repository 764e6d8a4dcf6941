"""tv: OAuth 2 Device Authorization Grant."""

from __future__ import annotations

from ...models.o_auth_scope_tv_enum import OAuthScopeTvEnum
from . import _device


class TvCredentials(_device.DeviceAuthorizationCredentials):
    """Credentials of the tv scheme (OAuth 2 Device Authorization Grant).

    A TV app signing in on another device (public client).
    """

    __slots__ = ()
    ENV_PREFIX = "TV_"
    SCOPE_ENUM = OAuthScopeTvEnum


class Tv(_device.DeviceAuthorizationGrant):
    """Manager of the tv scheme (OAuth 2 Device Authorization Grant)."""

    SCHEME_NAME = "tv"
    DEVICE_AUTHORIZATION_URL = "/oauth2/device_authorization"
    TOKEN_URL = "/oauth2/non-auth-server/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "none"
    REVOCATION_URL = "/oauth2/revoke"
