"""FilesController: operations tagged Files."""

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


class FilesController(BaseController):
    """Operations tagged Files."""

    def list_uploads(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[User]:
        """Uploaded files (operation-level server overrides the path's).

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a User.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "listUploads",
                "/files",
                security=[["oauth2"]],
                accept="application/json",
            ),
            model_body(User.from_dictionary),
            request_options,
        )


class AsyncFilesController(AsyncBaseController):
    """Operations tagged Files, async (`await` each call)."""

    async def list_uploads(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[User]:
        """Uploaded files (operation-level server overrides the path's).

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a User.
        """
        return await self._execute(
            RequestSpec(
                "GET",
                "listUploads",
                "/files",
                security=[["oauth2"]],
                accept="application/json",
            ),
            model_body(User.from_dictionary),
            request_options,
        )
