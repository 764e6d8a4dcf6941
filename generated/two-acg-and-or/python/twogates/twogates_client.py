"""TwogatesClient: the entry point of the Two Gates SDK."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Union

import httpx

from .configuration import Configuration, Environment, Server
from .controllers.meta_controller import MetaController
from .controllers.reports_controller import ReportsController
from .http.api_context import ApiContext
from .http.auth.gate_a import GateA, GateACredentials
from .http.auth.gate_a_2 import GateA2, GateA2Credentials
from .http.auth.partner_key import PartnerKey, PartnerKeyCredentials
from .http.transport import Transport

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
