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

#: A request may use its client's default timeout instead of its own when the two differ by
#: less than this (seconds): the first attempt of a call, whose deadline was set microseconds
#: before. Saves building an `httpx.Timeout` per request.
_DEFAULT_TIMEOUT_SLACK = 0.001

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


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


class _Prepared:
    """One request as both transports send it (headers, body, query, redirect state)."""

    __slots__ = ("method", "url", "headers", "body", "query", "limit", "deadline")

    def __init__(
        self,
        method: str,
        url: str,
        headers: Dict[str, str],
        body: Dict[str, Any],
        query: Optional[List[Tuple[str, str]]],
        limit: int,
        deadline: Optional[float],
    ) -> None:
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.query = query
        self.limit = limit
        self.deadline = deadline

    def follow(self, response: HttpResponse, follow_redirects: bool) -> bool:
        """Move to the redirect target of `response` when it is to be followed."""
        if not follow_redirects or response.status_code not in _REDIRECT_STATUSES:
            return False
        location = response.headers.get("location")
        if not location:
            return False
        target = urljoin(response.url, location)
        if not same_origin(self.url, target):
            _LOGGER.warning(
                "not following a redirect to another origin: %s", display_url(target)
            )
            return False
        if response.status_code in (301, 302, 303) and self.method != "HEAD":
            self.method = "GET"
            self.body = {}
            self.headers.pop("content-type", None)
        self.url = target
        self.query = None
        return True

    def build(
        self, client: Any, timeout: Optional[float], owned: bool = False
    ) -> httpx.Request:
        """The httpx request, with what is left of the deadline as its timeout (raises
        TimeoutException when nothing is; `timeout` is only quoted in that message).

        `owned`: `client` was made by the transport with `timeout` as its default, so a
        request whose remaining time is (within a millisecond) that default needs none of
        its own."""
        remaining: Optional[float] = None
        deadline = self.deadline
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutException(
                    f"{self.method} {display_url(self.url)} timed out after {timeout} s"
                )
        request: httpx.Request
        if self.query or self.body:
            request = client.build_request(
                self.method,
                self.url,
                headers=self.headers,
                params=httpx.QueryParams(tuple(self.query)) if self.query else None,
                timeout=remaining,
                **self.body,
            )
        elif owned and (
            (remaining is None and timeout is None)
            or (
                remaining is not None
                and timeout is not None
                and remaining > timeout - _DEFAULT_TIMEOUT_SLACK
            )
        ):
            # most calls: no query, no body, and the client's default timeout is the deadline
            # (both none, or the remaining time within the slack of the default)
            request = client.build_request(self.method, self.url, headers=self.headers)
        else:
            request = client.build_request(
                self.method, self.url, headers=self.headers, timeout=remaining
            )
        return request


