"""Authorization Code Grant: URL, PKCE, state, callback checks, code exchange."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest
from support import (
    ACG,
    BASE,
    ACGCreds,
    FakeServer,
    Scope,
    form_of,
    json_response,
    make_context,
)

from rtpkg.exceptions import (
    ConfigurationException,
    InsecureTransportException,
    OAuthCallbackException,
    StateMismatchException,
)
from rtpkg.models.o_auth_provider_error_enum import OAuthProviderErrorEnum

REDIRECT = "http://127.0.0.1:8765/callback"


def manager(server: FakeServer, **kw: object) -> ACG:
    creds = ACGCreds(
        "acg-client", "acg-secret", REDIRECT, None, [Scope.READ_SCOPE], **kw
    )  # type: ignore[arg-type]
    return ACG(creds, make_context(server))


def test_authorization_url_has_pkce_state_and_no_network() -> None:  # weak spots 3, 4
    server = FakeServer()
    req = manager(server).authorization_request()
    parts = urlsplit(req.url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == BASE + "/oauth/authorize"
    q = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert q["response_type"] == "code"
    assert q["client_id"] == "acg-client"
    assert q["redirect_uri"] == REDIRECT
    assert q["scope"] == "file_requests.read"
    assert q["state"] == req.state and len(req.state) >= 32
    assert req.code_verifier is not None and 43 <= len(req.code_verifier) <= 128
    expected = (
        base64.urlsafe_b64encode(hashlib.sha256(req.code_verifier.encode()).digest())
        .rstrip(b"=")
        .decode()
    )
    assert q["code_challenge"] == expected
    assert q["code_challenge_method"] == "S256"
    assert "%20" not in req.url or "+" not in req.url
    assert server.requests == []
    other = manager(server).authorization_request()
    assert other.state != req.state and other.code_verifier != req.code_verifier
    assert req.code_verifier not in repr(req)


def test_get_authorization_url_is_a_string_and_state_can_be_given() -> None:
    url = manager(FakeServer()).get_authorization_url(
        state="my-state", additional_params={"prompt": "login"}
    )
    q = parse_qs(urlsplit(url).query)
    assert q["state"] == ["my-state"] and q["prompt"] == ["login"]


@pytest.mark.parametrize(
    "key",
    [
        "response_type",
        "client_id",
        "redirect_uri",
        "state",
        "code_challenge",
        "code_challenge_method",
        "Grant_Type",
    ],
)
def test_additional_params_cannot_override_protocol_parameters(
    key: str,
) -> None:  # weak spot 15
    with pytest.raises(ValueError, match="protocol parameters"):
        manager(FakeServer()).get_authorization_url(additional_params={key: "evil"})


def test_unconfigured_client_cannot_build_a_url() -> None:  # weak spot 15
    with pytest.raises(ConfigurationException):
        ACG(ACGCreds(), make_context(FakeServer())).get_authorization_url()
    with pytest.raises(ConfigurationException):
        ACG(None, make_context(FakeServer())).get_authorization_url()


def test_public_client_requires_pkce() -> None:  # weak spot 13
    with pytest.raises(ConfigurationException, match="PKCE"):
        manager(
            FakeServer(), o_auth_client_auth="none", o_auth_use_pkce=False
        ).get_authorization_url()


def test_insecure_authorization_url_rejected_unless_loopback() -> None:
    server = FakeServer()
    creds = ACGCreds("acg-client", "acg-secret", REDIRECT)
    with pytest.raises(InsecureTransportException):
        ACG(
            creds, make_context(server, base="http://auth.example.com")
        ).get_authorization_url()
    assert ACG(
        creds,
        make_context(server, base="http://auth.example.com", allow_insecure_http=True),
    ).get_authorization_url()
    assert ACG(
        creds, make_context(server, base="https://auth.example.com")
    ).get_authorization_url()
    assert ACG(
        creds, make_context(server, base="http://localhost:3000")
    ).get_authorization_url()
    assert ACG(
        creds, make_context(server, base="http://[::1]:3000")
    ).get_authorization_url()


def test_callback_state_checks_happen_before_network() -> None:  # weak spot 4
    server = FakeServer()
    m = manager(server)
    req = m.authorization_request()
    with pytest.raises(StateMismatchException):
        m.fetch_token_from_callback(
            REDIRECT + "?code=abc", req.state, req.code_verifier
        )
    with pytest.raises(StateMismatchException):
        m.fetch_token_from_callback(
            REDIRECT + "?code=abc&state=forged", req.state, req.code_verifier
        )
    with pytest.raises(ConfigurationException):
        m.fetch_token_from_callback(
            REDIRECT + "?code=abc&state=", "", req.code_verifier
        )
    with pytest.raises(OAuthCallbackException) as info:
        m.fetch_token_from_callback(
            REDIRECT
            + f"?error=access_denied&error_description=User+said+no&state={req.state}",
            req.state,
        )
    assert info.value.error is OAuthProviderErrorEnum.ACCESS_DENIED  # weak spot 17
    assert info.value.error_description == "User said no"
    assert info.value.state == req.state
    assert server.requests == []


def test_issuer_is_checked_when_configured() -> None:
    server = FakeServer()
    m = manager(server, o_auth_issuer="https://issuer.example")
    req = m.authorization_request()
    with pytest.raises(OAuthCallbackException, match="iss"):
        m.fetch_token_from_callback(
            REDIRECT + f"?code=abc&state={req.state}&iss=https://evil.example",
            req.state,
        )
    with pytest.raises(OAuthCallbackException, match="iss"):
        m.fetch_token_from_callback(
            REDIRECT + f"?code=abc&state={req.state}", req.state
        )
    assert server.requests == []
    token = m.fetch_token_from_callback(
        REDIRECT + f"?code=abc&state={req.state}&iss=https%3A%2F%2Fissuer.example",
        req.state,
    )
    assert token.access_token.startswith("access-token")


def test_code_exchange_sends_verifier_and_basic_auth() -> None:  # weak spot 13
    server = FakeServer()
    m = manager(server)
    req = m.authorization_request()
    updates = []
    m2 = ACG(
        m.credentials.clone_with(o_auth_on_token_update=updates.append), m._context
    )  # type: ignore[union-attr]
    req = m2.authorization_request()
    token = m2.fetch_token_from_callback(
        REDIRECT + f"?code=the-code&state={req.state}", req.state
    )
    (sent,) = server.token_requests()
    form = form_of(sent)
    assert form == {
        "grant_type": "authorization_code",
        "code": "the-code",
        "redirect_uri": REDIRECT,
        "code_verifier": req.code_verifier,
    }
    assert (
        sent.headers["authorization"]
        == "Basic " + base64.b64encode(b"acg-client:acg-secret").decode()
    )
    assert sent.headers["accept"] == "application/json"
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert "accesstoken" not in {k.lower() for k in sent.headers}  # weak spot 20
    assert m2.token == token and updates == [token]


def test_fetch_token_uses_latest_pending_verifier() -> None:
    server = FakeServer()
    m = manager(server)
    req = m.authorization_request()
    m.fetch_token("code-1")
    assert form_of(server.token_requests()[0])["code_verifier"] == req.code_verifier


def test_odd_client_credentials_are_form_encoded_before_basic() -> None:  # weak spot 13
    server = FakeServer()
    creds = ACGCreds("odd:client%id", "s3cr3t:with%odd&chars", REDIRECT)
    ACG(creds, make_context(server)).fetch_token("c")
    header = server.token_requests()[0].headers["authorization"]
    decoded = base64.b64decode(header.split(" ")[1]).decode()
    assert decoded == "odd%3Aclient%25id:s3cr3t%3Awith%25odd%26chars"


def test_missing_secret_raises_before_sending() -> None:  # weak spot 13
    server = FakeServer()
    with pytest.raises(ConfigurationException, match="secret"):
        ACG(ACGCreds("id", None, REDIRECT), make_context(server)).fetch_token("c")
    assert server.requests == []


def test_client_secret_post_and_public_client() -> None:
    server = FakeServer()
    ACG(
        ACGCreds("id", "sec", REDIRECT, o_auth_client_auth="client_secret_post"),
        make_context(server),
    ).fetch_token("c")
    sent = server.token_requests()[-1]
    assert "authorization" not in sent.headers
    assert (
        form_of(sent)["client_id"] == "id" and form_of(sent)["client_secret"] == "sec"
    )
    ACG(
        ACGCreds("pub", None, REDIRECT, o_auth_client_auth="none"), make_context(server)
    ).fetch_token("c")
    sent = server.token_requests()[-1]
    assert "authorization" not in sent.headers
    assert form_of(sent)["client_id"] == "pub" and "client_secret" not in form_of(sent)


def test_provider_error_on_code_exchange() -> None:
    server = FakeServer()
    server.token_responses = [
        json_response(400, {"error": "invalid_grant", "error_description": "used"})
    ]
    from rtpkg.exceptions import OAuthProviderException

    with pytest.raises(OAuthProviderException) as info:
        manager(server).fetch_token("reused")
    assert info.value.error is OAuthProviderErrorEnum.INVALID_GRANT
    assert info.value.status_code == 400
    assert "reused" not in str(info.value)
