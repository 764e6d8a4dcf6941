"""OAuthProviderException: the token endpoint answered with an RFC 6749 section 5.2 error."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from ..http._redact import redact_text
from ..models.o_auth_provider_error_enum import OAuthProviderErrorEnum, error_code
from .api_exception import APIException

if TYPE_CHECKING:
    from ..http.http_response import HttpResponse


class OAuthProviderException(APIException):
    """An OAuth 2 error response (`error`, `error_description`, `error_uri`).

    `error` is an `OAuthProviderErrorEnum` member when the code is a known one, else the raw
    string the provider sent.
    """

    def __init__(
        self,
        reason: str,
        response: Optional[HttpResponse] = None,
        error: Union[OAuthProviderErrorEnum, str] = "",
        error_description: Optional[str] = None,
        error_uri: Optional[str] = None,
    ) -> None:
        super().__init__(reason, response)
        self.error: Union[OAuthProviderErrorEnum, str] = (
            OAuthProviderErrorEnum.from_value(error, error)
        )
        self.error_description = error_description
        self.error_uri = error_uri

    @property
    def error_code(self) -> str:
        """The error code as a plain string."""
        return error_code(self.error)

    def __str__(self) -> str:
        text = super().__str__() + f" error={self.error_code!r}"
        if self.error_description:
            text += f" error_description={redact_text(self.error_description)!r}"
        if self.error_uri:
            text += f" error_uri={redact_text(self.error_uri)!r}"
        return text
