"""MetaController: operations tagged meta."""

from __future__ import annotations

from typing import Optional

from ..http.http_response import ApiResponse
from ..http.retry import RequestOptions
from .base_controller import (
    AsyncBaseController,
    BaseController,
    RequestSpec,
    empty_body,
)

# Per-operation request facts and deserializers, made once at import.
_spec_health = RequestSpec("GET", "default", "/health", security=[])


class MetaController(BaseController):
    """Operations tagged meta."""

    def health(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[None]:
        """GET /health

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is None.
        """
        return self._execute(
            _spec_health,
            empty_body,
            request_options,
        )


class AsyncMetaController(AsyncBaseController):
    """Operations tagged meta, async (`await` each call)."""

    async def health(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[None]:
        """GET /health

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is None.
        """
        return await self._execute(
            _spec_health,
            empty_body,
            request_options,
        )
