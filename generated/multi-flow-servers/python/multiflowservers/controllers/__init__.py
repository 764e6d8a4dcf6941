"""Controllers: one per tag of the API."""

from .base_controller import BaseController
from .files_controller import FilesController
from .profile_controller import ProfileController
from .reports_controller import ReportsController

__all__ = [
    "BaseController",
    "FilesController",
    "ProfileController",
    "ReportsController",
]
