"""OAuth 2 error codes (RFC 6749 sections 5.2 and 4.1.2.1, RFC 6750 section 3.1)."""

from __future__ import annotations

from enum import Enum
from typing import Optional, TypeVar, Union, overload

_D = TypeVar("_D")


class OAuthProviderErrorEnum(str, Enum):
    """Error codes an OAuth 2 provider sends in token or authorization error responses."""

    # The request is missing a parameter, repeats one, or is otherwise malformed.
    INVALID_REQUEST = "invalid_request"
    # Client authentication failed (unknown client, wrong secret, unsupported method).
    INVALID_CLIENT = "invalid_client"
    # The grant (code, password, refresh token) is invalid, expired, revoked or reused.
    INVALID_GRANT = "invalid_grant"
    # The client may not use this grant type or response type.
    UNAUTHORIZED_CLIENT = "unauthorized_client"
    # The server does not support this grant type.
    UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type"
    # The requested scope is invalid, unknown or exceeds what was granted.
    INVALID_SCOPE = "invalid_scope"
    # The resource owner or the server denied the request.
    ACCESS_DENIED = "access_denied"
    # The server does not support this response type.
    UNSUPPORTED_RESPONSE_TYPE = "unsupported_response_type"
    # The server met an unexpected condition.
    SERVER_ERROR = "server_error"
    # The server is temporarily unable to handle the request.
    TEMPORARILY_UNAVAILABLE = "temporarily_unavailable"
    # The access token is expired, revoked or malformed (RFC 6750).
    INVALID_TOKEN = "invalid_token"
    # The token does not carry the scope the request needs (RFC 6750).
    INSUFFICIENT_SCOPE = "insufficient_scope"

    @overload
    @classmethod
    def from_value(cls, value: object) -> Optional[OAuthProviderErrorEnum]: ...

    @overload
    @classmethod
    def from_value(
        cls, value: object, default: _D
    ) -> Union[OAuthProviderErrorEnum, _D]: ...

    @classmethod
    def from_value(cls, value: object, default: object = None) -> object:
        """The member whose value or name matches `value` (case-insensitive), else `default`."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            folded = value.strip().lower()
            for member in cls:
                if member.value == folded or member.name.lower() == folded:
                    return member
        return default


def error_code(error: Union[OAuthProviderErrorEnum, str]) -> str:
    """An OAuth 2 error (enum member or raw provider string) as its plain code string."""
    return error.value if isinstance(error, OAuthProviderErrorEnum) else error
