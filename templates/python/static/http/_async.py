"""The async side of authentication: async twins of the scheme managers.

The protocol logic is the sync managers' (request building, token parsing and validation,
callback checks, error mapping, expiry): an async manager wraps the sync one and only does the
I/O differently. Single flight with asyncio: one `asyncio.Lock` per manager and event loop makes
concurrent tasks wait for one refresh; the token store's own lock (a thread lock, and the
cross-process file lock of `FileTokenStore`) is taken in a worker thread, so it never blocks
the event loop, and sync clients, async clients and other processes still refresh once between
them.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import threading
import time
import weakref
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Callable,
    Dict,
    Iterable,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
)

from ..exceptions.auth_required_exception import (
    AuthRequiredException,
    MissingRefreshTokenException,
)
from ..exceptions.network_exception import NetworkException
from ..exceptions.o_auth_provider_exception import OAuthProviderException
from ..exceptions.sdk_exception import ConfigurationException
from ..models.o_auth_token import OAuthToken
from .auth._device import (
    MAX_DEVICE_RESPONSE_BYTES,
    DeviceAuthorization,
    DeviceAuthorizationGrant,
)
from .auth._grants import (
    MAX_TOKEN_RESPONSE_BYTES,
    AuthorizationCodeGrant,
    AuthorizationRequest,
    ClientCredentialsGrant,
    OAuthGrantBase,
    PasswordGrant,
    ScopeValue,
    _check_additional,
    normalize_scopes,
)
from .auth._loopback import LoopbackSession, _default_open_browser
from .auth._metadata import AuthorizationServerMetadata
from .auth._revoke import MAX_REVOCATION_RESPONSE_BYTES
from .auth._security import Authorizer, AuthTarget
from .auth.token_store import InMemoryTokenStore, TokenStore
from .http_response import HttpResponse

if TYPE_CHECKING:
    from .api_context import AsyncApiContext

_LOGGER = logging.getLogger(__name__)

R = TypeVar("R")


class AsyncAuthorizer:
    """What the async controllers call: selection is sync (no I/O), authorizing is awaited."""

    @property
    def scheme_name(self) -> str:
        """The scheme's key in the spec."""
        raise NotImplementedError

    def can_authorize(self) -> bool:
        """True when `authorize` can succeed without user interaction."""
        raise NotImplementedError

    def unusable_reason(self) -> str:
        """Why `can_authorize()` is False (no secrets in the text)."""
        raise NotImplementedError

    async def authorize(self, target: AuthTarget) -> None:
        """Write this scheme's credentials into `target` (may refresh a token first)."""
        raise NotImplementedError

    def authorize_now(self, target: AuthTarget) -> bool:
        """`authorize` when it needs no I/O (e.g. a live in-memory token): write the
        credentials and return True; otherwise write nothing and return False (the caller
        then awaits `authorize`). Spares the common call a coroutine."""
        return False

    async def recover_from_rejection(
        self, target: AuthTarget, response: HttpResponse
    ) -> bool:
        """Called once after a 401 `invalid_token`; True when a retry may now succeed."""
        return False


class AsyncStaticAuthorizer(AsyncAuthorizer):
    """Basic, bearer and API-key schemes: no I/O, so the sync manager does the work."""

    def __init__(self, inner: Authorizer) -> None:
        self._inner = inner

    @property
    def scheme_name(self) -> str:
        return self._inner.scheme_name

    def can_authorize(self) -> bool:
        return self._inner.can_authorize()

    def unusable_reason(self) -> str:
        return self._inner.unusable_reason()

    async def authorize(self, target: AuthTarget) -> None:
        self._inner.authorize(target)

    def authorize_now(self, target: AuthTarget) -> bool:
        self._inner.authorize(target)
        return True

    def __repr__(self) -> str:
        return f"Async{self._inner!r}"


