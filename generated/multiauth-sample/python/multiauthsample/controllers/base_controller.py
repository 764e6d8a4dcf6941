"""BaseController: what every generated controller uses to send an operation."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import weakref
from typing import (
    Any,
    Callable,
    Dict,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
    Union,
)
from urllib.parse import quote

from ..exceptions.api_exception import APIException, ResponseTooLargeException
from ..exceptions.network_exception import NetworkException, TimeoutException
from ..http._async import AsyncAuthorizer
from ..http.api_context import ApiContext, AsyncApiContext
from ..http.auth._grants import OAuthGrantBase
from ..http.auth._security import (
    Authorizer,
    AuthTarget,
    Requirement,
    choose_alternative,
    is_invalid_token_response,
)
from ..http.http_response import ApiResponse, HttpResponse
from ..http.retry import RETRY_STATUSES, RequestOptions, RetryPolicy, log_retry
from ..http.transport import _Prepared, _TransportBase, display_url, form_value

T = TypeVar("T")

_LOGGER = logging.getLogger(__name__)


class RequestSpec:
    """One operation call, as built by a generated controller method."""

    __slots__ = (
        "method",
        "server",
        "path",
        "path_params",
        "query",
        "headers",
        "cookies",
        "json_body",
        "has_json_body",
        "form",
        "security",
        "accept",
        "_fast",
    )

    def __init__(
        self,
        method: str,
        server: str,
        path: str,
        *,
        path_params: Optional[Mapping[str, Any]] = None,
        query: Optional[Sequence[Tuple[str, Any]]] = None,
        headers: Optional[Mapping[str, Any]] = None,
        cookies: Optional[Sequence[Tuple[str, Any]]] = None,
        json_body: Any = None,
        has_json_body: bool = False,
        form: Optional[Mapping[str, Any]] = None,
        security: Requirement = (),
        accept: Optional[str] = None,
    ) -> None:
        self.method = method
        self.server = server
        self.path = path
        # most operations have none of these: skip the filtering copies then
        self.path_params: Dict[str, Any] = dict(path_params) if path_params else {}
        self.query: List[Tuple[str, Any]] = (
            [(k, v) for k, v in query if v is not None] if query else []
        )
        self.headers: Dict[str, Any] = (
            {k: v for k, v in headers.items() if v is not None} if headers else {}
        )
        self.cookies: List[Tuple[str, Any]] = (
            [(k, v) for k, v in cookies if v is not None] if cookies else []
        )
        self.json_body = json_body
        self.has_json_body = has_json_body
        self.form: Dict[str, Any] = (
            {k: v for k, v in form.items() if v is not None} if form else {}
        )
        self.security = security
        self.accept = accept
        # (context, plan) of `_fast_plan`: the last client that sent this spec
        self._fast: Optional[Tuple[Callable[[], object], Optional[_FastPlan]]] = None


def _encode_path(path: str, params: Mapping[str, Any]) -> str:
    for name, value in params.items():
        path = path.replace("{" + name + "}", quote(form_value(value), safe=""))
    return path


def _query_items(items: Sequence[Tuple[str, Any]]) -> List[Tuple[str, str]]:
    out: List[Tuple[str, str]] = []
    for key, value in items:
        if isinstance(value, (list, tuple)):
            out.extend((key, form_value(v)) for v in value)
        else:
            out.append((key, form_value(value)))
    return out


_OPTION_KEYS = frozenset({"timeout", "max_retries", "headers", "idempotency_key"})


class _Call:
    """One operation call as both controllers run it: URL, options, retry policy (no I/O).

    Built once per call; the retry policy and the `what` text are made only when a retry
    decision or an error needs them.
    """

    __slots__ = (
        "spec",
        "method",
        "url",
        "extra",
        "deadline",
        "guarded",
        "_context",
        "_max_retries",
        "_key",
        "_policy",
    )

    def __init__(
        self,
        context: ApiContext,
        spec: RequestSpec,
        options: Optional[RequestOptions],
    ) -> None:
        self.spec = spec
        self.method = spec.method.upper()
        path = spec.path
        if spec.path_params:
            path = _encode_path(path, spec.path_params)
        self.url = url = context.resolve_url(path, spec.server)
        self._context = context
        self._policy: Optional[RetryPolicy] = None
        if options:
            self._take_options(context, options)
        else:  # the common case
            self.extra: Optional[Dict[str, str]] = None
            self.deadline: Optional[float] = None
            self._max_retries = context.max_retries
            self._key: Optional[str] = None
        # every alternative needs a credential: refuse an insecure URL before token work
        security = spec.security
        self.guarded = bool(security) and all(security)
        if self.guarded:
            context.check_credential_transport(url)

    def _take_options(self, context: ApiContext, options: RequestOptions) -> None:
        unknown = set(options) - _OPTION_KEYS
        if unknown:
            raise TypeError(
                "unknown request_options key(s): " + ", ".join(sorted(unknown))
            )
        timeout = options.get("timeout")
        self.deadline = None if timeout is None else time.monotonic() + float(timeout)
        self._max_retries = options.get("max_retries", context.max_retries)
        key = self._key = options.get("idempotency_key")
        extra = {k.lower(): str(v) for k, v in options.get("headers", {}).items()}
        if key is not None:
            extra["idempotency-key"] = key
        self.extra = extra
        self._policy = self._new_policy()  # options are checked when given

    def _new_policy(self) -> RetryPolicy:
        return RetryPolicy(
            self.method,
            self._max_retries,
            self._context.max_retry_wait,
            self._key,
            self.deadline,
        )

    @property
    def policy(self) -> RetryPolicy:
        """The call's retry policy."""
        policy = self._policy
        if policy is None:
            policy = self._policy = self._new_policy()
        return policy

    @property
    def what(self) -> str:
        """`METHOD /path` for messages (no values of parameters)."""
        return f"{self.spec.method} {self.spec.path}"

    def check_used(self, context: ApiContext, used: Sequence[object]) -> None:
        if used:
            if not context.may_receive_credentials(self.url):
                raise APIException(
                    f"refusing to send credentials to {display_url(self.url)}"
                )
            if not self.guarded:
                context.check_credential_transport(self.url)

    def prepare(self, transport: _TransportBase, target: AuthTarget) -> _Prepared:
        """The request of one attempt, ready for `transport.send_prepared`."""
        spec = self.spec
        headers: Dict[str, str] = (
            {k.lower(): form_value(v) for k, v in spec.headers.items()}
            if spec.headers
            else {}
        )
        if spec.accept:
            headers["accept"] = spec.accept
        if self.extra:
            headers.update(self.extra)
        # security headers last: extra headers never replace them
        for name, value in target.headers.items():
            headers[name.lower()] = value
        if spec.cookies or target.cookies:
            cookies = [f"{k}={form_value(v)}" for k, v in spec.cookies]
            cookie = target.cookie_header()
            if cookie:
                cookies.append(cookie)
            headers["cookie"] = "; ".join(cookies)
        query: Optional[List[Tuple[str, str]]] = None
        if spec.query or target.query:
            query = _query_items(spec.query) + target.query
        if transport._agent_header:
            headers = transport._request_headers(headers)
        return transport._prepared(
            self.method,
            self.url,
            headers,
            query,
            {k: form_value(v) for k, v in spec.form.items()} if spec.form else None,
            spec.json_body,
            spec.has_json_body,
            None,
            self.deadline,
        )

    def wait_or_raise(
        self, retry: int, wait: Optional[float], error: Exception
    ) -> float:
        """The wait before retry number `retry`; re-raise `error` when there is none."""
        if wait is None:
            raise error
        policy = self.policy
        if not policy.fits(wait):
            raise TimeoutException(
                f"{self.what}: the call's timeout ends before retry {retry} "
                f"(in {wait:.2f} s)"
            ) from error
        log_retry(self.what, retry, policy.max_retries, wait, type(error).__name__)
        return wait

    def wait_for(self, response: HttpResponse, retry: int) -> Optional[float]:
        """The wait before retry number `retry` after `response`, or None (use it)."""
        if response.status_code not in RETRY_STATUSES:
            return None  # the common case: no retry policy needed
        policy = self.policy
        wait = policy.wait_after_response(response, retry, self.what)
        if wait is None:
            return None
        if not policy.fits(wait):
            raise TimeoutException(
                f"{self.what}: the call's timeout ends before retry {retry} "
                f"(in {wait:.2f} s, after HTTP {response.status_code})"
            )
        log_retry(
            self.what,
            retry,
            policy.max_retries,
            wait,
            f"HTTP {response.status_code}",
        )
        return wait

    def result(self, context: ApiContext, response: HttpResponse) -> HttpResponse:
        """The response, or the typed error it stands for."""
        if response.too_large:
            raise ResponseTooLargeException(
                f"{self.what}: the response body exceeds "
                f"{context.transport.max_bytes} bytes",
                response,
            )
        if not 200 <= response.status_code < 300:
            raise APIException(
                f"{self.what} answered HTTP {response.status_code}", response
            )
        return response


