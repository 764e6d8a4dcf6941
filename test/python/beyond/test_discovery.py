"""RFC 8414 metadata: the spec's static URLs of `sso` are wrong, so only discovery works."""

from __future__ import annotations

import pytest
from conftest import Server
from deviceflow import (
    APIException,
    AuthorizationServerMetadataException,
    IssuerMismatchException,
    SsoAuthorizationCodeCredentials,
    SsoDeviceAuthorizationCredentials,
)
from helpers import DEVICE_CLIENT, SCOPES, client

METADATA = "/.well-known/oauth-authorization-server"


def sso(srv: Server, **kw: object) -> object:
    return client(
        srv.url,
        sso_device_authorization_credentials=SsoDeviceAuthorizationCredentials(
            **DEVICE_CLIENT, o_auth_scopes=SCOPES, **kw
        ),
        sso_authorization_code_credentials=SsoAuthorizationCodeCredentials(
            **DEVICE_CLIENT,
            o_auth_scopes=SCOPES,
            o_auth_redirect_uri="http://127.0.0.1:9/cb",
            **kw,
        ),
    )


def test_discovery_beats_wrong_static_urls_and_is_fetched_once(srv: Server) -> None:
    srv.settings(deviceInterval=0)
    c = sso(srv)
    start = c.sso_device_authorization.start_device_authorization()  # type: ignore[attr-defined]
    srv.approve(start.user_code)
    c.sso_device_authorization.wait_for_device_token(start)  # type: ignore[attr-defined]
    assert c.account.get_me().body.name == "alice"  # type: ignore[attr-defined]
    url = c.sso_authorization_code.get_authorization_url()  # type: ignore[attr-defined]
    assert url.startswith(srv.url + "/oauth/authorize?")
    meta = c.sso_authorization_code.authorization_server_metadata()  # type: ignore[attr-defined]
    assert meta.issuer == srv.url
    paths = [e["path"] for e in srv.log()]
    assert not [p for p in paths if p.startswith("/static/")]
    assert paths.count(METADATA) == 1


def test_fallback_to_static_urls_when_metadata_fails(srv: Server) -> None:
    srv.fault(target="metadata", kind="500")
    c = sso(srv)
    with pytest.raises(APIException) as info:
        c.sso_device_authorization.start_device_authorization()  # type: ignore[attr-defined]
    assert info.value.response_code == 404
    assert "/static/device_authorization" in [e["path"] for e in srv.log()]


def test_pinned_metadata_refuses_the_static_urls(srv: Server) -> None:
    srv.fault(target="metadata", kind="reset")
    c = sso(srv, o_auth_discovery="metadata")
    with pytest.raises(AuthorizationServerMetadataException):
        c.sso_device_authorization.start_device_authorization()  # type: ignore[attr-defined]
    assert not [e for e in srv.log() if e["path"].startswith("/static/")]


def test_pinned_static_never_fetches(srv: Server) -> None:
    c = sso(srv, o_auth_discovery="static")
    with pytest.raises(APIException):
        c.sso_device_authorization.start_device_authorization()  # type: ignore[attr-defined]
    assert [e["path"] for e in srv.log()] == ["/static/device_authorization"]


def test_bad_discovery_mode_is_refused() -> None:
    with pytest.raises(ValueError):
        SsoDeviceAuthorizationCredentials(o_auth_discovery="sometimes")


@pytest.mark.parametrize("mode", [None, "auto", "metadata"])
def test_issuer_mismatch_is_refused_in_every_mode(srv: Server, mode: object) -> None:
    srv.settings(metadataIssuer="https://attacker.example")
    c = sso(srv, o_auth_discovery=mode)
    with pytest.raises(IssuerMismatchException) as info:
        c.sso_device_authorization.start_device_authorization()  # type: ignore[attr-defined]
    assert "attacker.example" in str(info.value)
    assert {e["path"] for e in srv.log()} == {METADATA}
