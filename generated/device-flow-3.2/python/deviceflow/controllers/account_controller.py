"""AccountController: operations tagged account."""

from __future__ import annotations

from ..http.http_response import ApiResponse
from ..models.me import Me
from .base_controller import BaseController, RequestSpec, model_body, text_body


class AccountController(BaseController):
    """Operations tagged account.

    The signed-in user.
    """

    def get_me(self) -> ApiResponse[Me]:
        """The signed-in user

        Returns:
            ApiResponse whose body is a Me.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/device/me",
                security=[["tv"], ["oauth2"], ["sso"]],
                accept="application/json",
            ),
            model_body(Me.from_dictionary),
        )

    def ping(self) -> ApiResponse[str]:
        """GET /device/ping

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/device/ping",
                security=[],
                accept="text/plain",
            ),
            text_body,
        )
