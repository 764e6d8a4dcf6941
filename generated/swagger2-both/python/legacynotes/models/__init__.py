"""Models: the API's schemas plus the OAuth token, error codes and scope enums."""

from .note import Note
from .o_auth_provider_error_enum import OAuthProviderErrorEnum
from .o_auth_scope_notes_code_enum import OAuthScopeNotesCodeEnum
from .o_auth_scope_notes_password_enum import OAuthScopeNotesPasswordEnum
from .o_auth_token import OAuthToken

__all__ = [
    "Note",
    "OAuthProviderErrorEnum",
    "OAuthScopeNotesCodeEnum",
    "OAuthScopeNotesPasswordEnum",
    "OAuthToken",
]
