"""OAuth 2 scopes of the tv scheme."""

from __future__ import annotations

from enum import Enum
from typing import Optional


class OAuthScopeTvEnum(str, Enum):
    """The OAuth 2 scopes tv supports."""

    # Read the user's file requests
    FILE_REQUESTS_READ = "file_requests.read"

    @classmethod
    def from_value(
        cls,
        value: object,
        default: Optional[OAuthScopeTvEnum] = None,
    ) -> Optional[OAuthScopeTvEnum]:
        """The member whose value or name matches `value` (case-insensitive), else `default`."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            folded = value.strip().lower()
            for member in cls:
                if member.value.lower() == folded or member.name.lower() == folded:
                    return member
        return default
