"""Redaction of secrets for repr, str, exception text and log lines."""

from __future__ import annotations

import re
from typing import Iterable, Optional

_VISIBLE = 4
_MIN_LENGTH_TO_SHOW = 12

# Form or query fields whose values are secrets (token requests, callback URLs).
SECRET_FIELDS = frozenset(
    {
        "access_token",
        "refresh_token",
        "id_token",
        "client_secret",
        "password",
        "code",
        "code_verifier",
        "assertion",
    }
)

_FIELD_PATTERN = re.compile(
    r"(?P<key>" + "|".join(sorted(SECRET_FIELDS)) + r")"
    r"(?P<sep>\"?\s*[=:]\s*\"?)(?P<value>[^\s&\"',;}]+)",
    re.IGNORECASE,
)
_AUTH_HEADER_PATTERN = re.compile(
    r"(?P<scheme>Bearer|Basic)\s+(?P<value>[A-Za-z0-9._~+/=-]+)",
    re.IGNORECASE,
)


def redact(secret: Optional[str]) -> str:
    """For tokens: show at most the last 4 characters (none for short ones)."""
    if secret is None:
        return "None"
    if len(secret) < _MIN_LENGTH_TO_SHOW:
        return "'***'"
    return "'***" + secret[-_VISIBLE:] + "'"


def redact_secret(secret: Optional[str]) -> str:
    """For passwords, client secrets and API keys: show nothing of the value."""
    return "None" if secret is None else "'***'"


def scrub_secrets(text: str, secrets: Iterable[Optional[str]]) -> str:
    """`redact_text`, after replacing every occurrence of the given secret values."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return redact_text(text)


def redact_text(text: str) -> str:
    """Mask `name=value` secrets and Authorization values found in free text."""
    text = _FIELD_PATTERN.sub(lambda m: m.group("key") + m.group("sep") + "***", text)
    return _AUTH_HEADER_PATTERN.sub(lambda m: m.group("scheme") + " ***", text)
