"""Models: the API's schemas plus the OAuth token, error codes and scope enums."""

from .me import Me
from .o_auth_provider_error_enum import OAuthProviderErrorEnum
from .o_auth_scope_oauth2_authorization_code_enum import (
    OAuthScopeOauth2AuthorizationCodeEnum,
)
from .o_auth_scope_oauth2_device_authorization_enum import (
    OAuthScopeOauth2DeviceAuthorizationEnum,
)
from .o_auth_scope_sso_authorization_code_enum import OAuthScopeSsoAuthorizationCodeEnum
from .o_auth_scope_sso_device_authorization_enum import (
    OAuthScopeSsoDeviceAuthorizationEnum,
)
from .o_auth_scope_tv_enum import OAuthScopeTvEnum
from .o_auth_token import OAuthToken

__all__ = [
    "Me",
    "OAuthProviderErrorEnum",
    "OAuthScopeOauth2AuthorizationCodeEnum",
    "OAuthScopeOauth2DeviceAuthorizationEnum",
    "OAuthScopeSsoAuthorizationCodeEnum",
    "OAuthScopeSsoDeviceAuthorizationEnum",
    "OAuthScopeTvEnum",
    "OAuthToken",
]
