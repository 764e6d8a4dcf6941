"""AuthenticationController: operations tagged Authentication."""

from __future__ import annotations

from ..http.http_response import ApiResponse
from ..models.service_status import ServiceStatus
from ..models.user import User
from .base_controller import BaseController, RequestSpec, model_body, text_body


class AuthenticationController(BaseController):
    """Operations tagged Authentication."""

    def basic_auth_and_api_header_auth(self) -> ApiResponse[str]:
        """Basic Auth and Api Header Auth

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/auth/basicAndApiKeyAndApiHeader",
                security=[["basicAuth", "apiKey", "apiHeader"]],
                accept="text/plain",
            ),
            text_body,
        )

    def custom_query_or_header_authentication(self) -> ApiResponse[str]:
        """Custom Query or Header Authentication

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/auth/customQueryOrHeaderParam",
                security=[["apiKey"], ["apiHeader"]],
                accept="text/plain",
            ),
            text_body,
        )

    def multiple_auth_combination(self) -> ApiResponse[str]:
        """Multiple Auth Combination

        This endpoint uses the API-wide security requirement, an extreme case of OR and AND.

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/auth/multipleAuthCombination",
                security=[["OAuthBearerToken"], ["basicAuth", "apiKey", "apiHeader"]],
                accept="text/plain",
            ),
            text_body,
        )

    def no_auth(self) -> ApiResponse[str]:
        """No Auth

        This endpoint does not use auth.

        Deprecated: this operation may be removed in a future version.

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/auth/noAuth",
                query=[("array", True)],
                security=[],
                accept="text/plain",
            ),
            text_body,
        )

    def o_auth_bearer_token(self) -> ApiResponse[str]:
        """O Auth Bearer Token

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/auth/oauth2",
                security=[["OAuthBearerToken"]],
                accept="text/plain",
            ),
            text_body,
        )

    def o_auth_client_credentials_grant(self) -> ApiResponse[ServiceStatus]:
        """O Auth Client Credentials Grant

        Returns:
            ApiResponse whose body is a ServiceStatus.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/oauth2/non-auth-server/status",
                security=[["OAuthCCG"]],
                accept="application/json",
            ),
            model_body(ServiceStatus.from_dictionary),
        )

    def o_auth_authorization_grant(self) -> ApiResponse[User]:
        """O Auth Authorization Grant

        Returns the user the token was issued for. Accepts a token of either grant.

        Returns:
            ApiResponse whose body is a User.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/oauth2/non-auth-server/user",
                security=[["OAuthACG"], ["OAuthROPCG"]],
                accept="application/json",
            ),
            model_body(User.from_dictionary),
        )

    def o_auth_grant_types_or_combinations(self) -> ApiResponse[str]:
        """O Auth Grant Types or Combinations

        This endpoint tests or combinations of OAuth types

        Returns:
            ApiResponse whose body is a str.
        """
        return self._execute(
            RequestSpec(
                "GET",
                "default",
                "/oauth2/oauthOrCombination",
                security=[["OAuthCCG"], ["OAuthBearerToken"]],
                accept="text/plain",
            ),
            text_body,
        )
