"""The HTTP transport: a thin httpx wrapper with typed errors and safe redirects.

- Timeouts and connection failures become `TimeoutException` / `NetworkException`. The timeout
  is an overall deadline for the request (connect, headers and the whole body), not a limit per
  read: a server trickling its body byte by byte is cut off at the deadline.
- Redirects are never followed automatically: only same-origin redirects are followed (at
  most 5), so credentials are never sent to another host. Token requests follow none.
- Bodies larger than `max_bytes` are not read past the limit (`HttpResponse.too_large`).
"""

from __future__ import annotations

import logging
import time
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union
from urllib.parse import urljoin, urlsplit

import httpx

from ..exceptions.network_exception import NetworkException, TimeoutException
from ._redact import redact_text
from .http_response import HttpResponse

_LOGGER = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5

QueryParams = Sequence[Tuple[str, str]]


def same_origin(a: str, b: str) -> bool:
    """Same scheme, host and port."""
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.scheme.lower(), pa.hostname, _port(pa.scheme, pa.port)) == (
        pb.scheme.lower(),
        pb.hostname,
        _port(pb.scheme, pb.port),
    )


def _port(scheme: str, port: Optional[int]) -> Optional[int]:
    if port is not None:
        return port
    return {"http": 80, "https": 443}.get(scheme.lower())


class Transport:
    """Sends requests through one `httpx.Client`.

    Args:
        timeout: Seconds for a whole request (overall deadline); None or 0 means no timeout.
        http_client: An httpx.Client to use instead of a new one (e.g. with a proxy or a mock
            transport); the SDK never changes its settings except per-request ones.
        max_bytes: Largest response body read (decoded bytes) when a call gives no limit.
    """

    def __init__(
        self,
        timeout: Optional[float] = 60,
        http_client: Optional[httpx.Client] = None,
        user_agent: str = "grantgen-python",
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self._timeout = None if not timeout else float(timeout)
        self.max_bytes = max_bytes
        self._client = http_client or httpx.Client(follow_redirects=False)
        self._owns_client = http_client is None
        self._user_agent = user_agent

    def close(self) -> None:
        """Close the underlying httpx client when the transport created it."""
        if self._owns_client:
            self._client.close()

    def send(
        self,
        method: str,
        url: str,
        *,
        headers: Optional[Mapping[str, str]] = None,
        params: Optional[QueryParams] = None,
        data: Optional[Mapping[str, str]] = None,
        json_body: Any = None,
        has_json_body: bool = False,
        follow_redirects: bool = True,
        max_bytes: Optional[int] = None,
    ) -> HttpResponse:
        """Send one request; raise NetworkException/TimeoutException on transport failure."""
        request_headers: Dict[str, str] = {"user-agent": self._user_agent}
        request_headers.update({k.lower(): v for k, v in (headers or {}).items()})
        current_method = method.upper()
        current_url = url
        body: Dict[str, Any] = {}
        if data is not None:
            body["data"] = dict(data)
        elif has_json_body:
            body["json"] = json_body
        query: Optional[List[Tuple[str, str]]] = list(params) if params else None
        limit = self.max_bytes if max_bytes is None else max_bytes
        deadline = None if self._timeout is None else time.monotonic() + self._timeout
        for _ in range(MAX_REDIRECTS + 1):
            response = self._send_once(
                current_method,
                current_url,
                request_headers,
                query,
                body,
                limit,
                deadline,
            )
            location = response.headers.get("location")
            if (
                not follow_redirects
                or response.status_code not in (301, 302, 303, 307, 308)
                or not location
            ):
                return response
            target = urljoin(response.url, location)
            if not same_origin(current_url, target):
                _LOGGER.warning(
                    "not following a redirect to another origin: %s",
                    display_url(target),
                )
                return response
            if response.status_code in (301, 302, 303) and current_method != "HEAD":
                current_method = "GET"
                body = {}
                request_headers.pop("content-type", None)
            current_url = target
            query = None
        return response

    def _send_once(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        params: Optional[List[Tuple[str, str]]],
        body: Mapping[str, Any],
        max_bytes: int,
        deadline: Optional[float],
    ) -> HttpResponse:
        started = time.monotonic()
        shown = display_url(url)
        remaining = None if deadline is None else deadline - started
        if remaining is not None and remaining <= 0:
            raise TimeoutException(
                f"{method} {shown} timed out after {self._timeout} s"
            )
        try:
            request = self._client.build_request(
                method,
                url,
                headers=dict(headers),
                params=httpx.QueryParams(tuple(params)) if params else None,
                timeout=remaining,
                **body,
            )
            raw = self._client.send(request, stream=True, follow_redirects=False)
            try:
                content, too_large = _read_capped(raw, max_bytes, deadline)
            finally:
                raw.close()
        except (httpx.TimeoutException, _DeadlineExceeded) as exc:
            _LOGGER.info("%s %s timed out", method, shown)
            raise TimeoutException(
                f"{method} {shown} timed out after {self._timeout} s"
            ) from exc
        except httpx.HTTPError as exc:
            _LOGGER.info("%s %s failed: %s", method, shown, type(exc).__name__)
            raise NetworkException(
                f"{method} {shown} failed: {type(exc).__name__}"
            ) from exc
        elapsed_ms = (time.monotonic() - started) * 1000
        _LOGGER.debug(
            "%s %s -> %s (%.0f ms)", method, shown, raw.status_code, elapsed_ms
        )
        return HttpResponse(
            status_code=raw.status_code,
            reason_phrase=raw.reason_phrase,
            headers=dict(raw.headers.items()),
            content=content,
            url=str(raw.url),
            too_large=too_large,
        )


class _DeadlineExceeded(Exception):
    """The overall deadline passed while the body was still arriving."""


def _read_capped(
    raw: httpx.Response, max_bytes: int, deadline: Optional[float]
) -> Tuple[bytes, bool]:
    """Read the decoded body up to `max_bytes`, checking the deadline after every chunk."""
    chunks: List[bytes] = []
    size = 0
    for chunk in raw.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            return b"", True
        chunks.append(chunk)
        if deadline is not None and time.monotonic() > deadline:
            raise _DeadlineExceeded()
    return b"".join(chunks), False


def display_url(url: str) -> str:
    """The URL without user info, query and fragment (for log lines and exception text)."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    return redact_text(parts._replace(netloc=netloc, query="", fragment="").geturl())


def form_value(value: Union[str, int, float, bool]) -> str:
    """Serialize a scalar for a query string or form (booleans as `true`/`false`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
