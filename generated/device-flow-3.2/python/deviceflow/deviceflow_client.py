"""DeviceflowClient: the entry point of the Device Flow SDK."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Union

import httpx

from .configuration import Configuration, Environment, Server
from .controllers.account_controller import AccountController, AsyncAccountController
from .http._async import (
    AsyncAuthorizationCodeGrant,
    AsyncDeviceAuthorizationGrant,
    AsyncFlowChoice,
)
from .http.api_context import ApiContext, AsyncApiContext
from .http.auth._security import FlowChoice
from .http.auth.oauth2_authorization_code import (
    Oauth2AuthorizationCode,
    Oauth2AuthorizationCodeCredentials,
)
from .http.auth.oauth2_device_authorization import (
    Oauth2DeviceAuthorization,
    Oauth2DeviceAuthorizationCredentials,
)
from .http.auth.sso_authorization_code import (
    SsoAuthorizationCode,
    SsoAuthorizationCodeCredentials,
)
from .http.auth.sso_device_authorization import (
    SsoDeviceAuthorization,
    SsoDeviceAuthorizationCredentials,
)
from .http.auth.tv import Tv, TvCredentials
from .http.transport import AsyncTransport, Transport

USER_AGENT = "grantgen-python deviceflow/1.0.0"

_UNSET: Any = object()


class DeviceflowClient:
    """Client of the Device Flow API.

    OpenAPI 3.2 golden spec for the OAuth features no other generator has: the device authorization grant (RFC 8628, the `deviceAuthorization` flow), authorization server metadata (RFC 8414, `oauth2MetadataUrl`), token revocation (RFC 7009, `x-revocation-url` or the metadata's `revocation_endpoint`) and loopback sign-in for CLIs (RFC 8252). Scheme `tv` is a single-flow public device client; `oauth2` has an authorization code and a device flow with static URLs; `sso` discovers its endpoints from metadata, and its static URLs are deliberately wrong (the test server does not serve `/static/...`), so only discovery makes it work.

    Build it from a Configuration (`DeviceflowClient(config)`) or from keyword arguments (the same names as Configuration's); keywords given together with a config override it.
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
        oauth2_authorization_code_credentials: Optional[
            Oauth2AuthorizationCodeCredentials
        ] = _UNSET,
        oauth2_device_authorization_credentials: Optional[
            Oauth2DeviceAuthorizationCredentials
        ] = _UNSET,
        sso_authorization_code_credentials: Optional[
            SsoAuthorizationCodeCredentials
        ] = _UNSET,
        sso_device_authorization_credentials: Optional[
            SsoDeviceAuthorizationCredentials
        ] = _UNSET,
        tv_credentials: Optional[TvCredentials] = _UNSET,
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
                "oauth2_authorization_code_credentials",
                oauth2_authorization_code_credentials,
            ),
            (
                "oauth2_device_authorization_credentials",
                oauth2_device_authorization_credentials,
            ),
            ("sso_authorization_code_credentials", sso_authorization_code_credentials),
            (
                "sso_device_authorization_credentials",
                sso_device_authorization_credentials,
            ),
            ("tv_credentials", tv_credentials),
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
        self._oauth2_device_authorization = Oauth2DeviceAuthorization(
            config.oauth2_device_authorization_credentials,
            self._context,
        )
        self._context.authorizers["oauth2"] = FlowChoice(
            "oauth2",
            (self._oauth2_authorization_code, self._oauth2_device_authorization),
        )
        self._sso_authorization_code = SsoAuthorizationCode(
            config.sso_authorization_code_credentials,
            self._context,
        )
        self._sso_device_authorization = SsoDeviceAuthorization(
            config.sso_device_authorization_credentials,
            self._context,
        )
        self._context.authorizers["sso"] = FlowChoice(
            "sso",
            (self._sso_authorization_code, self._sso_device_authorization),
        )
        self._tv = Tv(config.tv_credentials, self._context)
        self._context.authorizers["tv"] = self._tv
        self._account = AccountController(self._context)

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
    def oauth2_device_authorization(self) -> Oauth2DeviceAuthorization:
        """The oauth2 deviceAuthorization manager (OAuth 2 Device Authorization Grant)."""
        return self._oauth2_device_authorization

    @property
    def sso_authorization_code(self) -> SsoAuthorizationCode:
        """The sso authorizationCode manager (OAuth 2 Authorization Code Grant)."""
        return self._sso_authorization_code

    @property
    def sso_device_authorization(self) -> SsoDeviceAuthorization:
        """The sso deviceAuthorization manager (OAuth 2 Device Authorization Grant)."""
        return self._sso_device_authorization

    @property
    def tv(self) -> Tv:
        """The tv manager (OAuth 2 Device Authorization Grant)."""
        return self._tv

    @property
    def account(self) -> AccountController:
        """Operations tagged account."""
        return self._account

    def close(self) -> None:
        """Close the HTTP connections the client opened."""
        self._context.transport.close()

    def __enter__(self) -> DeviceflowClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"DeviceflowClient(config={self._config!r})"


class AsyncDeviceflowClient:
    """Async client of the Device Flow API, on httpx.AsyncClient.

    Built like DeviceflowClient (a Configuration and/or the same keywords); use it as `async with AsyncDeviceflowClient(...) as client:`. Every operation and every OAuth manager method that does I/O is awaited: `await client.<controller>.<operation>(...)`, `await client.<manager>.fetch_token()`. Token handling, errors and retries are the sync client's.
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
        oauth2_authorization_code_credentials: Optional[
            Oauth2AuthorizationCodeCredentials
        ] = _UNSET,
        oauth2_device_authorization_credentials: Optional[
            Oauth2DeviceAuthorizationCredentials
        ] = _UNSET,
        sso_authorization_code_credentials: Optional[
            SsoAuthorizationCodeCredentials
        ] = _UNSET,
        sso_device_authorization_credentials: Optional[
            SsoDeviceAuthorizationCredentials
        ] = _UNSET,
        tv_credentials: Optional[TvCredentials] = _UNSET,
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
                "oauth2_authorization_code_credentials",
                oauth2_authorization_code_credentials,
            ),
            (
                "oauth2_device_authorization_credentials",
                oauth2_device_authorization_credentials,
            ),
            ("sso_authorization_code_credentials", sso_authorization_code_credentials),
            (
                "sso_device_authorization_credentials",
                sso_device_authorization_credentials,
            ),
            ("tv_credentials", tv_credentials),
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
        self._oauth2_device_authorization = AsyncDeviceAuthorizationGrant(
            Oauth2DeviceAuthorization(
                config.oauth2_device_authorization_credentials,
                self._context,
            ),
            self._context,
        )
        self._context.async_authorizers["oauth2"] = AsyncFlowChoice(
            "oauth2",
            (self._oauth2_authorization_code, self._oauth2_device_authorization),
        )
        self._sso_authorization_code = AsyncAuthorizationCodeGrant(
            SsoAuthorizationCode(
                config.sso_authorization_code_credentials,
                self._context,
            ),
            self._context,
        )
        self._sso_device_authorization = AsyncDeviceAuthorizationGrant(
            SsoDeviceAuthorization(
                config.sso_device_authorization_credentials,
                self._context,
            ),
            self._context,
        )
        self._context.async_authorizers["sso"] = AsyncFlowChoice(
            "sso",
            (self._sso_authorization_code, self._sso_device_authorization),
        )
        self._tv = AsyncDeviceAuthorizationGrant(
            Tv(config.tv_credentials, self._context),
            self._context,
        )
        self._context.async_authorizers["tv"] = self._tv
        self._account = AsyncAccountController(self._context)

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
    def oauth2_device_authorization(self) -> AsyncDeviceAuthorizationGrant:
        """The oauth2 deviceAuthorization manager (OAuth 2 Device Authorization Grant), async: await its fetch and refresh methods."""
        return self._oauth2_device_authorization

    @property
    def sso_authorization_code(self) -> AsyncAuthorizationCodeGrant:
        """The sso authorizationCode manager (OAuth 2 Authorization Code Grant), async: await its fetch and refresh methods."""
        return self._sso_authorization_code

    @property
    def sso_device_authorization(self) -> AsyncDeviceAuthorizationGrant:
        """The sso deviceAuthorization manager (OAuth 2 Device Authorization Grant), async: await its fetch and refresh methods."""
        return self._sso_device_authorization

    @property
    def tv(self) -> AsyncDeviceAuthorizationGrant:
        """The tv manager (OAuth 2 Device Authorization Grant), async: await its fetch and refresh methods."""
        return self._tv

    @property
    def account(self) -> AsyncAccountController:
        """Operations tagged account (async)."""
        return self._account

    async def aclose(self) -> None:
        """Close the HTTP connections the client opened."""
        await self._context.async_transport.aclose()
        self._context.transport.close()

    async def __aenter__(self) -> AsyncDeviceflowClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncDeviceflowClient(config={self._config!r})"
