"""basicAuth: Basic Authentication."""

from __future__ import annotations

from . import _simple


class BasicAuthCredentials(_simple.BasicCredentials):
    """Credentials of the basicAuth scheme (Basic Authentication)."""

    __slots__ = ()
    ENV_PREFIX = "BASIC_AUTH_"


class BasicAuth(_simple.BasicAuthManager):
    """Manager of the basicAuth scheme (Basic Authentication)."""

    SCHEME_NAME = "basicAuth"
