"""Controllers: one per tag of the API."""

from .base_controller import BaseController
from .meta_controller import MetaController
from .secrets_controller import SecretsController

__all__ = [
    "BaseController",
    "MetaController",
    "SecretsController",
]