#: What `_fast_plan` keeps: upper-case method, URL, the scheme name of each alternative.
_FastPlan = Tuple[str, str, Tuple[str, ...]]


def _fast_plan(context: ApiContext, spec: RequestSpec) -> Optional[_FastPlan]:
    """The first attempt's plan when `spec` has the common shape, else None: a fixed URL this
    client may send credentials to, no parameters or body, and alternatives of one OAuth grant
    each. Kept on the spec for the last client that sent it (specs of operations without
    parameters are module constants), by a weak reference: a spec never keeps a client, its
    grants or their tokens alive."""
    cached = spec._fast
    if cached is not None and cached[0]() is context:
        return cached[1]
    plan: Optional[_FastPlan] = None
    security = spec.security
    if (
        security
        and not spec.path_params
        and not spec.query
        and not spec.headers
        and not spec.cookies
        and not spec.form
        and not spec.has_json_body
    ):
        names: List[str] = []
        for alternative in security:
            authorizer = (
                context.authorizers.get(alternative[0])
                if len(alternative) == 1
                else None
            )
            if not isinstance(authorizer, OAuthGrantBase):
                break
            names.append(alternative[0])
        else:
            url = context.resolve_url(spec.path, spec.server)
            if context.credentials_allowed(url):
                plan = (spec.method.upper(), url, tuple(names))
    spec._fast = (weakref.ref(context), plan)
    return plan