class AsyncFlowChoice(AsyncAuthorizer):
    """Async twin of `FlowChoice`: the managers of one scheme with several OAuth flows."""

    def __init__(self, scheme_name: str, flows: Sequence[AsyncAuthorizer]) -> None:
        self._scheme_name = scheme_name
        self._flows: Tuple[AsyncAuthorizer, ...] = tuple(flows)

    @property
    def scheme_name(self) -> str:
        return self._scheme_name

    def can_authorize(self) -> bool:
        return any(flow.can_authorize() for flow in self._flows)

    def unusable_reason(self) -> str:
        return "; ".join(dict.fromkeys(flow.unusable_reason() for flow in self._flows))

    async def authorize(self, target: AuthTarget) -> None:
        for flow in self._flows:
            if flow.can_authorize():
                target.chosen[self._scheme_name] = flow
                await flow.authorize(target)
                return
        raise AuthRequiredException(
            f"{self._scheme_name}: {self.unusable_reason()}", [self._scheme_name]
        )

    def authorize_now(self, target: AuthTarget) -> bool:
        for flow in self._flows:
            if flow.can_authorize():
                if not flow.authorize_now(target):
                    return False
                target.chosen[self._scheme_name] = flow
                return True
        return False

    async def recover_from_rejection(
        self, target: AuthTarget, response: HttpResponse
    ) -> bool:
        flow = target.chosen.get(self._scheme_name)
        return isinstance(flow, AsyncAuthorizer) and await flow.recover_from_rejection(
            target, response
        )


async def _in_thread(func: Callable[[], R]) -> R:
    """Run blocking `func` in a worker thread (the loop stays free)."""
    return await asyncio.get_running_loop().run_in_executor(None, func)


@contextlib.asynccontextmanager
async def _store_lock(store: TokenStore) -> AsyncIterator[None]:
    """Hold `store.lock()` (thread and file lock) without blocking the event loop.

    The lock is taken in a worker thread; if the waiting task is cancelled meanwhile, the
    lock is released as soon as the thread gets it, so a cancelled call never leaks it.
    """
    manager = store.lock()
    loop = asyncio.get_running_loop()
    entered = loop.run_in_executor(None, manager.__enter__)
    try:
        await asyncio.shield(entered)
    except asyncio.CancelledError:

        def release(done: "asyncio.Future[Any]") -> None:
            if not done.cancelled() and done.exception() is None:
                threading.Thread(
                    target=manager.__exit__, args=(None, None, None), daemon=True
                ).start()

        entered.add_done_callback(release)
        raise
    try:
        yield
    finally:
        await loop.run_in_executor(None, manager.__exit__, None, None, None)


