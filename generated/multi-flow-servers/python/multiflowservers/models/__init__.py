"""Models: the API's schemas plus the OAuth token, error codes and scope enums."""

from .o_auth_provider_error_enum import OAuthProviderErrorEnum
from .o_auth_scope_oauth2_authorization_code_enum import (
    OAuthScopeOauth2AuthorizationCodeEnum,
)
from .o_auth_token import OAuthToken
from .user import User

__all__ = [
    "OAuthProviderErrorEnum",
    "OAuthScopeOauth2AuthorizationCodeEnum",
    "OAuthToken",
    "User",
]
