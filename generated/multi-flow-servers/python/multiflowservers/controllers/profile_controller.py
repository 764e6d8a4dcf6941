"""ProfileController: operations tagged Profile."""

from __future__ import annotations

from ..http.http_response import ApiResponse
from ..models.user import User
from .base_controller import BaseController, RequestSpec, model_body


class ProfileController(BaseController):
    """Operations tagged Profile."""

    def get_profile(self) -> ApiResponse[User]:
        """The signed-in user (document server).

        Returns:
            ApiResponse whose body is a User.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/profile",
                security=[["oauth2"]],
                accept="application/json",
            ),
            model_body(User.from_dictionary),
        )