class AsyncOAuthGrantBase(AsyncAuthorizer):
    """Async twin of `OAuthGrantBase`: the same token store, rules and callback."""

    def __init__(self, core: OAuthGrantBase, context: AsyncApiContext) -> None:
        self._core = core
        self._context = context
        self._loop_locks: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock]" = weakref.WeakKeyDictionary()

    # ---- shared state -------------------------------------------------------------------------

    @property
    def scheme_name(self) -> str:
        return self._core.SCHEME_NAME

    @property
    def core(self) -> OAuthGrantBase:
        """The sync manager holding the protocol logic (and sharing the token store)."""
        return self._core

    @property
    def credentials(self) -> Any:
        """The credentials this manager was built from."""
        return self._core.credentials

    @property
    def token(self) -> Optional[OAuthToken]:
        """The live token (from the token store), or None."""
        return self._core.token

    @property
    def token_store(self) -> TokenStore:
        """The token store in use (shared with sync clients built on it)."""
        return self._core.token_store

    def is_token_expired(self, token: Optional[OAuthToken] = None) -> bool:
        """True when the token (default: the live one) expires within the clock skew."""
        return self._core.is_token_expired(token)

    def is_valid(self) -> bool:
        """True when a token is held and not expired."""
        return self._core.is_valid()

    def can_authorize(self) -> bool:
        return self._core.can_authorize()

    def unusable_reason(self) -> str:
        return self._core.unusable_reason()

    # ---- async helpers ------------------------------------------------------------------------

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        lock = self._loop_locks.get(loop)
        if lock is None:
            lock = asyncio.Lock()
            self._loop_locks[loop] = lock
        return lock

    @contextlib.asynccontextmanager
    async def _locked(self) -> AsyncIterator[None]:
        async with self._lock(), _store_lock(self._core._store):
            yield

    async def _load(self) -> Optional[OAuthToken]:
        store = self._core._store
        if type(store) is InMemoryTokenStore:
            return store.load()
        return await _in_thread(store.load)

    async def _save(self, token: Optional[OAuthToken]) -> None:
        store = self._core._store
        if type(store) is InMemoryTokenStore:
            store.save(token)
        else:
            await _in_thread(lambda: store.save(token))

    async def discover(self) -> Optional[AuthorizationServerMetadata]:
        """The scheme's RFC 8414 metadata, fetched once per client (async), or None: no metadata
        URL in the spec, discovery pinned to "static", or (in "auto" mode) the fetch failed.
        Raises IssuerMismatchException for a wrong issuer (RFC 8414 section 3.3)."""
        return await self._core._authorization_server_metadata_async()

    async def revoke_token(self) -> None:
        """Async twin of `revoke_token` (RFC 7009): the token is removed here first (under the
        store lock), then revoked at the server; TokenRevocationException (after the local
        sign-out) when the server cannot confirm."""
        core = self._core
        async with self._locked():
            token = await self._load()
            await self._save(None)
        if token is None:
            return
        await self.discover()
        target = core._revocation_target()
        failure = None
        for hint, headers, body in core._revocation_requests(token):
            try:
                response = await self._context.async_transport.send(
                    "POST",
                    target,
                    headers=headers,
                    data=body,
                    follow_redirects=False,
                    max_bytes=MAX_REVOCATION_RESPONSE_BYTES,
                )
            except NetworkException as exc:
                raise core._unreachable(exc) from exc
            failure = failure or core._refused(hint, response)
        if failure is not None:
            raise failure

    async def _token_request(
        self, url: str, form: Dict[str, str], extra: Dict[str, str]
    ) -> OAuthToken:
        await self.discover()  # the endpoint is then known without blocking I/O
        target, headers, body = self._core._token_request_args(url, form, extra)
        sent_at = time.time()
        response = await self._context.async_transport.send(
            "POST",
            target,
            headers=headers,
            data=body,
            follow_redirects=False,
            max_bytes=MAX_TOKEN_RESPONSE_BYTES,
        )
        return self._core._parse_token_response(response, sent_at)

    async def _refresh_request(
        self,
        current: OAuthToken,
        extra: Dict[str, str],
        scopes: Optional[List[str]] = None,
    ) -> OAuthToken:
        core = self._core
        new_token = await self._token_request(
            core.REFRESH_URL or core.TOKEN_URL,
            core._refresh_form(current, scopes),
            extra,
        )
        return core._after_refresh(current, new_token)

    async def _save_new(self, token: OAuthToken) -> OAuthToken:
        async with _store_lock(self._core._store):
            await self._save(token)
        self._core._notify(token)
        return token

    # ---- public API ---------------------------------------------------------------------------

    async def set_token(self, token: Optional[OAuthToken]) -> None:
        """Replace the live token (None clears it), under the store lock."""
        async with self._locked():
            await self._save(token)

    async def refresh_token(
        self,
        additional_params: Optional[Mapping[str, Any]] = None,
        scopes: Optional[Iterable[ScopeValue]] = None,
    ) -> OAuthToken:
        """Async twin of the sync `refresh_token` (no `scope` unless a narrower one is asked)."""
        extra = _check_additional(additional_params)
        creds = self._core.credentials
        narrower = normalize_scopes(
            scopes, creds.SCOPE_ENUM if creds is not None else None
        )
        async with self._locked():
            current = await self._load()
            if current is None or not current.refresh_token:
                raise MissingRefreshTokenException(
                    f"{self.scheme_name}: cannot refresh, "
                    + (
                        "the token has no refresh token"
                        if current
                        else "there is no token"
                    ),
                    [self.scheme_name],
                )
            new_token = await self._refresh_request(current, extra, narrower)
            await self._save(new_token)
        self._core._notify(new_token)
        return new_token

    # ---- AsyncAuthorizer ----------------------------------------------------------------------

    async def authorize(self, target: AuthTarget) -> None:
        token = await self._fresh_token()
        target.set_header(
            "Authorization", "Bearer " + token.access_token, self.scheme_name
        )
        target.sent[self.scheme_name] = token.access_token

    def authorize_now(self, target: AuthTarget) -> bool:
        # the fast path of `_fresh_token`: an in-memory token that has not expired
        core = self._core
        store = core._store
        if type(store) is not InMemoryTokenStore:
            return False
        token = store.load()
        if token is None or core._expired(token):
            return False
        target.set_header(
            "Authorization", "Bearer " + token.access_token, self.scheme_name
        )
        target.sent[self.scheme_name] = token.access_token
        return True

    async def _fresh_token(self) -> OAuthToken:
        core = self._core
        token = await self._load()
        if token is None:
            raise AuthRequiredException(
                f"{self.scheme_name}: no OAuth token; fetch one first",
                [self.scheme_name],
            )
        if not core._expired(token):
            return token
        async with self._locked():
            latest = await self._load()
            if latest is not None and not core._expired(latest):
                return latest  # refreshed by another task, thread or process
            base = latest or token
            if not base.refresh_token:
                raise MissingRefreshTokenException(
                    f"{self.scheme_name}: the token expired and there is no refresh token",
                    [self.scheme_name],
                )
            _LOGGER.info("%s: token expired; refreshing", self.scheme_name)
            new_token = await self._refresh_request(base, {})
            await self._save(new_token)
        core._notify(new_token)
        return new_token

    async def recover_from_rejection(
        self, target: AuthTarget, response: HttpResponse
    ) -> bool:
        rejected = target.sent.get(self.scheme_name)
        async with self._locked():
            latest = await self._load()
            if latest is not None and latest.access_token != rejected:
                return True
            if latest is None or not latest.refresh_token:
                return False
            _LOGGER.info(
                "%s: the API rejected the token; refreshing once", self.scheme_name
            )
            new_token = await self._refresh_request(latest, {})
            await self._save(new_token)
        self._core._notify(new_token)
        return True

    def __repr__(self) -> str:
        return f"Async{self._core!r}"


