"""Transport failures: the request did not get an HTTP response."""

from __future__ import annotations

from .sdk_exception import SdkException


class NetworkException(SdkException):
    """Connecting, sending or receiving failed (DNS, refused connection, reset, TLS...)."""


class TimeoutException(NetworkException):
    """The request took longer than the configured timeout."""
