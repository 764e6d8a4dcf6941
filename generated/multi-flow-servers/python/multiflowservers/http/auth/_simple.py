"""Non-OAuth schemes: HTTP basic, HTTP bearer and API keys (header, query or cookie)."""

from __future__ import annotations

import base64
from typing import ClassVar, Optional

from .._redact import redact_secret
from ..api_context import ApiContext
from ._credentials import CredentialsBase
from ._security import Authorizer, AuthTarget


class BasicCredentials(CredentialsBase):
    """HTTP basic credentials (RFC 7617)."""

    __slots__ = ("_username", "_password")
    _FIELDS = ("username", "password")
    _SECRET_FIELDS = frozenset({"password"})
    _ENV_FIELDS = ("username", "password")

    def __init__(
        self, username: Optional[str] = None, password: Optional[str] = None
    ) -> None:
        self._username = username
        self._password = password

    @property
    def username(self) -> Optional[str]:
        """The user name."""
        return self._username

    @property
    def password(self) -> Optional[str]:
        """The password."""
        return self._password


class BasicAuthManager(Authorizer):
    """Sends `Authorization: Basic base64(username:password)`."""

    def __init__(
        self,
        credentials: Optional[BasicCredentials],
        context: Optional[ApiContext] = None,
    ) -> None:
        self._credentials = credentials

    def can_authorize(self) -> bool:
        c = self._credentials
        return c is not None and c.username is not None and c.password is not None

    def unusable_reason(self) -> str:
        return "no username and password configured"

    def authorize(self, target: AuthTarget) -> None:
        if not self.can_authorize() or self._credentials is None:
            super().authorize(target)
            return
        raw = f"{self._credentials.username}:{self._credentials.password}".encode()
        target.set_header(
            "Authorization",
            "Basic " + base64.b64encode(raw).decode("ascii"),
            self.scheme_name,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(credentials={self._credentials!r})"


class BearerCredentials(CredentialsBase):
    """A static bearer token (RFC 6750)."""

    __slots__ = ("_access_token",)
    _FIELDS = ("access_token",)
    _SECRET_FIELDS = frozenset({"access_token"})
    _ENV_FIELDS = ("access_token",)

    def __init__(self, access_token: Optional[str] = None) -> None:
        self._access_token = access_token

    @property
    def access_token(self) -> Optional[str]:
        """The token."""
        return self._access_token


class BearerAuthManager(Authorizer):
    """Sends `Authorization: Bearer <access_token>`."""

    def __init__(
        self,
        credentials: Optional[BearerCredentials],
        context: Optional[ApiContext] = None,
    ) -> None:
        self._credentials = credentials

    def can_authorize(self) -> bool:
        return self._credentials is not None and bool(self._credentials.access_token)

    def unusable_reason(self) -> str:
        return "no access token configured"

    def authorize(self, target: AuthTarget) -> None:
        token = self._credentials.access_token if self._credentials else None
        if not token:
            super().authorize(target)
            return
        target.set_header("Authorization", "Bearer " + token, self.scheme_name)
        target.sent[self.scheme_name] = token

    def __repr__(self) -> str:
        return f"{type(self).__name__}(credentials={self._credentials!r})"


class ApiKeyCredentials(CredentialsBase):
    """An API key sent as a header, query parameter or cookie (set by the scheme)."""

    __slots__ = ("_api_key",)
    _FIELDS = ("api_key",)
    _SECRET_FIELDS = frozenset({"api_key"})
    _ENV_FIELDS = ("api_key",)

    def __init__(self, api_key: Optional[str] = None) -> None:
        self._api_key = api_key

    @property
    def api_key(self) -> Optional[str]:
        """The key."""
        return self._api_key


class ApiKeyAuthManager(Authorizer):
    """Sends the key where the scheme says (`LOCATION`: header, query or cookie)."""

    PARAM_NAME: ClassVar[str] = ""
    LOCATION: ClassVar[str] = "header"

    def __init__(
        self,
        credentials: Optional[ApiKeyCredentials],
        context: Optional[ApiContext] = None,
    ) -> None:
        self._credentials = credentials

    def can_authorize(self) -> bool:
        return self._credentials is not None and bool(self._credentials.api_key)

    def unusable_reason(self) -> str:
        return "no API key configured"

    def authorize(self, target: AuthTarget) -> None:
        key = self._credentials.api_key if self._credentials else None
        if not key:
            super().authorize(target)
            return
        if self.LOCATION == "query":
            target.add_query(self.PARAM_NAME, key, self.scheme_name)
        elif self.LOCATION == "cookie":
            target.set_cookie(self.PARAM_NAME, key, self.scheme_name)
        else:
            target.set_header(self.PARAM_NAME, key, self.scheme_name)

    def __repr__(self) -> str:
        key = self._credentials.api_key if self._credentials else None
        return f"{type(self).__name__}(api_key={redact_secret(key)})"
