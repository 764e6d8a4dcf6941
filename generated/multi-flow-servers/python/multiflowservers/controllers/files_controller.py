"""FilesController: operations tagged Files."""

from __future__ import annotations

from ..http.http_response import ApiResponse
from ..models.user import User
from .base_controller import BaseController, RequestSpec, model_body


class FilesController(BaseController):
    """Operations tagged Files."""

    def list_uploads(self) -> ApiResponse[User]:
        """Uploaded files (operation-level server overrides the path's).

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
        )
