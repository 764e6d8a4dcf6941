"""Me: the Me model."""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Mapping, Optional

from ._helpers import check_object, extra, require, to_json

_WIRE_NAMES = (
    "name",
    "email",
    "grant",
)
_WIRE_NAME_SET: FrozenSet[str] = frozenset(_WIRE_NAMES)


class Me:
    """The Me model.

    Attributes:
        grant: The OAuth grant that issued the token.
    """

    def __init__(
        self,
        name: str,
        grant: str,
        email: Optional[str] = None,
        additional_properties: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.name = name
        self.grant = grant
        self.email = email
        self.additional_properties: Dict[str, Any] = dict(additional_properties or {})

    @classmethod
    def from_dictionary(cls, data: Any) -> Me:
        """Build from a JSON object (unknown fields go to `additional_properties`)."""
        dictionary: Mapping[str, Any] = check_object(data, "Me")
        return cls(
            name=require(dictionary, "name"),
            grant=require(dictionary, "grant"),
            email=dictionary.get("email"),
            additional_properties=extra(dictionary, _WIRE_NAME_SET),
        )

    def to_dictionary(self) -> Dict[str, Any]:
        """JSON-ready data (None fields are left out)."""
        out: Dict[str, Any] = dict(self.additional_properties)
        for key, value in (
            ("name", self.name),
            ("grant", self.grant),
            ("email", self.email),
        ):
            if value is not None:
                out[key] = to_json(value)
        return out

    def __repr__(self) -> str:
        return f"Me({self.to_dictionary()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Me):
            return NotImplemented
        return self.to_dictionary() == other.to_dictionary()

    __hash__ = None  # type: ignore[assignment]
