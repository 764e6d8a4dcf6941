"""MetaController: operations tagged meta."""

from __future__ import annotations

from ..http.http_response import ApiResponse
from .base_controller import BaseController, RequestSpec, empty_body


class MetaController(BaseController):
    """Operations tagged meta."""

    def ping(self) -> ApiResponse[None]:
        """GET /ping

        Returns:
            ApiResponse whose body is None.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/ping",
                security=[],
            ),
            empty_body,
        )
