"""Models: the API's schemas plus the OAuth token, error codes and scope enums."""

from .o_auth_provider_error_enum import OAuthProviderErrorEnum
from .o_auth_scope_multi_auth_enum import OAuthScopeMultiAuthEnum
from .o_auth_token import OAuthToken
from .project import Project

__all__ = [
    "OAuthProviderErrorEnum",
    "OAuthScopeMultiAuthEnum",
    "OAuthToken",
    "Project",
]
