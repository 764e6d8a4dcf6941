"""InvalidTokenResponseException: the token endpoint's answer is not a usable token."""

from __future__ import annotations

from .api_exception import APIException


class InvalidTokenResponseException(APIException):
    """The token endpoint answered with something that is not a valid token response.

    For example a body that is not JSON, not a JSON object, too large, without a string
    `access_token`, or with a `token_type` other than bearer. `status_code` keeps the status.
    """
