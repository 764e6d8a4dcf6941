"""File: the File model."""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Mapping, Optional

from ._helpers import check_object, extra, optional, require, to_json

_WIRE_NAMES = (
    "id",
    "name",
    "size",
    "owner",
)
_WIRE_NAME_SET: FrozenSet[str] = frozenset(_WIRE_NAMES)


class File:
    """The File model."""

    def __init__(
        self,
        id_: str,
        name: Optional[str] = None,
        size: Optional[int] = None,
        owner: Optional[User] = None,
        additional_properties: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.id_ = id_
        self.name = name
        self.size = size
        self.owner = owner
        self.additional_properties: Dict[str, Any] = dict(additional_properties or {})

    @classmethod
    def from_dictionary(cls, data: Any) -> File:
        """Build from a JSON object (unknown fields go to `additional_properties`)."""
        dictionary: Mapping[str, Any] = check_object(data, "File")
        return cls(
            id_=require(dictionary, "id"),
            name=dictionary.get("name"),
            size=dictionary.get("size"),
            owner=optional(dictionary.get("owner"), User.from_dictionary),
            additional_properties=extra(dictionary, _WIRE_NAME_SET),
        )

    def to_dictionary(self) -> Dict[str, Any]:
        """JSON-ready data (None fields are left out)."""
        out: Dict[str, Any] = dict(self.additional_properties)
        for key, value in (
            ("id", self.id_),
            ("name", self.name),
            ("size", self.size),
            ("owner", self.owner),
        ):
            if value is not None:
                out[key] = to_json(value)
        return out

    def __repr__(self) -> str:
        return f"File({self.to_dictionary()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, File):
            return NotImplemented
        return self.to_dictionary() == other.to_dictionary()

    __hash__ = None  # type: ignore[assignment]


# Imported last so that models referring to each other can import each other.
from .user import User  # noqa: E402
