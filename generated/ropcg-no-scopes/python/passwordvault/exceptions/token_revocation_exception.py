"""Token revocation (RFC 7009) that the server did not confirm."""

from __future__ import annotations

from typing import Optional

from .sdk_exception import SdkException


class TokenRevocationException(SdkException):
    """The server did not confirm the revocation (unreachable, error answer, no endpoint).

    The token is already removed from memory and from the token store
    (`local_token_cleared` is True): this client is signed out either way, but the server may
    still accept the old tokens until they expire.
    """

    def __init__(
        self,
        message: str,
        error: Optional[str] = None,
        status_code: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.error = error
        self.status_code = status_code
        self.local_token_cleared = True
