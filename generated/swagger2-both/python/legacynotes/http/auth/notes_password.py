"""notesPassword: OAuth 2 Resource Owner Credentials Grant."""

from __future__ import annotations

from ...models.o_auth_scope_notes_password_enum import OAuthScopeNotesPasswordEnum
from . import _grants


class NotesPasswordCredentials(_grants.PasswordCredentials):
    """Credentials of the notesPassword scheme (OAuth 2 Resource Owner Credentials Grant)."""

    __slots__ = ()
    ENV_PREFIX = "NOTES_PASSWORD_"
    SCOPE_ENUM = OAuthScopeNotesPasswordEnum


class NotesPassword(_grants.PasswordGrant):
    """Manager of the notesPassword scheme (OAuth 2 Resource Owner Credentials Grant)."""

    SCHEME_NAME = "notesPassword"
    TOKEN_URL = "https://notes.example/oauth/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
