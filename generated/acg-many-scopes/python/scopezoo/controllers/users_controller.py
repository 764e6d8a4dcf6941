"""UsersController: operations tagged users."""

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


class UsersController(BaseController):
    """Operations tagged users."""

    def get_me(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[User]:
        """Who am I (no operationId; the name is derived)

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

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
            request_options,
        )


class AsyncUsersController(AsyncBaseController):
    """Operations tagged users, async (`await` each call)."""

    async def get_me(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[User]:
        """Who am I (no operationId; the name is derived)

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a User.
        """
        return await self._execute(
            RequestSpec(
                "GET",
                "default",
                "/me",
                security=[["zooAuth"]],
                accept="application/json",
            ),
            model_body(User.from_dictionary),
            request_options,
        )
