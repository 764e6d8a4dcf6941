"""SecretsController: operations tagged secrets."""

from __future__ import annotations

from typing import List, Optional

from ..http.http_response import ApiResponse
from ..http.retry import RequestOptions
from ..models._helpers import list_of, to_json
from ..models.secret import Secret
from .base_controller import (
    AsyncBaseController,
    BaseController,
    RequestSpec,
    model_body,
)

# Per-operation request facts and deserializers, made once at import.
_spec_list_secrets = RequestSpec(
    "GET",
    "default",
    "/secrets",
    security=[["vaultPassword"]],
    accept="application/json",
)
_body_list_secrets = model_body(list_of(Secret.from_dictionary))
_body_create_secret = model_body(Secret.from_dictionary)


class SecretsController(BaseController):
    """Operations tagged secrets."""

    def list_secrets(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[List[Secret]]:
        """GET /secrets

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a List[Secret].
        """
        return self._execute(
            _spec_list_secrets,
            _body_list_secrets,
            request_options,
        )

    def create_secret(
        self,
        body_2: Secret,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[Secret]:
        """POST /secrets

        Args:
            body_2: The request body.
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

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
            _body_create_secret,
            request_options,
        )


class AsyncSecretsController(AsyncBaseController):
    """Operations tagged secrets, async (`await` each call)."""

    async def list_secrets(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[List[Secret]]:
        """GET /secrets

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a List[Secret].
        """
        return await self._execute(
            _spec_list_secrets,
            _body_list_secrets,
            request_options,
        )

    async def create_secret(
        self,
        body_2: Secret,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[Secret]:
        """POST /secrets

        Args:
            body_2: The request body.
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a Secret.
        """
        return await self._execute(
            RequestSpec(
                "POST",
                "default",
                "/secrets",
                json_body=to_json(body_2),
                has_json_body=True,
                security=[["vaultPassword"]],
                accept="application/json",
            ),
            _body_create_secret,
            request_options,
        )
