"""Base class of every exception the SDK raises, and configuration errors."""

from __future__ import annotations


class SdkException(Exception):
    """Base class of every exception raised by this SDK."""


class ConfigurationException(SdkException, ValueError):
    """The client or a credentials object is missing a setting, or has an invalid one.

    Raised before any request is sent.
    """


class InsecureTransportException(ConfigurationException):
    """A token or authorization URL is not https and not a loopback address."""


class AuthConflictException(SdkException):
    """Two schemes of one security requirement write the same header or query parameter."""
