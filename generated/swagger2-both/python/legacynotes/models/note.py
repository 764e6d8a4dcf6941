"""Note: the Note model."""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Mapping, Optional

from ._helpers import check_object, extra, require, to_json

_WIRE_NAMES = (
    "id",
    "title",
    "body",
)
_WIRE_NAME_SET: FrozenSet[str] = frozenset(_WIRE_NAMES)


class Note:
    """The Note model."""

    def __init__(
        self,
        title: str,
        id_: Optional[int] = None,
        body_: Optional[str] = None,
        additional_properties: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.title = title
        self.id_ = id_
        self.body_ = body_
        self.additional_properties: Dict[str, Any] = dict(additional_properties or {})

    @classmethod
    def from_dictionary(cls, data: Any) -> Note:
        """Build from a JSON object (unknown fields go to `additional_properties`)."""
        dictionary: Mapping[str, Any] = check_object(data, "Note")
        return cls(
            title=require(dictionary, "title"),
            id_=dictionary.get("id"),
            body_=dictionary.get("body"),
            additional_properties=extra(dictionary, _WIRE_NAME_SET),
        )

    def to_dictionary(self) -> Dict[str, Any]:
        """JSON-ready data (None fields are left out)."""
        out: Dict[str, Any] = dict(self.additional_properties)
        for key, value in (
            ("title", self.title),
            ("id", self.id_),
            ("body", self.body_),
        ):
            if value is not None:
                out[key] = to_json(value)
        return out

    def __repr__(self) -> str:
        return f"Note({self.to_dictionary()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Note):
            return NotImplemented
        return self.to_dictionary() == other.to_dictionary()

    __hash__ = None  # type: ignore[assignment]
