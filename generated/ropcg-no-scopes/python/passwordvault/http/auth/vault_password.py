"""vaultPassword: OAuth 2 Resource Owner Credentials Grant."""

from __future__ import annotations

from . import _grants


class VaultPasswordCredentials(_grants.PasswordCredentials):
    """Credentials of the vaultPassword scheme (OAuth 2 Resource Owner Credentials Grant)."""

    __slots__ = ()
    ENV_PREFIX = "VAULT_PASSWORD_"


class VaultPassword(_grants.PasswordGrant):
    """Manager of the vaultPassword scheme (OAuth 2 Resource Owner Credentials Grant)."""

    SCHEME_NAME = "vaultPassword"
    TOKEN_URL = "/oauth/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_post"
