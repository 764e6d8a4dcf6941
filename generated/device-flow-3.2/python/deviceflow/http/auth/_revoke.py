"""RFC 7009 token revocation ("sign out") for every OAuth grant manager.

`revoke_token()` first removes the token from memory and from the token store, under the store's
lock (so a refresh running at the same time cannot bring it back), then asks the revocation
endpoint to revoke the refresh token and the access token, with the flow's client
authentication. The endpoint is the spec's `x-revocation-url`, or the metadata's
`revocation_endpoint`. If the server does not confirm, TokenRevocationException says so: the
client is signed out locally either way.
"""

from __future__ import annotations

import base64
import json
import logging
from typing import TYPE_CHECKING, ClassVar, Dict, List, Optional, Tuple
from urllib.parse import quote_plus

from ...exceptions.network_exception import NetworkException
from ...exceptions.sdk_exception import ConfigurationException
from ...exceptions.token_revocation_exception import TokenRevocationException
from .._redact import redact_text
from ._metadata import MetadataMixin
from .token_store import TokenStore

if TYPE_CHECKING:
    from ...models.o_auth_token import OAuthToken
    from ..http_response import HttpResponse
    from ._grants import OAuthCredentialsBase

_LOGGER = logging.getLogger(__name__)

MAX_REVOCATION_RESPONSE_BYTES = 64 * 1024


def client_auth_request(
    scheme: str,
    mode: str,
    creds: "OAuthCredentialsBase",
    headers: Dict[str, str],
    body: Dict[str, str],
) -> None:
    """Add the client authentication of `mode` to a request (RFC 6749 section 2.3.1)."""
    client_id = creds.o_auth_client_id
    secret = creds.o_auth_client_secret
    if not client_id:
        raise ConfigurationException(f"{scheme}: o_auth_client_id is not set")
    if mode == "client_secret_basic":
        if secret is None:
            raise ConfigurationException(
                f"{scheme}: o_auth_client_secret is not set "
                "(use o_auth_client_auth='none' for a public client)"
            )
        pair = quote_plus(client_id, safe="") + ":" + quote_plus(secret, safe="")
        headers["authorization"] = "Basic " + base64.b64encode(pair.encode()).decode(
            "ascii"
        )
    elif mode == "client_secret_post":
        if secret is None:
            raise ConfigurationException(f"{scheme}: o_auth_client_secret is not set")
        body["client_id"] = client_id
        body["client_secret"] = secret
    else:
        body["client_id"] = client_id


def revocation_error(content: bytes) -> Optional[str]:
    """The RFC 6749 `error` code of an error answer, if it has one."""
    try:
        data = json.loads(content.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(data, dict) and isinstance(data.get("error"), str):
        return str(data["error"])[:100]
    return None


class RevocationMixin(MetadataMixin):
    """`revoke_token()` for grant managers (used by OAuthGrantBase)."""

    #: `x-revocation-url` as written in the spec (relative ones resolve against `SERVER_NAME`),
    #: or None (the metadata's `revocation_endpoint` is used, if any).
    REVOCATION_URL: ClassVar[Optional[str]] = None

    DEFAULT_CLIENT_AUTH: ClassVar[str]
    _store: TokenStore

    def revoke_token(self) -> None:
        """Sign out: forget the token here, then revoke it at the server (RFC 7009).

        The token is removed from memory and the token store first (under the store's lock), so
        every later call raises AuthRequiredException until a new token is fetched. Then the
        refresh token and the access token are revoked. Raises TokenRevocationException (after
        the local sign-out) when the server is unreachable, answers with an error, or the API
        has no revocation endpoint; ConfigurationException when client credentials are missing.
        Does nothing when no token is held.
        """
        with self._store.lock():
            token = self._store.load()
            self._store.save(None)
        if token is None:
            return
        _LOGGER.info("%s: token removed; revoking it at the server", self.SCHEME_NAME)
        target = self._revocation_target()
        failure: Optional[TokenRevocationException] = None
        for hint, headers, body in self._revocation_requests(token):
            try:
                response = self._context.transport.send(
                    "POST",
                    target,
                    headers=headers,
                    data=body,
                    follow_redirects=False,
                    max_bytes=MAX_REVOCATION_RESPONSE_BYTES,
                )
            except NetworkException as exc:
                raise self._unreachable(exc) from exc
            failure = failure or self._refused(hint, response)
        if failure is not None:
            raise failure

    def _revocation_target(self) -> str:
        """The revocation endpoint (raises TokenRevocationException when there is none)."""
        try:
            url = self._endpoint_url("revocation_endpoint", self.REVOCATION_URL)
        except ConfigurationException:
            raise TokenRevocationException(
                f"{self.SCHEME_NAME}: signed out locally, but the API has no revocation "
                "endpoint; the server still accepts the token until it expires"
            ) from None
        target = self._context.resolve_url(url, self.SERVER_NAME)
        self._context.check_secure_url(target, f"{self.SCHEME_NAME} revocation URL")
        return target

    def _revocation_requests(
        self, token: OAuthToken
    ) -> List[Tuple[str, Dict[str, str], Dict[str, str]]]:
        """(hint, headers, form) of each revocation: the refresh token first, then the access token."""
        creds = self._credentials
        if creds is None:
            raise ConfigurationException(
                f"{self.SCHEME_NAME}: no credentials configured for this scheme"
            )
        pending: List[Tuple[str, str]] = []
        if token.refresh_token:
            pending.append((token.refresh_token, "refresh_token"))
        pending.append((token.access_token, "access_token"))
        out: List[Tuple[str, Dict[str, str], Dict[str, str]]] = []
        for value, hint in pending:
            headers = {"content-type": "application/x-www-form-urlencoded"}
            body = {"token": value, "token_type_hint": hint}
            mode = creds.o_auth_client_auth or self.DEFAULT_CLIENT_AUTH
            client_auth_request(self.SCHEME_NAME, mode, creds, headers, body)
            out.append((hint, headers, body))
        return out

    def _unreachable(self, exc: Exception) -> TokenRevocationException:
        return TokenRevocationException(
            f"{self.SCHEME_NAME}: signed out locally, but the revocation endpoint "
            f"could not be reached ({type(exc).__name__}); the server may still "
            "accept the token until it expires"
        )

    def _refused(
        self, hint: str, response: HttpResponse
    ) -> Optional[TokenRevocationException]:
        if response.status_code == 200:
            return None
        error = revocation_error(response.content)
        return TokenRevocationException(
            f"{self.SCHEME_NAME}: signed out locally, but the server refused to revoke "
            f"the {hint.replace('_', ' ')} (HTTP {response.status_code}"
            + (f", {redact_text(error)}" if error else "")
            + ")",
            error,
            response.status_code,
        )
