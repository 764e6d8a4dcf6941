"""Controllers: one per tag of the API."""

from .base_controller import BaseController
from .account_controller import AccountController

__all__ = [
    "AccountController",
    "BaseController",
]
