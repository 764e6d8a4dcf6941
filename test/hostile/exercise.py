"""Import and use every generated hostile-spec Python package (run by hostile.test.ts).

argv[1] is a JSON list of {"name", "dir", "package"}. For each package: import it and every
submodule, list every enum, build the client with credentials for every scheme and a mock
transport, call get_authorization_url() on every authorization-code manager, read every client
property and call every controller method with dummy arguments (exceptions from those calls are
expected: no tokens, dummy values). Prints a JSON list of failures (import errors, client
construction errors, non-SDK exceptions from get_authorization_url).
"""

from __future__ import annotations

import enum
import importlib
import inspect
import json
import pkgutil
import re
import sys
from types import ModuleType
from typing import Any, Dict, List

import httpx

CREDENTIAL_VALUES: Dict[str, Any] = {
    "o_auth_client_id": "id",
    "o_auth_client_secret": "secret",
    "o_auth_redirect_uri": "https://app.example.com/callback",
    "o_auth_username": "user",
    "o_auth_password": "password",
    "username": "user",
    "password": "password",
    "access_token": "token",
    "api_key": "key",
}


def credentials(cls: Any) -> Any:
    fields = getattr(cls, "_FIELDS", ())
    kwargs = {f: v for f, v in CREDENTIAL_VALUES.items() if f in fields}
    scope_enum = getattr(cls, "SCOPE_ENUM", None)
    if scope_enum is not None and "o_auth_scopes" in fields:
        kwargs["o_auth_scopes"] = list(scope_enum)
    return cls(**kwargs)


def exercise(pkg: ModuleType) -> None:
    name = pkg.__name__
    for info in pkgutil.walk_packages(pkg.__path__, name + "."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, enum.Enum) and value is not enum.Enum:
                [str(m.value) for m in value]
    grants = importlib.import_module(name + ".http.auth._grants")
    exceptions = importlib.import_module(name + ".exceptions")
    sdk_error = exceptions.SdkException
    client_cls = next(
        getattr(pkg, n)
        for n in pkg.__all__
        if n.endswith("Client") and getattr(pkg, n).__module__.endswith("_client")
    )
    kwargs: Dict[str, Any] = {}
    for param in inspect.signature(pkg.Configuration.__init__).parameters.values():
        m = re.fullmatch(r"Optional\[(\w+)\]", str(param.annotation))
        cls = getattr(pkg, m.group(1), None) if m else None
        if inspect.isclass(cls) and cls.__name__.endswith("Credentials"):
            kwargs[param.name] = credentials(cls)
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    client = client_cls(http_client=httpx.Client(transport=transport), allow_insecure_http=True, **kwargs)
    repr(client)
    repr(client.config)
    for attr, member in inspect.getmembers(type(client)):
        if not isinstance(member, property):
            continue
        value = getattr(client, attr)
        if isinstance(value, grants.AuthorizationCodeGrant):
            try:
                value.get_authorization_url()
            except sdk_error:
                pass
        elif ".controllers." in type(value).__module__:
            for method_name, method in inspect.getmembers(value, inspect.ismethod):
                if method_name.startswith("_"):
                    continue
                args = {
                    p.name: "x"
                    for p in inspect.signature(method).parameters.values()
                    if p.default is inspect.Parameter.empty
                }
                try:
                    method(**args)
                except Exception:  # noqa: BLE001 - dummy arguments; only the canary matters here
                    pass


def main() -> None:
    failures: List[str] = []
    for item in json.loads(sys.argv[1]):
        sys.path.insert(0, item["dir"])
        try:
            exercise(importlib.import_module(item["package"]))
        except Exception as e:  # noqa: BLE001 - reported, not raised: one run covers every package
            failures.append(f"{item['name']}: {type(e).__name__}: {e}")
        finally:
            sys.path.remove(item["dir"])
            prefix = item["package"] + "."
            for key in [k for k in sys.modules if k == item["package"] or k.startswith(prefix)]:
                del sys.modules[key]
    print(json.dumps(failures))


main()
