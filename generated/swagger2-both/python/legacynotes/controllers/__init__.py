"""Controllers: one per tag of the API."""

from .base_controller import BaseController
from .meta_controller import MetaController
from .notes_controller import NotesController

__all__ = [
    "BaseController",
    "MetaController",
    "NotesController",
]
