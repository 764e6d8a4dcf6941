"""Unit tests of the static Python runtime (templates/python/static).

The static files are copied into a throw-away package `rtpkg` (relative imports only, so any
package name works) and imported from there; `support.py` holds the thin subclasses a
generated package would contain.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile

_STATIC = os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "templates", "python", "static"
)
_ROOT = tempfile.mkdtemp(prefix="grantgen-rt-")
atexit.register(shutil.rmtree, _ROOT, True)
_PKG = os.path.join(_ROOT, "rtpkg")
shutil.copytree(os.path.abspath(_STATIC), _PKG)
for sub in ("", "models", "controllers"):
    path = os.path.join(_PKG, sub, "__init__.py")
    if not os.path.exists(path):
        open(path, "w").close()
sys.path.insert(0, _ROOT)
sys.path.insert(0, os.path.dirname(__file__))
