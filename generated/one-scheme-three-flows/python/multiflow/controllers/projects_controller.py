"""ProjectsController: operations tagged projects."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ..http.http_response import ApiResponse
from ..http.retry import RequestOptions
from ..models._helpers import list_of
from ..models.project import Project
from .base_controller import (
    AsyncBaseController,
    BaseController,
    RequestSpec,
    model_body,
)

# Per-operation request facts and deserializers, made once at import.
_body_list_projects = model_body(list_of(Project.from_dictionary))


class ProjectsController(BaseController):
    """Operations tagged projects."""

    def list_projects(
        self,
        idempotency_key: Any = None,
        filter_: Optional[Dict[str, str]] = None,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[List[Project]]:
        """GET /projects

        Args:
            idempotency_key: A header whose schema says nothing.
            filter_: The `filter` query parameter.
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a List[Project].
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/projects",
                query=[("filter", filter_)],
                headers=dict([("Idempotency-Key", idempotency_key)]),
                security=[["multiAuth"]],
                accept="application/json",
            ),
            _body_list_projects,
            request_options,
        )


class AsyncProjectsController(AsyncBaseController):
    """Operations tagged projects, async (`await` each call)."""

    async def list_projects(
        self,
        idempotency_key: Any = None,
        filter_: Optional[Dict[str, str]] = None,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[List[Project]]:
        """GET /projects

        Args:
            idempotency_key: A header whose schema says nothing.
            filter_: The `filter` query parameter.
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a List[Project].
        """
        return await self._execute(
            RequestSpec(
                "GET",
                "default",
                "/projects",
                query=[("filter", filter_)],
                headers=dict([("Idempotency-Key", idempotency_key)]),
                security=[["multiAuth"]],
                accept="application/json",
            ),
            _body_list_projects,
            request_options,
        )
