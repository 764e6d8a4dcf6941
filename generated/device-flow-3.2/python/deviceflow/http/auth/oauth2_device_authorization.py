"""oauth2 deviceAuthorization: OAuth 2 Device Authorization Grant."""

from __future__ import annotations

from ...models.o_auth_scope_oauth2_device_authorization_enum import (
    OAuthScopeOauth2DeviceAuthorizationEnum,
)
from . import _device


class Oauth2DeviceAuthorizationCredentials(_device.DeviceAuthorizationCredentials):
    """Credentials of the oauth2 scheme (OAuth 2 Device Authorization Grant).

    Static endpoints; revocation through `x-revocation-url`.
    """

    __slots__ = ()
    ENV_PREFIX = "OAUTH2_DEVICE_AUTHORIZATION_"
    SCOPE_ENUM = OAuthScopeOauth2DeviceAuthorizationEnum


class Oauth2DeviceAuthorization(_device.DeviceAuthorizationGrant):
    """Manager of the oauth2 scheme (OAuth 2 Device Authorization Grant)."""

    SCHEME_NAME = "oauth2"
    DEVICE_AUTHORIZATION_URL = "/oauth2/device_authorization"
    TOKEN_URL = "/oauth2/non-auth-server/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
    REVOCATION_URL = "/oauth2/revoke"
