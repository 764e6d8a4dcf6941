"""ScopezooClient: the entry point of the Scope Zoo SDK."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Union

import httpx

from .configuration import Configuration, Environment, Server
from .controllers.files_controller import AsyncFilesController, FilesController
from .controllers.users_controller import AsyncUsersController, UsersController
from .http._async import AsyncAuthorizationCodeGrant
from .http.api_context import ApiContext, AsyncApiContext
from .http.auth.zoo_auth import ZooAuth, ZooAuthCredentials
from .http.transport import AsyncTransport, Transport

USER_AGENT = "grantgen-python scopezoo/2.1"

_UNSET: Any = object()


class ScopezooClient:
    """Client of the Scope Zoo API.

    ACG only, with scopes that are URLs, dotted, colon-separated and dashed, two of which collide after sanitizing.

    Build it from a Configuration (`ScopezooClient(config)`) or from keyword arguments (the same names as Configuration's); keywords given together with a config override it.
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
        zoo_auth_credentials: Optional[ZooAuthCredentials] = _UNSET,
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
            ("zoo_auth_credentials", zoo_auth_credentials),
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
        self._zoo_auth = ZooAuth(config.zoo_auth_credentials, self._context)
        self._context.authorizers["zooAuth"] = self._zoo_auth
        self._files = FilesController(self._context)
        self._users = UsersController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def zoo_auth(self) -> ZooAuth:
        """The zooAuth manager (OAuth 2 Authorization Code Grant)."""
        return self._zoo_auth

    @property
    def files(self) -> FilesController:
        """Operations tagged files."""
        return self._files

    @property
    def users(self) -> UsersController:
        """Operations tagged users."""
        return self._users

    def close(self) -> None:
        """Close the HTTP connections the client opened."""
        self._context.transport.close()

    def __enter__(self) -> ScopezooClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ScopezooClient(config={self._config!r})"


class AsyncScopezooClient:
    """Async client of the Scope Zoo API, on httpx.AsyncClient.

    Built like ScopezooClient (a Configuration and/or the same keywords); use it as `async with AsyncScopezooClient(...) as client:`. Every operation and every OAuth manager method that does I/O is awaited: `await client.<controller>.<operation>(...)`, `await client.<manager>.fetch_token()`. Token handling, errors and retries are the sync client's.
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
        zoo_auth_credentials: Optional[ZooAuthCredentials] = _UNSET,
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
            ("zoo_auth_credentials", zoo_auth_credentials),
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
        self._zoo_auth = AsyncAuthorizationCodeGrant(
            ZooAuth(config.zoo_auth_credentials, self._context),
            self._context,
        )
        self._context.async_authorizers["zooAuth"] = self._zoo_auth
        self._files = AsyncFilesController(self._context)
        self._users = AsyncUsersController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def zoo_auth(self) -> AsyncAuthorizationCodeGrant:
        """The zooAuth manager (OAuth 2 Authorization Code Grant), async: await its fetch and refresh methods."""
        return self._zoo_auth

    @property
    def files(self) -> AsyncFilesController:
        """Operations tagged files (async)."""
        return self._files

    @property
    def users(self) -> AsyncUsersController:
        """Operations tagged users (async)."""
        return self._users

    async def aclose(self) -> None:
        """Close the HTTP connections the client opened."""
        await self._context.async_transport.aclose()
        self._context.transport.close()

    async def __aenter__(self) -> AsyncScopezooClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncScopezooClient(config={self._config!r})"
