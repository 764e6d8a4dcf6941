"""ReportsController: operations tagged Reports."""

from __future__ import annotations

from typing import Optional

from ..http.http_response import ApiResponse
from ..http.retry import RequestOptions
from ..models.user import User
from .base_controller import (
    AsyncBaseController,
    BaseController,
    RequestSpec,
    model_body,
)

# Per-operation request facts and deserializers, made once at import.
_spec_get_archive = RequestSpec(
    "GET",
    "reports",
    "/archive",
    security=[["oauth2"]],
    accept="application/json",
)
_body_get_archive = model_body(User.from_dictionary)
_spec_get_summary = RequestSpec(
    "GET",
    "reports",
    "/summary",
    security=[["oauth2"]],
    accept="application/json",
)
_body_get_summary = model_body(User.from_dictionary)


class ReportsController(BaseController):
    """Operations tagged Reports."""

    def get_archive(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[User]:
        """The archive (the same path-level server list as /summary, so the same server).

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a User.
        """
        return self._execute(
            _spec_get_archive,
            _body_get_archive,
            request_options,
        )

    def get_summary(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[User]:
        """A summary (path-level server).

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a User.
        """
        return self._execute(
            _spec_get_summary,
            _body_get_summary,
            request_options,
        )


class AsyncReportsController(AsyncBaseController):
    """Operations tagged Reports, async (`await` each call)."""

    async def get_archive(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[User]:
        """The archive (the same path-level server list as /summary, so the same server).

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a User.
        """
        return await self._execute(
            _spec_get_archive,
            _body_get_archive,
            request_options,
        )

    async def get_summary(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[User]:
        """A summary (path-level server).

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a User.
        """
        return await self._execute(
            _spec_get_summary,
            _body_get_summary,
            request_options,
        )