class AsyncAuthorizationCodeGrant(AsyncOAuthGrantBase):
    """Async twin of `AuthorizationCodeGrant` (building the authorization URL needs no I/O)."""

    def __init__(self, core: AuthorizationCodeGrant, context: AsyncApiContext) -> None:
        super().__init__(core, context)
        self._acg = core

    def authorization_request(
        self,
        state: Optional[str] = None,
        additional_params: Optional[Mapping[str, Any]] = None,
    ) -> AuthorizationRequest:
        """The URL to send the user to, with `state` and a PKCE verifier (no I/O; with RFC 8414
        metadata, `await discover()` first)."""
        if self._acg._metadata_needed():
            raise ConfigurationException(
                f"{self.scheme_name}: the endpoints come from the authorization server "
                "metadata; call `await manager.discover()` once before building an "
                "authorization URL"
            )
        return self._acg.authorization_request(state, additional_params)

    async def authorize_with_loopback(
        self,
        open_browser: Optional[Callable[[str], Any]] = None,
        timeout: float = 300,
        port: int = 0,
        path: str = "/callback",
        additional_params: Optional[Mapping[str, Any]] = None,
    ) -> OAuthToken:
        """Async twin of `authorize_with_loopback` (RFC 8252): `open_browser` may be a coroutine
        function; the event loop stays free while the browser signs in."""
        await self.discover()
        session = LoopbackSession(self._acg, timeout, port, path, additional_params)
        loop = asyncio.get_running_loop()
        try:
            url = session.start()
            opened = (open_browser or _default_open_browser)(url)
            if inspect.isawaitable(opened):
                await opened
            await loop.run_in_executor(None, session.wait)
        finally:
            await loop.run_in_executor(None, session.close)
        token = await self._token_request(
            self._acg.TOKEN_URL, session.token_form(), session.extra
        )
        return await self._save_new(token)

    def get_authorization_url(
        self,
        state: Optional[str] = None,
        additional_params: Optional[Mapping[str, Any]] = None,
    ) -> str:
        """The URL of the authorization page (no I/O)."""
        return self._acg.get_authorization_url(state, additional_params)

    async def fetch_token(
        self,
        code: str,
        additional_params: Optional[Mapping[str, Any]] = None,
        code_verifier: Optional[str] = None,
    ) -> OAuthToken:
        """Exchange an authorization code for a token; it becomes the live token."""
        form, extra = self._acg._code_form(code, additional_params, code_verifier)
        token = await self._token_request(self._acg.TOKEN_URL, form, extra)
        return await self._save_new(token)

    async def fetch_token_from_callback(
        self,
        callback_url: str,
        expected_state: str,
        code_verifier: Optional[str] = None,
        additional_params: Optional[Mapping[str, Any]] = None,
    ) -> OAuthToken:
        """Check the redirect back (before any I/O but the RFC 8414 metadata, when the
        discovered issuer is not known yet), then exchange its code."""
        if self._acg._metadata_needed():
            await self.discover()
        code, verifier = self._acg._check_callback(
            callback_url, expected_state, code_verifier
        )
        return await self.fetch_token(code, additional_params, code_verifier=verifier)


