"""Controllers: one per tag of the API."""

from .account_controller import AccountController
from .base_controller import BaseController

__all__ = [
    "AccountController",
    "BaseController",
]
