"""OAuth 2 grants: credentials base classes and managers for authorizationCode, password and
clientCredentials flows. Generated modules (`o_auth_acg.py`, ...) subclass these and set the
class constants the spec decides (scheme name, URLs, scope enum, defaults).

Safety rules implemented here (each one a weak spot of older generators):
- PKCE S256 and a CSPRNG `state` by default; the callback is checked before any network call.
- `additional_params` can never add or override protocol parameters (`scope` included).
- A refresh sends no `scope` unless the caller asks for a narrower set (RFC 6749 §6).
- The clock skew is capped at half the token's lifetime, so a fresh token is never "expired".
- Client id/secret are form-urlencoded before HTTP Basic; a missing one raises before sending.
- Token responses are parsed with `json.loads` only, capped at 1 MiB and validated.
- `expiry` is UTC epoch seconds from the moment the request was sent; clock skew applies.
- One refresh at a time per token store; others wait and reuse its result; the update callback
  is called once per new token; a refresh without `refresh_token` keeps the old one.
- No secret ever appears in repr, str, exception text or log lines.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from collections import OrderedDict
from enum import Enum
from typing import (
    Any,
    Callable,
    ClassVar,
    Dict,
    FrozenSet,
    Iterable,
    List,
    Mapping,
    Optional,
    Tuple,
    Type,
    Union,
)
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit

from ...exceptions.api_exception import APIException
from ...exceptions.auth_required_exception import (
    AuthRequiredException,
    MissingRefreshTokenException,
)
from ...exceptions.invalid_token_response_exception import InvalidTokenResponseException
from ...exceptions.o_auth_callback_exception import (
    OAuthCallbackException,
    StateMismatchException,
)
from ...exceptions.o_auth_provider_exception import OAuthProviderException
from ...exceptions.sdk_exception import ConfigurationException
from ...models.o_auth_token import OAuthToken, _optional_seconds
from .._redact import redact, redact_secret, scrub_secrets
from ..api_context import ApiContext
from ..http_response import HttpResponse
from ._credentials import CredentialsBase
from ._revoke import RevocationMixin
from ._security import Authorizer, AuthTarget
from .token_store import InMemoryTokenStore, TokenStore

_LOGGER = logging.getLogger(__name__)

MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024
DEFAULT_CLOCK_SKEW = 60
CLIENT_AUTH_MODES = ("client_secret_basic", "client_secret_post", "none")

#: Parameters `additional_params` may never set.
RESERVED_PARAMS: FrozenSet[str] = frozenset(
    {
        "grant_type",
        "code",
        "redirect_uri",
        "response_type",
        "client_id",
        "client_secret",
        "state",
        "code_challenge",
        "code_challenge_method",
        "code_verifier",
        "username",
        "password",
        "refresh_token",
        "scope",
        "device_code",
    }
)

ScopeValue = Union[str, Enum]
TokenCallback = Callable[[OAuthToken], Any]


def effective_clock_skew(clock_skew: float, token: OAuthToken) -> float:
    """The skew applied to `token`: the configured one, at most half the token's lifetime
    (`expires_in`), so that a token is never expired the moment it arrives."""
    if token.expires_in is not None and token.expires_in > 0:
        return min(clock_skew, token.expires_in / 2)
    return clock_skew


def normalize_scopes(
    scopes: Optional[Iterable[ScopeValue]], scope_enum: Optional[Type[Enum]]
) -> Optional[List[str]]:
    """Scope wire values from enum members, values or member names (any iterable).

    With a scope enum, strings must be one of its values, or a member name (case-insensitive);
    anything else raises ValueError. None stays None (no `scope` parameter is sent).
    """
    if scopes is None:
        return None
    if isinstance(scopes, (str, bytes)):
        scopes = [s for s in str(scopes).replace(",", " ").split() if s]
    out: List[str] = []
    for scope in scopes:
        if isinstance(scope, Enum):
            out.append(str(scope.value))
            continue
        if not isinstance(scope, str):
            raise ValueError(
                f"a scope must be a string or an enum member, not {type(scope).__name__}"
            )
        if scope_enum is None:
            out.append(scope)
            continue
        match = _match_scope(scope, scope_enum)
        if match is None:
            allowed = ", ".join(str(m.value) for m in scope_enum)
            raise ValueError(f"unknown scope {scope!r}; expected one of: {allowed}")
        out.append(match)
    return out


def _match_scope(scope: str, scope_enum: Type[Enum]) -> Optional[str]:
    for member in scope_enum:
        if member.value == scope:
            return str(member.value)
    folded = scope.strip().lower()
    for member in scope_enum:
        if member.name.lower() == folded or str(member.value).lower() == folded:
            return str(member.value)
    return None


def _check_additional(additional_params: Optional[Mapping[str, Any]]) -> Dict[str, str]:
    if not additional_params:
        return {}
    clash = sorted(k for k in additional_params if k.lower() in RESERVED_PARAMS)
    if clash:
        raise ValueError(
            "additional_params cannot set protocol parameters: " + ", ".join(clash)
        )
    return {
        str(k): _param_value(v) for k, v in additional_params.items() if v is not None
    }


def _param_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (list, tuple)):
        return " ".join(_param_value(v) for v in value)
    return str(value)


class AuthorizationRequest:
    """A prepared authorization request: send the user to `url`, keep `state` and
    `code_verifier` (server-side, e.g. in the session) for `fetch_token_from_callback`."""

    def __init__(self, url: str, state: str, code_verifier: Optional[str]) -> None:
        self.url = url
        self.state = state
        self.code_verifier = code_verifier

    def __repr__(self) -> str:
        return (
            f"AuthorizationRequest(url=<{len(self.url)} chars>, state={self.state!r}, "
            f"code_verifier={redact_secret(self.code_verifier)})"
        )


def new_code_verifier() -> str:
    """A PKCE code verifier: 64 URL-safe characters from the OS CSPRNG (RFC 7636 §4.1)."""
    return secrets.token_urlsafe(48)


def code_challenge_s256(verifier: str) -> str:
    """BASE64URL(SHA256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


# ---- credentials ----------------------------------------------------------------------------


class OAuthCredentialsBase(CredentialsBase):
    """Settings shared by every OAuth 2 grant's credentials."""

    __slots__ = (
        "_o_auth_client_id",
        "_o_auth_client_secret",
        "_o_auth_token",
        "_o_auth_scopes",
        "_o_auth_on_token_update",
        "_o_auth_clock_skew",
        "_o_auth_client_auth",
        "_o_auth_token_store",
    )

    #: The scheme's scope enum (generated), or None when the scheme has no scopes.
    SCOPE_ENUM: ClassVar[Optional[Type[Enum]]] = None

    def _init_common(
        self,
        o_auth_client_id: Optional[str],
        o_auth_client_secret: Optional[str],
        o_auth_token: Optional[OAuthToken],
        o_auth_scopes: Optional[Iterable[ScopeValue]],
        o_auth_on_token_update: Optional[TokenCallback],
        o_auth_clock_skew: Optional[float],
        o_auth_client_auth: Optional[str],
        o_auth_token_store: Optional[TokenStore],
    ) -> None:
        if o_auth_token is not None and not isinstance(o_auth_token, OAuthToken):
            if isinstance(o_auth_token, Mapping):
                o_auth_token = OAuthToken.from_dictionary(o_auth_token)
            else:
                raise TypeError(
                    "o_auth_token must be an OAuthToken (or a dict) or None"
                )
        if (
            o_auth_client_auth is not None
            and o_auth_client_auth not in CLIENT_AUTH_MODES
        ):
            raise ValueError(
                "o_auth_client_auth must be one of " + ", ".join(CLIENT_AUTH_MODES)
            )
        skew = DEFAULT_CLOCK_SKEW if o_auth_clock_skew is None else o_auth_clock_skew
        if isinstance(skew, bool) or not isinstance(skew, (int, float)) or skew < 0:
            raise ValueError(
                "o_auth_clock_skew must be a non-negative number of seconds"
            )
        if o_auth_on_token_update is not None and not callable(o_auth_on_token_update):
            raise TypeError("o_auth_on_token_update must be callable")
        scopes = None if o_auth_scopes is None else list(o_auth_scopes)
        normalize_scopes(scopes, self.SCOPE_ENUM)  # validate early
        self._o_auth_client_id = o_auth_client_id
        self._o_auth_client_secret = o_auth_client_secret
        self._o_auth_token = o_auth_token
        self._o_auth_scopes = scopes
        self._o_auth_on_token_update = o_auth_on_token_update
        self._o_auth_clock_skew = skew
        self._o_auth_client_auth = o_auth_client_auth
        self._o_auth_token_store = o_auth_token_store

    @property
    def o_auth_client_id(self) -> Optional[str]:
        """OAuth 2 Client ID."""
        return self._o_auth_client_id

    @property
    def o_auth_client_secret(self) -> Optional[str]:
        """OAuth 2 Client Secret."""
        return self._o_auth_client_secret

    @property
    def o_auth_token(self) -> Optional[OAuthToken]:
        """The token these credentials were created with (the live one is in the token store)."""
        return self._o_auth_token

    @property
    def o_auth_scopes(self) -> Optional[List[ScopeValue]]:
        """Scopes to request."""
        return None if self._o_auth_scopes is None else list(self._o_auth_scopes)

    @property
    def o_auth_on_token_update(self) -> Optional[TokenCallback]:
        """Called once with every new token (fetch, refresh, automatic refresh)."""
        return self._o_auth_on_token_update

    @property
    def o_auth_clock_skew(self) -> float:
        """Seconds before `expiry` from which a token counts as expired (default 60)."""
        return self._o_auth_clock_skew

    @property
    def o_auth_client_auth(self) -> Optional[str]:
        """Token endpoint client authentication: `client_secret_basic`, `client_secret_post`
        or `none` (public client); None means the scheme's default."""
        return self._o_auth_client_auth

    @property
    def o_auth_token_store(self) -> Optional[TokenStore]:
        """Where the live token is kept; None means in memory per client."""
        return self._o_auth_token_store

    @classmethod
    def _parse_env(cls, field: str, raw: str, var: str) -> Any:
        if field == "o_auth_scopes":
            items = [s.strip() for s in raw.replace(",", " ").split() if s.strip()]
            try:
                return normalize_scopes(items, cls.SCOPE_ENUM)
            except ValueError as exc:
                raise ValueError(f"{var}: {exc}") from None
        if field == "o_auth_clock_skew":
            try:
                return float(raw)
            except ValueError:
                raise ValueError(f"{var} must be a number of seconds") from None
        if field == "o_auth_use_pkce":
            lowered = raw.strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise ValueError(f"{var} must be true or false")
        return raw


_COMMON_FIELDS = (
    "o_auth_on_token_update",
    "o_auth_clock_skew",
    "o_auth_client_auth",
    "o_auth_token_store",
)


class AuthorizationCodeCredentials(OAuthCredentialsBase):
    """Credentials of an OAuth 2 Authorization Code Grant. Every argument is optional; a
    credentials object holding only `o_auth_token` is enough to call the API."""

    __slots__ = ("_o_auth_redirect_uri", "_o_auth_use_pkce", "_o_auth_issuer")

    _FIELDS = (
        "o_auth_client_id",
        "o_auth_client_secret",
        "o_auth_redirect_uri",
        "o_auth_token",
        "o_auth_scopes",
        *_COMMON_FIELDS,
        "o_auth_use_pkce",
        "o_auth_issuer",
    )
    _SECRET_FIELDS = frozenset({"o_auth_client_secret"})
    _ENV_FIELDS = (
        "o_auth_client_id",
        "o_auth_client_secret",
        "o_auth_redirect_uri",
        "o_auth_scopes",
        "o_auth_clock_skew",
        "o_auth_client_auth",
        "o_auth_use_pkce",
        "o_auth_issuer",
    )

    def __init__(
        self,
        o_auth_client_id: Optional[str] = None,
        o_auth_client_secret: Optional[str] = None,
        o_auth_redirect_uri: Optional[str] = None,
        o_auth_token: Optional[OAuthToken] = None,
        o_auth_scopes: Optional[Iterable[ScopeValue]] = None,
        o_auth_on_token_update: Optional[TokenCallback] = None,
        o_auth_clock_skew: Optional[float] = DEFAULT_CLOCK_SKEW,
        o_auth_client_auth: Optional[str] = None,
        o_auth_token_store: Optional[TokenStore] = None,
        o_auth_use_pkce: Optional[bool] = None,
        o_auth_issuer: Optional[str] = None,
    ) -> None:
        self._init_common(
            o_auth_client_id,
            o_auth_client_secret,
            o_auth_token,
            o_auth_scopes,
            o_auth_on_token_update,
            o_auth_clock_skew,
            o_auth_client_auth,
            o_auth_token_store,
        )
        self._o_auth_redirect_uri = o_auth_redirect_uri
        self._o_auth_use_pkce = o_auth_use_pkce
        self._o_auth_issuer = o_auth_issuer

    @property
    def o_auth_redirect_uri(self) -> Optional[str]:
        """OAuth 2 Redirection endpoint or Callback Uri."""
        return self._o_auth_redirect_uri

    @property
    def o_auth_use_pkce(self) -> Optional[bool]:
        """Use PKCE S256; None means the scheme's default (on unless the spec turns it off)."""
        return self._o_auth_use_pkce

    @property
    def o_auth_issuer(self) -> Optional[str]:
        """Expected RFC 9207 `iss` of callbacks; None means the spec's issuer, if any."""
        return self._o_auth_issuer


class PasswordCredentials(OAuthCredentialsBase):
    """Credentials of an OAuth 2 Resource Owner Password Credentials Grant (all optional)."""

    __slots__ = ("_o_auth_username", "_o_auth_password")

    _FIELDS = (
        "o_auth_client_id",
        "o_auth_client_secret",
        "o_auth_username",
        "o_auth_password",
        "o_auth_token",
        "o_auth_scopes",
        *_COMMON_FIELDS,
    )
    _SECRET_FIELDS = frozenset({"o_auth_client_secret", "o_auth_password"})
    _ENV_FIELDS = (
        "o_auth_client_id",
        "o_auth_client_secret",
        "o_auth_username",
        "o_auth_password",
        "o_auth_scopes",
        "o_auth_clock_skew",
        "o_auth_client_auth",
    )

    def __init__(
        self,
        o_auth_client_id: Optional[str] = None,
        o_auth_client_secret: Optional[str] = None,
        o_auth_username: Optional[str] = None,
        o_auth_password: Optional[str] = None,
        o_auth_token: Optional[OAuthToken] = None,
        o_auth_scopes: Optional[Iterable[ScopeValue]] = None,
        o_auth_on_token_update: Optional[TokenCallback] = None,
        o_auth_clock_skew: Optional[float] = DEFAULT_CLOCK_SKEW,
        o_auth_client_auth: Optional[str] = None,
        o_auth_token_store: Optional[TokenStore] = None,
    ) -> None:
        self._init_common(
            o_auth_client_id,
            o_auth_client_secret,
            o_auth_token,
            o_auth_scopes,
            o_auth_on_token_update,
            o_auth_clock_skew,
            o_auth_client_auth,
            o_auth_token_store,
        )
        self._o_auth_username = o_auth_username
        self._o_auth_password = o_auth_password

    @property
    def o_auth_username(self) -> Optional[str]:
        """OAuth 2 Resource Owner Username."""
        return self._o_auth_username

    @property
    def o_auth_password(self) -> Optional[str]:
        """OAuth 2 Resource Owner Password."""
        return self._o_auth_password


class ClientCredentialsCredentials(OAuthCredentialsBase):
    """Credentials of an OAuth 2 Client Credentials Grant (all optional)."""

    __slots__ = ()

    _FIELDS = (
        "o_auth_client_id",
        "o_auth_client_secret",
        "o_auth_token",
        "o_auth_scopes",
        *_COMMON_FIELDS,
    )
    _SECRET_FIELDS = frozenset({"o_auth_client_secret"})
    _ENV_FIELDS = (
        "o_auth_client_id",
        "o_auth_client_secret",
        "o_auth_scopes",
        "o_auth_clock_skew",
        "o_auth_client_auth",
    )

    def __init__(
        self,
        o_auth_client_id: Optional[str] = None,
        o_auth_client_secret: Optional[str] = None,
        o_auth_token: Optional[OAuthToken] = None,
        o_auth_scopes: Optional[Iterable[ScopeValue]] = None,
        o_auth_on_token_update: Optional[TokenCallback] = None,
        o_auth_clock_skew: Optional[float] = DEFAULT_CLOCK_SKEW,
        o_auth_client_auth: Optional[str] = None,
        o_auth_token_store: Optional[TokenStore] = None,
    ) -> None:
        self._init_common(
            o_auth_client_id,
            o_auth_client_secret,
            o_auth_token,
            o_auth_scopes,
            o_auth_on_token_update,
            o_auth_clock_skew,
            o_auth_client_auth,
            o_auth_token_store,
        )


# ---- managers -------------------------------------------------------------------------------


class OAuthGrantBase(RevocationMixin, Authorizer):
    """Token handling common to every grant: token store, expiry, refresh, token requests.

    Also `revoke_token()` (RFC 7009, `_revoke.py`) and endpoint discovery from RFC 8414 metadata
    (`_metadata.py`) when the generated subclass sets `METADATA_URL`.
    """

    #: Scheme key in the spec, e.g. `OAuthACG`.
    SCHEME_NAME: ClassVar[str] = ""
    #: Token URL as written in the spec (relative URLs resolve against `SERVER_NAME`).
    TOKEN_URL: ClassVar[str] = ""
    #: Refresh URL as written in the spec, or None (refresh goes to `TOKEN_URL`).
    REFRESH_URL: ClassVar[Optional[str]] = None
    #: The server (of the selected environment) relative URLs resolve against.
    SERVER_NAME: ClassVar[str] = "default"
    #: Default client authentication when the credentials do not choose one.
    DEFAULT_CLIENT_AUTH: ClassVar[str] = "client_secret_basic"
    #: Accepted `token_type` values (lower case).
    ACCEPTED_TOKEN_TYPES: ClassVar[FrozenSet[str]] = frozenset({"bearer"})

    def __init__(
        self, credentials: Optional[OAuthCredentialsBase], context: ApiContext
    ) -> None:
        self._credentials = credentials
        self._context = context
        store = credentials.o_auth_token_store if credentials is not None else None
        if store is None:
            store = InMemoryTokenStore()
        initial = credentials.o_auth_token if credentials is not None else None
        if initial is not None:
            with store.lock():
                if store.load() is None:
                    store.save(initial)
        self._store: TokenStore = store
        # credentials are immutable: their clock skew is read once
        self._skew: float = (
            credentials.o_auth_clock_skew
            if credentials is not None
            else DEFAULT_CLOCK_SKEW
        )

    # ---- public API ---------------------------------------------------------------------------

    @property
    def credentials(self) -> Optional[OAuthCredentialsBase]:
        """The credentials this manager was built from."""
        return self._credentials

    @property
    def token(self) -> Optional[OAuthToken]:
        """The live token (from the token store), or None."""
        return self._store.load()

    @property
    def token_store(self) -> TokenStore:
        """The token store in use."""
        return self._store

    def set_token(self, token: Optional[OAuthToken]) -> None:
        """Replace the live token (None clears it). Does not call the update callback."""
        with self._store.lock():
            self._store.save(token)

    def is_token_expired(self, token: Optional[OAuthToken] = None) -> bool:
        """True when the token (default: the live one) expires within the clock skew.

        A token without a known expiry is not expired; with no token at all there is nothing
        to expire (False), so check `token` / `is_valid()` for presence.
        """
        current = token if token is not None else self.token
        if current is None:
            return False
        return self._expired(current)

    def is_valid(self) -> bool:
        """True when a token is held and not expired."""
        return self.token is not None and not self.is_token_expired()

    def refresh_token(
        self,
        additional_params: Optional[Mapping[str, Any]] = None,
        scopes: Optional[Iterable[ScopeValue]] = None,
    ) -> OAuthToken:
        """Trade the refresh token for a new token; the new token replaces the live one.

        No `scope` is sent (the server keeps the granted scope, RFC 6749 §6) unless `scopes`
        asks for a narrower set. Raises MissingRefreshTokenException (before any request)
        when there is no refresh token. On any failure the previous token stays in place.
        """
        extra = _check_additional(additional_params)
        narrower = normalize_scopes(
            scopes,
            self._credentials.SCOPE_ENUM if self._credentials is not None else None,
        )
        with self._store.lock():
            current = self._store.load()
            if current is None or not current.refresh_token:
                raise MissingRefreshTokenException(
                    f"{self.SCHEME_NAME}: cannot refresh, the token has no refresh token"
                    if current is not None
                    else f"{self.SCHEME_NAME}: cannot refresh, there is no token",
                    [self.SCHEME_NAME],
                )
            new_token = self._refresh_request(current, extra, narrower)
            self._store.save(new_token)
        self._notify(new_token)
        return new_token

    # ---- Authorizer ---------------------------------------------------------------------------

    @property
    def scheme_name(self) -> str:
        return self.SCHEME_NAME

    def can_authorize(self) -> bool:
        token = self._store.load()
        if token is None:
            return False
        # a refresh token answers without the expiry check (authorize() makes that one)
        return bool(token.refresh_token) or not self._expired(token)

    def unusable_reason(self) -> str:
        token = self.token
        if token is None:
            return "no OAuth token; fetch one first"
        return "the token expired and there is no refresh token"

    def live_token(self) -> Optional[OAuthToken]:
        """The held token when it is valid now (no refresh, no request), else None."""
        token = self._store.load()
        if token is None or self._expired(token):
            return None
        return token

    def authorize(self, target: AuthTarget) -> None:
        token = self._store.load()
        if token is None or self._expired(token):
            token = self._fresh_token()  # no token, or refresh (single flight)
        self.record_token(target, token)

    def record_token(self, target: AuthTarget, token: OAuthToken) -> None:
        """Write `token` into `target` as this scheme's credential (the 401 rule reads
        `target.sent`)."""
        target.set_header(
            "Authorization", "Bearer " + token.access_token, self.SCHEME_NAME
        )
        target.sent[self.SCHEME_NAME] = token.access_token

    def recover_from_rejection(
        self, target: AuthTarget, response: HttpResponse
    ) -> bool:
        rejected = target.sent.get(self.SCHEME_NAME)
        with self._store.lock():
            latest = self._store.load()
            if latest is not None and latest.access_token != rejected:
                return True  # someone else refreshed meanwhile
            if latest is None or not latest.refresh_token:
                return False
            _LOGGER.info(
                "%s: the API rejected the token; refreshing once", self.SCHEME_NAME
            )
            new_token = self._refresh_request(latest, {})
            self._store.save(new_token)
        self._notify(new_token)
        return True

    # ---- internals ----------------------------------------------------------------------------

    def _clock_skew(self) -> float:
        return (
            self._credentials.o_auth_clock_skew
            if self._credentials is not None
            else DEFAULT_CLOCK_SKEW
        )

    def _expired(self, token: OAuthToken) -> bool:
        # token.is_expired(effective_clock_skew(self._clock_skew(), token)), inlined: this
        # runs on every call
        expiry = token.expiry
        if expiry is None:
            return False
        skew = self._skew
        expires_in = token.expires_in
        if expires_in is not None and expires_in > 0 and expires_in / 2 < skew:
            skew = expires_in / 2
        return time.time() >= expiry - skew

    def _scopes(self) -> Optional[List[str]]:
        if self._credentials is None:
            return None
        return normalize_scopes(
            self._credentials.o_auth_scopes, self._credentials.SCOPE_ENUM
        )

    def _fresh_token(self) -> OAuthToken:
        """The live token, refreshed first (single-flight) when it is expired."""
        token = self._store.load()
        if token is None:
            raise AuthRequiredException(
                f"{self.SCHEME_NAME}: no OAuth token; fetch one first",
                [self.SCHEME_NAME],
            )
        if not self._expired(token):
            return token
        with self._store.lock():
            latest = self._store.load()
            if latest is not None and not self._expired(latest):
                return latest  # refreshed by another thread or process
            base = latest or token
            if not base.refresh_token:
                raise MissingRefreshTokenException(
                    f"{self.SCHEME_NAME}: the token expired and there is no refresh token",
                    [self.SCHEME_NAME],
                )
            _LOGGER.info("%s: token expired; refreshing", self.SCHEME_NAME)
            new_token = self._refresh_request(base, {})
            self._store.save(new_token)
        self._notify(new_token)
        return new_token

    def _notify(self, token: OAuthToken) -> None:
        callback = (
            self._credentials.o_auth_on_token_update if self._credentials else None
        )
        if callback is None:
            return
        try:
            callback(token)
        except (
            Exception
        ) as exc:  # the token is stored; a failing callback must not lose it
            # no traceback: the exception text (and its chain) may quote the token
            _LOGGER.error(
                "%s: o_auth_on_token_update raised %s: %s",
                self.SCHEME_NAME,
                type(exc).__name__,
                scrub_secrets(str(exc), self._secret_values(token)),
            )

    def _secret_values(self, token: Optional[OAuthToken] = None) -> List[Optional[str]]:
        creds = self._credentials
        values: List[Optional[str]] = []
        if token is not None:
            values += [token.access_token, token.refresh_token]
        if creds is not None:
            values.append(creds.o_auth_client_secret)
            values.append(getattr(creds, "o_auth_password", None))
        return values

    def _require_credentials(self) -> OAuthCredentialsBase:
        if self._credentials is None:
            raise ConfigurationException(
                f"{self.SCHEME_NAME}: no credentials configured for this scheme"
            )
        return self._credentials

    def _client_auth_mode(self) -> str:
        creds = self._credentials
        mode = creds.o_auth_client_auth if creds is not None else None
        return mode or self.DEFAULT_CLIENT_AUTH

    def _refresh_form(
        self, current: OAuthToken, scopes: Optional[List[str]] = None
    ) -> Dict[str, str]:
        assert current.refresh_token is not None
        form: Dict[str, str] = {
            "grant_type": "refresh_token",
            "refresh_token": current.refresh_token,
        }
        if scopes:
            form["scope"] = " ".join(scopes)
        return form

    @staticmethod
    def _after_refresh(current: OAuthToken, new_token: OAuthToken) -> OAuthToken:
        """A refresh answer without `refresh_token` keeps the old one."""
        if new_token.refresh_token is None:
            new_token.refresh_token = current.refresh_token
        return new_token

    def _refresh_request(
        self,
        current: OAuthToken,
        extra: Dict[str, str],
        scopes: Optional[List[str]] = None,
    ) -> OAuthToken:
        new_token = self._token_request(
            self.REFRESH_URL or self.TOKEN_URL,
            self._refresh_form(current, scopes),
            extra,
        )
        return self._after_refresh(current, new_token)

    def _token_request(
        self, url: str, form: Dict[str, str], extra: Dict[str, str]
    ) -> OAuthToken:
        """POST a token request; parse and validate the answer."""
        target, headers, body = self._token_request_args(url, form, extra)
        sent_at = time.time()
        response = self._context.transport.send(
            "POST",
            target,
            headers=headers,
            data=body,
            follow_redirects=False,
            max_bytes=MAX_TOKEN_RESPONSE_BYTES,
        )
        return self._parse_token_response(response, sent_at)

    def _token_request_args(
        self, url: str, form: Dict[str, str], extra: Dict[str, str]
    ) -> Tuple[str, Dict[str, str], Dict[str, str]]:
        """URL, headers and form of a token request (checked; no I/O). Shared with async."""
        creds = self._require_credentials()
        target = self._context.resolve_url(
            self._endpoint_url("token_endpoint", url), self.SERVER_NAME
        )
        self._context.check_secure_url(target, f"{self.SCHEME_NAME} token URL")
        headers = {
            "accept": "application/json",
            "content-type": "application/x-www-form-urlencoded",
        }
        body: Dict[str, str] = dict(form)
        mode = self._client_auth_mode()
        client_id = creds.o_auth_client_id
        secret = creds.o_auth_client_secret
        if client_id is None or client_id == "":
            raise ConfigurationException(
                f"{self.SCHEME_NAME}: o_auth_client_id is not set"
            )
        if mode == "client_secret_basic":
            if secret is None:
                raise ConfigurationException(
                    f"{self.SCHEME_NAME}: o_auth_client_secret is not set "
                    "(use o_auth_client_auth='none' for a public client)"
                )
            pair = quote_plus(client_id, safe="") + ":" + quote_plus(secret, safe="")
            headers["authorization"] = "Basic " + base64.b64encode(
                pair.encode()
            ).decode("ascii")
        elif mode == "client_secret_post":
            if secret is None:
                raise ConfigurationException(
                    f"{self.SCHEME_NAME}: o_auth_client_secret is not set"
                )
            body["client_id"] = client_id
            body["client_secret"] = secret
        else:
            body["client_id"] = client_id
        body.update(extra)
        _LOGGER.debug(
            "%s: token request grant_type=%s client_auth=%s",
            self.SCHEME_NAME,
            form.get("grant_type"),
            mode,
        )
        return target, headers, body

    def _parse_token_response(
        self, response: HttpResponse, sent_at: float
    ) -> OAuthToken:
        name = self.SCHEME_NAME
        # exceptions keep a scrubbed copy: a rejected or malformed answer may still carry
        # live tokens in its body or a session cookie in its headers
        safe = response.scrubbed()
        if response.too_large:
            raise InvalidTokenResponseException(
                f"{name}: the token response exceeds {MAX_TOKEN_RESPONSE_BYTES} bytes",
                safe,
            )
        data: Any = None
        parsed = False
        try:
            data = json.loads(
                response.content.decode("utf-8"), parse_constant=_reject_constant
            )
            parsed = True
        except (ValueError, UnicodeDecodeError):
            pass
        if not response.is_success():
            if parsed and isinstance(data, dict) and isinstance(data.get("error"), str):
                description = data.get("error_description")
                uri = data.get("error_uri")
                raise OAuthProviderException(
                    f"{name}: the token endpoint rejected the request ({data['error']})",
                    safe,
                    data["error"],
                    description if isinstance(description, str) else None,
                    uri if isinstance(uri, str) else None,
                )
            raise APIException(
                f"{name}: the token endpoint answered HTTP {response.status_code}",
                safe,
            )
        if not parsed:
            raise InvalidTokenResponseException(
                f"{name}: the token response is not JSON", safe
            )
        if not isinstance(data, dict):
            raise InvalidTokenResponseException(
                f"{name}: the token response is not a JSON object", safe
            )
        access_token = data.get("access_token")
        if not isinstance(access_token, str) or access_token == "":
            raise InvalidTokenResponseException(
                f"{name}: the token response has no string access_token", safe
            )
        token_type = data.get("token_type")
        if (
            not isinstance(token_type, str)
            or token_type.lower() not in self.ACCEPTED_TOKEN_TYPES
        ):
            shown = (
                token_type
                if isinstance(token_type, str) and len(token_type) < 40
                else "?"
            )
            raise InvalidTokenResponseException(
                f"{name}: unsupported token_type {shown!r} (expected bearer)", safe
            )
        expires_in = _optional_seconds(data.get("expires_in"), "expires_in")
        refresh = data.get("refresh_token")
        scope = data.get("scope")
        token = OAuthToken(
            access_token=access_token,
            token_type=token_type,
            expires_in=expires_in,
            scope=scope if isinstance(scope, str) else None,
            expiry=int(sent_at + expires_in) if expires_in else None,
            refresh_token=refresh if isinstance(refresh, str) and refresh else None,
            additional_properties={
                k: v
                for k, v in data.items()
                if k
                not in (
                    "access_token",
                    "token_type",
                    "expires_in",
                    "scope",
                    "expiry",
                    "refresh_token",
                )
            },
        )
        _LOGGER.info(
            "%s: new token %s (expires_in=%s)", name, redact(access_token), expires_in
        )
        return token

    def _save_new(self, token: OAuthToken) -> OAuthToken:
        with self._store.lock():
            self._store.save(token)
        self._notify(token)
        return token

    def __repr__(self) -> str:
        return f"{type(self).__name__}(credentials={self._credentials!r}, token={self.token!r})"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"invalid JSON constant {name}")


