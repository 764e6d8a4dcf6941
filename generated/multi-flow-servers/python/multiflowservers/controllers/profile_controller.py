"""ProfileController: operations tagged Profile."""

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
_spec_get_profile = RequestSpec(
    "GET",
    "default",
    "/profile",
    security=[["oauth2"]],
    accept="application/json",
)
_body_get_profile = model_body(User.from_dictionary)


class ProfileController(BaseController):
    """Operations tagged Profile."""

    def get_profile(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[User]:
        """The signed-in user (document server).

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a User.
        """
        return self._execute(
            _spec_get_profile,
            _body_get_profile,
            request_options,
        )


class AsyncProfileController(AsyncBaseController):
    """Operations tagged Profile, async (`await` each call)."""

    async def get_profile(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[User]:
        """The signed-in user (document server).

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a User.
        """
        return await self._execute(
            _spec_get_profile,
            _body_get_profile,
            request_options,
        )
