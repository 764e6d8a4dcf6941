"""AuthenticationController: operations tagged Authentication."""

from __future__ import annotations

from typing import Optional

from ..http.http_response import ApiResponse
from ..http.retry import RequestOptions
from ..models.service_status import ServiceStatus
from ..models.user import User
from .base_controller import (
    AsyncBaseController,
    BaseController,
    RequestSpec,
    model_body,
    text_body,
)

# Per-operation request facts and deserializers, made once at import.
_spec_basic_auth_and_api_header_auth = RequestSpec(
    "GET",
    "default",
    "/auth/basicAndApiKeyAndApiHeader",
    security=[["basicAuth", "apiKey", "apiHeader"]],
    accept="text/plain",
)
_spec_custom_query_or_header_authentication = RequestSpec(
    "GET",
    "default",
    "/auth/customQueryOrHeaderParam",
    security=[["apiKey"], ["apiHeader"]],
    accept="text/plain",
)
_spec_multiple_auth_combination = RequestSpec(
    "GET",
    "default",
    "/auth/multipleAuthCombination",
    security=[["OAuthBearerToken"], ["basicAuth", "apiKey", "apiHeader"]],
    accept="text/plain",
)
_spec_no_auth = RequestSpec(
    "GET",
    "default",
    "/auth/noAuth",
    query=[("array", True)],
    security=[],
    accept="text/plain",
)
_spec_o_auth_bearer_token = RequestSpec(
    "GET",
    "default",
    "/auth/oauth2",
    security=[["OAuthBearerToken"]],
    accept="text/plain",
)
_spec_o_auth_client_credentials_grant = RequestSpec(
    "GET",
    "default",
    "/oauth2/non-auth-server/status",
    security=[["OAuthCCG"]],
    accept="application/json",
)
_body_o_auth_client_credentials_grant = model_body(ServiceStatus.from_dictionary)
_spec_o_auth_authorization_grant = RequestSpec(
    "GET",
    "default",
    "/oauth2/non-auth-server/user",
    security=[["OAuthACG"], ["OAuthROPCG"]],
    accept="application/json",
)
_body_o_auth_authorization_grant = model_body(User.from_dictionary)
_spec_o_auth_grant_types_or_combinations = RequestSpec(
    "GET",
    "default",
    "/oauth2/oauthOrCombination",
    security=[["OAuthCCG"], ["OAuthBearerToken"]],
    accept="text/plain",
)


class AuthenticationController(BaseController):
    """Operations tagged Authentication."""

    def basic_auth_and_api_header_auth(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """Basic Auth and Api Header Auth

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            _spec_basic_auth_and_api_header_auth,
            text_body,
            request_options,
        )

    def custom_query_or_header_authentication(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """Custom Query or Header Authentication

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            _spec_custom_query_or_header_authentication,
            text_body,
            request_options,
        )

    def multiple_auth_combination(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """Multiple Auth Combination

        This endpoint uses the API-wide security requirement, an extreme case of OR and AND.

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            _spec_multiple_auth_combination,
            text_body,
            request_options,
        )

    def no_auth(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """No Auth

        This endpoint does not use auth.

        Deprecated: this operation may be removed in a future version.

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            _spec_no_auth,
            text_body,
            request_options,
        )

    def o_auth_bearer_token(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """O Auth Bearer Token

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            _spec_o_auth_bearer_token,
            text_body,
            request_options,
        )

    def o_auth_client_credentials_grant(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[ServiceStatus]:
        """O Auth Client Credentials Grant

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a ServiceStatus.
        """
        return self._execute(
            _spec_o_auth_client_credentials_grant,
            _body_o_auth_client_credentials_grant,
            request_options,
        )

    def o_auth_authorization_grant(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[User]:
        """O Auth Authorization Grant

        Returns the user the token was issued for. Accepts a token of either grant.

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a User.
        """
        return self._execute(
            _spec_o_auth_authorization_grant,
            _body_o_auth_authorization_grant,
            request_options,
        )

    def o_auth_grant_types_or_combinations(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """O Auth Grant Types or Combinations

        This endpoint tests or combinations of OAuth types

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            _spec_o_auth_grant_types_or_combinations,
            text_body,
            request_options,
        )


class AsyncAuthenticationController(AsyncBaseController):
    """Operations tagged Authentication, async (`await` each call)."""

    async def basic_auth_and_api_header_auth(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """Basic Auth and Api Header Auth

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return await self._execute(
            _spec_basic_auth_and_api_header_auth,
            text_body,
            request_options,
        )

    async def custom_query_or_header_authentication(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """Custom Query or Header Authentication

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return await self._execute(
            _spec_custom_query_or_header_authentication,
            text_body,
            request_options,
        )

    async def multiple_auth_combination(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """Multiple Auth Combination

        This endpoint uses the API-wide security requirement, an extreme case of OR and AND.

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return await self._execute(
            _spec_multiple_auth_combination,
            text_body,
            request_options,
        )

    async def no_auth(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """No Auth

        This endpoint does not use auth.

        Deprecated: this operation may be removed in a future version.

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return await self._execute(
            _spec_no_auth,
            text_body,
            request_options,
        )

    async def o_auth_bearer_token(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """O Auth Bearer Token

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return await self._execute(
            _spec_o_auth_bearer_token,
            text_body,
            request_options,
        )

    async def o_auth_client_credentials_grant(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[ServiceStatus]:
        """O Auth Client Credentials Grant

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a ServiceStatus.
        """
        return await self._execute(
            _spec_o_auth_client_credentials_grant,
            _body_o_auth_client_credentials_grant,
            request_options,
        )

    async def o_auth_authorization_grant(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[User]:
        """O Auth Authorization Grant

        Returns the user the token was issued for. Accepts a token of either grant.

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a User.
        """
        return await self._execute(
            _spec_o_auth_authorization_grant,
            _body_o_auth_authorization_grant,
            request_options,
        )

    async def o_auth_grant_types_or_combinations(
        self,
        *,
        request_options: Optional[RequestOptions] = None,
    ) -> ApiResponse[str]:
        """O Auth Grant Types or Combinations

        This endpoint tests or combinations of OAuth types

        Args:
            request_options: Per-call options: timeout, max_retries, headers, idempotency_key.

        Returns:
            ApiResponse whose body is a str.
        """
        return await self._execute(
            _spec_o_auth_grant_types_or_combinations,
            text_body,
            request_options,
        )
