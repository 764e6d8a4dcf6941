"""User: the User model."""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Mapping, Optional

from ._helpers import check_object, extra, to_json

_WIRE_NAMES = (
    "id",
    "name",
    "email",
    "created_at",
    "updated_at",
)
_WIRE_NAME_SET: FrozenSet[str] = frozenset(_WIRE_NAMES)


class User:
    """The User model."""

    def __init__(
        self,
        id_: Optional[int] = None,
        name: Optional[str] = None,
        email: Optional[str] = None,
        created_at: Optional[str] = None,
        updated_at: Optional[str] = None,
        additional_properties: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.id_ = id_
        self.name = name
        self.email = email
        self.created_at = created_at
        self.updated_at = updated_at
        self.additional_properties: Dict[str, Any] = dict(additional_properties or {})

    @classmethod
    def from_dictionary(cls, data: Any) -> User:
        """Build from a JSON object (unknown fields go to `additional_properties`)."""
        dictionary: Mapping[str, Any] = check_object(data, "User")
        return cls(
            id_=dictionary.get("id"),
            name=dictionary.get("name"),
            email=dictionary.get("email"),
            created_at=dictionary.get("created_at"),
            updated_at=dictionary.get("updated_at"),
            additional_properties=extra(dictionary, _WIRE_NAME_SET),
        )

    def to_dictionary(self) -> Dict[str, Any]:
        """JSON-ready data (None fields are left out)."""
        out: Dict[str, Any] = dict(self.additional_properties)
        for key, value in (
            ("id", self.id_),
            ("name", self.name),
            ("email", self.email),
            ("created_at", self.created_at),
            ("updated_at", self.updated_at),
        ):
            if value is not None:
                out[key] = to_json(value)
        return out

    def __repr__(self) -> str:
        return f"User({self.to_dictionary()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, User):
            return NotImplemented
        return self.to_dictionary() == other.to_dictionary()

    __hash__ = None  # type: ignore[assignment]
