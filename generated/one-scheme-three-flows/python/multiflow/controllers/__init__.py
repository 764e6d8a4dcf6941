"""Controllers: one per tag of the API."""

from .base_controller import BaseController
from .meta_controller import MetaController
from .projects_controller import ProjectsController

__all__ = [
    "BaseController",
    "MetaController",
    "ProjectsController",
]
