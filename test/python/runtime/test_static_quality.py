"""The static runtime is real code: ruff check, ruff format --check and mypy --strict pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Any

STATIC = os.path.abspath(
    os.path.join(
        os.path.dirname(__file__), "..", "..", "..", "templates", "python", "static"
    )
)
BIN = os.path.dirname(sys.executable)


def _package(tmp_path: Any) -> str:
    pkg = os.path.join(str(tmp_path), "rtpkg")
    shutil.copytree(STATIC, pkg)
    for sub in ("", "models", "controllers"):
        open(os.path.join(pkg, sub, "__init__.py"), "a").close()
    open(os.path.join(pkg, "py.typed"), "w").close()
    return pkg


def _run(*args: str, cwd: str) -> None:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_and_mypy_strict(tmp_path: Any) -> None:
    pkg = _package(tmp_path)
    _run(
        os.path.join(BIN, "ruff"),
        "check",
        "--target-version",
        "py39",
        "rtpkg",
        cwd=str(tmp_path),
    )
    _run(
        os.path.join(BIN, "ruff"),
        "format",
        "--check",
        "--target-version",
        "py39",
        "rtpkg",
        cwd=str(tmp_path),
    )
    _run(
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--no-incremental",
        "rtpkg",
        cwd=str(tmp_path),
    )
    assert os.path.isdir(pkg)
