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

# Per-operation request facts and deserializers, made once at import.
_spec_get_me = RequestSpec(
    "GET",
    "default",
    "/me",
    security=[["zooAuth"]],
    accept="application/json",
)
_body_get_me = model_body(User.from_dictionary)


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
            _spec_get_me,
            _body_get_me,
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
            _spec_get_me,
            _body_get_me,
            request_options,
        )
