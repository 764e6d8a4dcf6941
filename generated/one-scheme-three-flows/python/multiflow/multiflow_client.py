"""MultiflowClient: the entry point of the Multi Flow SDK."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Union

import httpx

from .configuration import Configuration, Environment, Server
from .controllers.meta_controller import AsyncMetaController, MetaController
from .controllers.projects_controller import AsyncProjectsController, ProjectsController
from .http._async import (
    AsyncAuthorizationCodeGrant,
    AsyncClientCredentialsGrant,
    AsyncFlowChoice,
    AsyncPasswordGrant,
)
from .http.api_context import ApiContext, AsyncApiContext
from .http.auth._security import FlowChoice
from .http.auth.multi_auth_authorization_code import (
    MultiAuthAuthorizationCode,
    MultiAuthAuthorizationCodeCredentials,
)
from .http.auth.multi_auth_client_credentials import (
    MultiAuthClientCredentials,
    MultiAuthClientCredentialsCredentials,
)
from .http.auth.multi_auth_password import (
    MultiAuthPassword,
    MultiAuthPasswordCredentials,
)
from .http.transport import AsyncTransport, Transport

USER_AGENT = "grantgen-python multiflow/3.1.4"

_UNSET: Any = object()


class MultiflowClient:
    """Client of the Multi Flow API.

    Reproduces what broke on real specs (motaword, mastodon): ONE oauth2 scheme declaring authorizationCode, password and clientCredentials flows together, a global requirement with a per-operation `security: []` override, a header parameter without a schema, and a relative token URL under a server with a path prefix.

    Build it from a Configuration (`MultiflowClient(config)`) or from keyword arguments (the same names as Configuration's); keywords given together with a config override it.
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
        multi_auth_authorization_code_credentials: Optional[
            MultiAuthAuthorizationCodeCredentials
        ] = _UNSET,
        multi_auth_password_credentials: Optional[
            MultiAuthPasswordCredentials
        ] = _UNSET,
        multi_auth_client_credentials_credentials: Optional[
            MultiAuthClientCredentialsCredentials
        ] = _UNSET,
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
            (
                "multi_auth_authorization_code_credentials",
                multi_auth_authorization_code_credentials,
            ),
            ("multi_auth_password_credentials", multi_auth_password_credentials),
            (
                "multi_auth_client_credentials_credentials",
                multi_auth_client_credentials_credentials,
            ),
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
        self._multi_auth_authorization_code = MultiAuthAuthorizationCode(
            config.multi_auth_authorization_code_credentials,
            self._context,
        )
        self._multi_auth_password = MultiAuthPassword(
            config.multi_auth_password_credentials,
            self._context,
        )
        self._multi_auth_client_credentials = MultiAuthClientCredentials(
            config.multi_auth_client_credentials_credentials,
            self._context,
        )
        self._context.authorizers["multiAuth"] = FlowChoice(
            "multiAuth",
            (
                self._multi_auth_authorization_code,
                self._multi_auth_password,
                self._multi_auth_client_credentials,
            ),
        )
        self._meta = MetaController(self._context)
        self._projects = ProjectsController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def multi_auth_authorization_code(self) -> MultiAuthAuthorizationCode:
        """The multiAuth authorizationCode manager (OAuth 2 Authorization Code Grant)."""
        return self._multi_auth_authorization_code

    @property
    def multi_auth_password(self) -> MultiAuthPassword:
        """The multiAuth password manager (OAuth 2 Resource Owner Credentials Grant)."""
        return self._multi_auth_password

    @property
    def multi_auth_client_credentials(self) -> MultiAuthClientCredentials:
        """The multiAuth clientCredentials manager (OAuth 2 Client Credentials Grant)."""
        return self._multi_auth_client_credentials

    @property
    def meta(self) -> MetaController:
        """Operations tagged meta."""
        return self._meta

    @property
    def projects(self) -> ProjectsController:
        """Operations tagged projects."""
        return self._projects

    def close(self) -> None:
        """Close the HTTP connections the client opened."""
        self._context.transport.close()

    def __enter__(self) -> MultiflowClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"MultiflowClient(config={self._config!r})"


class AsyncMultiflowClient:
    """Async client of the Multi Flow API, on httpx.AsyncClient.

    Built like MultiflowClient (a Configuration and/or the same keywords); use it as `async with AsyncMultiflowClient(...) as client:`. Every operation and every OAuth manager method that does I/O is awaited: `await client.<controller>.<operation>(...)`, `await client.<manager>.fetch_token()`. Token handling, errors and retries are the sync client's.
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
        multi_auth_authorization_code_credentials: Optional[
            MultiAuthAuthorizationCodeCredentials
        ] = _UNSET,
        multi_auth_password_credentials: Optional[
            MultiAuthPasswordCredentials
        ] = _UNSET,
        multi_auth_client_credentials_credentials: Optional[
            MultiAuthClientCredentialsCredentials
        ] = _UNSET,
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
            (
                "multi_auth_authorization_code_credentials",
                multi_auth_authorization_code_credentials,
            ),
            ("multi_auth_password_credentials", multi_auth_password_credentials),
            (
                "multi_auth_client_credentials_credentials",
                multi_auth_client_credentials_credentials,
            ),
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
        self._multi_auth_authorization_code = AsyncAuthorizationCodeGrant(
            MultiAuthAuthorizationCode(
                config.multi_auth_authorization_code_credentials,
                self._context,
            ),
            self._context,
        )
        self._multi_auth_password = AsyncPasswordGrant(
            MultiAuthPassword(config.multi_auth_password_credentials, self._context),
            self._context,
        )
        self._multi_auth_client_credentials = AsyncClientCredentialsGrant(
            MultiAuthClientCredentials(
                config.multi_auth_client_credentials_credentials,
                self._context,
            ),
            self._context,
        )
        self._context.async_authorizers["multiAuth"] = AsyncFlowChoice(
            "multiAuth",
            (
                self._multi_auth_authorization_code,
                self._multi_auth_password,
                self._multi_auth_client_credentials,
            ),
        )
        self._meta = AsyncMetaController(self._context)
        self._projects = AsyncProjectsController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def multi_auth_authorization_code(self) -> AsyncAuthorizationCodeGrant:
        """The multiAuth authorizationCode manager (OAuth 2 Authorization Code Grant), async: await its fetch and refresh methods."""
        return self._multi_auth_authorization_code

    @property
    def multi_auth_password(self) -> AsyncPasswordGrant:
        """The multiAuth password manager (OAuth 2 Resource Owner Credentials Grant), async: await its fetch and refresh methods."""
        return self._multi_auth_password

    @property
    def multi_auth_client_credentials(self) -> AsyncClientCredentialsGrant:
        """The multiAuth clientCredentials manager (OAuth 2 Client Credentials Grant), async: await its fetch and refresh methods."""
        return self._multi_auth_client_credentials

    @property
    def meta(self) -> AsyncMetaController:
        """Operations tagged meta (async)."""
        return self._meta

    @property
    def projects(self) -> AsyncProjectsController:
        """Operations tagged projects (async)."""
        return self._projects

    async def aclose(self) -> None:
        """Close the HTTP connections the client opened."""
        await self._context.async_transport.aclose()
        self._context.transport.close()

    async def __aenter__(self) -> AsyncMultiflowClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncMultiflowClient(config={self._config!r})"