class BaseController:
    """Sends requests: applies security, retries transient failures, refreshes once on 401
    `invalid_token`, maps errors."""

    def __init__(self, context: ApiContext) -> None:
        self._context = context

    def _send(
        self, spec: RequestSpec, options: Optional[RequestOptions] = None
    ) -> HttpResponse:
        call = _Call(self._context, spec, options)
        response, target, used = self._attempts(call)
        if used and response.status_code == 401:
            response = self._after_401(call, response, target, used)
        return call.result(self._context, response)

    def _after_401(
        self,
        call: _Call,
        response: HttpResponse,
        target: AuthTarget,
        used: List[Authorizer],
    ) -> HttpResponse:
        """Refresh once and resend when the API says `invalid_token`."""
        if not is_invalid_token_response(response):
            return response
        retry = False
        for authorizer in used:
            if authorizer.recover_from_rejection(target, response):
                retry = True
        if retry:
            _LOGGER.info("retrying once after 401 invalid_token")
            response, _, _ = self._attempts(call)
        return response

    def _attempts(
        self,
        call: _Call,
        first: Optional[
            Tuple[Union[HttpResponse, NetworkException], AuthTarget, List[Authorizer]]
        ] = None,
    ) -> Tuple[HttpResponse, AuthTarget, List[Authorizer]]:
        """Send with retries (the 401 refresh is not one of them). `first`: the outcome of a
        first attempt already sent (`_execute`'s common path), with its credentials."""
        context = self._context
        transport = context.transport
        security = call.spec.security
        retry = 0
        while True:
            try:
                if first is not None:
                    outcome, target, used = first
                    first = None
                    if isinstance(outcome, NetworkException):
                        raise outcome
                    response = outcome
                else:
                    target = AuthTarget()
                    used = choose_alternative(security, context.authorizers)
                    for member in used:
                        member.authorize(target)
                    call.check_used(context, used)
                    response = transport.send_prepared(call.prepare(transport, target))
            except NetworkException as exc:
                retry += 1
                time.sleep(
                    call.wait_or_raise(retry, call.policy.wait_after_error(retry), exc)
                )
                continue
            if response.status_code not in RETRY_STATUSES:
                return response, target, used  # the common case: nothing to retry
            wait = call.wait_for(response, retry + 1)
            if wait is None:
                return response, target, used
            retry += 1
            time.sleep(wait)

    def _first_attempt(
        self,
        spec: RequestSpec,
        plan: _FastPlan,
        deserialize: Callable[[HttpResponse], T],
    ) -> Union[
        ApiResponse[T],
        None,
        Tuple[Union[HttpResponse, NetworkException], AuthTarget, List[Authorizer]],
    ]:
        """The common call in fewer steps: a live OAuth token read straight from its grant, the
        request built from the spec's plan. A 2xx answer is returned as the ApiResponse; any
        other outcome (a status or failure the general rules handle) comes back with the
        credentials it used, for `_attempts`; None when no live token is at hand (refresh,
        automatic fetch or the error naming the schemes: the general path)."""
        method, url, names = plan
        authorizers = self._context.authorizers
        for name in names:
            authorizer = authorizers.get(name)
            if not isinstance(authorizer, OAuthGrantBase):
                return None  # the client's schemes changed since the plan was made
            token = authorizer.live_token()
            if token is not None:
                break
            if authorizer.can_authorize():
                return None  # a refresh or an automatic fetch first
        else:
            return None
        value = "Bearer " + token.access_token
        # as `_Call.prepare`: accept, then the security header
        headers = {"accept": spec.accept} if spec.accept else {}
        headers["authorization"] = value
        transport = self._context.transport
        if transport._agent_header:
            headers = transport._request_headers(headers)
        prepared = transport._prepared(
            method, url, headers, None, None, None, False, None, None
        )
        outcome: Union[HttpResponse, NetworkException]
        try:
            outcome = transport.send_prepared(prepared)
        except NetworkException as exc:
            outcome = exc
        else:
            if 200 <= outcome.status_code < 300 and not outcome.too_large:
                return ApiResponse(outcome, deserialize(outcome))
        target = AuthTarget()
        authorizer.record_token(target, token)  # as `authorize` would have
        return outcome, target, [authorizer]

    def _execute(
        self,
        spec: RequestSpec,
        deserialize: Callable[[HttpResponse], T],
        options: Optional[RequestOptions] = None,
    ) -> ApiResponse[T]:
        first = None
        if options is None:
            plan = _fast_plan(self._context, spec)
            if plan is not None:
                fast = self._first_attempt(spec, plan, deserialize)
                if isinstance(fast, ApiResponse):
                    return fast
                first = fast
        call = _Call(self._context, spec, options)
        response, target, used = self._attempts(call, first)
        if used and response.status_code == 401:
            response = self._after_401(call, response, target, used)
        if response.too_large or not 200 <= response.status_code < 300:
            call.result(self._context, response)  # raises the typed error
        return ApiResponse(response, deserialize(response))


