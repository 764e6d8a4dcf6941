"""RFC 8628 device authorization grant: sign in on another device (TVs, CLIs, consoles).

`start_device_authorization()` asks the authorization server for a device code and a short user
code; show the user `verification_uri` and `user_code` (or `verification_uri_complete`, e.g. as
a QR code). `wait_for_device_token()` then polls the token endpoint every `interval` seconds
(5 seconds more after each `slow_down`, going on while `authorization_pending`) until the user
approves (the token is stored and returned), declines (DeviceAccessDeniedException) or the code
expires (DeviceCodeExpiredException).
"""

from __future__ import annotations

import json
import logging
import math
import time
from typing import Any, Callable, ClassVar, Dict, Iterable, Mapping, Optional, Tuple
from urllib.parse import urlsplit

from ...exceptions.api_exception import APIException
from ...exceptions.device_authorization_exception import (
    DeviceAccessDeniedException,
    DeviceCodeExpiredException,
)
from ...exceptions.invalid_token_response_exception import InvalidTokenResponseException
from ...exceptions.o_auth_provider_exception import OAuthProviderException
from ...models.o_auth_token import OAuthToken
from .._redact import redact
from ..api_context import ApiContext
from ..http_response import HttpResponse
from ._grants import (
    _COMMON_FIELDS,
    DEFAULT_CLOCK_SKEW,
    OAuthCredentialsBase,
    OAuthGrantBase,
    ScopeValue,
    TokenCallback,
    _check_additional,
    normalize_scopes,
)
from ._metadata import check_discovery_mode
from ._revoke import client_auth_request
from .token_store import TokenStore

_LOGGER = logging.getLogger(__name__)

DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
DEFAULT_INTERVAL = 5.0
SLOW_DOWN_SECONDS = 5.0
#: A device code never counts as valid for longer than this, whatever the server says.
MAX_EXPIRES_IN = 24 * 3600
MAX_DEVICE_RESPONSE_BYTES = 64 * 1024


class DeviceAuthorization:
    """A started device authorization: what to show the user, and how long it is valid.

    `device_code` is a secret of this client: it is never shown by `repr()`.
    """

    __slots__ = (
        "_device_code",
        "user_code",
        "verification_uri",
        "verification_uri_complete",
        "expires_in",
        "interval",
        "expires_at",
    )

    def __init__(
        self,
        device_code: str,
        user_code: str,
        verification_uri: str,
        verification_uri_complete: Optional[str],
        expires_in: float,
        interval: float,
        expires_at: Optional[float] = None,
    ) -> None:
        self._device_code = device_code
        #: The code the user types on the other device.
        self.user_code = user_code
        #: The page where the user types `user_code`.
        self.verification_uri = verification_uri
        #: The page with the code already filled in (for a link or QR code), or None.
        self.verification_uri_complete = verification_uri_complete
        #: Seconds the device code is valid, as the server said.
        self.expires_in = expires_in
        #: Seconds to wait between two polls.
        self.interval = interval
        #: When the device code expires (UTC epoch seconds).
        self.expires_at = (
            expires_at if expires_at is not None else time.time() + expires_in
        )

    @property
    def device_code(self) -> str:
        """The device code (secret: keep it out of logs)."""
        return self._device_code

    def __repr__(self) -> str:
        return (
            f"DeviceAuthorization(user_code={self.user_code!r}, "
            f"verification_uri={self.verification_uri!r}, "
            f"verification_uri_complete={self.verification_uri_complete!r}, "
            f"expires_in={self.expires_in!r}, interval={self.interval!r}, "
            f"device_code={redact(self._device_code)})"
        )

    __str__ = __repr__


