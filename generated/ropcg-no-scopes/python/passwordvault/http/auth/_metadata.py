"""RFC 8414 authorization server metadata: fetched once per client, issuer checked, cached.

A scheme with `oauth2MetadataUrl` discovers its endpoints (authorization, token, device
authorization, revocation) and its issuer there. The spec's static URLs are the fallback when the
metadata cannot be fetched; `o_auth_discovery` on the credentials pins either source:
`"auto"` (default: metadata, else the static URLs), `"metadata"` (never the static URLs) or
`"static"` (never fetch). A metadata document whose `issuer` differs from the issuer its URL was
made from (RFC 8414 section 3.3) is refused in every mode: its content could be an attacker's.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
import weakref
from typing import TYPE_CHECKING, Any, ClassVar, Dict, Mapping, Optional, Tuple
from urllib.parse import urlsplit, urlunsplit

from ...exceptions.authorization_server_metadata_exception import (
    AuthorizationServerMetadataException,
    IssuerMismatchException,
)
from ...exceptions.network_exception import NetworkException
from ...exceptions.sdk_exception import (
    ConfigurationException,
    InsecureTransportException,
)
from .._redact import redact_text
from ..api_context import ApiContext

if TYPE_CHECKING:
    from ..api_context import AsyncApiContext
    from ..http_response import HttpResponse
    from ._grants import OAuthCredentialsBase

_LOGGER = logging.getLogger(__name__)

MAX_METADATA_BYTES = 256 * 1024
#: After a failed fetch, "auto" discovery uses the static URLs this long before trying again.
RETRY_AFTER_FAILURE = 30.0
DISCOVERY_MODES = ("auto", "metadata", "static")
WELL_KNOWN_SUFFIXES = (
    "/.well-known/oauth-authorization-server",
    "/.well-known/openid-configuration",
)
ENDPOINT_FIELDS = (
    "authorization_endpoint",
    "token_endpoint",
    "device_authorization_endpoint",
    "revocation_endpoint",
)


class AuthorizationServerMetadata:
    """The parts of an RFC 8414 metadata document the SDK uses (all URLs absolute)."""

    __slots__ = ("issuer", "endpoints", "url")

    def __init__(self, issuer: str, endpoints: Mapping[str, str], url: str) -> None:
        self.issuer = issuer
        self.endpoints: Dict[str, str] = dict(endpoints)
        self.url = url

    def endpoint(self, field: str) -> Optional[str]:
        """`token_endpoint`, `revocation_endpoint`, ... or None when the document has none."""
        return self.endpoints.get(field)

    def __repr__(self) -> str:
        return f"AuthorizationServerMetadata(issuer={self.issuer!r}, endpoints={sorted(self.endpoints)!r})"


def expected_issuer(metadata_url: str) -> Optional[str]:
    """The issuer a metadata URL was built from (RFC 8414 section 3.1), or None.

    `https://as.example/.well-known/oauth-authorization-server/tenant` → `https://as.example/tenant`;
    the OpenID Connect form `https://as.example/tenant/.well-known/openid-configuration` →
    `https://as.example/tenant`. None when the URL has no well-known part.
    """
    parts = urlsplit(metadata_url)
    path = parts.path
    for suffix in WELL_KNOWN_SUFFIXES:
        if path == suffix or path.startswith(suffix + "/"):
            rest = path[len(suffix) :]
            return urlunsplit((parts.scheme, parts.netloc, rest, "", ""))
        if path.endswith(suffix):
            rest = path[: -len(suffix)]
            return urlunsplit((parts.scheme, parts.netloc, rest, "", ""))
    return None


def _origin(url: str) -> Tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def parse_metadata(
    context: ApiContext, url: str, content: bytes, what: str
) -> AuthorizationServerMetadata:
    """Validate a metadata document: JSON object, issuer, absolute https endpoints."""
    try:
        data: Any = json.loads(content.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise AuthorizationServerMetadataException(
            f"{what}: the authorization server metadata is not JSON"
        ) from None
    if not isinstance(data, dict):
        raise AuthorizationServerMetadataException(
            f"{what}: the authorization server metadata is not a JSON object"
        )
    issuer = data.get("issuer")
    expected = expected_issuer(url)
    if not isinstance(issuer, str) or not issuer:
        raise IssuerMismatchException(f"{what}: the metadata has no issuer")
    if expected is not None and issuer != expected:
        raise IssuerMismatchException(
            f"{what}: the metadata's issuer {redact_text(issuer[:200])!r} is not "
            f"{expected!r}, the issuer of its URL (RFC 8414 section 3.3); not using it"
        )
    if expected is None and _origin(issuer) != _origin(url):
        raise IssuerMismatchException(
            f"{what}: the metadata's issuer is not on the origin of its URL; not using it"
        )
    try:
        context.check_secure_url(issuer, f"{what} issuer")
    except ConfigurationException as exc:
        raise AuthorizationServerMetadataException(str(exc)) from None
    endpoints: Dict[str, str] = {}
    for field in ENDPOINT_FIELDS:
        value = data.get(field)
        if value is None:
            continue
        if not isinstance(value, str) or not urlsplit(value).scheme:
            raise AuthorizationServerMetadataException(
                f"{what}: the metadata's {field} is not an absolute URL"
            )
        try:
            context.check_secure_url(value, f"{what} {field}")
        except ConfigurationException as exc:
            raise AuthorizationServerMetadataException(str(exc)) from None
        endpoints[field] = value
    return AuthorizationServerMetadata(issuer, endpoints, url)


class _ClientCache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.documents: Dict[str, AuthorizationServerMetadata] = {}
        #: url → when a fetch failed ("auto" mode then uses the static URLs for a while)
        self.failed: Dict[str, float] = {}
        self.async_locks: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock]" = weakref.WeakKeyDictionary()


_CACHES: "weakref.WeakKeyDictionary[ApiContext, _ClientCache]" = (
    weakref.WeakKeyDictionary()
)
_CACHES_LOCK = threading.Lock()


def _cache_of(context: ApiContext) -> _ClientCache:
    with _CACHES_LOCK:
        cache = _CACHES.get(context)
        if cache is None:
            cache = _ClientCache()
            _CACHES[context] = cache
        return cache


def cached_metadata(
    context: ApiContext, url: str
) -> Optional[AuthorizationServerMetadata]:
    """The metadata this client already fetched from `url`, if any."""
    return _cache_of(context).documents.get(url)


def fetch_metadata(
    context: ApiContext, url: str, what: str
) -> AuthorizationServerMetadata:
    """The metadata at `url`, fetched once per client (concurrent callers share the fetch).

    Raises AuthorizationServerMetadataException (IssuerMismatchException for a wrong issuer),
    InsecureTransportException for a non-https URL, NetworkException on transport failure.
    """
    cache = _cache_of(context)
    found = cache.documents.get(url)
    if found is not None:
        return found
    with cache.lock:
        found = cache.documents.get(url)
        if found is not None:
            return found
        context.check_secure_url(url, f"{what} metadata URL")
        _LOGGER.debug("%s: fetching authorization server metadata", what)
        response = context.transport.send("GET", url, **_FETCH_OPTIONS)
        metadata = _metadata_from(context, url, response, what)
        cache.documents[url] = metadata
        return metadata


_FETCH_OPTIONS: Dict[str, Any] = {
    "headers": {"accept": "application/json"},
    "follow_redirects": False,
    "max_bytes": MAX_METADATA_BYTES,
}


def _metadata_from(
    context: ApiContext, url: str, response: "HttpResponse", what: str
) -> AuthorizationServerMetadata:
    if response.too_large:
        raise AuthorizationServerMetadataException(
            f"{what}: the authorization server metadata exceeds {MAX_METADATA_BYTES} bytes"
        )
    if response.status_code != 200:
        raise AuthorizationServerMetadataException(
            f"{what}: the metadata URL answered HTTP {response.status_code}"
        )
    return parse_metadata(context, url, response.content, what)


async def fetch_metadata_async(
    context: "AsyncApiContext", url: str, what: str
) -> AuthorizationServerMetadata:
    """`fetch_metadata` for async clients (the same per-client cache; one fetch per loop)."""
    cache = _cache_of(context)
    found = cache.documents.get(url)
    if found is not None:
        return found
    loop = asyncio.get_running_loop()
    lock = cache.async_locks.get(loop)
    if lock is None:
        lock = asyncio.Lock()
        cache.async_locks[loop] = lock
    async with lock:
        found = cache.documents.get(url)
        if found is not None:
            return found
        context.check_secure_url(url, f"{what} metadata URL")
        response = await context.async_transport.send("GET", url, **_FETCH_OPTIONS)
        metadata = _metadata_from(context, url, response, what)
        cache.documents[url] = metadata
        return metadata


def check_discovery_mode(value: Optional[str]) -> Optional[str]:
    """Validate an `o_auth_discovery` value (None means the default, "auto")."""
    if value is not None and value not in DISCOVERY_MODES:
        raise ValueError(
            "o_auth_discovery must be one of " + ", ".join(DISCOVERY_MODES)
        )
    return value


class MetadataMixin:
    """Endpoint discovery for grant managers (used by OAuthGrantBase).

    Generated managers of schemes with `oauth2MetadataUrl` set `METADATA_URL`; without it every
    endpoint is the spec's static URL and nothing is fetched.
    """

    #: RFC 8414 metadata URL as written in the spec (relative ones resolve against
    #: `METADATA_SERVER_NAME`), or None.
    METADATA_URL: ClassVar[Optional[str]] = None
    METADATA_SERVER_NAME: ClassVar[str] = "default"

    SCHEME_NAME: ClassVar[str]
    SERVER_NAME: ClassVar[str]
    _context: ApiContext
    _credentials: Optional["OAuthCredentialsBase"]

    def _discovery_mode(self) -> str:
        mode = getattr(self._credentials, "o_auth_discovery", None)
        return mode if isinstance(mode, str) and mode in DISCOVERY_MODES else "auto"

    def _metadata_location(self) -> Optional[str]:
        """The resolved metadata URL, or None when nothing is to be fetched."""
        if self.METADATA_URL is None or self._discovery_mode() == "static":
            return None
        return self._context.resolve_url(self.METADATA_URL, self.METADATA_SERVER_NAME)

    def _metadata_needed(self) -> bool:
        """True when a fetch would happen now (not cached, no recent failure in "auto")."""
        url = self._metadata_location()
        if url is None:
            return False
        cache = _cache_of(self._context)
        if url in cache.documents:
            return False
        failed = cache.failed.get(url)
        recent = failed is not None and time.monotonic() - failed < RETRY_AFTER_FAILURE
        return not (recent and self._discovery_mode() == "auto")

    def _metadata_failed(self, url: str, exc: Exception) -> None:
        """Raise for a failure that must not fall back; else remember it and log (→ static)."""
        if isinstance(exc, (IssuerMismatchException, InsecureTransportException)):
            raise exc
        if self._discovery_mode() == "metadata":
            if isinstance(exc, AuthorizationServerMetadataException):
                raise exc
            raise AuthorizationServerMetadataException(
                f"{self.SCHEME_NAME}: the authorization server metadata could not be fetched"
            ) from exc
        _cache_of(self._context).failed[url] = time.monotonic()
        _LOGGER.warning(
            "%s: authorization server metadata unavailable (%s); using the spec's URLs",
            self.SCHEME_NAME,
            type(exc).__name__,
        )

    def authorization_server_metadata(self) -> Optional[AuthorizationServerMetadata]:
        """The scheme's RFC 8414 metadata (fetched once per client), or None when the spec has no
        metadata URL, discovery is pinned to "static", or (in "auto" mode) the fetch failed."""
        url = self._metadata_location()
        if url is None:
            return None
        cached = cached_metadata(self._context, url)
        if cached is not None or not self._metadata_needed():
            return cached
        try:
            return fetch_metadata(self._context, url, self.SCHEME_NAME)
        except (AuthorizationServerMetadataException, NetworkException) as exc:
            self._metadata_failed(url, exc)
            return None

    async def _authorization_server_metadata_async(
        self,
    ) -> Optional[AuthorizationServerMetadata]:
        """The same for async clients (their context has the async transport)."""
        url = self._metadata_location()
        if url is None:
            return None
        cached = cached_metadata(self._context, url)
        if cached is not None or not self._metadata_needed():
            return cached
        try:
            return await fetch_metadata_async(self._context, url, self.SCHEME_NAME)  # type: ignore[arg-type]
        except (AuthorizationServerMetadataException, NetworkException) as exc:
            self._metadata_failed(url, exc)
            return None

    def _endpoint_url(self, field: str, static_url: Optional[str]) -> str:
        """The URL to use for a metadata `field` (e.g. `token_endpoint`): the discovered one, else
        the spec's static URL (resolved later against the server when relative)."""
        metadata = self.authorization_server_metadata()
        if metadata is not None:
            found = metadata.endpoint(field)
            if found is not None:
                return found
        if not static_url:
            raise ConfigurationException(
                f"{self.SCHEME_NAME}: no {field.replace('_', ' ')} (the spec has no static URL"
                + (" and the metadata has none)" if metadata is not None else ")")
            )
        return static_url

    def _discovered_issuer(self) -> Optional[str]:
        """The issuer from the metadata (for the RFC 9207 `iss` check), or None."""
        metadata = self.authorization_server_metadata()
        return metadata.issuer if metadata is not None else None
