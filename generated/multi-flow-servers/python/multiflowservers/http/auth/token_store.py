"""Where OAuth tokens live between calls: a small load/save/lock interface and two stores.

- `InMemoryTokenStore` (the default): one token per credentials, guarded by a thread lock.
- `FileTokenStore`: a JSON file written atomically with mode 0600, plus an exclusive file lock
  (`fcntl.flock` on `<path>.lock`), so several processes sharing one file make one refresh
  between them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import threading
from typing import (
    ContextManager,
    Iterator,
    Optional,
    Protocol,
    Union,
    runtime_checkable,
)

from ...models.o_auth_token import OAuthToken

if sys.platform != "win32":
    import fcntl

_LOGGER = logging.getLogger(__name__)


@runtime_checkable
class TokenStore(Protocol):
    """Holds one token. `lock()` must be held around a read-refresh-save sequence."""

    def load(self) -> Optional[OAuthToken]:
        """The current token, or None."""
        ...

    def save(self, token: Optional[OAuthToken]) -> None:
        """Replace the token (None clears it)."""
        ...

    def lock(self) -> ContextManager[None]:
        """An exclusive lock (across threads; across processes where the store supports it)."""
        ...


class InMemoryTokenStore:
    """A token in memory, shared by the threads using one client."""

    def __init__(self, token: Optional[OAuthToken] = None) -> None:
        self._token = token
        self._lock = threading.Lock()

    def load(self) -> Optional[OAuthToken]:
        return self._token

    def save(self, token: Optional[OAuthToken]) -> None:
        self._token = token

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        with self._lock:
            yield

    def __repr__(self) -> str:
        return f"InMemoryTokenStore(token={self._token!r})"


class FileTokenStore:
    """A token in a JSON file (mode 0600, atomic replace) with a cross-process lock."""

    def __init__(self, path: Union[str, "os.PathLike[str]"]) -> None:
        self._path = os.fspath(path)
        self._lock_path = self._path + ".lock"
        self._thread_lock = threading.Lock()

    @property
    def path(self) -> str:
        """The token file."""
        return self._path

    def load(self) -> Optional[OAuthToken]:
        try:
            with open(self._path, encoding="utf-8") as handle:
                text = handle.read()
        except FileNotFoundError:
            return None
        if not text.strip():
            return None
        try:
            return OAuthToken.from_json(text)
        except ValueError:
            _LOGGER.warning("ignoring unreadable token file %s", self._path)
            return None

    def save(self, token: Optional[OAuthToken]) -> None:
        if token is None:
            with contextlib.suppress(FileNotFoundError):
                os.remove(self._path)
            return
        directory = os.path.dirname(os.path.abspath(self._path))
        fd, tmp = tempfile.mkstemp(prefix=".token-", dir=directory)
        try:
            os.chmod(tmp, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(token.to_json())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.remove(tmp)
            raise

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        with self._thread_lock:
            if sys.platform == "win32":  # pragma: no cover - no fcntl on Windows
                yield
                return
            fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)

    def __repr__(self) -> str:
        return f"FileTokenStore(path={self._path!r})"
