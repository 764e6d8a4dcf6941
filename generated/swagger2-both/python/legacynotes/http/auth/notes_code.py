"""notesCode: OAuth 2 Authorization Code Grant."""

from __future__ import annotations

from ...models.o_auth_scope_notes_code_enum import OAuthScopeNotesCodeEnum
from . import _grants


class NotesCodeCredentials(_grants.AuthorizationCodeCredentials):
    """Credentials of the notesCode scheme (OAuth 2 Authorization Code Grant)."""

    __slots__ = ()
    ENV_PREFIX = "NOTES_CODE_"
    SCOPE_ENUM = OAuthScopeNotesCodeEnum


class NotesCode(_grants.AuthorizationCodeGrant):
    """Manager of the notesCode scheme (OAuth 2 Authorization Code Grant)."""

    SCHEME_NAME = "notesCode"
    AUTHORIZATION_URL = "https://notes.example/oauth/authorize"
    TOKEN_URL = "https://notes.example/oauth/token"
    REFRESH_URL = None
    SERVER_NAME = "default"
    DEFAULT_CLIENT_AUTH = "client_secret_basic"
    USE_PKCE = True
    ISSUER = None
