"""RFC 8252 loopback sign-in for CLIs and desktop apps.

`authorize_with_loopback()` (a method of every authorization code manager) starts a one-shot
HTTP listener on 127.0.0.1 (an ephemeral port by default), sends the user's browser to the
authorization page with `redirect_uri=http://127.0.0.1:<port><path>`, waits for the redirect
back, checks `state` (and `iss`), answers the browser with a short page, closes the listener and
exchanges the code (with PKCE) for a token. Nothing keeps listening afterwards, whatever happens.
"""

from __future__ import annotations

import hmac
import http.server
import logging
import secrets
import sys
import threading
import webbrowser
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Tuple
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from ...exceptions.loopback_exception import (
    AuthorizationDeniedException,
    SignInTimeoutException,
)
from ...exceptions.o_auth_callback_exception import (
    OAuthCallbackException,
    StateMismatchException,
)
from ...exceptions.sdk_exception import ConfigurationException
from ...models.o_auth_token import OAuthToken

if TYPE_CHECKING:
    from ._grants import AuthorizationCodeGrant

_LOGGER = logging.getLogger(__name__)

LOOPBACK_HOST = "127.0.0.1"

_DONE_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<title>Signed in</title></head><body><h1 id="done">You are signed in</h1>'
    "<p>You can close this window and return to the application.</p></body></html>"
)
_FAILED_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<title>Sign-in failed</title></head><body><h1 id="failed">Sign-in failed</h1>'
    "<p>You can close this window and return to the application.</p></body></html>"
)


class _Callback:
    """The first request to the callback path (shared by the listener thread and the caller)."""

    def __init__(self, path: str, state: str) -> None:
        self.path = path
        self.state = state
        self.params: Optional[Dict[str, str]] = None
        self.arrived = threading.Event()
        self.lock = threading.Lock()


def _handler_for(callback: _Callback) -> type:
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "loopback"
        sys_version = ""

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            parts = urlsplit(self.path)
            if parts.path != callback.path:
                self._answer(404, "<!doctype html><title>Not found</title>")
                return
            params = dict(parse_qsl(parts.query, keep_blank_values=True))
            with callback.lock:
                first = callback.params is None
                if first:
                    callback.params = params
            ok = (
                first
                and "error" not in params
                and hmac.compare_digest(
                    params.get("state", "").encode("utf-8"),
                    callback.state.encode("utf-8"),
                )
            )
            self._answer(200 if ok else 400, _DONE_PAGE if ok else _FAILED_PAGE)
            if first:
                callback.arrived.set()

        def _answer(self, status: int, page: str) -> None:
            body = page.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            return  # the query carries the authorization code: never log it

    return Handler


def _default_open_browser(url: str) -> None:
    opened = False
    try:
        opened = webbrowser.open(url)
    except Exception:  # pragma: no cover - depends on the desktop
        opened = False
    if not opened:
        print(f"Open this URL in your browser to sign in:\n{url}", file=sys.stderr)


