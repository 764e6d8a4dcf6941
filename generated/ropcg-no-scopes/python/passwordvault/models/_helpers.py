"""Conversion helpers used by generated models (JSON data <-> model objects)."""

from __future__ import annotations

from enum import Enum
from typing import Any, Callable, Collection, Dict, List, Mapping, Optional, TypeVar

T = TypeVar("T")


def optional(value: Any, convert: Callable[[Any], T]) -> Optional[T]:
    """`convert(value)`, or None when `value` is None."""
    return None if value is None else convert(value)


def convert_list(value: Any, convert: Callable[[Any], T]) -> List[T]:
    """Convert every element of a JSON array."""
    if not isinstance(value, list):
        raise ValueError("expected a JSON array")
    return [convert(item) for item in value]


def convert_dict(value: Any, convert: Callable[[Any], T]) -> Dict[str, T]:
    """Convert every value of a JSON object."""
    if not isinstance(value, Mapping):
        raise ValueError("expected a JSON object")
    return {str(key): convert(item) for key, item in value.items()}


def require(dictionary: Mapping[str, Any], key: str) -> Any:
    """The value of a required field (ValueError naming it when missing)."""
    if key not in dictionary:
        raise ValueError(f"missing required field {key!r}")
    return dictionary[key]


def extra(dictionary: Mapping[str, Any], known: Collection[str]) -> Dict[str, Any]:
    """The fields of `dictionary` not in `known` (kept as additional properties)."""
    if type(known) is frozenset and dictionary.keys() <= known:
        return {}  # the common case: every field is a known one
    return {key: value for key, value in dictionary.items() if key not in known}


def to_json(value: Any) -> Any:
    """JSON-ready data from models, enums, lists and dicts."""
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "to_dictionary"):
        return value.to_dictionary()
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): to_json(item) for key, item in value.items()}
    return value


def check_object(dictionary: Any, name: str) -> Mapping[str, Any]:
    """`dictionary` when it is a JSON object, else ValueError."""
    if type(dictionary) is dict:  # what json.loads gives: skip the ABC check
        return dictionary
    if not isinstance(dictionary, Mapping):
        raise ValueError(f"{name} must be built from a JSON object")
    return dictionary


def list_of(convert: Callable[[Any], T]) -> Callable[[Any], List[T]]:
    """A converter of JSON arrays from a converter of their elements."""
    return lambda value: convert_list(value, convert)


def dict_of(convert: Callable[[Any], T]) -> Callable[[Any], Dict[str, T]]:
    """A converter of JSON objects (maps) from a converter of their values."""
    return lambda value: convert_dict(value, convert)


def optional_of(convert: Callable[[Any], T]) -> Callable[[Any], Optional[T]]:
    """A converter that passes None through."""
    return lambda value: optional(value, convert)


def convert(value: Any, convert: Callable[[Any], T]) -> T:
    """`convert(value)` (for required fields; None is passed to the converter)."""
    return convert(value)