class AuthorizationCodeGrant(OAuthGrantBase):
    """Manager of an OAuth 2 Authorization Code Grant (PKCE S256 and state by default)."""

    #: Authorization URL as written in the spec.
    AUTHORIZATION_URL: ClassVar[str] = ""
    #: PKCE on unless the spec says `x-grantgen-pkce: false` (credentials may override).
    USE_PKCE: ClassVar[bool] = True
    #: RFC 9207 issuer from the spec, or None.
    ISSUER: ClassVar[Optional[str]] = None
    _MAX_PENDING = 32

    def __init__(
        self, credentials: Optional[AuthorizationCodeCredentials], context: ApiContext
    ) -> None:
        super().__init__(credentials, context)
        self._acg_credentials = credentials
        self._pending: "OrderedDict[str, Optional[str]]" = OrderedDict()
        self._pending_lock = threading.Lock()

    def _use_pkce(self) -> bool:
        creds = self._acg_credentials
        if creds is not None and creds.o_auth_use_pkce is not None:
            return creds.o_auth_use_pkce
        return self.USE_PKCE

    def _issuer(self) -> Optional[str]:
        creds = self._acg_credentials
        if creds is not None and creds.o_auth_issuer is not None:
            return creds.o_auth_issuer
        discovered = self._discovered_issuer()
        return discovered if discovered is not None else self.ISSUER

    def _authorization_url(self) -> str:
        return self._endpoint_url("authorization_endpoint", self.AUTHORIZATION_URL)

    def authorize_with_loopback(
        self,
        open_browser: Optional[Callable[[str], Any]] = None,
        timeout: float = 300,
        port: int = 0,
        path: str = "/callback",
        additional_params: Optional[Mapping[str, Any]] = None,
    ) -> OAuthToken:
        """Sign in through the system browser and a one-shot listener on 127.0.0.1 (RFC 8252).

        Opens `open_browser(url)` (default: the `webbrowser` module, printing the URL when no
        browser opens) on the authorization page with `redirect_uri=http://127.0.0.1:<port><path>`
        (`port=0`: an ephemeral port; register the loopback redirect URI with the provider),
        waits up to `timeout` seconds for the browser to come back, checks `state` and `iss`,
        closes the listener and exchanges the code (PKCE S256) for the token it returns and
        stores. Raises SignInTimeoutException, AuthorizationDeniedException (the user declined),
        OAuthCallbackException / StateMismatchException; the listener is closed in every case.
        """
        from ._loopback import run_loopback_sign_in

        return run_loopback_sign_in(
            self, open_browser, timeout, port, path, additional_params
        )

    def authorization_request(
        self,
        state: Optional[str] = None,
        additional_params: Optional[Mapping[str, Any]] = None,
    ) -> AuthorizationRequest:
        """Build the URL to send the user to, with a fresh `state` and PKCE verifier.

        Keep `state` and `code_verifier` for `fetch_token_from_callback` (this manager also
        remembers the latest ones, so `fetch_token(code)` works in the same process).
        """
        creds = self._acg_credentials
        if creds is None or not creds.o_auth_client_id:
            raise ConfigurationException(
                f"{self.SCHEME_NAME}: o_auth_client_id is not set"
            )
        if not creds.o_auth_redirect_uri:
            raise ConfigurationException(
                f"{self.SCHEME_NAME}: o_auth_redirect_uri is not set"
            )
        use_pkce = self._use_pkce()
        if self._client_auth_mode() == "none" and not use_pkce:
            raise ConfigurationException(
                f"{self.SCHEME_NAME}: a public client (o_auth_client_auth='none') requires PKCE"
            )
        extra = _check_additional(additional_params)
        url = self._context.resolve_url(self._authorization_url(), self.SERVER_NAME)
        self._context.check_secure_url(url, f"{self.SCHEME_NAME} authorization URL")
        the_state = state if state else secrets.token_urlsafe(32)
        verifier = new_code_verifier() if use_pkce else None
        params: List[Tuple[str, str]] = [
            ("response_type", "code"),
            ("client_id", creds.o_auth_client_id),
            ("redirect_uri", creds.o_auth_redirect_uri),
        ]
        scopes = self._scopes()
        if scopes:
            params.append(("scope", " ".join(scopes)))
        params.append(("state", the_state))
        if verifier is not None:
            params.append(("code_challenge", code_challenge_s256(verifier)))
            params.append(("code_challenge_method", "S256"))
        params.extend(extra.items())
        query = urlencode(params, quote_via=quote, safe="")
        separator = "&" if urlsplit(url).query else "?"
        with self._pending_lock:
            self._pending[the_state] = verifier
            while len(self._pending) > self._MAX_PENDING:
                self._pending.popitem(last=False)
        return AuthorizationRequest(url + separator + query, the_state, verifier)

    def get_authorization_url(
        self,
        state: Optional[str] = None,
        additional_params: Optional[Mapping[str, Any]] = None,
    ) -> str:
        """The URL of the authorization page (see `authorization_request` for state/PKCE)."""
        return self.authorization_request(state, additional_params).url

    def fetch_token(
        self,
        code: str,
        additional_params: Optional[Mapping[str, Any]] = None,
        code_verifier: Optional[str] = None,
    ) -> OAuthToken:
        """Exchange an authorization code for a token; it becomes the live token.

        Without `code_verifier` the verifier of this manager's latest authorization request
        is used (if any).
        """
        form, extra = self._code_form(code, additional_params, code_verifier)
        token = self._token_request(self.TOKEN_URL, form, extra)
        return self._save_new(token)

    def _code_form(
        self,
        code: str,
        additional_params: Optional[Mapping[str, Any]],
        code_verifier: Optional[str],
    ) -> Tuple[Dict[str, str], Dict[str, str]]:
        creds = self._acg_credentials
        extra = _check_additional(additional_params)
        if creds is None:
            raise ConfigurationException(
                f"{self.SCHEME_NAME}: no credentials configured"
            )
        if not creds.o_auth_redirect_uri:
            raise ConfigurationException(
                f"{self.SCHEME_NAME}: o_auth_redirect_uri is not set"
            )
        if code_verifier is None and self._use_pkce():
            with self._pending_lock:
                if self._pending:
                    code_verifier = next(reversed(self._pending.values()))
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": creds.o_auth_redirect_uri,
        }
        if code_verifier:
            form["code_verifier"] = code_verifier
        return form, extra

    def fetch_token_from_callback(
        self,
        callback_url: str,
        expected_state: str,
        code_verifier: Optional[str] = None,
        additional_params: Optional[Mapping[str, Any]] = None,
    ) -> OAuthToken:
        """Check the redirect back from the authorization page, then exchange its code.

        Raises (before any network call) StateMismatchException when `state` is missing or
        differs, OAuthCallbackException when the callback carries `error=` or a wrong `iss`.
        """
        code, verifier = self._check_callback(
            callback_url, expected_state, code_verifier
        )
        return self.fetch_token(code, additional_params, code_verifier=verifier)

    def _check_callback(
        self,
        callback_url: str,
        expected_state: str,
        code_verifier: Optional[str],
    ) -> Tuple[str, Optional[str]]:
        """The callback's code and the verifier to send (checks only; no I/O)."""
        if not expected_state:
            raise ConfigurationException("expected_state is required")
        params = dict(parse_qsl(urlsplit(callback_url).query, keep_blank_values=True))
        state = params.get("state")
        error = params.get("error")
        if state is None or not hmac.compare_digest(
            state.encode("utf-8"), expected_state.encode("utf-8")
        ):
            raise StateMismatchException(
                f"{self.SCHEME_NAME}: the callback's state is "
                + ("missing" if state is None else "different from the expected one"),
                error or "",
                params.get("error_description"),
                params.get("error_uri"),
                state,
            )
        # RFC 9207: the issuer is checked on error responses too (a mix-up attacker can forge
        # an error as easily as a code)
        issuer = self._issuer()
        if issuer is not None and params.get("iss") != issuer:
            raise OAuthCallbackException(
                f"{self.SCHEME_NAME}: the callback's iss does not match the expected issuer",
                "invalid_issuer",
                None,
                None,
                state,
            )
        if error is not None:
            raise OAuthCallbackException(
                f"{self.SCHEME_NAME}: authorization failed: {error}",
                error,
                params.get("error_description"),
                params.get("error_uri"),
                state,
            )
        code = params.get("code")
        if not code:
            raise OAuthCallbackException(
                f"{self.SCHEME_NAME}: the callback has no code",
                "invalid_request",
                None,
                None,
                state,
            )
        with self._pending_lock:
            known = state in self._pending
            remembered = self._pending.pop(state, None)
        if code_verifier is None and self._use_pkce() and not known:
            # never fall back to another request's verifier: that pairs this code with a
            # different authorization request
            raise StateMismatchException(
                f"{self.SCHEME_NAME}: the callback's state matches no pending authorization "
                "request of this client; pass code_verifier= from the request you stored",
                "",
                None,
                None,
                state,
            )
        verifier = code_verifier if code_verifier is not None else remembered
        return code, verifier


