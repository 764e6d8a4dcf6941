"""Controllers: one per tag of the API."""

from .base_controller import BaseController
from .files_controller import FilesController
from .users_controller import UsersController

__all__ = [
    "BaseController",
    "FilesController",
    "UsersController",
]
