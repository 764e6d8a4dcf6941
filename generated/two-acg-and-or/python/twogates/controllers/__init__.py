"""Controllers: one per tag of the API."""

from .base_controller import BaseController
from .meta_controller import MetaController
from .reports_controller import ReportsController

__all__ = [
    "BaseController",
    "MetaController",
    "ReportsController",
]
