"""OAuth 2 scopes of the notesCode scheme."""

from __future__ import annotations

from enum import Enum
from typing import Optional


class OAuthScopeNotesCodeEnum(str, Enum):
    """The OAuth 2 scopes notesCode supports."""

    # Read notes
    NOTES_READ = "notes:read"
    # Write notes
    NOTES_WRITE = "notes:write"

    @classmethod
    def from_value(
        cls,
        value: object,
        default: Optional[OAuthScopeNotesCodeEnum] = None,
    ) -> Optional[OAuthScopeNotesCodeEnum]:
        """The member whose value or name matches `value` (case-insensitive), else `default`."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            folded = value.strip().lower()
            for member in cls:
                if member.value.lower() == folded or member.name.lower() == folded:
                    return member
        return default