class _TransportBase:
    def __init__(
        self,
        timeout: Optional[float],
        user_agent: str,
        max_bytes: int,
        owns_client: bool,
    ) -> None:
        self._timeout = None if not timeout else float(timeout)
        self.max_bytes = max_bytes
        self._user_agent = user_agent
        # A client the transport creates carries the User-Agent as a default header (no
        # per-request header merge); a caller's client gets it on every request instead.
        self._agent_header: Dict[str, str] = (
            {} if owns_client else {"user-agent": user_agent}
        )

    @property
    def timeout(self) -> Optional[float]:
        """Seconds per request (None: no timeout)."""
        return self._timeout

    def _prepare(
        self,
        method: str,
        url: str,
        headers: Optional[Mapping[str, str]],
        params: Optional[QueryParams],
        data: Optional[Mapping[str, str]],
        json_body: Any,
        has_json_body: bool,
        max_bytes: Optional[int],
        deadline: Optional[float],
    ) -> _Prepared:
        request_headers: Dict[str, str] = dict(self._agent_header)
        if headers:
            request_headers.update({k.lower(): v for k, v in headers.items()})
        return self._prepared(
            method.upper(),
            url,
            request_headers,
            list(params) if params else None,
            data,
            json_body,
            has_json_body,
            max_bytes,
            deadline,
        )

    def _prepared(
        self,
        method: str,
        url: str,
        headers: Dict[str, str],
        query: Optional[List[Tuple[str, str]]],
        data: Optional[Mapping[str, str]],
        json_body: Any,
        has_json_body: bool,
        max_bytes: Optional[int],
        deadline: Optional[float],
    ) -> _Prepared:
        """`_prepare` for callers that already hold an upper-case method, lower-case header
        names (the dict is used as it is) and a fresh query list."""
        body: Dict[str, Any]
        if data is not None:
            body = {"data": dict(data)}
        elif has_json_body:
            body = {"json": json_body}
        else:
            body = {}
        return _Prepared(
            method,
            url,
            headers,
            body,
            query,
            self.max_bytes if max_bytes is None else max_bytes,
            self._deadline(deadline),
        )

    def _deadline(self, deadline: Optional[float]) -> Optional[float]:
        """The request's deadline (time.monotonic()): the transport's timeout from now, or
        the caller's `deadline` when that is sooner."""
        if self._timeout is not None:
            own = time.monotonic() + self._timeout
            if deadline is None or own < deadline:
                return own
        return deadline

    def _request_headers(self, headers: Dict[str, str]) -> Dict[str, str]:
        """`headers` (lower-case names) with the User-Agent when the client lacks it; the
        caller's names win, as in `send`."""
        agent = self._agent_header
        if agent and "user-agent" not in headers:
            return {**agent, **headers}
        return headers

    def _failure(self, prepared: _Prepared, exc: Exception) -> NetworkException:
        shown = display_url(prepared.url)
        if isinstance(exc, (httpx.TimeoutException, _DeadlineExceeded)):
            _LOGGER.info("%s %s timed out", prepared.method, shown)
            return TimeoutException(
                f"{prepared.method} {shown} timed out after {self._timeout} s"
            )
        _LOGGER.info("%s %s failed: %s", prepared.method, shown, type(exc).__name__)
        return NetworkException(
            f"{prepared.method} {shown} failed: {type(exc).__name__}"
        )


def _log_response(prepared: _Prepared, raw: httpx.Response) -> None:
    _LOGGER.debug(
        "%s %s -> %s", prepared.method, display_url(prepared.url), raw.status_code
    )


