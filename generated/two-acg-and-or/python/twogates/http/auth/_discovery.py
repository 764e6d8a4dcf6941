"""Credentials of flows whose scheme has RFC 8414 metadata (`oauth2MetadataUrl`): the flow's
credentials plus `o_auth_discovery`, which pins where endpoints come from ("auto" by default:
the metadata, else the spec's URLs; "metadata": only the metadata; "static": never fetch)."""

from __future__ import annotations

from typing import Any, Optional

from ._grants import (
    AuthorizationCodeCredentials,
    ClientCredentialsCredentials,
    PasswordCredentials,
)
from ._metadata import check_discovery_mode


class AuthorizationCodeDiscoveryCredentials(AuthorizationCodeCredentials):
    """AuthorizationCodeCredentials plus `o_auth_discovery`."""

    __slots__ = ("_o_auth_discovery",)
    _FIELDS = (*AuthorizationCodeCredentials._FIELDS, "o_auth_discovery")  # type: ignore[assignment]  # one field more
    _ENV_FIELDS = (*AuthorizationCodeCredentials._ENV_FIELDS, "o_auth_discovery")  # type: ignore[assignment]  # one field more

    def __init__(
        self, *args: Any, o_auth_discovery: Optional[str] = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._o_auth_discovery = check_discovery_mode(o_auth_discovery)

    @property
    def o_auth_discovery(self) -> Optional[str]:
        """ "auto" (None), "metadata" or "static": where the endpoints come from."""
        return self._o_auth_discovery


class PasswordDiscoveryCredentials(PasswordCredentials):
    """PasswordCredentials plus `o_auth_discovery`."""

    __slots__ = ("_o_auth_discovery",)
    _FIELDS = (*PasswordCredentials._FIELDS, "o_auth_discovery")  # type: ignore[assignment]  # one field more
    _ENV_FIELDS = (*PasswordCredentials._ENV_FIELDS, "o_auth_discovery")  # type: ignore[assignment]  # one field more

    def __init__(
        self, *args: Any, o_auth_discovery: Optional[str] = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._o_auth_discovery = check_discovery_mode(o_auth_discovery)

    @property
    def o_auth_discovery(self) -> Optional[str]:
        """ "auto" (None), "metadata" or "static": where the endpoints come from."""
        return self._o_auth_discovery


class ClientCredentialsDiscoveryCredentials(ClientCredentialsCredentials):
    """ClientCredentialsCredentials plus `o_auth_discovery`."""

    __slots__ = ("_o_auth_discovery",)
    _FIELDS = (*ClientCredentialsCredentials._FIELDS, "o_auth_discovery")  # type: ignore[assignment]  # one field more
    _ENV_FIELDS = (*ClientCredentialsCredentials._ENV_FIELDS, "o_auth_discovery")  # type: ignore[assignment]  # one field more

    def __init__(
        self, *args: Any, o_auth_discovery: Optional[str] = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._o_auth_discovery = check_discovery_mode(o_auth_discovery)

    @property
    def o_auth_discovery(self) -> Optional[str]:
        """ "auto" (None), "metadata" or "static": where the endpoints come from."""
        return self._o_auth_discovery
