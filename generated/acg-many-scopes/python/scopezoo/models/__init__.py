"""Models: the API's schemas plus the OAuth token, error codes and scope enums."""

from .file import File
from .o_auth_provider_error_enum import OAuthProviderErrorEnum
from .o_auth_scope_zoo_auth_enum import OAuthScopeZooAuthEnum
from .o_auth_token import OAuthToken
from .user import User

__all__ = [
    "File",
    "OAuthProviderErrorEnum",
    "OAuthScopeZooAuthEnum",
    "OAuthToken",
    "User",
]
