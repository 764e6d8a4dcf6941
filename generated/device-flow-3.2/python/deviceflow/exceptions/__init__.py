"""Exceptions raised by the SDK."""

from .api_exception import (
    APIException,
    ResponseTooLargeException,
    RetryAfterTooLongException,
)
from .auth_required_exception import AuthRequiredException, MissingRefreshTokenException
from .invalid_token_response_exception import InvalidTokenResponseException
from .network_exception import NetworkException, TimeoutException
from .o_auth_callback_exception import OAuthCallbackException, StateMismatchException
from .o_auth_provider_exception import OAuthProviderException
from .sdk_exception import (
    AuthConflictException,
    ConfigurationException,
    InsecureTransportException,
    SdkException,
)

__all__ = [
    "APIException",
    "AuthConflictException",
    "AuthRequiredException",
    "ConfigurationException",
    "InsecureTransportException",
    "InvalidTokenResponseException",
    "MissingRefreshTokenException",
    "NetworkException",
    "OAuthCallbackException",
    "OAuthProviderException",
    "ResponseTooLargeException",
    "RetryAfterTooLongException",
    "SdkException",
    "StateMismatchException",
    "TimeoutException",
]
