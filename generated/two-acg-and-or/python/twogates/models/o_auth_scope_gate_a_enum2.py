"""OAuth 2 scopes of the gate_a scheme."""

from __future__ import annotations

from enum import Enum
from typing import Optional


class OAuthScopeGateAEnum2(str, Enum):
    """The OAuth 2 scopes gate_a supports."""

    # Read
    READ = "read"

    @classmethod
    def from_value(
        cls,
        value: object,
        default: Optional[OAuthScopeGateAEnum2] = None,
    ) -> Optional[OAuthScopeGateAEnum2]:
        """The member whose value or name matches `value` (case-insensitive), else `default`."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            folded = value.strip().lower()
            for member in cls:
                if member.value.lower() == folded or member.name.lower() == folded:
                    return member
        return default
