"""Retries and per-call options, shared by the sync and the async client (no I/O here).

- Retried: connection errors, timeouts and HTTP 408, 429, 500, 502, 503, 504, only for
  idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) or calls carrying an idempotency key
  (sent as `Idempotency-Key`, the same value on every attempt). Token requests never are.
- The wait honours `retry-after-ms`, then `Retry-After` (delta-seconds or HTTP-date); a wait
  longer than the cap (`max_retry_wait`, 60 s by default) is not waited for:
  `RetryAfterTooLongException` carries the status and the header. Without a header:
  exponential backoff with jitter, 0.5 s doubling, at most 8 s.
- A per-call `timeout` is one deadline for the whole call, retries and their waits included.
"""

from __future__ import annotations

import email.utils
import logging
import math
import random
import time
from typing import Mapping, Optional, TypedDict

from ..exceptions.api_exception import RetryAfterTooLongException
from .http_response import HttpResponse

_LOGGER = logging.getLogger(__name__)

DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_RETRY_WAIT = 60.0
BACKOFF_START = 0.5
BACKOFF_MAX = 8.0
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


class RequestOptions(TypedDict, total=False):
    """Per-call options (keyword `request_options=` of every operation).

    Keys:
        timeout: Seconds for the whole call, retries and their waits included.
        max_retries: Retries after the first attempt (overrides the Configuration's).
        headers: Extra request headers; they never replace security headers
            (`Authorization`, API-key headers, cookies of the schemes).
        idempotency_key: Sent as `Idempotency-Key` on every attempt; makes a non-idempotent
            call (e.g. POST) retryable.
    """

    timeout: float
    max_retries: int
    headers: Mapping[str, str]
    idempotency_key: str


def retry_after_seconds(
    headers: Mapping[str, str], now: Optional[float] = None
) -> Optional[float]:
    """The wait a response asks for: `retry-after-ms`, else `Retry-After` seconds or date."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms is not None:
        try:
            value = float(raw_ms.strip())
            if math.isfinite(value) and value >= 0:
                return value / 1000.0
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    if raw.isdigit():
        return float(raw)
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None  # pragma: no cover - older Pythons
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def backoff_seconds(retry: int) -> float:
    """Wait before retry number `retry` (1-based): 0.5 s doubling, at most 8 s, with jitter."""
    base: float = min(BACKOFF_MAX, BACKOFF_START * 2.0 ** (retry - 1))
    return base * (0.75 + random.random() * 0.25)


class RetryPolicy:
    """The retry decisions of one call."""

    __slots__ = ("max_retries", "max_wait", "retryable_method", "deadline")

    def __init__(
        self,
        method: str,
        max_retries: int,
        max_wait: float,
        idempotency_key: Optional[str],
        deadline: Optional[float],
    ) -> None:
        self.max_retries = max(0, int(max_retries))
        self.max_wait = max_wait
        self.retryable_method = (
            method.upper() in IDEMPOTENT_METHODS or idempotency_key is not None
        )
        self.deadline = deadline

    def wait_after_error(self, retry: int) -> Optional[float]:
        """Seconds to wait before retry number `retry` after a transport error, or None."""
        if not self.retryable_method or retry > self.max_retries:
            return None
        return backoff_seconds(retry)

    def wait_after_response(
        self, response: HttpResponse, retry: int, what: str
    ) -> Optional[float]:
        """Seconds to wait before retry number `retry` after `response`, or None (no retry).

        Raises RetryAfterTooLongException when the server asks for more than the cap.
        """
        if response.status_code not in RETRY_STATUSES:
            return None
        if not self.retryable_method or retry > self.max_retries:
            return None
        asked = retry_after_seconds(response.headers)
        if asked is None:
            return backoff_seconds(retry)
        if asked > self.max_wait:
            raise RetryAfterTooLongException(
                f"{what} answered HTTP {response.status_code} asking to retry after "
                f"{asked:.0f} s (more than the {self.max_wait:g} s cap)",
                response,
                asked,
            )
        return asked

    def fits(self, wait: float) -> bool:
        """True when a wait still ends before the call's deadline."""
        return self.deadline is None or time.monotonic() + wait < self.deadline


def log_retry(what: str, retry: int, max_retries: int, wait: float, cause: str) -> None:
    """Log one retry (no secrets: `what` is a method and a path, `cause` a status or type)."""
    _LOGGER.info(
        "%s: retry %d of %d in %.2f s after %s", what, retry, max_retries, wait, cause
    )
