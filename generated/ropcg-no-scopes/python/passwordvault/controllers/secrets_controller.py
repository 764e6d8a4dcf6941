"""SecretsController: operations tagged secrets."""

from __future__ import annotations

from typing import List

from ..http.http_response import ApiResponse
from ..models._helpers import list_of, to_json
from ..models.secret import Secret
from .base_controller import BaseController, RequestSpec, model_body


class SecretsController(BaseController):
    """Operations tagged secrets."""

    def list_secrets(self) -> ApiResponse[List[Secret]]:
        """GET /secrets

        Returns:
            ApiResponse whose body is a List[Secret].
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/secrets",
                security=[["vaultPassword"]],
                accept="application/json",
            ),
            model_body(list_of(Secret.from_dictionary)),
        )

    def create_secret(
        self,
        body_2: Secret,
    ) -> ApiResponse[Secret]:
        """POST /secrets

        Args:
            body_2: The request body.

        Returns:
            ApiResponse whose body is a Secret.
        """
        return self._execute(
            RequestSpec(
                "POST",
                "default",
                "/secrets",
                json_body=to_json(body_2),
                has_json_body=True,
                security=[["vaultPassword"]],
                accept="application/json",
            ),
            model_body(Secret.from_dictionary),
        )
