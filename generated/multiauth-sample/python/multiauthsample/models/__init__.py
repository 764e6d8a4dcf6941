"""Models: the API's schemas plus the OAuth token, error codes and scope enums."""

from .o_auth_provider_error_enum import OAuthProviderErrorEnum
from .o_auth_scope_o_auth_acg_enum import OAuthScopeOAuthACGEnum
from .o_auth_token import OAuthToken
from .service_status import ServiceStatus
from .user import User

__all__ = [
    "OAuthProviderErrorEnum",
    "OAuthScopeOAuthACGEnum",
    "OAuthToken",
    "ServiceStatus",
    "User",
]
