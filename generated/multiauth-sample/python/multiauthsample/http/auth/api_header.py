"""apiHeader: API key."""

from __future__ import annotations

from . import _simple


class ApiHeaderCredentials(_simple.ApiKeyCredentials):
    """Credentials of the apiHeader scheme (API key)."""

    __slots__ = ()
    ENV_PREFIX = "API_HEADER_"


class ApiHeader(_simple.ApiKeyAuthManager):
    """Manager of the apiHeader scheme (API key)."""

    SCHEME_NAME = "apiHeader"
    PARAM_NAME = "api-key"
    LOCATION = "header"
