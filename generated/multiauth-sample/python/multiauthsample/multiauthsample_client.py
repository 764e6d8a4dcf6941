"""MultiauthsampleClient: the entry point of the MultiAuth-Sample SDK."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Union

import httpx

from .configuration import Configuration, Environment, Server
from .controllers.authentication_controller import (
    AsyncAuthenticationController,
    AuthenticationController,
)
from .http._async import (
    AsyncAuthorizationCodeGrant,
    AsyncClientCredentialsGrant,
    AsyncPasswordGrant,
    AsyncStaticAuthorizer,
)
from .http.api_context import ApiContext, AsyncApiContext
from .http.auth.api_header import ApiHeader, ApiHeaderCredentials
from .http.auth.api_key import ApiKey, ApiKeyCredentials
from .http.auth.basic_auth import BasicAuth, BasicAuthCredentials
from .http.auth.o_auth_acg import OAuthACG, OAuthACGCredentials
from .http.auth.o_auth_bearer_token import OAuthBearerToken, OAuthBearerTokenCredentials
from .http.auth.o_auth_ccg import OAuthCCG, OAuthCCGCredentials
from .http.auth.o_auth_ropcg import OAuthROPCG, OAuthROPCGCredentials
from .http.transport import AsyncTransport, Transport

USER_AGENT = "grantgen-python multiauthsample/1.0.0"

_UNSET: Any = object()


class MultiauthsampleClient:
    """Client of the MultiAuth-Sample API.

    API for Markdown Notes app.

    Build it from a Configuration (`MultiauthsampleClient(config)`) or from keyword arguments (the same names as Configuration's); keywords given together with a config override it.
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
        suites: str = _UNSET,
        o_auth_acg_credentials: Optional[OAuthACGCredentials] = _UNSET,
        o_auth_bearer_token_credentials: Optional[OAuthBearerTokenCredentials] = _UNSET,
        o_auth_ccg_credentials: Optional[OAuthCCGCredentials] = _UNSET,
        o_auth_ropcg_credentials: Optional[OAuthROPCGCredentials] = _UNSET,
        api_header_credentials: Optional[ApiHeaderCredentials] = _UNSET,
        api_key_credentials: Optional[ApiKeyCredentials] = _UNSET,
        basic_auth_credentials: Optional[BasicAuthCredentials] = _UNSET,
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
            ("suites", suites),
            ("o_auth_acg_credentials", o_auth_acg_credentials),
            ("o_auth_bearer_token_credentials", o_auth_bearer_token_credentials),
            ("o_auth_ccg_credentials", o_auth_ccg_credentials),
            ("o_auth_ropcg_credentials", o_auth_ropcg_credentials),
            ("api_header_credentials", api_header_credentials),
            ("api_key_credentials", api_key_credentials),
            ("basic_auth_credentials", basic_auth_credentials),
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
        self._o_auth_acg = OAuthACG(config.o_auth_acg_credentials, self._context)
        self._context.authorizers["OAuthACG"] = self._o_auth_acg
        self._o_auth_bearer_token = OAuthBearerToken(
            config.o_auth_bearer_token_credentials,
            self._context,
        )
        self._context.authorizers["OAuthBearerToken"] = self._o_auth_bearer_token
        self._o_auth_ccg = OAuthCCG(config.o_auth_ccg_credentials, self._context)
        self._context.authorizers["OAuthCCG"] = self._o_auth_ccg
        self._o_auth_ropcg = OAuthROPCG(config.o_auth_ropcg_credentials, self._context)
        self._context.authorizers["OAuthROPCG"] = self._o_auth_ropcg
        self._api_header = ApiHeader(config.api_header_credentials, self._context)
        self._context.authorizers["apiHeader"] = self._api_header
        self._api_key = ApiKey(config.api_key_credentials, self._context)
        self._context.authorizers["apiKey"] = self._api_key
        self._basic_auth = BasicAuth(config.basic_auth_credentials, self._context)
        self._context.authorizers["basicAuth"] = self._basic_auth
        self._authentication = AuthenticationController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def o_auth_acg(self) -> OAuthACG:
        """The OAuthACG manager (OAuth 2 Authorization Code Grant)."""
        return self._o_auth_acg

    @property
    def o_auth_bearer_token(self) -> OAuthBearerToken:
        """The OAuthBearerToken manager (Bearer token)."""
        return self._o_auth_bearer_token

    @property
    def o_auth_ccg(self) -> OAuthCCG:
        """The OAuthCCG manager (OAuth 2 Client Credentials Grant)."""
        return self._o_auth_ccg

    @property
    def o_auth_ropcg(self) -> OAuthROPCG:
        """The OAuthROPCG manager (OAuth 2 Resource Owner Credentials Grant)."""
        return self._o_auth_ropcg

    @property
    def api_header(self) -> ApiHeader:
        """The apiHeader manager (API key)."""
        return self._api_header

    @property
    def api_key(self) -> ApiKey:
        """The apiKey manager (API key)."""
        return self._api_key

    @property
    def basic_auth(self) -> BasicAuth:
        """The basicAuth manager (Basic Authentication)."""
        return self._basic_auth

    @property
    def authentication(self) -> AuthenticationController:
        """Operations tagged Authentication."""
        return self._authentication

    def close(self) -> None:
        """Close the HTTP connections the client opened."""
        self._context.transport.close()

    def __enter__(self) -> MultiauthsampleClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"MultiauthsampleClient(config={self._config!r})"


class AsyncMultiauthsampleClient:
    """Async client of the MultiAuth-Sample API, on httpx.AsyncClient.

    Built like MultiauthsampleClient (a Configuration and/or the same keywords); use it as `async with AsyncMultiauthsampleClient(...) as client:`. Every operation and every OAuth manager method that does I/O is awaited: `await client.<controller>.<operation>(...)`, `await client.<manager>.fetch_token()`. Token handling, errors and retries are the sync client's.
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
        suites: str = _UNSET,
        o_auth_acg_credentials: Optional[OAuthACGCredentials] = _UNSET,
        o_auth_bearer_token_credentials: Optional[OAuthBearerTokenCredentials] = _UNSET,
        o_auth_ccg_credentials: Optional[OAuthCCGCredentials] = _UNSET,
        o_auth_ropcg_credentials: Optional[OAuthROPCGCredentials] = _UNSET,
        api_header_credentials: Optional[ApiHeaderCredentials] = _UNSET,
        api_key_credentials: Optional[ApiKeyCredentials] = _UNSET,
        basic_auth_credentials: Optional[BasicAuthCredentials] = _UNSET,
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
            ("suites", suites),
            ("o_auth_acg_credentials", o_auth_acg_credentials),
            ("o_auth_bearer_token_credentials", o_auth_bearer_token_credentials),
            ("o_auth_ccg_credentials", o_auth_ccg_credentials),
            ("o_auth_ropcg_credentials", o_auth_ropcg_credentials),
            ("api_header_credentials", api_header_credentials),
            ("api_key_credentials", api_key_credentials),
            ("basic_auth_credentials", basic_auth_credentials),
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
        self._o_auth_acg = AsyncAuthorizationCodeGrant(
            OAuthACG(config.o_auth_acg_credentials, self._context),
            self._context,
        )
        self._context.async_authorizers["OAuthACG"] = self._o_auth_acg
        self._o_auth_bearer_token = OAuthBearerToken(
            config.o_auth_bearer_token_credentials,
            self._context,
        )
        self._context.async_authorizers["OAuthBearerToken"] = AsyncStaticAuthorizer(
            self._o_auth_bearer_token,
        )
        self._o_auth_ccg = AsyncClientCredentialsGrant(
            OAuthCCG(config.o_auth_ccg_credentials, self._context),
            self._context,
        )
        self._context.async_authorizers["OAuthCCG"] = self._o_auth_ccg
        self._o_auth_ropcg = AsyncPasswordGrant(
            OAuthROPCG(config.o_auth_ropcg_credentials, self._context),
            self._context,
        )
        self._context.async_authorizers["OAuthROPCG"] = self._o_auth_ropcg
        self._api_header = ApiHeader(config.api_header_credentials, self._context)
        self._context.async_authorizers["apiHeader"] = AsyncStaticAuthorizer(
            self._api_header,
        )
        self._api_key = ApiKey(config.api_key_credentials, self._context)
        self._context.async_authorizers["apiKey"] = AsyncStaticAuthorizer(self._api_key)
        self._basic_auth = BasicAuth(config.basic_auth_credentials, self._context)
        self._context.async_authorizers["basicAuth"] = AsyncStaticAuthorizer(
            self._basic_auth,
        )
        self._authentication = AsyncAuthenticationController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def o_auth_acg(self) -> AsyncAuthorizationCodeGrant:
        """The OAuthACG manager (OAuth 2 Authorization Code Grant), async: await its fetch and refresh methods."""
        return self._o_auth_acg

    @property
    def o_auth_bearer_token(self) -> OAuthBearerToken:
        """The OAuthBearerToken manager (Bearer token)."""
        return self._o_auth_bearer_token

    @property
    def o_auth_ccg(self) -> AsyncClientCredentialsGrant:
        """The OAuthCCG manager (OAuth 2 Client Credentials Grant), async: await its fetch and refresh methods."""
        return self._o_auth_ccg

    @property
    def o_auth_ropcg(self) -> AsyncPasswordGrant:
        """The OAuthROPCG manager (OAuth 2 Resource Owner Credentials Grant), async: await its fetch and refresh methods."""
        return self._o_auth_ropcg

    @property
    def api_header(self) -> ApiHeader:
        """The apiHeader manager (API key)."""
        return self._api_header

    @property
    def api_key(self) -> ApiKey:
        """The apiKey manager (API key)."""
        return self._api_key

    @property
    def basic_auth(self) -> BasicAuth:
        """The basicAuth manager (Basic Authentication)."""
        return self._basic_auth

    @property
    def authentication(self) -> AsyncAuthenticationController:
        """Operations tagged Authentication (async)."""
        return self._authentication

    async def aclose(self) -> None:
        """Close the HTTP connections the client opened."""
        await self._context.async_transport.aclose()
        self._context.transport.close()

    async def __aenter__(self) -> AsyncMultiauthsampleClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncMultiauthsampleClient(config={self._config!r})"
