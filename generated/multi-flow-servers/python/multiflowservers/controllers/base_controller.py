"""BaseController: what every generated controller uses to send an operation."""

from __future__ import annotations

import json
import logging
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
from ..http.api_context import ApiContext
from ..http.auth._security import (
    Authorizer,
    AuthTarget,
    Requirement,
    apply_security,
    is_invalid_token_response,
)
from ..http.http_response import ApiResponse, HttpResponse
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


class BaseController:
    """Sends requests: applies security, refreshes once on 401 `invalid_token`, maps errors."""

    def __init__(self, context: ApiContext) -> None:
        self._context = context

    def _send(self, spec: RequestSpec) -> HttpResponse:
        url = self._context.resolve_url(
            _encode_path(spec.path, spec.path_params), spec.server
        )
        response, target, used = self._send_once(spec, url)
        if used and is_invalid_token_response(response):
            retry = False
            for authorizer in used:
                if authorizer.recover_from_rejection(target, response):
                    retry = True
            if retry:
                _LOGGER.info("retrying once after 401 invalid_token")
                response, _, _ = self._send_once(spec, url)
        if response.too_large:
            raise ResponseTooLargeException(
                f"{spec.method} {spec.path}: the response body exceeds "
                f"{self._context.transport.max_bytes} bytes",
                response,
            )
        if not response.is_success():
            raise APIException(
                f"{spec.method} {spec.path} answered HTTP {response.status_code}",
                response,
            )
        return response

    def _send_once(
        self, spec: RequestSpec, url: str
    ) -> Tuple[HttpResponse, AuthTarget, List[Authorizer]]:
        target = AuthTarget()
        if spec.security and all(spec.security):
            # every alternative needs a credential: refuse an insecure URL before any token work
            self._context.check_credential_transport(url)
        used = apply_security(spec.security, self._context.authorizers, target)
        if used:
            if not self._context.may_receive_credentials(url):
                raise APIException(
                    f"refusing to send credentials to {display_url(url)}"
                )
            self._context.check_credential_transport(url)
        headers: Dict[str, str] = {k: form_value(v) for k, v in spec.headers.items()}
        if spec.accept:
            headers["accept"] = spec.accept
        headers.update(target.headers)
        cookies = [f"{k}={form_value(v)}" for k, v in spec.cookies]
        cookie = target.cookie_header()
        if cookie:
            cookies.append(cookie)
        if cookies:
            headers["cookie"] = "; ".join(cookies)
        params = _query_items(spec.query) + target.query
        response = self._context.transport.send(
            spec.method,
            url,
            headers=headers,
            params=params,
            data={k: form_value(v) for k, v in spec.form.items()}
            if spec.form
            else None,
            json_body=spec.json_body,
            has_json_body=spec.has_json_body,
        )
        return response, target, used

    def _execute(
        self, spec: RequestSpec, deserialize: Callable[[HttpResponse], T]
    ) -> ApiResponse[T]:
        response = self._send(spec)
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
