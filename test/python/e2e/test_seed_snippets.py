"""Every Python snippet of the two OAuth doc pages, run as written (issue 4, proof 2).

The pages are the generated ones (equal to the seed pages except the allowed fixes of
test/python/seed-fixes.json). Each page's snippets run in order in one namespace holding the
page's own imports (those of its "Complete example") and a file-backed
`save_token_to_database` / `load_token_from_database`. The snippets build clients without a
base URL, so the spec's default environment (testing, `http://localhost:3000`) is pointed at
the test server's free port by patching `Configuration.ENVIRONMENTS`, the table of URLs the
spec wrote.

Pass "literal": the snippets with their placeholder credentials (`'OAuthClientId'`, code
`'code'`): every provider error is caught by the snippet's own `except` clauses.
Pass "real": the same snippet texts, with `client` bound to a client holding real credentials
and the file store holding a real token, so fetch, refresh, storing and restoring really happen
and the resulting `client` calls the API.
"""

from __future__ import annotations

import os
import re
import time
from typing import Any, Dict, Iterator, List

import pytest
from conftest import ROOT, TestServer
from sdk import acg_client, ropcg_client

from multiauthsample import OAuthToken
from multiauthsample.configuration import Configuration, Environment, Server

OUT = os.environ.get("GRANTGEN_PY_OUT") or os.path.join(
    ROOT, "generated", "multiauth-sample", "python"
)
ACG_PAGE = os.path.join(OUT, "doc", "auth", "oauth-2-authorization-code-grant.md")
ROPCG_PAGE = os.path.join(
    OUT, "doc", "auth", "oauth-2-resource-owner-credentials-grant.md"
)


def snippets(page: str) -> List[str]:
    text = open(page, encoding="utf-8").read()
    return re.findall(r"```python\n(.*?)```", text, re.S)


def page_imports(blocks: List[str]) -> str:
    complete = blocks[-1]
    return "\n".join(
        line for line in complete.splitlines() if line.startswith(("from ", "import "))
    )


@pytest.fixture()
def testing_env(srv: TestServer) -> Iterator[TestServer]:
    table = Configuration.ENVIRONMENTS
    saved = dict(table[Environment.TESTING])
    table[Environment.TESTING] = {
        Server.DEFAULT: srv.url,
        Server.AUTH: srv.url + "/oauth2/auth-server",
    }
    yield srv
    table[Environment.TESTING] = saved


def namespace(page: str, store_path: str) -> Dict[str, Any]:
    ns: Dict[str, Any] = {}
    exec(page_imports(snippets(page)), ns)

    def save_token_to_database(token: Any) -> None:
        if token is None:
            return
        with open(store_path, "w", encoding="utf-8") as handle:
            handle.write(token.to_json())

    def load_token_from_database() -> Any:
        if not os.path.exists(store_path):
            return None
        return OAuthToken.from_json(open(store_path, encoding="utf-8").read())

    ns["save_token_to_database"] = save_token_to_database
    ns["load_token_from_database"] = load_token_from_database
    return ns


@pytest.mark.parametrize("page", [ACG_PAGE, ROPCG_PAGE], ids=["acg", "ropcg"])
def test_snippets_run_as_written_literal(
    testing_env: TestServer, page: str, tmp_path: Any
) -> None:
    blocks = snippets(page)
    assert len(blocks) == 7 if page == ACG_PAGE else 6
    ns = namespace(page, str(tmp_path / "token.json"))
    for block in blocks:
        exec(block, ns)  # no exception may escape a snippet
    assert type(ns["client"]).__name__ == "MultiauthsampleClient"
    # the provider rejected the placeholder client credentials; the snippets caught it
    log = testing_env.token_requests()
    assert log and all(entry["status"] in (400, 401) for entry in log)


def expire(client: Any, accessor: str) -> None:
    manager = getattr(client, accessor)
    manager.set_token(manager.token.copy_with(expiry=int(time.time()) - 5))


def test_ropcg_snippets_with_real_credentials(
    testing_env: TestServer, tmp_path: Any
) -> None:
    blocks = snippets(ROPCG_PAGE)
    init, fetch, refresh, store, restore, complete = blocks
    ns = namespace(ROPCG_PAGE, str(tmp_path / "token.json"))
    updates: List[Any] = []
    ns["client"] = ropcg_client(testing_env.url, updates)
    exec(fetch, ns)  # token = fetch_token(); clone_with; MultiauthsampleClient(config)
    client = ns["client"]
    assert client.config.o_auth_ropcg_credentials.o_auth_token is ns["token"]
    assert client.authentication.o_auth_authorization_grant().body.name is not None
    expire(client, "o_auth_ropcg")
    # the rebuilt client holds the token given in its credentials; expire that one
    expired = client.o_auth_ropcg.token
    ns["client"] = client
    exec(refresh, ns)
    assert ns["token"].access_token != expired.access_token
    exec(store, ns)
    exec(restore, ns)  # client from the stored token only
    restored = ns["client"]
    assert restored.config.o_auth_ropcg_credentials.o_auth_client_id is None
    assert restored.authentication.o_auth_authorization_grant().status_code == 200
    exec(
        complete, ns
    )  # its own load function returns None: fetch path with placeholders, caught
    assert len(updates) >= 1


def test_acg_snippets_with_real_token(testing_env: TestServer, tmp_path: Any) -> None:
    blocks = snippets(ACG_PAGE)
    init, auth_url, exchange, refresh, store, restore, complete = blocks
    ns = namespace(ACG_PAGE, str(tmp_path / "token.json"))
    updates: List[Any] = []
    real = acg_client(testing_env.url, updates)
    ns["client"] = real
    exec(auth_url, ns)
    assert ns["auth_url"].startswith(testing_env.url + "/oauth/authorize?")
    callback = testing_env.consent(ns["auth_url"])
    token = real.o_auth_acg.fetch_token_from_callback(
        callback, expected_state=callback.split("state=")[1].split("&")[0]
    )
    ns["save_token_to_database"](token)
    exec(exchange, ns)  # literal 'code': invalid_grant, caught; the real token stays
    assert ns["client"].o_auth_acg.token == token
    expire(ns["client"], "o_auth_acg")
    exec(
        refresh, ns
    )  # expired: refresh_token(), clone_with, MultiauthsampleClient(config)
    assert ns["token"].access_token != token.access_token
    assert ns["client"].authentication.o_auth_authorization_grant().status_code == 200
    exec(store, ns)
    exec(restore, ns)  # client from the stored (refreshed) token only
    client = ns["client"]
    assert client.config.o_auth_acg_credentials.o_auth_client_id is None
    assert client.authentication.o_auth_authorization_grant().status_code == 200
    exec(store, ns)
    exec(init, ns)
    exec(complete, ns)
