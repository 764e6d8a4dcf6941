"""apiKey: API key."""

from __future__ import annotations

from . import _simple


class ApiKeyCredentials(_simple.ApiKeyCredentials):
    """Credentials of the apiKey scheme (API key)."""

    __slots__ = ()
    ENV_PREFIX = "API_KEY_"


class ApiKey(_simple.ApiKeyAuthManager):
    """Manager of the apiKey scheme (API key)."""

    SCHEME_NAME = "apiKey"
    PARAM_NAME = "api-key"
    LOCATION = "query"
