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

# Per-operation request facts and deserializers, made once at import.
_spec_list_uploads = RequestSpec(
    "GET",
    "listUploads",
    "/files",
    security=[["oauth2"]],
    accept="application/json",
)
_body_list_uploads = model_body(User.from_dictionary)


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
            _spec_list_uploads,
            _body_list_uploads,
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
            _spec_list_uploads,
            _body_list_uploads,
            request_options,
        )
