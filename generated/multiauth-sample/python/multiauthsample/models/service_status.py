"""ServiceStatus: the ServiceStatus model."""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Mapping, Optional

from ._helpers import check_object, extra, require, to_json

_WIRE_NAMES = (
    "app",
    "moto",
    "notes",
    "users",
    "time",
    "os",
    "php_version",
    "status",
)
_WIRE_NAME_SET: FrozenSet[str] = frozenset(_WIRE_NAMES)


class ServiceStatus:
    """The ServiceStatus model."""

    def __init__(
        self,
        status: str,
        app: Optional[str] = None,
        moto: Optional[str] = None,
        notes: Optional[int] = None,
        users: Optional[int] = None,
        time: Optional[str] = None,
        os: Optional[str] = None,
        php_version: Optional[str] = None,
        additional_properties: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.status = status
        self.app = app
        self.moto = moto
        self.notes = notes
        self.users = users
        self.time = time
        self.os = os
        self.php_version = php_version
        self.additional_properties: Dict[str, Any] = dict(additional_properties or {})

    @classmethod
    def from_dictionary(cls, data: Any) -> ServiceStatus:
        """Build from a JSON object (unknown fields go to `additional_properties`)."""
        dictionary: Mapping[str, Any] = check_object(data, "ServiceStatus")
        return cls(
            status=require(dictionary, "status"),
            app=dictionary.get("app"),
            moto=dictionary.get("moto"),
            notes=dictionary.get("notes"),
            users=dictionary.get("users"),
            time=dictionary.get("time"),
            os=dictionary.get("os"),
            php_version=dictionary.get("php_version"),
            additional_properties=extra(dictionary, _WIRE_NAME_SET),
        )

    def to_dictionary(self) -> Dict[str, Any]:
        """JSON-ready data (None fields are left out)."""
        out: Dict[str, Any] = dict(self.additional_properties)
        for key, value in (
            ("status", self.status),
            ("app", self.app),
            ("moto", self.moto),
            ("notes", self.notes),
            ("users", self.users),
            ("time", self.time),
            ("os", self.os),
            ("php_version", self.php_version),
        ):
            if value is not None:
                out[key] = to_json(value)
        return out

    def __repr__(self) -> str:
        return f"ServiceStatus({self.to_dictionary()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServiceStatus):
            return NotImplemented
        return self.to_dictionary() == other.to_dictionary()

    __hash__ = None  # type: ignore[assignment]