class LoopbackSession:
    """One loopback sign-in: listener, authorization URL, callback checks (sync and async use it)."""

    def __init__(
        self,
        manager: "AuthorizationCodeGrant",
        timeout: float,
        port: int,
        path: str,
        additional_params: Optional[Mapping[str, Any]],
    ) -> None:
        from ._grants import _check_additional, new_code_verifier

        name = manager.SCHEME_NAME
        if (
            not isinstance(path, str)
            or not path.startswith("/")
            or "?" in path
            or "#" in path
        ):
            raise ConfigurationException(
                "path must start with '/' and have no query or fragment"
            )
        if (
            isinstance(port, bool)
            or not isinstance(port, int)
            or not 0 <= port <= 65535
        ):
            raise ConfigurationException("port must be an integer from 0 to 65535")
        if (
            isinstance(timeout, bool)
            or not isinstance(timeout, (int, float))
            or timeout <= 0
        ):
            raise ConfigurationException("timeout must be a positive number of seconds")
        creds = manager.credentials
        if creds is None or not creds.o_auth_client_id:
            raise ConfigurationException(f"{name}: o_auth_client_id is not set")
        self.manager = manager
        self.client_id: str = creds.o_auth_client_id
        self.extra = _check_additional(additional_params)
        use_pkce = manager._use_pkce()
        if manager._client_auth_mode() == "none" and not use_pkce:
            raise ConfigurationException(
                f"{name}: a public client (o_auth_client_auth='none') requires PKCE"
            )
        self.timeout = float(timeout)
        self.port = port
        self.path = path
        self.state = secrets.token_urlsafe(32)
        self.verifier = new_code_verifier() if use_pkce else None
        self.callback = _Callback(path, self.state)
        self.redirect_uri = ""
        self._server: Optional[http.server.HTTPServer] = None
        self._thread: Optional[threading.Thread] = None

    def start(self) -> str:
        """Listen on 127.0.0.1 and return the authorization URL to open."""
        from ._grants import code_challenge_s256

        manager = self.manager
        authorize_url = manager._context.resolve_url(
            manager._authorization_url(), manager.SERVER_NAME
        )
        manager._context.check_secure_url(
            authorize_url, f"{manager.SCHEME_NAME} authorization URL"
        )
        server = http.server.HTTPServer(
            (LOOPBACK_HOST, self.port), _handler_for(self.callback)
        )
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        self.redirect_uri = (
            f"http://{LOOPBACK_HOST}:{server.server_address[1]}{self.path}"
        )
        params: List[Tuple[str, str]] = [
            ("response_type", "code"),
            ("client_id", self.client_id),
            ("redirect_uri", self.redirect_uri),
        ]
        scopes = manager._scopes()
        if scopes:
            params.append(("scope", " ".join(scopes)))
        params.append(("state", self.state))
        if self.verifier is not None:
            params.append(("code_challenge", code_challenge_s256(self.verifier)))
            params.append(("code_challenge_method", "S256"))
        params.extend(self.extra.items())
        separator = "&" if urlsplit(authorize_url).query else "?"
        _LOGGER.info(
            "%s: waiting for the browser on %s", manager.SCHEME_NAME, self.redirect_uri
        )
        return authorize_url + separator + urlencode(params, quote_via=quote, safe="")

    def wait(self) -> None:
        """Block until the callback arrives; SignInTimeoutException after the timeout."""
        if not self.callback.arrived.wait(self.timeout) or self.callback.params is None:
            raise SignInTimeoutException(
                f"{self.manager.SCHEME_NAME}: no sign-in arrived at {self.redirect_uri} "
                f"within {self.timeout:g} s"
            )

    def close(self) -> None:
        """Stop listening (idempotent); a waiting `wait()` returns at once."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        self.callback.arrived.set()
        if self._thread is not None:
            self._thread.join(5)

    def token_form(self) -> Dict[str, str]:
        """Check the callback (state, error, iss, code); the token request's form."""
        name = self.manager.SCHEME_NAME
        got: Dict[str, str] = self.callback.params or {}
        returned_state = got.get("state")
        if returned_state is None or not hmac.compare_digest(
            returned_state.encode("utf-8"), self.state.encode("utf-8")
        ):
            raise StateMismatchException(
                f"{name}: the callback's state is "
                + (
                    "missing"
                    if returned_state is None
                    else "different from the expected one"
                ),
                got.get("error", ""),
                got.get("error_description"),
                got.get("error_uri"),
                returned_state,
            )
        issuer = self.manager._issuer()
        if issuer is not None and got.get("iss") != issuer:
            raise OAuthCallbackException(
                f"{name}: the callback's iss does not match the expected issuer",
                "invalid_issuer",
                None,
                None,
                returned_state,
            )
        error = got.get("error")
        if error is not None:
            kind = (
                AuthorizationDeniedException
                if error == "access_denied"
                else OAuthCallbackException
            )
            raise kind(
                f"{name}: authorization failed: {error}",
                error,
                got.get("error_description"),
                got.get("error_uri"),
                returned_state,
            )
        code = got.get("code")
        if not code:
            raise OAuthCallbackException(
                f"{name}: the callback has no code",
                "invalid_request",
                None,
                None,
                returned_state,
            )
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
        }
        if self.verifier is not None:
            form["code_verifier"] = self.verifier
        return form


def run_loopback_sign_in(
    manager: "AuthorizationCodeGrant",
    open_browser: Optional[Callable[[str], Any]],
    timeout: float,
    port: int,
    path: str,
    additional_params: Optional[Mapping[str, Any]],
) -> OAuthToken:
    """The body of `AuthorizationCodeGrant.authorize_with_loopback` (see there)."""
    session = LoopbackSession(manager, timeout, port, path, additional_params)
    try:
        url = session.start()
        (open_browser or _default_open_browser)(url)
        session.wait()
    finally:
        session.close()
    token = manager._token_request(
        manager.TOKEN_URL, session.token_form(), session.extra
    )
    return manager._save_new(token)
