"""Models: the API's schemas plus the OAuth token, error codes and scope enums."""

from .o_auth_provider_error_enum import OAuthProviderErrorEnum
from .o_auth_scope_gate_a_enum import OAuthScopeGateAEnum
from .o_auth_scope_gate_a_enum2 import OAuthScopeGateAEnum2
from .o_auth_token import OAuthToken

__all__ = [
    "OAuthProviderErrorEnum",
    "OAuthScopeGateAEnum",
    "OAuthScopeGateAEnum2",
    "OAuthToken",
]