class Transport(_TransportBase):
    """Sends requests through one `httpx.Client` (created on first use unless given).

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
        super().__init__(timeout, user_agent, max_bytes, http_client is None)
        self._client = http_client
        self._owns_client = http_client is None

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                follow_redirects=False,
                headers={"user-agent": self._user_agent},
                timeout=self._timeout,
            )
        return self._client

    def close(self) -> None:
        """Close the underlying httpx client when the transport created it."""
        if self._owns_client and self._client is not None:
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
        deadline: Optional[float] = None,
    ) -> HttpResponse:
        """Send one request; raise NetworkException/TimeoutException on transport failure.

        `deadline` (time.monotonic()) can only shorten the transport's own timeout.
        """
        prepared = self._prepare(
            method,
            url,
            headers,
            params,
            data,
            json_body,
            has_json_body,
            max_bytes,
            deadline,
        )
        return self.send_prepared(prepared, follow_redirects)

    def send_prepared(
        self, prepared: _Prepared, follow_redirects: bool = True
    ) -> HttpResponse:
        """Send a request made by `_prepared` (redirects as in `send`)."""
        hops = 0
        while True:
            client = self._client or self._http()
            try:
                request = prepared.build(client, self._timeout, self._owns_client)
                raw = client.send(request, stream=True, follow_redirects=False)
                try:
                    # the decoded body up to the limit, the deadline checked per chunk
                    limit = prepared.limit
                    deadline = prepared.deadline
                    chunks: List[bytes] = []
                    size = 0
                    too_large = False
                    for chunk in raw.iter_bytes():
                        size += len(chunk)
                        if size > limit:
                            chunks = []
                            too_large = True
                            break
                        chunks.append(chunk)
                        if deadline is not None and time.monotonic() > deadline:
                            raise _DeadlineExceeded()
                finally:
                    raw.close()
            except (httpx.HTTPError, _DeadlineExceeded) as exc:
                raise self._failure(prepared, exc) from exc
            if _LOGGER.isEnabledFor(logging.DEBUG):
                _log_response(prepared, raw)
            response = HttpResponse.from_httpx(raw, b"".join(chunks), too_large)
            if not follow_redirects or response.status_code not in _REDIRECT_STATUSES:
                return response  # the common case: no redirect to look at
            if hops == MAX_REDIRECTS:
                # follow() logs a refused cross-origin hop, as on every other hop
                prepared.follow(response, follow_redirects)
                return response
            if not prepared.follow(response, follow_redirects):
                return response
            hops += 1


class AsyncTransport(_TransportBase):
    """The async twin of `Transport`, on one `httpx.AsyncClient` (created on first use)."""

    def __init__(
        self,
        timeout: Optional[float] = 60,
        http_client: Optional[httpx.AsyncClient] = None,
        user_agent: str = "grantgen-python",
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        super().__init__(timeout, user_agent, max_bytes, http_client is None)
        self._client = http_client
        self._owns_client = http_client is None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                follow_redirects=False,
                headers={"user-agent": self._user_agent},
                timeout=self._timeout,
            )
        return self._client

    async def aclose(self) -> None:
        """Close the underlying httpx client when the transport created it."""
        if self._owns_client and self._client is not None:
            await self._client.aclose()

    async def send(
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
        deadline: Optional[float] = None,
    ) -> HttpResponse:
        """Send one request; raise NetworkException/TimeoutException on transport failure."""
        prepared = self._prepare(
            method,
            url,
            headers,
            params,
            data,
            json_body,
            has_json_body,
            max_bytes,
            deadline,
        )
        return await self.send_prepared(prepared, follow_redirects)

    async def send_prepared(
        self, prepared: _Prepared, follow_redirects: bool = True
    ) -> HttpResponse:
        """Send a request made by `_prepared` (redirects as in `send`).

        One coroutine for the whole exchange, body reading included (no awaited helpers:
        each would cost every call a coroutine)."""
        hops = 0
        while True:
            client = self._client or self._http()
            try:
                request = prepared.build(client, self._timeout, self._owns_client)
                raw = await client.send(request, stream=True, follow_redirects=False)
                try:
                    # as in Transport.send_prepared
                    limit = prepared.limit
                    deadline = prepared.deadline
                    chunks: List[bytes] = []
                    size = 0
                    too_large = False
                    async for chunk in raw.aiter_bytes():
                        size += len(chunk)
                        if size > limit:
                            chunks = []
                            too_large = True
                            break
                        chunks.append(chunk)
                        if deadline is not None and time.monotonic() > deadline:
                            raise _DeadlineExceeded()
                finally:
                    await raw.aclose()
            except (httpx.HTTPError, _DeadlineExceeded) as exc:
                raise self._failure(prepared, exc) from exc
            if _LOGGER.isEnabledFor(logging.DEBUG):
                _log_response(prepared, raw)
            response = HttpResponse.from_httpx(raw, b"".join(chunks), too_large)
            if not follow_redirects or response.status_code not in _REDIRECT_STATUSES:
                return response  # the common case: no redirect to look at
            if hops == MAX_REDIRECTS:
                # follow() logs a refused cross-origin hop, as on every other hop
                prepared.follow(response, follow_redirects)
                return response
            if not prepared.follow(response, follow_redirects):
                return response
            hops += 1


class _DeadlineExceeded(Exception):
    """The overall deadline passed while the body was still arriving."""


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
