"""UsersController: operations tagged users."""

from __future__ import annotations

from ..http.http_response import ApiResponse
from ..models.user import User
from .base_controller import BaseController, RequestSpec, model_body


class UsersController(BaseController):
    """Operations tagged users."""

    def get_me(self) -> ApiResponse[User]:
        """Who am I (no operationId; the name is derived)

        Returns:
            ApiResponse whose body is a User.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/me",
                security=[["zooAuth"]],
                accept="application/json",
            ),
            model_body(User.from_dictionary),
        )
