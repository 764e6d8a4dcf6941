"""OAuth 2 scopes of the multiAuth authorizationCode scheme."""

from __future__ import annotations

from enum import Enum
from typing import Optional


class OAuthScopeMultiAuthAuthorizationCodeEnum(str, Enum):
    """The OAuth 2 scopes multiAuth authorizationCode supports."""

    # Read
    READ = "read"
    # Write
    WRITE = "write"

    @classmethod
    def from_value(
        cls,
        value: object,
        default: Optional[OAuthScopeMultiAuthAuthorizationCodeEnum] = None,
    ) -> Optional[OAuthScopeMultiAuthAuthorizationCodeEnum]:
        """The member whose value or name matches `value` (case-insensitive), else `default`."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            folded = value.strip().lower()
            for member in cls:
                if member.value.lower() == folded or member.name.lower() == folded:
                    return member
        return default
