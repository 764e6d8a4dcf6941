"""Models: the API's schemas plus the OAuth token, error codes and scope enums."""

from .o_auth_provider_error_enum import OAuthProviderErrorEnum
from .o_auth_token import OAuthToken
from .secret import Secret

__all__ = [
    "OAuthProviderErrorEnum",
    "OAuthToken",
    "Secret",
]
