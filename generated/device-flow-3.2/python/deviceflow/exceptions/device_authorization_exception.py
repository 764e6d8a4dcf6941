"""Final answers of the device authorization grant (RFC 8628 section 3.5) other than a token."""

from __future__ import annotations

from .o_auth_provider_exception import OAuthProviderException


class DeviceAuthorizationException(OAuthProviderException):
    """The device flow ended without a token; `error` says why."""


class DeviceAccessDeniedException(DeviceAuthorizationException):
    """The user declined the request on the other device (`access_denied`)."""


class DeviceCodeExpiredException(DeviceAuthorizationException):
    """The device code expired before the user approved it (`expired_token`); start again."""
