"""BaseController: what every generated controller uses to send an operation."""

from __future__ import annotations

import asyncio
import json
import logging
import time
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
)
from urllib.parse import quote

from ..exceptions.api_exception import APIException, ResponseTooLargeException
from ..exceptions.network_exception import NetworkException, TimeoutException
from ..http._async import AsyncAuthorizer
from ..http.api_context import ApiContext, AsyncApiContext
from ..http.auth._security import (
    Authorizer,
    AuthTarget,
    Requirement,
    apply_security,
    choose_alternative,
    is_invalid_token_response,
)
from ..http.http_response import ApiResponse, HttpResponse
from ..http.retry import RequestOptions, RetryPolicy, log_retry
from ..http.transport import display_url, form_value

T = TypeVar("T")

_LOGGER = logging.getLogger(__name__)


class RequestSpec:
    """One operation call, as built by a generated controller method."""

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
        self.path_params = dict(path_params or {})
        self.query = [(k, v) for k, v in (query or []) if v is not None]
        self.headers = {k: v for k, v in (headers or {}).items() if v is not None}
        self.cookies = [(k, v) for k, v in (cookies or []) if v is not None]
        self.json_body = json_body
        self.has_json_body = has_json_body
        self.form = {k: v for k, v in (form or {}).items() if v is not None}
        self.security = security
        self.accept = accept


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
    """One operation call as both controllers run it: URL, options, retry policy (no I/O)."""

    __slots__ = ("spec", "url", "what", "extra", "policy", "deadline", "guarded")

    def __init__(
        self,
        context: ApiContext,
        spec: RequestSpec,
        options: Optional[RequestOptions],
    ) -> None:
        self.spec = spec
        self.url = context.resolve_url(
            _encode_path(spec.path, spec.path_params), spec.server
        )
        self.what = f"{spec.method} {spec.path}"
        self.extra: Optional[Dict[str, str]] = None
        self.deadline: Optional[float] = None
        max_retries = context.max_retries
        key: Optional[str] = None
        if options:
            unknown = set(options) - _OPTION_KEYS
            if unknown:
                raise TypeError(
                    "unknown request_options key(s): " + ", ".join(sorted(unknown))
                )
            timeout = options.get("timeout")
            if timeout is not None:
                self.deadline = time.monotonic() + float(timeout)
            max_retries = options.get("max_retries", max_retries)
            key = options.get("idempotency_key")
            extra = {k.lower(): str(v) for k, v in options.get("headers", {}).items()}
            if key is not None:
                extra["idempotency-key"] = key
            self.extra = extra
        self.policy = RetryPolicy(
            spec.method, max_retries, context.max_retry_wait, key, self.deadline
        )
        # every alternative needs a credential: refuse an insecure URL before token work
        self.guarded = bool(spec.security) and all(spec.security)
        if self.guarded:
            context.check_credential_transport(self.url)

    def check_used(self, context: ApiContext, used: Sequence[object]) -> None:
        if used:
            if not context.may_receive_credentials(self.url):
                raise APIException(
                    f"refusing to send credentials to {display_url(self.url)}"
                )
            if not self.guarded:
                context.check_credential_transport(self.url)

    def send_args(self, target: AuthTarget) -> Dict[str, Any]:
        """Keyword arguments of `Transport.send` for one attempt."""
        spec = self.spec
        headers: Dict[str, str] = {k: form_value(v) for k, v in spec.headers.items()}
        if spec.accept:
            headers["accept"] = spec.accept
        if self.extra:
            headers.update(self.extra)
        # security headers last: extra headers never replace them
        headers.update(target.headers)
        cookies = [f"{k}={form_value(v)}" for k, v in spec.cookies]
        cookie = target.cookie_header()
        if cookie:
            cookies.append(cookie)
        if cookies:
            headers["cookie"] = "; ".join(cookies)
        return {
            "headers": headers,
            "params": _query_items(spec.query) + target.query,
            "data": {k: form_value(v) for k, v in spec.form.items()}
            if spec.form
            else None,
            "json_body": spec.json_body,
            "has_json_body": spec.has_json_body,
            "deadline": self.deadline,
        }

    def wait_or_raise(
        self, retry: int, wait: Optional[float], error: Exception
    ) -> float:
        """The wait before retry number `retry`; re-raise `error` when there is none."""
        if wait is None:
            raise error
        if not self.policy.fits(wait):
            raise TimeoutException(
                f"{self.what}: the call's timeout ends before retry {retry} "
                f"(in {wait:.2f} s)"
            ) from error
        log_retry(self.what, retry, self.policy.max_retries, wait, type(error).__name__)
        return wait

    def wait_for(self, response: HttpResponse, retry: int) -> Optional[float]:
        """The wait before retry number `retry` after `response`, or None (use it)."""
        wait = self.policy.wait_after_response(response, retry, self.what)
        if wait is None:
            return None
        if not self.policy.fits(wait):
            raise TimeoutException(
                f"{self.what}: the call's timeout ends before retry {retry} "
                f"(in {wait:.2f} s, after HTTP {response.status_code})"
            )
        log_retry(
            self.what,
            retry,
            self.policy.max_retries,
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
        if not response.is_success():
            raise APIException(
                f"{self.what} answered HTTP {response.status_code}", response
            )
        return response


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
        if used and is_invalid_token_response(response):
            retry = False
            for authorizer in used:
                if authorizer.recover_from_rejection(target, response):
                    retry = True
            if retry:
                _LOGGER.info("retrying once after 401 invalid_token")
                response, _, _ = self._attempts(call)
        return call.result(self._context, response)

    def _attempts(
        self, call: _Call
    ) -> Tuple[HttpResponse, AuthTarget, List[Authorizer]]:
        """Send with retries (the 401 refresh is not one of them)."""
        context = self._context
        retry = 0
        while True:
            target = AuthTarget()
            used = apply_security(call.spec.security, context.authorizers, target)
            call.check_used(context, used)
            try:
                response = context.transport.send(
                    call.spec.method, call.url, **call.send_args(target)
                )
            except NetworkException as exc:
                retry += 1
                time.sleep(
                    call.wait_or_raise(retry, call.policy.wait_after_error(retry), exc)
                )
                continue
            wait = call.wait_for(response, retry + 1)
            if wait is None:
                return response, target, used
            retry += 1
            time.sleep(wait)

    def _execute(
        self,
        spec: RequestSpec,
        deserialize: Callable[[HttpResponse], T],
        options: Optional[RequestOptions] = None,
    ) -> ApiResponse[T]:
        response = self._send(spec, options)
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
        if used and is_invalid_token_response(response):
            retry = False
            for authorizer in used:
                if await authorizer.recover_from_rejection(target, response):
                    retry = True
            if retry:
                _LOGGER.info("retrying once after 401 invalid_token")
                response, _, _ = await self._attempts(call)
        return call.result(self._context, response)

    async def _attempts(
        self, call: _Call
    ) -> Tuple[HttpResponse, AuthTarget, List[AsyncAuthorizer]]:
        context = self._context
        retry = 0
        while True:
            target = AuthTarget()
            used = choose_alternative(call.spec.security, context.async_authorizers)
            for member in used:
                await member.authorize(target)
            call.check_used(context, used)
            try:
                response = await context.async_transport.send(
                    call.spec.method, call.url, **call.send_args(target)
                )
            except NetworkException as exc:
                retry += 1
                await asyncio.sleep(
                    call.wait_or_raise(retry, call.policy.wait_after_error(retry), exc)
                )
                continue
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
        response = await self._send(spec, options)
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
