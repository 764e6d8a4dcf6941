"""LegacynotesClient: the entry point of the Legacy Notes SDK."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Union

import httpx

from .configuration import Configuration, Environment, Server
from .controllers.meta_controller import AsyncMetaController, MetaController
from .controllers.notes_controller import AsyncNotesController, NotesController
from .http._async import (
    AsyncAuthorizationCodeGrant,
    AsyncPasswordGrant,
    AsyncStaticAuthorizer,
)
from .http.api_context import ApiContext, AsyncApiContext
from .http.auth.api_key import ApiKey, ApiKeyCredentials
from .http.auth.notes_code import NotesCode, NotesCodeCredentials
from .http.auth.notes_password import NotesPassword, NotesPasswordCredentials
from .http.transport import AsyncTransport, Transport

USER_AGENT = "grantgen-python legacynotes/1.2.3"

_UNSET: Any = object()


class LegacynotesClient:
    """Client of the Legacy Notes API.

    Swagger 2.0 with an accessCode flow and a password flow.

    Build it from a Configuration (`LegacynotesClient(config)`) or from keyword arguments (the same names as Configuration's); keywords given together with a config override it.
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
        api_key_credentials: Optional[ApiKeyCredentials] = _UNSET,
        notes_code_credentials: Optional[NotesCodeCredentials] = _UNSET,
        notes_password_credentials: Optional[NotesPasswordCredentials] = _UNSET,
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
            ("api_key_credentials", api_key_credentials),
            ("notes_code_credentials", notes_code_credentials),
            ("notes_password_credentials", notes_password_credentials),
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
        self._api_key = ApiKey(config.api_key_credentials, self._context)
        self._context.authorizers["apiKey"] = self._api_key
        self._notes_code = NotesCode(config.notes_code_credentials, self._context)
        self._context.authorizers["notesCode"] = self._notes_code
        self._notes_password = NotesPassword(
            config.notes_password_credentials,
            self._context,
        )
        self._context.authorizers["notesPassword"] = self._notes_password
        self._meta = MetaController(self._context)
        self._notes = NotesController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def api_key(self) -> ApiKey:
        """The apiKey manager (API key)."""
        return self._api_key

    @property
    def notes_code(self) -> NotesCode:
        """The notesCode manager (OAuth 2 Authorization Code Grant)."""
        return self._notes_code

    @property
    def notes_password(self) -> NotesPassword:
        """The notesPassword manager (OAuth 2 Resource Owner Credentials Grant)."""
        return self._notes_password

    @property
    def meta(self) -> MetaController:
        """Operations tagged meta."""
        return self._meta

    @property
    def notes(self) -> NotesController:
        """Operations tagged notes."""
        return self._notes

    def close(self) -> None:
        """Close the HTTP connections the client opened."""
        self._context.transport.close()

    def __enter__(self) -> LegacynotesClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"LegacynotesClient(config={self._config!r})"


class AsyncLegacynotesClient:
    """Async client of the Legacy Notes API, on httpx.AsyncClient.

    Built like LegacynotesClient (a Configuration and/or the same keywords); use it as `async with AsyncLegacynotesClient(...) as client:`. Every operation and every OAuth manager method that does I/O is awaited: `await client.<controller>.<operation>(...)`, `await client.<manager>.fetch_token()`. Token handling, errors and retries are the sync client's.
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
        api_key_credentials: Optional[ApiKeyCredentials] = _UNSET,
        notes_code_credentials: Optional[NotesCodeCredentials] = _UNSET,
        notes_password_credentials: Optional[NotesPasswordCredentials] = _UNSET,
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
            ("api_key_credentials", api_key_credentials),
            ("notes_code_credentials", notes_code_credentials),
            ("notes_password_credentials", notes_password_credentials),
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
        self._api_key = ApiKey(config.api_key_credentials, self._context)
        self._context.async_authorizers["apiKey"] = AsyncStaticAuthorizer(self._api_key)
        self._notes_code = AsyncAuthorizationCodeGrant(
            NotesCode(config.notes_code_credentials, self._context),
            self._context,
        )
        self._context.async_authorizers["notesCode"] = self._notes_code
        self._notes_password = AsyncPasswordGrant(
            NotesPassword(config.notes_password_credentials, self._context),
            self._context,
        )
        self._context.async_authorizers["notesPassword"] = self._notes_password
        self._meta = AsyncMetaController(self._context)
        self._notes = AsyncNotesController(self._context)

    def _server_url(self, name: str) -> str:
        return self._config.get_base_uri(Server(name))

    @property
    def config(self) -> Configuration:
        """The configuration this client was built with."""
        return self._config

    @property
    def api_key(self) -> ApiKey:
        """The apiKey manager (API key)."""
        return self._api_key

    @property
    def notes_code(self) -> AsyncAuthorizationCodeGrant:
        """The notesCode manager (OAuth 2 Authorization Code Grant), async: await its fetch and refresh methods."""
        return self._notes_code

    @property
    def notes_password(self) -> AsyncPasswordGrant:
        """The notesPassword manager (OAuth 2 Resource Owner Credentials Grant), async: await its fetch and refresh methods."""
        return self._notes_password

    @property
    def meta(self) -> AsyncMetaController:
        """Operations tagged meta (async)."""
        return self._meta

    @property
    def notes(self) -> AsyncNotesController:
        """Operations tagged notes (async)."""
        return self._notes

    async def aclose(self) -> None:
        """Close the HTTP connections the client opened."""
        await self._context.async_transport.aclose()
        self._context.transport.close()

    async def __aenter__(self) -> AsyncLegacynotesClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncLegacynotesClient(config={self._config!r})"
