"""MetaController: operations tagged meta."""

from __future__ import annotations

from ..http.http_response import ApiResponse
from .base_controller import BaseController, RequestSpec, empty_body


class MetaController(BaseController):
    """Operations tagged meta."""

    def public_info(self) -> ApiResponse[None]:
        """Anonymous or gate B (optional auth).

        Returns:
            ApiResponse whose body is None.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/public",
                security=[[], ["gate_a"]],
            ),
            empty_body,
        )
