"""OAuth 2 scopes of the notesPassword scheme."""

from __future__ import annotations

from enum import Enum
from typing import Optional


class OAuthScopeNotesPasswordEnum(str, Enum):
    """The OAuth 2 scopes notesPassword supports."""

    # Read notes
    NOTES_READ = "notes:read"

    @classmethod
    def from_value(
        cls,
        value: object,
        default: Optional[OAuthScopeNotesPasswordEnum] = None,
    ) -> Optional[OAuthScopeNotesPasswordEnum]:
        """The member whose value or name matches `value` (case-insensitive), else `default`."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            folded = value.strip().lower()
            for member in cls:
                if member.value.lower() == folded or member.name.lower() == folded:
                    return member
        return default