class AsyncBaseController:
    """The async twin of BaseController: the same `_Call` rules, awaited I/O."""

    def __init__(self, context: AsyncApiContext) -> None:
        self._context = context

    async def _send(
        self, spec: RequestSpec, options: Optional[RequestOptions] = None
    ) -> HttpResponse:
        call = _Call(self._context, spec, options)
        response, target, used = await self._attempts(call)
        if used and response.status_code == 401:
            response = await self._after_401(call, response, target, used)
        return call.result(self._context, response)

    async def _after_401(
        self,
        call: _Call,
        response: HttpResponse,
        target: AuthTarget,
        used: List[AsyncAuthorizer],
    ) -> HttpResponse:
        """Refresh once and resend when the API says `invalid_token`."""
        if not is_invalid_token_response(response):
            return response
        retry = False
        for authorizer in used:
            if await authorizer.recover_from_rejection(target, response):
                retry = True
        if retry:
            _LOGGER.info("retrying once after 401 invalid_token")
            response, _, _ = await self._attempts(call)
        return response

    async def _attempts(
        self, call: _Call
    ) -> Tuple[HttpResponse, AuthTarget, List[AsyncAuthorizer]]:
        context = self._context
        transport = context.async_transport
        security = call.spec.security
        retry = 0
        while True:
            target = AuthTarget()
            used = choose_alternative(security, context.async_authorizers)
            for member in used:
                # no I/O needed (e.g. a live in-memory token): no coroutine either
                if not member.authorize_now(target):
                    await member.authorize(target)
            call.check_used(context, used)
            try:
                response = await transport.send_prepared(
                    call.prepare(transport, target)
                )
            except NetworkException as exc:
                retry += 1
                await asyncio.sleep(
                    call.wait_or_raise(retry, call.policy.wait_after_error(retry), exc)
                )
                continue
            if response.status_code not in RETRY_STATUSES:
                return response, target, used  # the common case: nothing to retry
            wait = call.wait_for(response, retry + 1)
            if wait is None:
                return response, target, used
            retry += 1
            await asyncio.sleep(wait)

    async def _execute(
        self,
        spec: RequestSpec,
        deserialize: Callable[[HttpResponse], T],
        options: Optional[RequestOptions] = None,
    ) -> ApiResponse[T]:
        call = _Call(self._context, spec, options)
        response, target, used = await self._attempts(call)
        if used and response.status_code == 401:
            response = await self._after_401(call, response, target, used)
        if response.too_large or not 200 <= response.status_code < 300:
            call.result(self._context, response)  # raises the typed error
        return ApiResponse(response, deserialize(response))


def text_body(response: HttpResponse) -> str:
    """The body as text."""
    return response.text


def json_body(response: HttpResponse) -> Any:
    """The body parsed as JSON (plain `json.loads`; nothing is revived)."""
    if not response.content:
        return None
    try:
        return json.loads(response.text)
    except ValueError:
        raise APIException("the response body is not valid JSON", response) from None


def empty_body(response: HttpResponse) -> None:
    """For operations without a response body."""
    return None


def model_body(convert: Callable[[Any], T]) -> Callable[[HttpResponse], T]:
    """A deserializer: parse JSON, then `convert` it (e.g. `User.from_dictionary`)."""
    return lambda response: convert(json_body(response))
