"""FilesController: operations tagged files."""

from __future__ import annotations

from typing import List, Optional

from ..http.http_response import ApiResponse
from ..http.retry import RequestOptions
from ..models._helpers import list_of
from ..models.file import File
from .base_controller import (
    AsyncBaseController,
    BaseController,
    RequestSpec,
    empty_body,
    model_body,
)

# Per-operation request facts and deserializers, made once at import.
_body_list_files = model_body(list_of(File.from_dictionary))


class FilesController(BaseController):
    """Operations tagged files."""

    def list_files(
        self,
        page_size: Optional[int] = None,
        class_: Optional[str] = None,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[List[File]]:
        """List files

        Args:
            page_size: The `page-size` query parameter.
            class_: A parameter whose name is a Python keyword.
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a List[File].
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/files",
                query=[("page-size", page_size), ("class", class_)],
                security=[["zooAuth"]],
                accept="application/json",
            ),
            _body_list_files,
            request_options,
        )

    def delete_file(
        self,
        file_id: str,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[None]:
        """Delete a file

        Args:
            file_id: The `file-id` path parameter.
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is None.
        """
        return self._execute(
            RequestSpec(
                "DELETE",
                "default",
                "/files/{file-id}",
                path_params=dict([("file-id", file_id)]),
                security=[["zooAuth"]],
            ),
            empty_body,
            request_options,
        )


class AsyncFilesController(AsyncBaseController):
    """Operations tagged files, async (`await` each call)."""

    async def list_files(
        self,
        page_size: Optional[int] = None,
        class_: Optional[str] = None,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[List[File]]:
        """List files

        Args:
            page_size: The `page-size` query parameter.
            class_: A parameter whose name is a Python keyword.
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a List[File].
        """
        return await self._execute(
            RequestSpec(
                "GET",
                "default",
                "/files",
                query=[("page-size", page_size), ("class", class_)],
                security=[["zooAuth"]],
                accept="application/json",
            ),
            _body_list_files,
            request_options,
        )

    async def delete_file(
        self,
        file_id: str,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[None]:
        """Delete a file

        Args:
            file_id: The `file-id` path parameter.
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is None.
        """
        return await self._execute(
            RequestSpec(
                "DELETE",
                "default",
                "/files/{file-id}",
                path_params=dict([("file-id", file_id)]),
                security=[["zooAuth"]],
            ),
            empty_body,
            request_options,
        )
