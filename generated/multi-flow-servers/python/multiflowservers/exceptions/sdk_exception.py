"""Base class of every exception the SDK raises, and configuration errors."""

from __future__ import annotations


class SdkException(Exception):
    """Base class of every exception raised by this SDK."""


class ConfigurationException(SdkException, ValueError):
    """The client or a credentials object is missing a setting, or has an invalid one.

    Raised before any request is sent.
    """


class InsecureTransportException(ConfigurationException):
    """A credential would go over plain http to a host that is not a loopback address: a token
    or authorization URL, or an API call carrying a token, Basic credentials or an API key.
    Raised before anything is sent; `allow_insecure_http=True` turns the check off (tests only)."""


class AuthConflictException(SdkException):
    """Two schemes of one security requirement write the same header or query parameter."""
