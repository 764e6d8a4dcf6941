"""User: the User model."""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, List, Mapping, Optional

from ._helpers import check_object, extra, list_of, optional, to_json

_WIRE_NAMES = (
    "id",
    "email",
    "files",
)
_WIRE_NAME_SET: FrozenSet[str] = frozenset(_WIRE_NAMES)


class User:
    """The User model."""

    def __init__(
        self,
        id_: Optional[str] = None,
        email: Optional[str] = None,
        files: Optional[List[File]] = None,
        additional_properties: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.id_ = id_
        self.email = email
        self.files = files
        self.additional_properties: Dict[str, Any] = dict(additional_properties or {})

    @classmethod
    def from_dictionary(cls, data: Any) -> User:
        """Build from a JSON object (unknown fields go to `additional_properties`)."""
        dictionary: Mapping[str, Any] = check_object(data, "User")
        return cls(
            id_=dictionary.get("id"),
            email=dictionary.get("email"),
            files=optional(dictionary.get("files"), list_of(File.from_dictionary)),
            additional_properties=extra(dictionary, _WIRE_NAME_SET),
        )

    def to_dictionary(self) -> Dict[str, Any]:
        """JSON-ready data (None fields are left out)."""
        out: Dict[str, Any] = dict(self.additional_properties)
        for key, value in (
            ("id", self.id_),
            ("email", self.email),
            ("files", self.files),
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


# Imported last so that models referring to each other can import each other.
from .file import File  # noqa: E402
