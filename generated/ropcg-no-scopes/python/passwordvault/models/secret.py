"""Secret: the Secret model."""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, List, Mapping, Optional

from ._helpers import check_object, extra, require, to_json

_WIRE_NAMES = (
    "name",
    "value",
    "tags",
)
_WIRE_NAME_SET: FrozenSet[str] = frozenset(_WIRE_NAMES)


class Secret:
    """The Secret model."""

    def __init__(
        self,
        name: str,
        value_2: Optional[str] = None,
        tags: Optional[List[str]] = None,
        additional_properties: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.name = name
        self.value_2 = value_2
        self.tags = tags
        self.additional_properties: Dict[str, Any] = dict(additional_properties or {})

    @classmethod
    def from_dictionary(cls, data: Any) -> Secret:
        """Build from a JSON object (unknown fields go to `additional_properties`)."""
        dictionary: Mapping[str, Any] = check_object(data, "Secret")
        return cls(
            name=require(dictionary, "name"),
            value_2=dictionary.get("value"),
            tags=dictionary.get("tags"),
            additional_properties=extra(dictionary, _WIRE_NAME_SET),
        )

    def to_dictionary(self) -> Dict[str, Any]:
        """JSON-ready data (None fields are left out)."""
        out: Dict[str, Any] = dict(self.additional_properties)
        for key, value in (
            ("name", self.name),
            ("value", self.value_2),
            ("tags", self.tags),
        ):
            if value is not None:
                out[key] = to_json(value)
        return out

    def __repr__(self) -> str:
        return f"Secret({self.to_dictionary()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return self.to_dictionary() == other.to_dictionary()

    __hash__ = None  # type: ignore[assignment]