class AsyncDeviceAuthorizationGrant(AsyncOAuthGrantBase):
    """Async twin of `DeviceAuthorizationGrant` (RFC 8628)."""

    def __init__(
        self, core: DeviceAuthorizationGrant, context: AsyncApiContext
    ) -> None:
        super().__init__(core, context)
        self._device = core

    async def start_device_authorization(
        self,
        scopes: Optional[Iterable[ScopeValue]] = None,
        additional_params: Optional[Mapping[str, Any]] = None,
    ) -> DeviceAuthorization:
        """Ask for a device code and a user code; show `verification_uri` and `user_code`."""
        await self.discover()
        target, headers, body = self._device._start_request(scopes, additional_params)
        sent_at = time.time()
        response = await self._context.async_transport.send(
            "POST",
            target,
            headers=headers,
            data=body,
            follow_redirects=False,
            max_bytes=MAX_DEVICE_RESPONSE_BYTES,
        )
        return self._device._start_response(response, sent_at)

    async def wait_for_device_token(
        self,
        authorization: DeviceAuthorization,
        additional_params: Optional[Mapping[str, Any]] = None,
    ) -> OAuthToken:
        """Poll (awaiting `interval` seconds, 5 more after each `slow_down`) until the user
        approves; raises DeviceAccessDeniedException / DeviceCodeExpiredException like the sync
        manager. Cancel the task to stop waiting."""
        core = self._device
        form = core._poll_form(authorization)
        extra = _check_additional(additional_params)
        interval = authorization.interval
        while True:
            await asyncio.sleep(core._next_wait(authorization, interval))
            try:
                token = await self._token_request(core.TOKEN_URL, form, extra)
            except OAuthProviderException as error:
                interval = core._after_poll_error(error, interval)
                continue
            return await self._save_new(token)


class AsyncPasswordGrant(AsyncOAuthGrantBase):
    """Async twin of `PasswordGrant`."""

    def __init__(self, core: PasswordGrant, context: AsyncApiContext) -> None:
        super().__init__(core, context)
        self._password = core

    async def fetch_token(
        self, additional_params: Optional[Mapping[str, Any]] = None
    ) -> OAuthToken:
        """Exchange the configured username and password for a token (the new live token)."""
        form, extra = self._password._password_form(additional_params)
        token = await self._token_request(self._password.TOKEN_URL, form, extra)
        return await self._save_new(token)


class AsyncClientCredentialsGrant(AsyncOAuthGrantBase):
    """Async twin of `ClientCredentialsGrant`: fetches its own token when needed."""

    def __init__(self, core: ClientCredentialsGrant, context: AsyncApiContext) -> None:
        super().__init__(core, context)
        self._ccg = core

    async def fetch_token(
        self, additional_params: Optional[Mapping[str, Any]] = None
    ) -> OAuthToken:
        """Request a token with the client's own credentials (the new live token)."""
        extra = _check_additional(additional_params)
        token = await self._token_request(self._ccg.TOKEN_URL, self._ccg._form(), extra)
        return await self._save_new(token)

    async def _fresh_token(self) -> OAuthToken:
        core = self._ccg
        token = await self._load()
        if token is not None and not core._expired(token):
            return token
        if token is not None and token.refresh_token:
            return await super()._fresh_token()
        async with self._locked():
            latest = await self._load()
            if latest is not None and not core._expired(latest):
                return latest
            new_token = await self._token_request(core.TOKEN_URL, core._form(), {})
            await self._save(new_token)
        core._notify(new_token)
        return new_token

    async def recover_from_rejection(
        self, target: AuthTarget, response: HttpResponse
    ) -> bool:
        core = self._ccg
        rejected = target.sent.get(self.scheme_name)
        async with self._locked():
            latest = await self._load()
            if latest is not None and latest.access_token != rejected:
                return True
            if not core._configured():
                return False
            new_token = await self._token_request(core.TOKEN_URL, core._form(), {})
            await self._save(new_token)
        core._notify(new_token)
        return True
