"""Client configuration: environment, servers, timeout and credentials."""

from __future__ import annotations

import os
from enum import Enum
from typing import Any, ClassVar, Dict, Mapping, Optional, Sequence, Tuple, Union

import httpx

from .http.auth.api_key import ApiKeyCredentials
from .http.auth.notes_code import NotesCodeCredentials
from .http.auth.notes_password import NotesPasswordCredentials


class Environment(str, Enum):
    """Environments of the API (each has a URL per server)."""

    SERVER_1 = "server 1"


class Server(str, Enum):
    """Servers inside an environment."""

    DEFAULT = "default"


class Configuration:
    """Settings of a LegacynotesClient (immutable; change with `clone_with`).

    Args:
        environment: The environment whose servers are used.
        timeout: Seconds per HTTP request (one deadline, body included); None or 0 means no timeout.
        base_urls: Replace server URLs of the selected environment (e.g. for a test server).
        allow_insecure_http: Allow credentials and token/authorization URLs over plain http to non-loopback hosts (testing only).
        extra_bearer_hosts: More hosts (besides the servers) allowed to receive credentials.
        http_client: An httpx.Client to send requests with (proxies, mocks).
        max_retries: Retries of a call after a connection error, a timeout or HTTP 408/429/500/502/503/504 (idempotent methods, or calls with an idempotency key).
        max_retry_wait: Longest Retry-After wait honoured (seconds); a longer one raises RetryAfterTooLongException.
        async_http_client: An httpx.AsyncClient for the async client (proxies, mocks).
        api_key_credentials: Credentials of the apiKey scheme.
        notes_code_credentials: Credentials of the notesCode scheme.
        notes_password_credentials: Credentials of the notesPassword scheme.
    """

    #: Server URL templates per environment, as written in the spec.
    ENVIRONMENTS: ClassVar[Dict[Environment, Dict[Server, str]]] = {
        Environment.SERVER_1: {
            Server.DEFAULT: "https://notes.example/api",
        },
    }
    #: Allowed values of server variables that have an enum.
    VARIABLE_ENUMS: ClassVar[Dict[str, Tuple[str, ...]]] = {}
    _FIELDS: ClassVar[Tuple[str, ...]] = (
        "environment",
        "timeout",
        "base_urls",
        "allow_insecure_http",
        "extra_bearer_hosts",
        "http_client",
        "max_retries",
        "max_retry_wait",
        "async_http_client",
        "api_key_credentials",
        "notes_code_credentials",
        "notes_password_credentials",
    )

    def __init__(
        self,
        *,
        environment: Environment = Environment.SERVER_1,
        timeout: Optional[float] = 60,
        base_urls: Optional[Mapping[Union[Server, str], str]] = None,
        allow_insecure_http: bool = False,
        extra_bearer_hosts: Sequence[str] = (),
        http_client: Optional[httpx.Client] = None,
        max_retries: int = 2,
        max_retry_wait: float = 60,
        async_http_client: Optional[httpx.AsyncClient] = None,
        api_key_credentials: Optional[ApiKeyCredentials] = None,
        notes_code_credentials: Optional[NotesCodeCredentials] = None,
        notes_password_credentials: Optional[NotesPasswordCredentials] = None,
    ) -> None:
        self._environment = environment
        self._timeout = timeout
        self._base_urls = base_urls
        self._allow_insecure_http = allow_insecure_http
        self._extra_bearer_hosts = extra_bearer_hosts
        self._http_client = http_client
        self._max_retries = max_retries
        self._max_retry_wait = max_retry_wait
        self._async_http_client = async_http_client
        self._api_key_credentials = api_key_credentials
        self._notes_code_credentials = notes_code_credentials
        self._notes_password_credentials = notes_password_credentials
        self._environment = Environment(environment)
        self._extra_bearer_hosts = tuple(extra_bearer_hosts)
        self._server_overrides: Dict[Server, str] = {
            Server(key): url for key, url in (base_urls or {}).items()
        }
        for wire, value in self._variables().items():
            allowed = self.VARIABLE_ENUMS.get(wire)
            if allowed is not None and value not in allowed:
                raise ValueError(f"{wire} must be one of {', '.join(allowed)}")

    @property
    def environment(self) -> Environment:
        """The environment whose servers are used."""
        return self._environment

    @property
    def timeout(self) -> Optional[float]:
        """Seconds per HTTP request (one deadline, body included); None or 0 means no timeout."""
        return self._timeout

    @property
    def base_urls(self) -> Optional[Mapping[Union[Server, str], str]]:
        """Replace server URLs of the selected environment (e.g. for a test server)."""
        return self._base_urls

    @property
    def allow_insecure_http(self) -> bool:
        """Allow credentials and token/authorization URLs over plain http to non-loopback hosts (testing only)."""
        return self._allow_insecure_http

    @property
    def extra_bearer_hosts(self) -> Sequence[str]:
        """More hosts (besides the servers) allowed to receive credentials."""
        return self._extra_bearer_hosts

    @property
    def http_client(self) -> Optional[httpx.Client]:
        """An httpx.Client to send requests with (proxies, mocks)."""
        return self._http_client

    @property
    def max_retries(self) -> int:
        """Retries of a call after a connection error, a timeout or HTTP 408/429/500/502/503/504 (idempotent methods, or calls with an idempotency key)."""
        return self._max_retries

    @property
    def max_retry_wait(self) -> float:
        """Longest Retry-After wait honoured (seconds); a longer one raises RetryAfterTooLongException."""
        return self._max_retry_wait

    @property
    def async_http_client(self) -> Optional[httpx.AsyncClient]:
        """An httpx.AsyncClient for the async client (proxies, mocks)."""
        return self._async_http_client

    @property
    def api_key_credentials(self) -> Optional[ApiKeyCredentials]:
        """Credentials of the apiKey scheme."""
        return self._api_key_credentials

    @property
    def notes_code_credentials(self) -> Optional[NotesCodeCredentials]:
        """Credentials of the notesCode scheme."""
        return self._notes_code_credentials

    @property
    def notes_password_credentials(self) -> Optional[NotesPasswordCredentials]:
        """Credentials of the notesPassword scheme."""
        return self._notes_password_credentials

    def _variables(self) -> Dict[str, str]:
        return {}

    def get_base_uri(self, server: Union[Server, str] = Server.DEFAULT) -> str:
        """The base URL of `server` in the selected environment (after `base_urls`)."""
        key = Server(server)
        override = self._server_overrides.get(key)
        if override is not None:
            return override
        url = self.ENVIRONMENTS[self._environment][key]
        for wire, value in self._variables().items():
            url = url.replace("{" + wire + "}", value)
        return url

    def clone_with(self, **changes: Any) -> Configuration:
        """A copy with the given settings replaced (None, 0 and False are kept as given).

        Unknown names raise TypeError.
        """
        unknown = sorted(set(changes) - set(self._FIELDS))
        if unknown:
            raise TypeError(
                "Configuration.clone_with() got unexpected keyword argument(s): "
                + ", ".join(unknown)
            )
        values: Dict[str, Any] = {name: getattr(self, name) for name in self._FIELDS}
        values.update(changes)
        return Configuration(**values)

    @classmethod
    def from_environment(
        cls,
        environ: Optional[Mapping[str, str]] = None,
        **overrides: Any,
    ) -> Configuration:
        """Settings from environment variables (only the real environment; no .env file).

        Reads ENVIRONMENT, TIMEOUT, the server variables and every scheme's credentials;
        `overrides` win.
        """
        env = os.environ if environ is None else environ
        values: Dict[str, Any] = {}
        if env.get("ENVIRONMENT"):
            values["environment"] = Environment(env["ENVIRONMENT"].strip().lower())
        if env.get("TIMEOUT"):
            values["timeout"] = float(env["TIMEOUT"])
        for name, credentials_class in (
            ("api_key_credentials", ApiKeyCredentials),
            ("notes_code_credentials", NotesCodeCredentials),
            ("notes_password_credentials", NotesPasswordCredentials),
        ):
            values[name] = credentials_class.from_environment(env)
        values.update(overrides)
        return cls(**values)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"Configuration({shown})"