class DeviceAuthorizationCredentials(OAuthCredentialsBase):
    """Credentials of an OAuth 2 device authorization grant (all optional; a public client
    needs only `o_auth_client_id`)."""

    __slots__ = ("_o_auth_discovery",)

    _FIELDS = (
        "o_auth_client_id",
        "o_auth_client_secret",
        "o_auth_token",
        "o_auth_scopes",
        *_COMMON_FIELDS,
        "o_auth_discovery",
    )
    _SECRET_FIELDS = frozenset({"o_auth_client_secret"})
    _ENV_FIELDS = (
        "o_auth_client_id",
        "o_auth_client_secret",
        "o_auth_scopes",
        "o_auth_clock_skew",
        "o_auth_client_auth",
        "o_auth_discovery",
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
        o_auth_discovery: Optional[str] = None,
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
        self._o_auth_discovery = check_discovery_mode(o_auth_discovery)

    @property
    def o_auth_discovery(self) -> Optional[str]:
        """Where endpoints come from when the API publishes RFC 8414 metadata: "auto"
        (default, None: metadata, else the spec's URLs), "metadata" or "static"."""
        return self._o_auth_discovery


def _positive_number(value: Any, name: str, default: Optional[float]) -> float:
    if value is None and default is not None:
        return default
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value < 0
    ):
        raise InvalidTokenResponseException(
            f"the device authorization response has an invalid {name}"
        )
    return float(value)


