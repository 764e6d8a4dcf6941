"""Errors found in the redirect back from the authorization server (before any token call)."""

from __future__ import annotations

from typing import Optional, Union

from ..http._redact import redact_text
from ..models.o_auth_provider_error_enum import OAuthProviderErrorEnum, error_code
from .sdk_exception import SdkException


class OAuthCallbackException(SdkException):
    """The callback URL reports an error (RFC 6749 section 4.1.2.1) or fails a check.

    `error` is an `OAuthProviderErrorEnum` member when known (e.g. `ACCESS_DENIED`), else the
    raw string; `state` is the state the callback carried (not a secret).
    """

    def __init__(
        self,
        message: str,
        error: Union[OAuthProviderErrorEnum, str] = "",
        error_description: Optional[str] = None,
        error_uri: Optional[str] = None,
        state: Optional[str] = None,
    ) -> None:
        super().__init__(redact_text(message))
        self.error: Union[OAuthProviderErrorEnum, str] = (
            OAuthProviderErrorEnum.from_value(error, error)
        )
        self.error_description = error_description
        self.error_uri = error_uri
        self.state = state

    @property
    def error_code(self) -> str:
        """The error code as a plain string."""
        return error_code(self.error)


class StateMismatchException(OAuthCallbackException):
    """The callback's `state` is missing or differs from the expected one (possible CSRF)."""
