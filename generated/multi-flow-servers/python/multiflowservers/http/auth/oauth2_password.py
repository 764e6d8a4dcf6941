"""oauth2 password: OAuth 2 Resource Owner Credentials Grant."""

from __future__ import annotations

from . import _grants


class Oauth2PasswordCredentials(_grants.PasswordCredentials):
    """Credentials of the oauth2 scheme (OAuth 2 Resource Owner Credentials Grant).

    One scheme, two flows; either flow's token satisfies the requirement.
    """

    __slots__ = ()
    ENV_PREFIX = "OAUTH2_PASSWORD_"


class Oauth2Password(_grants.PasswordGrant):
    """Manager of the oauth2 scheme (OAuth 2 Resource Owner Credentials Grant)."""

    SCHEME_NAME = "oauth2"
    TOKEN_URL = "/oauth2/non-auth-server/token"
    REFRESH_URL = None
    SERVER_NAME = "auth"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