def _http_url(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidTokenResponseException(
            f"the device authorization response has no {name}"
        )
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidTokenResponseException(
            f"the device authorization response's {name} is not an http(s) URL"
        )
    return value


class DeviceAuthorizationGrant(OAuthGrantBase):
    """Manager of an OAuth 2 device authorization grant (RFC 8628)."""

    #: Device authorization URL as written in the spec ('' when only the metadata has one).
    DEVICE_AUTHORIZATION_URL: ClassVar[str] = ""

    def __init__(
        self, credentials: Optional[DeviceAuthorizationCredentials], context: ApiContext
    ) -> None:
        super().__init__(credentials, context)
        #: Replaceable for tests; called with the number of seconds to wait.
        self._sleep: Callable[[float], None] = time.sleep

    def start_device_authorization(
        self,
        scopes: Optional[Iterable[ScopeValue]] = None,
        additional_params: Optional[Mapping[str, Any]] = None,
    ) -> DeviceAuthorization:
        """Ask for a device code and a user code (RFC 8628 section 3.1).

        Show the user `verification_uri` and `user_code`, then call `wait_for_device_token`.
        `scopes` default to the credentials' `o_auth_scopes`.
        """
        target, headers, body = self._start_request(scopes, additional_params)
        sent_at = time.time()
        response = self._context.transport.send(
            "POST",
            target,
            headers=headers,
            data=body,
            follow_redirects=False,
            max_bytes=MAX_DEVICE_RESPONSE_BYTES,
        )
        return self._start_response(response, sent_at)

    def _start_request(
        self,
        scopes: Optional[Iterable[ScopeValue]],
        additional_params: Optional[Mapping[str, Any]],
    ) -> Tuple[str, Dict[str, str], Dict[str, str]]:
        """URL, headers and form of a device authorization request (no I/O once discovered)."""
        creds = self._require_credentials()
        extra = _check_additional(additional_params)
        wanted = (
            normalize_scopes(scopes, creds.SCOPE_ENUM)
            if scopes is not None
            else self._scopes()
        )
        url = self._endpoint_url(
            "device_authorization_endpoint", self.DEVICE_AUTHORIZATION_URL
        )
        target = self._context.resolve_url(url, self.SERVER_NAME)
        self._context.check_secure_url(
            target, f"{self.SCHEME_NAME} device authorization URL"
        )
        headers = {
            "accept": "application/json",
            "content-type": "application/x-www-form-urlencoded",
        }
        body: Dict[str, str] = {}
        if wanted:
            body["scope"] = " ".join(wanted)
        client_auth_request(
            self.SCHEME_NAME, self._client_auth_mode(), creds, headers, body
        )
        body.update(extra)
        return target, headers, body

    def _start_response(
        self, response: HttpResponse, sent_at: float
    ) -> DeviceAuthorization:
        """Validate a device authorization response (RFC 8628 section 3.2)."""
        data = self._device_response(response.content, response.too_large)
        if not response.is_success():
            if isinstance(data, dict) and isinstance(data.get("error"), str):
                description = data.get("error_description")
                raise OAuthProviderException(
                    f"{self.SCHEME_NAME}: the device authorization endpoint refused "
                    f"({data['error']})",
                    response,
                    data["error"],
                    description if isinstance(description, str) else None,
                    None,
                )
            raise APIException(
                f"{self.SCHEME_NAME}: the device authorization endpoint answered HTTP "
                f"{response.status_code}",
                response,
            )
        if not isinstance(data, dict):
            raise InvalidTokenResponseException(
                f"{self.SCHEME_NAME}: the device authorization response is not a JSON object",
                response,
            )
        device_code = data.get("device_code")
        user_code = data.get("user_code")
        if not isinstance(device_code, str) or not device_code:
            raise InvalidTokenResponseException(
                f"{self.SCHEME_NAME}: the device authorization response has no device_code",
                response,
            )
        if not isinstance(user_code, str) or not user_code or len(user_code) > 64:
            raise InvalidTokenResponseException(
                f"{self.SCHEME_NAME}: the device authorization response has no usable user_code",
                response,
            )
        complete = data.get("verification_uri_complete")
        expires_in = min(
            _positive_number(data.get("expires_in"), "expires_in", None), MAX_EXPIRES_IN
        )
        authorization = DeviceAuthorization(
            device_code=device_code,
            user_code=user_code,
            verification_uri=_http_url(
                data.get("verification_uri"), "verification_uri"
            ),
            verification_uri_complete=(
                None
                if complete is None
                else _http_url(complete, "verification_uri_complete")
            ),
            expires_in=expires_in,
            interval=_positive_number(
                data.get("interval"), "interval", DEFAULT_INTERVAL
            ),
            expires_at=sent_at + expires_in,
        )
        _LOGGER.info(
            "%s: device authorization started (user_code=%s, expires_in=%s)",
            self.SCHEME_NAME,
            user_code,
            expires_in,
        )
        return authorization

    @staticmethod
    def _device_response(content: bytes, too_large: bool) -> Any:
        if too_large:
            return None
        try:
            return json.loads(content.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None

    def _poll_form(self, authorization: DeviceAuthorization) -> Dict[str, str]:
        if not isinstance(authorization, DeviceAuthorization):
            raise TypeError("authorization must come from start_device_authorization()")
        return {
            "grant_type": DEVICE_CODE_GRANT,
            "device_code": authorization.device_code,
        }

    def _next_wait(self, authorization: DeviceAuthorization, interval: float) -> float:
        """Seconds to wait before the next poll; raises when the device code has expired."""
        remaining = authorization.expires_at - time.time()
        if remaining <= 0:
            raise DeviceCodeExpiredException(
                f"{self.SCHEME_NAME}: the device code expired before the user approved",
                None,
                "expired_token",
            )
        return min(interval, remaining)

    def _after_poll_error(
        self, error: OAuthProviderException, interval: float
    ) -> float:
        """The interval to go on with after an error answer (RFC 8628 section 3.5), or raise."""
        code = error.error_code
        if code == "authorization_pending":
            return interval
        if code == "slow_down":
            _LOGGER.info(
                "%s: slow_down; polling every %s s",
                self.SCHEME_NAME,
                interval + SLOW_DOWN_SECONDS,
            )
            return interval + SLOW_DOWN_SECONDS
        if code == "access_denied":
            raise DeviceAccessDeniedException(
                f"{self.SCHEME_NAME}: the user declined the device authorization",
                error.response,
                code,
                error.error_description,
                error.error_uri,
            ) from None
        if code == "expired_token":
            raise DeviceCodeExpiredException(
                f"{self.SCHEME_NAME}: the device code expired; start again",
                error.response,
                code,
                error.error_description,
                error.error_uri,
            ) from None
        raise error

    def wait_for_device_token(
        self,
        authorization: DeviceAuthorization,
        additional_params: Optional[Mapping[str, Any]] = None,
    ) -> OAuthToken:
        """Poll until the user approves on the other device; the token becomes the live one.

        Waits `interval` seconds between polls (5 more after every `slow_down`). Raises
        DeviceAccessDeniedException when the user declines, DeviceCodeExpiredException when the
        code expires first, OAuthProviderException for any other error of the server.
        """
        form = self._poll_form(authorization)
        extra = _check_additional(additional_params)
        interval = authorization.interval
        while True:
            self._sleep(self._next_wait(authorization, interval))
            try:
                token = self._token_request(self.TOKEN_URL, form, extra)
            except OAuthProviderException as error:
                interval = self._after_poll_error(error, interval)
                continue
            _LOGGER.info("%s: the device was approved", self.SCHEME_NAME)
            return self._save_new(token)