class PasswordGrant(OAuthGrantBase):
    """Manager of an OAuth 2 Resource Owner Password Credentials Grant."""

    def __init__(
        self, credentials: Optional[PasswordCredentials], context: ApiContext
    ) -> None:
        super().__init__(credentials, context)
        self._password_credentials = credentials

    def fetch_token(
        self, additional_params: Optional[Mapping[str, Any]] = None
    ) -> OAuthToken:
        """Exchange the configured username and password for a token (the new live token)."""
        form, extra = self._password_form(additional_params)
        token = self._token_request(self.TOKEN_URL, form, extra)
        return self._save_new(token)

    def _password_form(
        self, additional_params: Optional[Mapping[str, Any]]
    ) -> Tuple[Dict[str, str], Dict[str, str]]:
        creds = self._password_credentials
        extra = _check_additional(additional_params)
        if (
            creds is None
            or creds.o_auth_username is None
            or creds.o_auth_password is None
        ):
            raise ConfigurationException(
                f"{self.SCHEME_NAME}: o_auth_username and o_auth_password must be set"
            )
        form = {
            "grant_type": "password",
            "username": creds.o_auth_username,
            "password": creds.o_auth_password,
        }
        scopes = self._scopes()
        if scopes:
            form["scope"] = " ".join(scopes)
        return form, extra


