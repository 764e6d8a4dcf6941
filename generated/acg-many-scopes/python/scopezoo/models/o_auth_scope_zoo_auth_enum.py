"""OAuth 2 scopes of the zooAuth scheme."""

from __future__ import annotations

from enum import Enum
from typing import Optional


class OAuthScopeZooAuthEnum(str, Enum):
    """The OAuth 2 scopes zooAuth supports."""

    # Read files (URL scope)
    HTTPS_WWW_EXAMPLE_COM_AUTH_FILES_READONLY = (
        "https://www.example.com/auth/files.readonly"
    )
    # Full mail access (URL scope with trailing slash)
    HTTPS_MAIL_EXAMPLE_COM = "https://mail.example.com/"
    # Read files (colon)
    FILES_READ_2 = "files:read"
    # Write files (colon)
    FILES_WRITE = "files:write"
    # Read files (dot; collides with files:read after sanitizing)
    FILES_READ = "files.read"
    # Read the user's email (dashes)
    USER_READ_EMAIL = "user-read-email"
    # Dots and a colon
    ADMIN_APPS_READ = "admin.apps:read"
    # OpenID
    OPENID = "openid"
    # Refresh tokens
    OFFLINE_ACCESS = "offline_access"
    # Starts with a digit
    SCOPE_2FA_MANAGE = "2fa:manage"

    @classmethod
    def from_value(
        cls,
        value: object,
        default: Optional[OAuthScopeZooAuthEnum] = None,
    ) -> Optional[OAuthScopeZooAuthEnum]:
        """The member whose value or name matches `value` (case-insensitive), else `default`."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            folded = value.strip().lower()
            for member in cls:
                if member.value.lower() == folded or member.name.lower() == folded:
                    return member
        return default
