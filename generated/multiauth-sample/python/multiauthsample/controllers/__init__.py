"""Controllers: one per tag of the API."""

from .base_controller import BaseController
from .authentication_controller import AuthenticationController

__all__ = [
    "AuthenticationController",
    "BaseController",
]
