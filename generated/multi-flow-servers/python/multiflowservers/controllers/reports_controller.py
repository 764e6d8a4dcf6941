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
            RequestSpec(
                "GET",
                "reports",
                "/archive",
                security=[["oauth2"]],
                accept="application/json",
            ),
            model_body(User.from_dictionary),
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
            RequestSpec(
                "GET",
                "reports",
                "/summary",
                security=[["oauth2"]],
                accept="application/json",
            ),
            model_body(User.from_dictionary),
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
            RequestSpec(
                "GET",
                "reports",
                "/archive",
                security=[["oauth2"]],
                accept="application/json",
            ),
            model_body(User.from_dictionary),
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
            RequestSpec(
                "GET",
                "reports",
                "/summary",
                security=[["oauth2"]],
                accept="application/json",
            ),
            model_body(User.from_dictionary),
            request_options,
        )
