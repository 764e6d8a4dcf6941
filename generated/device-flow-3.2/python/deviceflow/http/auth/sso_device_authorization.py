"""sso deviceAuthorization: OAuth 2 Device Authorization Grant."""

from __future__ import annotations

from ...models.o_auth_scope_sso_device_authorization_enum import (
    OAuthScopeSsoDeviceAuthorizationEnum,
)
from . import _device


class SsoDeviceAuthorizationCredentials(_device.DeviceAuthorizationCredentials):
    """Credentials of the sso scheme (OAuth 2 Device Authorization Grant).

    Endpoints discovered from RFC 8414 metadata; the static ones are only a fallback.
    """

    __slots__ = ()
    ENV_PREFIX = "SSO_DEVICE_AUTHORIZATION_"
    SCOPE_ENUM = OAuthScopeSsoDeviceAuthorizationEnum


class SsoDeviceAuthorization(_device.DeviceAuthorizationGrant):
    """Manager of the sso scheme (OAuth 2 Device Authorization Grant)."""

    SCHEME_NAME = "sso"
    DEVICE_AUTHORIZATION_URL = "/static/device_authorization"
    TOKEN_URL = "/static/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
    METADATA_URL = "/.well-known/oauth-authorization-server"
    METADATA_SERVER_NAME = "default"
