"""PasswordvaultClient: the entry point of the Password Vault SDK."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Union

import httpx

from .configuration import Configuration, Environment, Server
from .controllers.meta_controller import AsyncMetaController, MetaController
from .controllers.secrets_controller import AsyncSecretsController, SecretsController
from .http._async import AsyncPasswordGrant
from .http.api_context import ApiContext, AsyncApiContext
from .http.auth.vault_password import VaultPassword, VaultPasswordCredentials
from .http.transport import AsyncTransport, Transport

USER_AGENT = "grantgen-python passwordvault/0.9.0"

_UNSET: Any = object()


class PasswordvaultClient:
    """Client of the Password Vault API.

    ROPCG only, without scopes, with a relative token URL.

    Build it from a Configuration (`PasswordvaultClient(config)`) or from keyword arguments (the same names as Configuration's); keywords given together with a config override it.
    """

    def __init__(
        self,
        config: Optional[Configuration] = None,
        *,
        environment: Environment = _UNSET,
        timeout: Optional[float] = _UNSET,
        base_urls: Optional[Mapping[Union[Server, str], str]] = _UNSET,
        allow_insecure_http: bool = _UNSET,
        extra_bearer_hosts: Sequence[str] = _UNSET,
        http_client: Optional[httpx.Client] = _UNSET,
        max_retries: int = _UNSET,
        max_retry_wait: float = _UNSET,
        async_http_client: Optional[httpx.AsyncClient] = _UNSET,
        vault_password_credentials: Optional[VaultPasswordCredentials] = _UNSET,
    ) -> None:
        changes: Dict[str, Any] = {}
        for name, value in (
            ("environment", environment),
            ("timeout", timeout),
            ("base_urls", base_urls),
            ("allow_insecure_http", allow_insecure_http),
            ("extra_bearer_hosts", extra_bearer_hosts),
            ("http_client", http_client),
            ("max_retries", max_retries),
            ("max_retry_wait", max_retry_wait),
            ("async_http_client", async_http_client),
            ("vault_password_credentials", vault_password_credentials),
        ):
            if value is not _UNSET:
                changes[name] = value
        if config is None:
            config = Configuration(**changes)
        elif not isinstance(config, Configuration):
            raise TypeError("config must be a Configuration")
        elif changes:
            config = config.clone_with(**changes)
        self._config: Configuration = config
        self._context = ApiContext(
            Transport(config.timeout, config.http_client, USER_AGENT),
            self._server_url,
            [server.value for server in Server],
            allow_insecure_http=config.allow_insecure_http,
            extra_bearer_hosts=config.extra_bearer_hosts,
            max_retries=config.max_retries,
            max_retry_wait=config.max_retry_wait,
        )
        self._vault_password = VaultPassword(
            config.vault_password_credentials,
            self._context,
        )
        self._context.authorizers["vaultPassword"] = self._vault_password
        self._meta = MetaController(self._context)
        self._secrets = SecretsController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def vault_password(self) -> VaultPassword:
        """The vaultPassword manager (OAuth 2 Resource Owner Credentials Grant)."""
        return self._vault_password

    @property
    def meta(self) -> MetaController:
        """Operations tagged meta."""
        return self._meta

    @property
    def secrets(self) -> SecretsController:
        """Operations tagged secrets."""
        return self._secrets

    def close(self) -> None:
        """Close the HTTP connections the client opened."""
        self._context.transport.close()

    def __enter__(self) -> PasswordvaultClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PasswordvaultClient(config={self._config!r})"


class AsyncPasswordvaultClient:
    """Async client of the Password Vault API, on httpx.AsyncClient.

    Built like PasswordvaultClient (a Configuration and/or the same keywords); use it as `async with AsyncPasswordvaultClient(...) as client:`. Every operation and every OAuth manager method that does I/O is awaited: `await client.<controller>.<operation>(...)`, `await client.<manager>.fetch_token()`. Token handling, errors and retries are the sync client's.
    """

    def __init__(
        self,
        config: Optional[Configuration] = None,
        *,
        environment: Environment = _UNSET,
        timeout: Optional[float] = _UNSET,
        base_urls: Optional[Mapping[Union[Server, str], str]] = _UNSET,
        allow_insecure_http: bool = _UNSET,
        extra_bearer_hosts: Sequence[str] = _UNSET,
        http_client: Optional[httpx.Client] = _UNSET,
        max_retries: int = _UNSET,
        max_retry_wait: float = _UNSET,
        async_http_client: Optional[httpx.AsyncClient] = _UNSET,
        vault_password_credentials: Optional[VaultPasswordCredentials] = _UNSET,
    ) -> None:
        changes: Dict[str, Any] = {}
        for name, value in (
            ("environment", environment),
            ("timeout", timeout),
            ("base_urls", base_urls),
            ("allow_insecure_http", allow_insecure_http),
            ("extra_bearer_hosts", extra_bearer_hosts),
            ("http_client", http_client),
            ("max_retries", max_retries),
            ("max_retry_wait", max_retry_wait),
            ("async_http_client", async_http_client),
            ("vault_password_credentials", vault_password_credentials),
        ):
            if value is not _UNSET:
                changes[name] = value
        if config is None:
            config = Configuration(**changes)
        elif not isinstance(config, Configuration):
            raise TypeError("config must be a Configuration")
        elif changes:
            config = config.clone_with(**changes)
        self._config: Configuration = config
        self._context = AsyncApiContext(
            Transport(config.timeout, config.http_client, USER_AGENT),
            AsyncTransport(config.timeout, config.async_http_client, USER_AGENT),
            self._server_url,
            [server.value for server in Server],
            allow_insecure_http=config.allow_insecure_http,
            extra_bearer_hosts=config.extra_bearer_hosts,
            max_retries=config.max_retries,
            max_retry_wait=config.max_retry_wait,
        )
        self._vault_password = AsyncPasswordGrant(
            VaultPassword(config.vault_password_credentials, self._context),
            self._context,
        )
        self._context.async_authorizers["vaultPassword"] = self._vault_password
        self._meta = AsyncMetaController(self._context)
        self._secrets = AsyncSecretsController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def vault_password(self) -> AsyncPasswordGrant:
        """The vaultPassword manager (OAuth 2 Resource Owner Credentials Grant), async: await its fetch and refresh methods."""
        return self._vault_password

    @property
    def meta(self) -> AsyncMetaController:
        """Operations tagged meta (async)."""
        return self._meta

    @property
    def secrets(self) -> AsyncSecretsController:
        """Operations tagged secrets (async)."""
        return self._secrets

    async def aclose(self) -> None:
        """Close the HTTP connections the client opened."""
        await self._context.async_transport.aclose()
        self._context.transport.close()

    async def __aenter__(self) -> AsyncPasswordvaultClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncPasswordvaultClient(config={self._config!r})"
