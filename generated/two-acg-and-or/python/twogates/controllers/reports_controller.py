"""ReportsController: operations tagged reports."""

from __future__ import annotations

from typing import List, Optional

from ..http.http_response import ApiResponse
from ..http.retry import RequestOptions
from .base_controller import (
    AsyncBaseController,
    BaseController,
    RequestSpec,
    empty_body,
    json_body,
)

# Per-operation request facts and deserializers, made once at import.
_spec_list_reports = RequestSpec(
    "GET",
    "default",
    "/reports",
    security=[["gate-a"], ["gate_a"]],
    accept="application/json",
)
_spec_export_reports = RequestSpec(
    "POST",
    "default",
    "/reports/export",
    security=[["gate-a", "partnerKey"]],
)


class ReportsController(BaseController):
    """Operations tagged reports."""

    def list_reports(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[List[str]]:
        """Either gate may be used (OR).

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a List[str].
        """
        return self._execute(
            _spec_list_reports,
            json_body,
            request_options,
        )

    def export_reports(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[None]:
        """Needs gate A's token AND the partner key (AND).

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is None.
        """
        return self._execute(
            _spec_export_reports,
            empty_body,
            request_options,
        )


class AsyncReportsController(AsyncBaseController):
    """Operations tagged reports, async (`await` each call)."""

    async def list_reports(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[List[str]]:
        """Either gate may be used (OR).

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a List[str].
        """
        return await self._execute(
            _spec_list_reports,
            json_body,
            request_options,
        )

    async def export_reports(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[None]:
        """Needs gate A's token AND the partner key (AND).

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is None.
        """
        return await self._execute(
            _spec_export_reports,
            empty_body,
            request_options,
        )
