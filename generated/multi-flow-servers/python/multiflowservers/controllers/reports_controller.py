"""ReportsController: operations tagged Reports."""

from __future__ import annotations

from ..http.http_response import ApiResponse
from ..models.user import User
from .base_controller import BaseController, RequestSpec, model_body


class ReportsController(BaseController):
    """Operations tagged Reports."""

    def get_archive(self) -> ApiResponse[User]:
        """The archive (the same path-level server list as /summary, so the same server).

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
        )

    def get_summary(self) -> ApiResponse[User]:
        """A summary (path-level server).

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
        )
