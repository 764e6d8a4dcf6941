"""Clients of the generated `deviceflow` package pointed at the test server."""

from __future__ import annotations

from typing import Any

from deviceflow import Configuration, DeviceflowClient, Server

SCOPES = ["file_requests.read"]
DEVICE_CLIENT = {
    "o_auth_client_id": "device-client",
    "o_auth_client_secret": "device-secret",
}


def client(url: str, **credentials: Any) -> DeviceflowClient:
    return DeviceflowClient(
        Configuration(base_urls={Server.DEFAULT: url}), **credentials
    )
