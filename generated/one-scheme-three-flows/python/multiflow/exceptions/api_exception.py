"""APIException: the server answered with a status the SDK treats as an error."""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Optional

from ..http._redact import redact_text
from .sdk_exception import SdkException

if TYPE_CHECKING:
    from ..http.http_response import HttpResponse

_MAX_BODY_IN_MESSAGE = 200


class APIException(SdkException):
    """An HTTP response that is an error (or unusable), with its status, body and headers."""

    def __init__(
        self,
        reason: str,
        response: Optional[HttpResponse] = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.response = response
        self.status_code: Optional[int] = (
            response.status_code if response is not None else None
        )
        self.body: str = response.text if response is not None else ""
        self.headers: Mapping[str, str] = (
            response.headers if response is not None else {}
        )

    @property
    def response_code(self) -> Optional[int]:
        """Alias of `status_code` (name used by older SDKs)."""
        return self.status_code

    def __str__(self) -> str:
        text = f"{type(self).__name__}: {redact_text(self.reason)}"
        if self.status_code is not None:
            text += f" (HTTP {self.status_code})"
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code!r}, reason={redact_text(self.reason)!r})"


class ResponseTooLargeException(APIException):
    """The response body is larger than the client's limit (`max_response_bytes`); it was not
    read past the limit."""


class RetryAfterTooLongException(APIException):
    """The server asked to wait longer than the retry cap; the call was not retried.

    `status_code` and `headers` are the answer's; `retry_after` is the asked wait in seconds.
    """

    def __init__(self, reason: str, response: HttpResponse, retry_after: float) -> None:
        super().__init__(reason, response)
        self.retry_after = retry_after
