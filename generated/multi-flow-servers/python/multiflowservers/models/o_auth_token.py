"""OAuthToken: the token endpoint's answer, plus the SDK-computed `expiry`."""

from __future__ import annotations

import json
import logging
import math
import time
from typing import Any, Dict, Mapping, Optional

from ..http._redact import redact

_LOGGER = logging.getLogger(__name__)

_KNOWN_FIELDS = (
    "access_token",
    "token_type",
    "expires_in",
    "scope",
    "expiry",
    "refresh_token",
)


class OAuthToken:
    """An OAuth 2 access token.

    Attributes:
        access_token: The token to send as `Authorization: Bearer ...`.
        token_type: The token type; the SDK accepts only `bearer` (any case).
        expires_in: Lifetime in seconds as sent by the server, or None.
        scope: Space-delimited scopes granted, or None.
        expiry: When the token expires, UTC epoch seconds computed by the SDK from the moment
            the token request was sent plus `expires_in`; None when unknown (the token is then
            used until the server rejects it).
        refresh_token: The refresh token, or None.
        additional_properties: Other fields of the response (e.g. `id_token`).
    """

    def __init__(
        self,
        access_token: str,
        token_type: str = "Bearer",
        expires_in: Optional[int] = None,
        scope: Optional[str] = None,
        expiry: Optional[int] = None,
        refresh_token: Optional[str] = None,
        additional_properties: Optional[Mapping[str, Any]] = None,
    ) -> None:
        if not isinstance(access_token, str) or access_token == "":
            raise ValueError("OAuthToken.access_token must be a non-empty string")
        self.access_token = access_token
        self.token_type = token_type
        self.expires_in = expires_in
        self.scope = scope
        self.expiry = expiry
        self.refresh_token = refresh_token
        self.additional_properties: Dict[str, Any] = dict(additional_properties or {})

    # ---- (de)serialization -------------------------------------------------------------------

    @classmethod
    def from_dictionary(
        cls, dictionary: Optional[Mapping[str, Any]]
    ) -> Optional[OAuthToken]:
        """Build a token from a dictionary (a stored token or a token response); None → None.

        Raises ValueError when `access_token` is missing or not a string.
        """
        if dictionary is None:
            return None
        if not isinstance(dictionary, Mapping):
            raise ValueError("an OAuthToken must be built from a JSON object")
        access_token = dictionary.get("access_token")
        if not isinstance(access_token, str) or access_token == "":
            raise ValueError("the token has no string access_token")
        token_type = dictionary.get("token_type", "Bearer")
        if not isinstance(token_type, str):
            raise ValueError("the token's token_type is not a string")
        return cls(
            access_token=access_token,
            token_type=token_type,
            expires_in=_optional_seconds(dictionary.get("expires_in"), "expires_in"),
            scope=_optional_str(dictionary.get("scope"), "scope"),
            expiry=_optional_seconds(dictionary.get("expiry"), "expiry"),
            refresh_token=_optional_str(
                dictionary.get("refresh_token"), "refresh_token"
            ),
            additional_properties={
                k: v for k, v in dictionary.items() if k not in _KNOWN_FIELDS
            },
        )

    def to_dictionary(self) -> Dict[str, Any]:
        """A JSON-ready dictionary (None fields omitted)."""
        out: Dict[str, Any] = dict(self.additional_properties)
        out["access_token"] = self.access_token
        out["token_type"] = self.token_type
        for name in ("expires_in", "scope", "expiry", "refresh_token"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    def to_json(self) -> str:
        """Serialize for storage (the JSON of `to_dictionary()`)."""
        return json.dumps(self.to_dictionary(), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> OAuthToken:
        """Load a token stored with `to_json()` (plain JSON; nothing is revived)."""
        token = cls.from_dictionary(json.loads(text))
        if token is None:
            raise ValueError("the stored token is null")
        return token

    # ---- expiry -------------------------------------------------------------------------------

    def is_expired(self, clock_skew: float = 0, now: Optional[float] = None) -> bool:
        """True when `expiry` is known and `now >= expiry - clock_skew` (UTC epoch seconds)."""
        if self.expiry is None:
            return False
        current = time.time() if now is None else now
        return current >= self.expiry - clock_skew

    def copy_with(self, **changes: Any) -> OAuthToken:
        """A copy with some fields replaced."""
        values = self.to_dictionary()
        values.update(changes)
        token = OAuthToken.from_dictionary(
            {k: v for k, v in values.items() if v is not None}
        )
        assert token is not None
        return token

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, OAuthToken)
            and self.to_dictionary() == other.to_dictionary()
        )

    def __hash__(self) -> int:
        return hash(self.access_token)

    def __repr__(self) -> str:
        return (
            f"OAuthToken(access_token={redact(self.access_token)}, "
            f"token_type={self.token_type!r}, expires_in={self.expires_in!r}, "
            f"scope={self.scope!r}, expiry={self.expiry!r}, "
            f"refresh_token={redact(self.refresh_token)})"
        )

    __str__ = __repr__


def _optional_str(value: Any, name: str) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    _LOGGER.warning("ignoring token field %s: not a string", name)
    return None


def _optional_seconds(value: Any, name: str) -> Optional[int]:
    """An integer number of seconds, or None (with a warning when the value is unusable)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            _LOGGER.warning("ignoring token field %s: not a number", name)
            return None
    if isinstance(value, (int, float)) and math.isfinite(value) and value >= 0:
        return int(value)
    _LOGGER.warning("ignoring token field %s: not a usable number", name)
    return None
