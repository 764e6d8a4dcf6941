"""Models: the API's schemas plus the OAuth token, error codes and scope enums."""

from .me import Me
from .o_auth_provider_error_enum import OAuthProviderErrorEnum
from .o_auth_scope_oauth2_enum import OAuthScopeOauth2Enum
from .o_auth_scope_sso_enum import OAuthScopeSsoEnum
from .o_auth_token import OAuthToken

__all__ = [
    "Me",
    "OAuthProviderErrorEnum",
    "OAuthScopeOauth2Enum",
    "OAuthScopeSsoEnum",
    "OAuthToken",
]
