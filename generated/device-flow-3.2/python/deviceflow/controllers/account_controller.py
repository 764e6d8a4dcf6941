"""AccountController: operations tagged account."""

from __future__ import annotations

from typing import Optional

from ..http.http_response import ApiResponse
from ..http.retry import RequestOptions
from ..models.me import Me
from .base_controller import (
    AsyncBaseController,
    BaseController,
    RequestSpec,
    model_body,
    text_body,
)

# Per-operation request facts and deserializers, made once at import.
_spec_get_me = RequestSpec(
    "GET",
    "default",
    "/device/me",
    security=[["tv"], ["oauth2"], ["sso"]],
    accept="application/json",
)
_body_get_me = model_body(Me.from_dictionary)
_spec_ping = RequestSpec(
    "GET",
    "default",
    "/device/ping",
    security=[],
    accept="text/plain",
)


class AccountController(BaseController):
    """Operations tagged account.

    The signed-in user.
    """

    def get_me(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[Me]:
        """The signed-in user

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a Me.
        """
        return self._execute(
            _spec_get_me,
            _body_get_me,
            request_options,
        )

    def ping(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """GET /device/ping

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            _spec_ping,
            text_body,
            request_options,
        )


class AsyncAccountController(AsyncBaseController):
    """Operations tagged account, async (`await` each call).

    The signed-in user.
    """

    async def get_me(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[Me]:
        """The signed-in user

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a Me.
        """
        return await self._execute(
            _spec_get_me,
            _body_get_me,
            request_options,
        )

    async def ping(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """GET /device/ping

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return await self._execute(
            _spec_ping,
            text_body,
            request_options,
        )
