"""Exceptions raised by the SDK."""

from .api_exception import (
    APIException,
    ResponseTooLargeException,
    RetryAfterTooLongException,
)
from .auth_required_exception import AuthRequiredException, MissingRefreshTokenException
from .authorization_server_metadata_exception import (
    AuthorizationServerMetadataException,
    IssuerMismatchException,
)
from .device_authorization_exception import (
    DeviceAccessDeniedException,
    DeviceAuthorizationException,
    DeviceCodeExpiredException,
)
from .invalid_token_response_exception import InvalidTokenResponseException
from .loopback_exception import AuthorizationDeniedException, SignInTimeoutException
from .network_exception import NetworkException, TimeoutException
from .o_auth_callback_exception import OAuthCallbackException, StateMismatchException
from .o_auth_provider_exception import OAuthProviderException
from .sdk_exception import (
    AuthConflictException,
    ConfigurationException,
    InsecureTransportException,
    SdkException,
)
from .token_revocation_exception import TokenRevocationException

__all__ = [
    "APIException",
    "AuthConflictException",
    "AuthRequiredException",
    "AuthorizationDeniedException",
    "AuthorizationServerMetadataException",
    "ConfigurationException",
    "DeviceAccessDeniedException",
    "DeviceAuthorizationException",
    "DeviceCodeExpiredException",
    "InsecureTransportException",
    "InvalidTokenResponseException",
    "IssuerMismatchException",
    "MissingRefreshTokenException",
    "NetworkException",
    "OAuthCallbackException",
    "OAuthProviderException",
    "ResponseTooLargeException",
    "RetryAfterTooLongException",
    "SdkException",
    "SignInTimeoutException",
    "StateMismatchException",
    "TimeoutException",
    "TokenRevocationException",
]
