"""Loopback sign-in (RFC 8252) outcomes other than a token."""

from __future__ import annotations

from .o_auth_callback_exception import OAuthCallbackException
from .sdk_exception import SdkException


class SignInTimeoutException(SdkException):
    """No browser came back to the loopback redirect URI in time; nothing is listening anymore."""


class AuthorizationDeniedException(OAuthCallbackException):
    """The user declined on the consent page (`access_denied` on the callback)."""
