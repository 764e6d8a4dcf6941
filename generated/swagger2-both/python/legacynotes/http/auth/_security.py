"""Applying an operation's security requirement.

A requirement is a list of alternatives (OR); each alternative is a list of scheme names (AND).
The first alternative whose schemes can all authorize is applied; an empty requirement (or an
empty alternative) means no authentication. When no alternative can be satisfied an
`AuthRequiredException` naming the schemes is raised before anything is sent.
"""

from __future__ import annotations

from typing import (
    Any,
    ClassVar,
    Dict,
    List,
    Mapping,
    Optional,
    Protocol,
    Sequence,
    Tuple,
    TypeVar,
)

from ...exceptions.auth_required_exception import AuthRequiredException
from ...exceptions.sdk_exception import AuthConflictException
from ..http_response import HttpResponse

Requirement = Sequence[Sequence[str]]


class AuthTarget:
    """The credential-bearing parts of one request, filled in by authorizers.

    Each header (case-insensitive), query parameter and cookie may be written by one scheme
    only; a second writer raises `AuthConflictException` instead of silently overwriting.
    """

    __slots__ = ("headers", "query", "cookies", "sent", "chosen", "_owners")

    def __init__(self) -> None:
        self.headers: Dict[str, str] = {}
        self.query: List[Tuple[str, str]] = []
        self.cookies: Dict[str, str] = {}
        # scheme name → the credential value it sent (for 401 handling).
        self.sent: Dict[str, str] = {}
        # scheme name → the flow manager a FlowChoice used (for 401 handling).
        self.chosen: Dict[
            str, Any
        ] = {}  # scheme → the flow (sync or async) that authorized
        self._owners: Dict[Tuple[str, str], str] = {}

    def _claim(self, kind: str, name: str, scheme: str) -> None:
        key = (kind, name.lower() if kind == "header" else name)
        owner = self._owners.get(key)
        if owner is not None and owner != scheme:
            raise AuthConflictException(
                f"schemes {owner} and {scheme} both set the {kind} {name!r}; "
                "this security requirement cannot be sent as one request"
            )
        self._owners[key] = scheme

    def set_header(self, name: str, value: str, scheme: str) -> None:
        """Set a header for `scheme`."""
        key = name.lower()
        if self._owners:
            self._claim("header", name, scheme)
        else:  # the first credential of the request: nothing to conflict with
            self._owners[("header", key)] = scheme
        self.headers[key] = value

    def add_query(self, name: str, value: str, scheme: str) -> None:
        """Add a query parameter for `scheme`."""
        self._claim("query", name, scheme)
        self.query.append((name, value))

    def set_cookie(self, name: str, value: str, scheme: str) -> None:
        """Set a cookie for `scheme`."""
        self._claim("cookie", name, scheme)
        self.cookies[name] = value

    def cookie_header(self) -> Optional[str]:
        """The Cookie header value, or None."""
        if not self.cookies:
            return None
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


class Authorizer:
    """What every scheme manager implements (a base class with safe defaults)."""

    SCHEME_NAME: ClassVar[str] = ""

    @property
    def scheme_name(self) -> str:
        """The scheme's key in the spec."""
        return self.SCHEME_NAME

    def can_authorize(self) -> bool:
        """True when `authorize` can succeed without user interaction."""
        return False

    def unusable_reason(self) -> str:
        """Why `can_authorize()` is False (no secrets in the text)."""
        return "not configured"

    def authorize(self, target: AuthTarget) -> None:
        """Write this scheme's credentials into `target` (may refresh a token first)."""
        raise AuthRequiredException(
            f"{self.scheme_name}: {self.unusable_reason()}", [self.scheme_name]
        )

    def recover_from_rejection(
        self, target: AuthTarget, response: HttpResponse
    ) -> bool:
        """Called once after a 401 `invalid_token`; True when a retry may now succeed."""
        return False


class FlowChoice(Authorizer):
    """The managers of one scheme that declares several OAuth flows.

    A requirement naming the scheme is satisfied by whichever flow can authorize first (in
    the spec's flow order); a 401 is handled by the flow that sent the token.
    """

    def __init__(self, scheme_name: str, flows: Sequence[Authorizer]) -> None:
        self._scheme_name = scheme_name
        self._flows: Tuple[Authorizer, ...] = tuple(flows)

    @property
    def scheme_name(self) -> str:
        return self._scheme_name

    def can_authorize(self) -> bool:
        return any(flow.can_authorize() for flow in self._flows)

    def unusable_reason(self) -> str:
        return "; ".join(dict.fromkeys(flow.unusable_reason() for flow in self._flows))

    def authorize(self, target: AuthTarget) -> None:
        for flow in self._flows:
            if flow.can_authorize():
                target.chosen[self._scheme_name] = flow
                flow.authorize(target)
                return
        super().authorize(target)

    def recover_from_rejection(
        self, target: AuthTarget, response: HttpResponse
    ) -> bool:
        flow = target.chosen.get(self._scheme_name)
        return flow is not None and flow.recover_from_rejection(target, response)


def describe(requirement: Requirement) -> str:
    """`A and B, or C` style text for messages."""
    return ", or ".join(" and ".join(alt) for alt in requirement)


class _Selectable(Protocol):
    @property
    def scheme_name(self) -> str: ...

    def can_authorize(self) -> bool: ...

    def unusable_reason(self) -> str: ...


A = TypeVar("A", bound=_Selectable)


def choose_alternative(
    requirement: Requirement, authorizers: Mapping[str, A]
) -> List[A]:
    """The members of the first alternative whose schemes can all authorize (no I/O).

    Raises AuthRequiredException naming the schemes when none can.
    """
    if not requirement:
        return []
    for alternative in requirement:
        if len(alternative) == 1:  # the common shape: one scheme
            authorizer = authorizers.get(alternative[0])
            if authorizer is not None and authorizer.can_authorize():
                return [authorizer]
            continue
        members: List[A] = []
        for name in alternative:
            authorizer = authorizers.get(name)
            if authorizer is None or not authorizer.can_authorize():
                break
            members.append(authorizer)
        else:
            return members
    # none usable: say why (built only now, off the fast path)
    reasons: List[str] = []
    for alternative in requirement:
        for name in alternative:
            authorizer = authorizers.get(name)
            if authorizer is None:
                reasons.append(f"{name}: not supported by this client")
            elif not authorizer.can_authorize():
                reasons.append(f"{name}: {authorizer.unusable_reason()}")
    names = sorted({name for alternative in requirement for name in alternative})
    detail = "; ".join(dict.fromkeys(reasons))
    raise AuthRequiredException(
        f"this operation needs credentials for {describe(requirement)} ({detail})",
        names,
    )


def apply_security(
    requirement: Requirement,
    authorizers: Mapping[str, Authorizer],
    target: AuthTarget,
) -> List[Authorizer]:
    """Apply the first satisfiable alternative; return the authorizers used."""
    members = choose_alternative(requirement, authorizers)
    for member in members:
        member.authorize(target)
    return members


def is_invalid_token_response(response: HttpResponse) -> bool:
    """A 401 whose WWW-Authenticate (or JSON body) says `invalid_token`."""
    if response.status_code != 401:
        return False
    challenge = response.headers.get("www-authenticate", "").lower()
    if "invalid_token" in challenge:
        return True
    return (
        response.content_type == "application/json"
        and b'"invalid_token"' in response.content[:4096]
    )
