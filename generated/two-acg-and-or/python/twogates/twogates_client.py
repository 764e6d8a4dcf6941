"""TwogatesClient: the entry point of the Two Gates SDK."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Union

import httpx

from .configuration import Configuration, Environment, Server
from .controllers.meta_controller import AsyncMetaController, MetaController
from .controllers.reports_controller import AsyncReportsController, ReportsController
from .http._async import AsyncAuthorizationCodeGrant, AsyncStaticAuthorizer
from .http.api_context import ApiContext, AsyncApiContext
from .http.auth.gate_a import GateA, GateACredentials
from .http.auth.gate_a_2 import GateA2, GateA2Credentials
from .http.auth.partner_key import PartnerKey, PartnerKeyCredentials
from .http.transport import AsyncTransport, Transport

USER_AGENT = "grantgen-python twogates/1.0.0"

_UNSET: Any = object()


class TwogatesClient:
    """Client of the Two Gates API.

    Two authorization-code schemes with similar names and per-operation AND/OR security.

    Build it from a Configuration (`TwogatesClient(config)`) or from keyword arguments (the same names as Configuration's); keywords given together with a config override it.
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
        gate_a_credentials: Optional[GateACredentials] = _UNSET,
        gate_a_2_credentials: Optional[GateA2Credentials] = _UNSET,
        partner_key_credentials: Optional[PartnerKeyCredentials] = _UNSET,
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
            ("gate_a_credentials", gate_a_credentials),
            ("gate_a_2_credentials", gate_a_2_credentials),
            ("partner_key_credentials", partner_key_credentials),
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
        self._gate_a = GateA(config.gate_a_credentials, self._context)
        self._context.authorizers["gate-a"] = self._gate_a
        self._gate_a_2 = GateA2(config.gate_a_2_credentials, self._context)
        self._context.authorizers["gate_a"] = self._gate_a_2
        self._partner_key = PartnerKey(config.partner_key_credentials, self._context)
        self._context.authorizers["partnerKey"] = self._partner_key
        self._meta = MetaController(self._context)
        self._reports = ReportsController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def gate_a(self) -> GateA:
        """The gate-a manager (OAuth 2 Authorization Code Grant)."""
        return self._gate_a

    @property
    def gate_a_2(self) -> GateA2:
        """The gate_a manager (OAuth 2 Authorization Code Grant)."""
        return self._gate_a_2

    @property
    def partner_key(self) -> PartnerKey:
        """The partnerKey manager (API key)."""
        return self._partner_key

    @property
    def meta(self) -> MetaController:
        """Operations tagged meta."""
        return self._meta

    @property
    def reports(self) -> ReportsController:
        """Operations tagged reports."""
        return self._reports

    def close(self) -> None:
        """Close the HTTP connections the client opened."""
        self._context.transport.close()

    def __enter__(self) -> TwogatesClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"TwogatesClient(config={self._config!r})"


class AsyncTwogatesClient:
    """Async client of the Two Gates API, on httpx.AsyncClient.

    Built like TwogatesClient (a Configuration and/or the same keywords); use it as `async with AsyncTwogatesClient(...) as client:`. Every operation and every OAuth manager method that does I/O is awaited: `await client.<controller>.<operation>(...)`, `await client.<manager>.fetch_token()`. Token handling, errors and retries are the sync client's.
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
        gate_a_credentials: Optional[GateACredentials] = _UNSET,
        gate_a_2_credentials: Optional[GateA2Credentials] = _UNSET,
        partner_key_credentials: Optional[PartnerKeyCredentials] = _UNSET,
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
            ("gate_a_credentials", gate_a_credentials),
            ("gate_a_2_credentials", gate_a_2_credentials),
            ("partner_key_credentials", partner_key_credentials),
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
        self._gate_a = AsyncAuthorizationCodeGrant(
            GateA(config.gate_a_credentials, self._context),
            self._context,
        )
        self._context.async_authorizers["gate-a"] = self._gate_a
        self._gate_a_2 = AsyncAuthorizationCodeGrant(
            GateA2(config.gate_a_2_credentials, self._context),
            self._context,
        )
        self._context.async_authorizers["gate_a"] = self._gate_a_2
        self._partner_key = PartnerKey(config.partner_key_credentials, self._context)
        self._context.async_authorizers["partnerKey"] = AsyncStaticAuthorizer(
            self._partner_key,
        )
        self._meta = AsyncMetaController(self._context)
        self._reports = AsyncReportsController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def gate_a(self) -> AsyncAuthorizationCodeGrant:
        """The gate-a manager (OAuth 2 Authorization Code Grant), async: await its fetch and refresh methods."""
        return self._gate_a

    @property
    def gate_a_2(self) -> AsyncAuthorizationCodeGrant:
        """The gate_a manager (OAuth 2 Authorization Code Grant), async: await its fetch and refresh methods."""
        return self._gate_a_2

    @property
    def partner_key(self) -> PartnerKey:
        """The partnerKey manager (API key)."""
        return self._partner_key

    @property
    def meta(self) -> AsyncMetaController:
        """Operations tagged meta (async)."""
        return self._meta

    @property
    def reports(self) -> AsyncReportsController:
        """Operations tagged reports (async)."""
        return self._reports

    async def aclose(self) -> None:
        """Close the HTTP connections the client opened."""
        await self._context.async_transport.aclose()
        self._context.transport.close()

    async def __aenter__(self) -> AsyncTwogatesClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncTwogatesClient(config={self._config!r})"
