"""Common behaviour of credentials classes: immutability, `clone_with`, redacted repr, env."""

from __future__ import annotations

import os
from typing import (
    Any,
    ClassVar,
    Dict,
    FrozenSet,
    Mapping,
    Optional,
    Tuple,
    Type,
    TypeVar,
)

from .._redact import redact, redact_secret

C = TypeVar("C", bound="CredentialsBase")


class CredentialsBase:
    """Base of every credentials class.

    Subclasses list their constructor parameters in `_FIELDS` (keyword names, in order), the
    secret ones in `_SECRET_FIELDS`, and the ones read by `from_environment()` in `_ENV_FIELDS`.
    Values are stored as `self._<field>`; properties expose them read-only.
    """

    # Slots, not a __dict__: `vars()` of credentials cannot reveal secrets.
    __slots__ = ()

    _FIELDS: ClassVar[Tuple[str, ...]] = ()
    _SECRET_FIELDS: ClassVar[FrozenSet[str]] = frozenset()
    _ENV_FIELDS: ClassVar[Tuple[str, ...]] = ()
    #: Prefix of the environment variables, e.g. `O_AUTH_ACG_`.
    ENV_PREFIX: ClassVar[str] = ""

    def _values(self) -> Dict[str, Any]:
        return {name: getattr(self, "_" + name) for name in self._FIELDS}

    def clone_with(self: C, **changes: Any) -> C:
        """A copy with the given fields replaced.

        Every field may be changed, including to None (which clears it), 0, False or `[]`.
        Unknown names raise TypeError.
        """
        unknown = sorted(set(changes) - set(self._FIELDS))
        if unknown:
            raise TypeError(
                f"{type(self).__name__}.clone_with() got unexpected keyword argument(s): "
                + ", ".join(unknown)
            )
        values = self._values()
        values.update(changes)
        return type(self)(**values)

    @classmethod
    def env_names(cls) -> Dict[str, str]:
        """Field → environment variable name, e.g. `o_auth_client_id` → `O_AUTH_ACG_O_AUTH_CLIENT_ID`."""
        return {field: cls.ENV_PREFIX + field.upper() for field in cls._ENV_FIELDS}

    @classmethod
    def from_environment(
        cls: Type[C], environ: Optional[Mapping[str, str]] = None
    ) -> Optional[C]:
        """Credentials from environment variables; None when none of them is set.

        Only the real process environment is read (no `.env` file can override it).
        """
        env = os.environ if environ is None else environ
        values: Dict[str, Any] = {}
        for field, var in cls.env_names().items():
            raw = env.get(var)
            if raw is not None and raw != "":
                values[field] = cls._parse_env(field, raw, var)
        if not values:
            return None
        return cls(**values)

    @classmethod
    def _parse_env(cls, field: str, raw: str, var: str) -> Any:
        return raw

    def __repr__(self) -> str:
        parts = []
        for name, value in self._values().items():
            if name in self._SECRET_FIELDS and (
                value is None or isinstance(value, str)
            ):
                # tokens may show a short suffix; passwords, secrets and keys show nothing
                shown = redact(value) if "token" in name else redact_secret(value)
            elif callable(value):
                shown = getattr(value, "__qualname__", type(value).__name__)
            else:
                shown = repr(value)
            parts.append(f"{name}={shown}")
        return f"{type(self).__name__}({', '.join(parts)})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CredentialsBase) or type(other) is not type(self):
            return False
        return self._values() == other._values()

    def __hash__(self) -> int:
        return id(self)
