"""Credentials objects: optional fields, clone_with that can clear, env, redaction."""

from __future__ import annotations

import pytest
from support import ACGCreds, ROPCGCreds, Scope

from rtpkg.http.auth.token_store import InMemoryTokenStore
from rtpkg.models.o_auth_token import OAuthToken

SECRET = "client-secret-value-XYZ1"
PASSWORD = "resource-owner-password-Q9"


def test_token_only_credentials_are_accepted() -> None:  # weak spot 2
    token = OAuthToken("access-token-value-abcd", "Bearer")
    creds = ACGCreds(o_auth_token=token)
    assert creds.o_auth_token is token
    assert creds.o_auth_client_id is None
    assert ROPCGCreds(o_auth_token=token).o_auth_username is None


def test_clone_with_can_clear_and_set_falsy_values() -> None:  # weak spot 1
    token = OAuthToken("access-token-value-abcd", "Bearer")
    creds = ACGCreds("id", SECRET, "http://127.0.0.1/cb", token, [Scope.READ_SCOPE])
    cleared = creds.clone_with(o_auth_token=None, o_auth_scopes=[], o_auth_clock_skew=0)
    assert cleared.o_auth_token is None
    assert cleared.o_auth_scopes == []
    assert cleared.o_auth_clock_skew == 0
    assert cleared.o_auth_client_id == "id"
    assert creds.o_auth_token is token  # the original is unchanged
    assert creds.clone_with(o_auth_client_id="").o_auth_client_id == ""
    assert isinstance(cleared, ACGCreds)


def test_clone_with_rejects_unknown_keys() -> None:
    with pytest.raises(TypeError, match="o_auth_clientid"):
        ACGCreds().clone_with(o_auth_clientid="x")


def test_credentials_are_read_only() -> None:
    creds = ACGCreds("id")
    with pytest.raises(AttributeError):
        creds.o_auth_client_id = "other"  # type: ignore[misc]


def test_repr_str_and_vars_hide_secrets() -> None:  # weak spot 12
    token = OAuthToken(
        "access-token-value-abcd", "Bearer", refresh_token="refresh-token-value-efgh"
    )
    creds = ROPCGCreds("id", SECRET, "alice", PASSWORD, token)
    for text in (repr(creds), str(creds)):
        assert SECRET not in text and PASSWORD not in text
        assert "access-token-value" not in text and "refresh-token-value" not in text
        assert "XYZ1" not in text  # issue 10 item 15: nothing of a secret or password
        assert "o_auth_client_secret='***'" in text and "o_auth_password='***'" in text
    with pytest.raises(TypeError):
        vars(creds)


def test_from_environment_maps_scope_names_and_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # 16
    env = {
        "O_AUTH_ACG_O_AUTH_CLIENT_ID": "id",
        "O_AUTH_ACG_O_AUTH_CLIENT_SECRET": SECRET,
        "O_AUTH_ACG_O_AUTH_REDIRECT_URI": "http://127.0.0.1/cb",
        "O_AUTH_ACG_O_AUTH_SCOPES": "READ_SCOPE, file_requests.read",
        "O_AUTH_ACG_O_AUTH_CLOCK_SKEW": "30",
    }
    creds = ACGCreds.from_environment(env)
    assert creds is not None
    assert creds.o_auth_scopes == ["file_requests.read", "file_requests.read"]
    assert creds.o_auth_clock_skew == 30.0  # weak spot 18: a number, not a string
    with pytest.raises(ValueError, match="unknown scope"):
        ACGCreds.from_environment({"O_AUTH_ACG_O_AUTH_SCOPES": "READ,WRITE"})
    with pytest.raises(ValueError, match="CLOCK_SKEW"):
        ACGCreds.from_environment({"O_AUTH_ACG_O_AUTH_CLOCK_SKEW": "soon"})
    assert ACGCreds.from_environment({}) is None
    monkeypatch.setenv("O_AUTH_ROPCG_O_AUTH_USERNAME", "alice")
    ropcg = ROPCGCreds.from_environment()
    assert ropcg is not None and ropcg.o_auth_username == "alice"


def test_scopes_accept_any_iterable_and_reject_unknown() -> None:  # weak spot 15
    assert ACGCreds(o_auth_scopes=(Scope.READ_SCOPE,)).o_auth_scopes == [
        Scope.READ_SCOPE
    ]
    with pytest.raises(ValueError):
        ACGCreds(o_auth_scopes=["write"])


def test_validation_of_options() -> None:
    with pytest.raises(ValueError):
        ACGCreds(o_auth_client_auth="client_secret_jwt")
    with pytest.raises(ValueError):
        ACGCreds(o_auth_clock_skew=-1)
    with pytest.raises(TypeError):
        ACGCreds(o_auth_on_token_update="not callable")  # type: ignore[arg-type]
    store = InMemoryTokenStore()
    assert ACGCreds(o_auth_token_store=store).o_auth_token_store is store
