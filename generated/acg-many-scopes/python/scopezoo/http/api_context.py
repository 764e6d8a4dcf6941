"""What controllers and auth managers share: transport, server URLs and transport rules."""

from __future__ import annotations

import functools
import ipaddress
from typing import TYPE_CHECKING, Callable, Dict, FrozenSet, Iterable, Optional, Tuple
from urllib.parse import urlsplit

from ..exceptions.sdk_exception import (
    ConfigurationException,
    InsecureTransportException,
)
from .retry import DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_WAIT
from .transport import AsyncTransport, Transport

if TYPE_CHECKING:
    from ._async import AsyncAuthorizer
    from .auth._security import Authorizer


@functools.lru_cache(maxsize=256)
def is_loopback_host(host: Optional[str]) -> bool:
    """`localhost`, 127.0.0.0/8 and ::1."""
    if not host:
        return False
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@functools.lru_cache(maxsize=256)
def _secure_for_credentials(url: str) -> bool:
    """https, or plain http to a loopback host."""
    parts = urlsplit(url)
    return parts.scheme.lower() == "https" or is_loopback_host(parts.hostname)


@functools.lru_cache(maxsize=256)
def url_host(url: str) -> str:
    """The lower-cased host of a URL (`''` when none)."""
    return (urlsplit(url).hostname or "").lower()


def join_server_url(base: str, url: str) -> str:
    """Resolve `url` against a server base URL (absolute URLs are returned unchanged).

    OpenAPI rule: a relative URL is appended to the server URL, keeping the server's path.
    """
    if urlsplit(url).scheme:
        return url
    return base.rstrip("/") + "/" + url.lstrip("/")


class ApiContext:
    """Shared state of one client.

    Args:
        transport: How requests are sent.
        server_url: Server name (e.g. `default`) → base URL of the selected environment.
        server_names: Every server name of the API.
        allow_insecure_http: Allow credentials (tokens, Basic, API keys) and token/authorization
            URLs over plain `http` to non-loopback hosts (for tests only).
        extra_bearer_hosts: Hosts besides the API's servers that may receive credentials.
        max_retries: Retries of a failed call (default 2; see `retry.py`).
        max_retry_wait: Longest `Retry-After` wait honoured, in seconds (default 60).
    """

    def __init__(
        self,
        transport: Transport,
        server_url: Callable[[str], str],
        server_names: Iterable[str],
        allow_insecure_http: bool = False,
        extra_bearer_hosts: Iterable[str] = (),
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_retry_wait: float = DEFAULT_MAX_RETRY_WAIT,
    ) -> None:
        self.transport = transport
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self._server_url = server_url
        self.allow_insecure_http = allow_insecure_http
        hosts = {url_host(server_url(name)) for name in server_names}
        hosts.update(h.lower() for h in extra_bearer_hosts)
        self.credential_hosts: FrozenSet[str] = frozenset(h for h in hosts if h)
        self.authorizers: Dict[str, Authorizer] = {}
        self._resolved: Dict[Tuple[str, str], str] = {}

    def server_base(self, server_name: str) -> str:
        """The base URL of a server of the selected environment."""
        return self._server_url(server_name)

    def resolve_url(self, url: str, server_name: str) -> str:
        """Resolve a spec URL (maybe relative) against the named server."""
        key = (url, server_name)
        resolved = self._resolved.get(key)
        if resolved is None:
            # the configuration is immutable: a resolved URL never changes (bounded cache)
            if len(self._resolved) >= 512:
                self._resolved.clear()
            resolved = join_server_url(self._server_url(server_name), url)
            self._resolved[key] = resolved
        return resolved

    def check_secure_url(self, url: str, what: str) -> None:
        """Raise unless `url` is https, or http on a loopback host, or insecure http is allowed."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise ConfigurationException(f"the {what} is not an absolute http(s) URL")
        if scheme == "https" or self.allow_insecure_http:
            return
        if is_loopback_host(parts.hostname):
            return
        raise InsecureTransportException(
            f"the {what} {parts.scheme}://{parts.hostname} is not https; "
            "set allow_insecure_http=True in the Configuration only for testing"
        )

    def check_credential_transport(self, url: str) -> None:
        """Raise InsecureTransportException before a request carrying a credential goes over
        plain http to a non-loopback host (RFC 6750 §5.3), unless insecure http is allowed."""
        if self.allow_insecure_http or _secure_for_credentials(url):
            return
        parts = urlsplit(url)
        raise InsecureTransportException(
            f"refusing to send credentials over {parts.scheme}:// to {parts.hostname}; "
            "use an https URL, or set allow_insecure_http=True in the Configuration "
            "only for testing"
        )

    def may_receive_credentials(self, url: str) -> bool:
        """True when `url`'s host is one of the API's server hosts or an extra bearer host."""
        return url_host(url) in self.credential_hosts

    def credentials_allowed(self, url: str) -> bool:
        """Both credential rules as a yes/no: `may_receive_credentials(url)`, and
        `check_credential_transport(url)` would not raise."""
        return self.may_receive_credentials(url) and (
            self.allow_insecure_http or _secure_for_credentials(url)
        )


class AsyncApiContext(ApiContext):
    """The shared state of an async client: the same URL and transport rules, plus the async
    transport and the async authorizers (the sync `transport` is never used for I/O)."""

    def __init__(
        self,
        transport: Transport,
        async_transport: AsyncTransport,
        server_url: Callable[[str], str],
        server_names: Iterable[str],
        allow_insecure_http: bool = False,
        extra_bearer_hosts: Iterable[str] = (),
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_retry_wait: float = DEFAULT_MAX_RETRY_WAIT,
    ) -> None:
        super().__init__(
            transport,
            server_url,
            server_names,
            allow_insecure_http,
            extra_bearer_hosts,
            max_retries,
            max_retry_wait,
        )
        self.async_transport = async_transport
        self.async_authorizers: Dict[str, AsyncAuthorizer] = {}
