"""ProjectsController: operations tagged projects."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ..http.http_response import ApiResponse
from ..models._helpers import list_of
from ..models.project import Project
from .base_controller import BaseController, RequestSpec, model_body


class ProjectsController(BaseController):
    """Operations tagged projects."""

    def list_projects(
        self,
        idempotency_key: Any = None,
        filter_: Optional[Dict[str, str]] = None,
    ) -> ApiResponse[List[Project]]:
        """GET /projects

        Args:
            idempotency_key: A header whose schema says nothing.
            filter_: The `filter` query parameter.

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
            model_body(list_of(Project.from_dictionary)),
        )
