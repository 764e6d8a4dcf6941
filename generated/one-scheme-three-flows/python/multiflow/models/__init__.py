"""Models: the API's schemas plus the OAuth token, error codes and scope enums."""

from .o_auth_provider_error_enum import OAuthProviderErrorEnum
from .o_auth_scope_multi_auth_authorization_code_enum import (
    OAuthScopeMultiAuthAuthorizationCodeEnum,
)
from .o_auth_scope_multi_auth_password_enum import OAuthScopeMultiAuthPasswordEnum
from .o_auth_token import OAuthToken
from .project import Project

__all__ = [
    "OAuthProviderErrorEnum",
    "OAuthScopeMultiAuthAuthorizationCodeEnum",
    "OAuthScopeMultiAuthPasswordEnum",
    "OAuthToken",
    "Project",
]
