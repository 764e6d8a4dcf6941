"""Controllers: one per tag of the API."""

from .authentication_controller import AuthenticationController
from .base_controller import BaseController

__all__ = [
    "AuthenticationController",
    "BaseController",
]
