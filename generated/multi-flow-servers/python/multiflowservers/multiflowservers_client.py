"""MultiflowserversClient: the entry point of the Multi-Flow Servers SDK."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Union

import httpx

from .configuration import Configuration, Environment, Server
from .controllers.files_controller import AsyncFilesController, FilesController
from .controllers.profile_controller import AsyncProfileController, ProfileController
from .controllers.reports_controller import AsyncReportsController, ReportsController
from .http._async import (
    AsyncAuthorizationCodeGrant,
    AsyncFlowChoice,
    AsyncPasswordGrant,
)
from .http.api_context import ApiContext, AsyncApiContext
from .http.auth._security import FlowChoice
from .http.auth.oauth2_authorization_code import (
    Oauth2AuthorizationCode,
    Oauth2AuthorizationCodeCredentials,
)
from .http.auth.oauth2_password import Oauth2Password, Oauth2PasswordCredentials
from .http.transport import AsyncTransport, Transport

USER_AGENT = "grantgen-python multiflowservers/1.0.0"

_UNSET: Any = object()


class MultiflowserversClient:
    """Client of the Multi-Flow Servers API.

    One OAuth 2 scheme with two flows (authorization code and password), and operations that call their own servers: path-level `servers` and an operation-level `servers` that overrides them.

    Build it from a Configuration (`MultiflowserversClient(config)`) or from keyword arguments (the same names as Configuration's); keywords given together with a config override it.
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
        port: str = _UNSET,
        oauth2_authorization_code_credentials: Optional[
            Oauth2AuthorizationCodeCredentials
        ] = _UNSET,
        oauth2_password_credentials: Optional[Oauth2PasswordCredentials] = _UNSET,
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
            ("port", port),
            (
                "oauth2_authorization_code_credentials",
                oauth2_authorization_code_credentials,
            ),
            ("oauth2_password_credentials", oauth2_password_credentials),
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
        self._oauth2_authorization_code = Oauth2AuthorizationCode(
            config.oauth2_authorization_code_credentials,
            self._context,
        )
        self._oauth2_password = Oauth2Password(
            config.oauth2_password_credentials,
            self._context,
        )
        self._context.authorizers["oauth2"] = FlowChoice(
            "oauth2",
            (self._oauth2_authorization_code, self._oauth2_password),
        )
        self._files = FilesController(self._context)
        self._profile = ProfileController(self._context)
        self._reports = ReportsController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def oauth2_authorization_code(self) -> Oauth2AuthorizationCode:
        """The oauth2 authorizationCode manager (OAuth 2 Authorization Code Grant)."""
        return self._oauth2_authorization_code

    @property
    def oauth2_password(self) -> Oauth2Password:
        """The oauth2 password manager (OAuth 2 Resource Owner Credentials Grant)."""
        return self._oauth2_password

    @property
    def files(self) -> FilesController:
        """Operations tagged Files."""
        return self._files

    @property
    def profile(self) -> ProfileController:
        """Operations tagged Profile."""
        return self._profile

    @property
    def reports(self) -> ReportsController:
        """Operations tagged Reports."""
        return self._reports

    def close(self) -> None:
        """Close the HTTP connections the client opened."""
        self._context.transport.close()

    def __enter__(self) -> MultiflowserversClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"MultiflowserversClient(config={self._config!r})"


class AsyncMultiflowserversClient:
    """Async client of the Multi-Flow Servers API, on httpx.AsyncClient.

    Built like MultiflowserversClient (a Configuration and/or the same keywords); use it as `async with AsyncMultiflowserversClient(...) as client:`. Every operation and every OAuth manager method that does I/O is awaited: `await client.<controller>.<operation>(...)`, `await client.<manager>.fetch_token()`. Token handling, errors and retries are the sync client's.
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
        port: str = _UNSET,
        oauth2_authorization_code_credentials: Optional[
            Oauth2AuthorizationCodeCredentials
        ] = _UNSET,
        oauth2_password_credentials: Optional[Oauth2PasswordCredentials] = _UNSET,
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
            ("port", port),
            (
                "oauth2_authorization_code_credentials",
                oauth2_authorization_code_credentials,
            ),
            ("oauth2_password_credentials", oauth2_password_credentials),
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
        self._oauth2_authorization_code = AsyncAuthorizationCodeGrant(
            Oauth2AuthorizationCode(
                config.oauth2_authorization_code_credentials,
                self._context,
            ),
            self._context,
        )
        self._oauth2_password = AsyncPasswordGrant(
            Oauth2Password(config.oauth2_password_credentials, self._context),
            self._context,
        )
        self._context.async_authorizers["oauth2"] = AsyncFlowChoice(
            "oauth2",
            (self._oauth2_authorization_code, self._oauth2_password),
        )
        self._files = AsyncFilesController(self._context)
        self._profile = AsyncProfileController(self._context)
        self._reports = AsyncReportsController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def oauth2_authorization_code(self) -> AsyncAuthorizationCodeGrant:
        """The oauth2 authorizationCode manager (OAuth 2 Authorization Code Grant), async: await its fetch and refresh methods."""
        return self._oauth2_authorization_code

    @property
    def oauth2_password(self) -> AsyncPasswordGrant:
        """The oauth2 password manager (OAuth 2 Resource Owner Credentials Grant), async: await its fetch and refresh methods."""
        return self._oauth2_password

    @property
    def files(self) -> AsyncFilesController:
        """Operations tagged Files (async)."""
        return self._files

    @property
    def profile(self) -> AsyncProfileController:
        """Operations tagged Profile (async)."""
        return self._profile

    @property
    def reports(self) -> AsyncReportsController:
        """Operations tagged Reports (async)."""
        return self._reports

    async def aclose(self) -> None:
        """Close the HTTP connections the client opened."""
        await self._context.async_transport.aclose()
        self._context.transport.close()

    async def __aenter__(self) -> AsyncMultiflowserversClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncMultiflowserversClient(config={self._config!r})"
