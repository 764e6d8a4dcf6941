"""Problems with RFC 8414 authorization server metadata."""

from __future__ import annotations

from .sdk_exception import SdkException


class AuthorizationServerMetadataException(SdkException):
    """The metadata could not be fetched or is unusable (raised when discovery is pinned with
    `o_auth_discovery="metadata"`; otherwise the SDK falls back to the spec's URLs)."""


class IssuerMismatchException(AuthorizationServerMetadataException):
    """The metadata's `issuer` is not the issuer its URL was made from (RFC 8414 section 3.3).

    Its content is never used: an attacker may have served it. Always raised, never a fallback.
    """
