"""Project: the Project model."""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Mapping, Optional

from ._helpers import check_object, extra, require, to_json

_WIRE_NAMES = (
    "id",
    "name",
)
_WIRE_NAME_SET: FrozenSet[str] = frozenset(_WIRE_NAMES)


class Project:
    """The Project model."""

    def __init__(
        self,
        id_: str,
        name: Optional[str] = None,
        additional_properties: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.id_ = id_
        self.name = name
        self.additional_properties: Dict[str, Any] = dict(additional_properties or {})

    @classmethod
    def from_dictionary(cls, data: Any) -> Project:
        """Build from a JSON object (unknown fields go to `additional_properties`)."""
        dictionary: Mapping[str, Any] = check_object(data, "Project")
        return cls(
            id_=require(dictionary, "id"),
            name=dictionary.get("name"),
            additional_properties=extra(dictionary, _WIRE_NAME_SET),
        )

    def to_dictionary(self) -> Dict[str, Any]:
        """JSON-ready data (None fields are left out)."""
        out: Dict[str, Any] = dict(self.additional_properties)
        for key, value in (
            ("id", self.id_),
            ("name", self.name),
        ):
            if value is not None:
                out[key] = to_json(value)
        return out

    def __repr__(self) -> str:
        return f"Project({self.to_dictionary()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Project):
            return NotImplemented
        return self.to_dictionary() == other.to_dictionary()

    __hash__ = None  # type: ignore[assignment]
