"""ReportsController: operations tagged reports."""

from __future__ import annotations

from typing import List

from ..http.http_response import ApiResponse
from .base_controller import BaseController, RequestSpec, empty_body, json_body


class ReportsController(BaseController):
    """Operations tagged reports."""

    def list_reports(self) -> ApiResponse[List[str]]:
        """Either gate may be used (OR).

        Returns:
            ApiResponse whose body is a List[str].
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/reports",
                security=[["gate-a"], ["gate_a"]],
                accept="application/json",
            ),
            json_body,
        )

    def export_reports(self) -> ApiResponse[None]:
        """Needs gate A's token AND the partner key (AND).

        Returns:
            ApiResponse whose body is None.
        """
        return self._execute(
            RequestSpec(
                "POST",
                "default",
                "/reports/export",
                security=[["gate-a", "partnerKey"]],
            ),
            empty_body,
        )
