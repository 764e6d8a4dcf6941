"""AuthRequiredException: no usable credentials for an operation; nothing was sent."""

from __future__ import annotations

from typing import Sequence

from .sdk_exception import SdkException


class AuthRequiredException(SdkException):
    """No usable token or credentials for the named scheme(s); raised before any request."""

    def __init__(self, message: str, schemes: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.schemes = tuple(schemes)


class MissingRefreshTokenException(AuthRequiredException):
    """A refresh was needed or asked for, but the held token has no refresh token."""
