"""examples/device_authorization_tv.py of the generated package runs against the test server."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import Server


def test_device_example_prints_the_code_waits_and_calls_the_api(srv: Server) -> None:
    folder = os.environ.get("GRANTGEN_BEYOND_PY_DIR")
    if not folder:
        pytest.fail("GRANTGEN_BEYOND_PY_DIR is not set (run through beyond.test.ts)")
    srv.settings(deviceInterval=0.2)
    proc = subprocess.Popen(
        [
            sys.executable,
            os.path.join(folder, "examples", "device_authorization_tv.py"),
        ],
        env={
            **os.environ,
            "API_BASE_URL": srv.url,
            "OAUTH_CLIENT_ID": "tv-client",
            "OAUTH_SCOPES": "file_requests.read",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith(f"Open {srv.url}/device and enter "), first
    srv.approve(first.split()[-1])
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert '"name": "alice"' in out
