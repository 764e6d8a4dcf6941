"""Response types: the raw `HttpResponse` and the typed `ApiResponse` operations return."""

from __future__ import annotations

from typing import Generic, Mapping, Optional, TypeVar

import httpx

from ._redact import redact_text

T = TypeVar("T")

#: Response headers that may carry credentials; never kept in exceptions of token requests.
_SECRET_HEADERS = frozenset(
    {"set-cookie", "set-cookie2", "authorization", "proxy-authorization", "cookie"}
)


class HttpResponse:
    """A raw HTTP response as received (body decoded as text).

    `repr()` never shows the body or headers: they may carry tokens.
    """

    def __init__(
        self,
        status_code: int,
        reason_phrase: str,
        headers: Mapping[str, str],
        content: bytes,
        url: str,
        too_large: bool = False,
    ) -> None:
        self.status_code = status_code
        self._reason_phrase: Optional[str] = reason_phrase
        # Case-insensitive: httpx's own Headers are kept as they are (no copy per response);
        # any other mapping is copied with lower-cased names.
        self.headers: Mapping[str, str] = (
            headers
            if isinstance(headers, httpx.Headers)
            else {k.lower(): v for k, v in headers.items()}
        )
        self.content = content
        self._url: Optional[str] = url
        self.too_large = too_large
        self._raw_url: Optional[httpx.URL] = None
        self._raw_reason: Optional[bytes] = None

    @classmethod
    def from_httpx(
        cls, raw: httpx.Response, content: bytes, too_large: bool = False
    ) -> HttpResponse:
        """The response `raw` with its body `content` as read. `url` and `reason_phrase` are
        made into text when first asked for (most callers never do); nothing else of `raw`
        is kept (its request carries credentials)."""
        response = cls.__new__(cls)
        response.status_code = raw.status_code
        response._reason_phrase = None
        response.headers = raw.headers
        response.content = content
        response._url = None
        response.too_large = too_large
        response._raw_url = raw.url
        response._raw_reason = raw.extensions.get("reason_phrase")
        return response

    @property
    def reason_phrase(self) -> str:
        """The status line's reason phrase (e.g. `OK`)."""
        phrase = self._reason_phrase
        if phrase is None:
            # as httpx.Response.reason_phrase: the server's phrase, else the standard one
            raw = self._raw_reason
            phrase = (
                httpx.codes.get_reason_phrase(self.status_code)
                if raw is None
                else raw.decode("ascii", errors="ignore")
            )
            self._reason_phrase = phrase
        return phrase

    @reason_phrase.setter
    def reason_phrase(self, value: str) -> None:
        self._reason_phrase = value

    @property
    def url(self) -> str:
        """The URL the response came from."""
        url = self._url
        if url is None:
            url = "" if self._raw_url is None else str(self._raw_url)
            self._url = url
        return url

    @url.setter
    def url(self, value: str) -> None:
        self._url = value

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (invalid bytes replaced)."""
        return self.content.decode("utf-8", errors="replace")

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-cased (`''` when absent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def is_success(self) -> bool:
        """True for 2xx statuses."""
        return 200 <= self.status_code < 300

    def scrubbed(self) -> HttpResponse:
        """A copy safe to keep in an exception: secret fields of the body masked
        (`access_token=...`, `"refresh_token": "..."`, Bearer/Basic values) and
        credential-carrying headers (`set-cookie`, `authorization`, ...) dropped."""
        headers = {
            k: redact_text(v)
            for k, v in self.headers.items()
            if k not in _SECRET_HEADERS
        }
        return HttpResponse(
            self.status_code,
            self.reason_phrase,
            headers,
            redact_text(self.text).encode("utf-8"),
            self.url,
            self.too_large,
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status_code={self.status_code}, "
            f"content_type={self.content_type!r}, length={len(self.content)})"
        )


class ApiResponse(Generic[T]):
    """What an operation returns: status, headers, raw text and the deserialized `body`.

    `repr()` shows the status and body type only (the body may hold secrets).
    """

    def __init__(self, http_response: HttpResponse, body: T) -> None:
        self.http_response = http_response
        self.status_code = http_response.status_code
        self.headers = http_response.headers
        self.body = body

    @property
    def reason_phrase(self) -> str:
        """The status line's reason phrase (e.g. `OK`)."""
        return self.http_response.reason_phrase

    @property
    def text(self) -> str:
        """The raw body text."""
        return self.http_response.text

    def is_success(self) -> bool:
        """True for 2xx statuses."""
        return self.http_response.is_success()

    def is_error(self) -> bool:
        """True for statuses other than 2xx."""
        return not self.is_success()

    def __repr__(self) -> str:
        return (
            f"ApiResponse(status_code={self.status_code}, "
            f"body_type={type(self.body).__name__})"
        )


def no_body(_: Optional[object] = None) -> None:
    """Deserializer for operations without a response body."""
    return None