class ClientCredentialsGrant(OAuthGrantBase):
    """Manager of an OAuth 2 Client Credentials Grant: fetches its own token when needed."""

    def fetch_token(
        self, additional_params: Optional[Mapping[str, Any]] = None
    ) -> OAuthToken:
        """Request a token with the client's own credentials (the new live token)."""
        extra = _check_additional(additional_params)
        token = self._token_request(self.TOKEN_URL, self._form(), extra)
        return self._save_new(token)

    def _form(self) -> Dict[str, str]:
        form = {"grant_type": "client_credentials"}
        scopes = self._scopes()
        if scopes:
            form["scope"] = " ".join(scopes)
        return form

    def _configured(self) -> bool:
        creds = self._credentials
        if creds is None or not creds.o_auth_client_id:
            return False
        return (
            self._client_auth_mode() == "none" or creds.o_auth_client_secret is not None
        )

    def can_authorize(self) -> bool:
        return super().can_authorize() or self._configured()

    def unusable_reason(self) -> str:
        return "no client id/secret configured and no token"

    def _fresh_token(self) -> OAuthToken:
        token = self._store.load()
        if token is not None and not self._expired(token):
            return token
        if token is not None and token.refresh_token:
            return super()._fresh_token()
        with self._store.lock():
            latest = self._store.load()
            if latest is not None and not self._expired(latest):
                return latest
            new_token = self._token_request(self.TOKEN_URL, self._form(), {})
            self._store.save(new_token)
        self._notify(new_token)
        return new_token

    def recover_from_rejection(
        self, target: AuthTarget, response: HttpResponse
    ) -> bool:
        rejected = target.sent.get(self.SCHEME_NAME)
        with self._store.lock():
            latest = self._store.load()
            if latest is not None and latest.access_token != rejected:
                return True
            if not self._configured():
                return False
            new_token = self._token_request(self.TOKEN_URL, self._form(), {})
            self._store.save(new_token)
        self._notify(new_token)
        return True
