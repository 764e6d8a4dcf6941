"""The documented surface of the generated package (issue 4) and the safety rules (issue 6)."""

from __future__ import annotations

import importlib
import logging
from typing import Any, List

import pytest
from conftest import TestServer
from sdk import REDIRECT, config_for, ropcg_client

import multiauthsample
from multiauthsample import (
    APIException,
    AuthRequiredException,
    Configuration,
    Environment,
    InsecureTransportException,
    MultiauthsampleClient,
    OAuthACGCredentials,
    OAuthProviderException,
    OAuthROPCGCredentials,
    OAuthToken,
    Server,
)


def test_module_paths_of_the_reference() -> None:
    paths = {
        "multiauthsample.multiauthsample_client": ["MultiauthsampleClient"],
        "multiauthsample.configuration": ["Configuration", "Environment", "Server"],
        "multiauthsample.http.auth.o_auth_acg": ["OAuthACG", "OAuthACGCredentials"],
        "multiauthsample.http.auth.o_auth_ropcg": [
            "OAuthROPCG",
            "OAuthROPCGCredentials",
        ],
        "multiauthsample.models.o_auth_token": ["OAuthToken"],
        "multiauthsample.models.o_auth_scope_o_auth_acg_enum": [
            "OAuthScopeOAuthACGEnum"
        ],
        "multiauthsample.models.o_auth_provider_error_enum": ["OAuthProviderErrorEnum"],
        "multiauthsample.exceptions.o_auth_provider_exception": [
            "OAuthProviderException"
        ],
        "multiauthsample.exceptions.api_exception": ["APIException"],
        "multiauthsample.controllers.authentication_controller": [
            "AuthenticationController"
        ],
    }
    for module, names in paths.items():
        mod = importlib.import_module(module)
        for name in names:
            assert getattr(multiauthsample, name) is getattr(mod, name)
    assert multiauthsample.__all__ == sorted(multiauthsample.__all__)
    from multiauthsample.models.o_auth_scope_o_auth_acg_enum import (
        OAuthScopeOAuthACGEnum,
    )

    assert OAuthScopeOAuthACGEnum.READ_SCOPE == "file_requests.read"
    assert (
        OAuthScopeOAuthACGEnum.from_value("read_scope")
        is OAuthScopeOAuthACGEnum.READ_SCOPE
    )


def test_client_construction_forms(srv: TestServer) -> None:  # weak spot 2
    token = OAuthToken("stored-access-token-1234", "Bearer")
    creds = OAuthACGCredentials(o_auth_token=token)
    config = Configuration(o_auth_acg_credentials=creds, timeout=5)
    for client in (MultiauthsampleClient(config), MultiauthsampleClient(config=config)):
        assert client.config is config
        assert client.o_auth_acg.token == token
    keyword = MultiauthsampleClient(
        o_auth_acg_credentials=creds, environment=Environment.PRODUCTION, timeout=7
    )
    assert (
        keyword.config.environment is Environment.PRODUCTION
        and keyword.config.timeout == 7
    )
    overridden = MultiauthsampleClient(config, timeout=0)
    assert (
        overridden.config.timeout == 0
        and overridden.config.o_auth_acg_credentials is creds
    )
    assert MultiauthsampleClient().config.environment is Environment.TESTING
    assert MultiauthsampleClient().authentication is not None
    with pytest.raises(TypeError):
        MultiauthsampleClient("not a config")  # type: ignore[arg-type]


def test_configuration_clone_with_sentinel_semantics() -> None:  # weak spot 1
    creds = OAuthROPCGCredentials(o_auth_client_id="id")
    config = Configuration(
        timeout=30, o_auth_ropcg_credentials=creds, allow_insecure_http=True
    )
    changed = config.clone_with(
        timeout=0, o_auth_ropcg_credentials=None, allow_insecure_http=False
    )
    assert (
        changed.timeout == 0
        and changed.o_auth_ropcg_credentials is None
        and changed.allow_insecure_http is False
    )
    assert config.timeout == 30 and config.o_auth_ropcg_credentials is creds
    with pytest.raises(TypeError):
        config.clone_with(timeuot=3)
    with pytest.raises(ValueError):
        Configuration(suites="9")
    assert (
        Configuration(environment=Environment.PRODUCTION, suites="3").get_base_uri()
        == "http://apimatic.hopto.org:3"
    )
    assert (
        Configuration(base_urls={Server.AUTH: "http://127.0.0.1:1"}).get_base_uri(
            Server.AUTH
        )
        == "http://127.0.0.1:1"
    )
    assert (
        Configuration().o_auth_acg_credentials is None
    )  # weak spot 19: no AttributeError


def test_from_environment_reads_real_environment_only() -> None:  # weak spot 18
    env = {
        "ENVIRONMENT": "production",
        "TIMEOUT": "0",
        "O_AUTH_ROPCG_O_AUTH_USERNAME": "alice",
        "O_AUTH_ACG_O_AUTH_CLOCK_SKEW": "15",
    }
    config = Configuration.from_environment(env, suites="2")
    assert (
        config.environment is Environment.PRODUCTION
        and config.timeout == 0
        and config.suites == "2"
    )
    assert (
        config.o_auth_ropcg_credentials is not None
        and config.o_auth_ropcg_credentials.o_auth_username == "alice"
    )
    assert (
        config.o_auth_acg_credentials is not None
        and config.o_auth_acg_credentials.o_auth_clock_skew == 15.0
    )


def test_insecure_token_url_refused_before_sending(srv: TestServer) -> None:
    client = MultiauthsampleClient(
        environment=Environment.PRODUCTION,
        o_auth_ropcg_credentials=OAuthROPCGCredentials(
            "ropcg-client", "ropcg-secret", "alice", "alice-password"
        ),
    )
    with pytest.raises(InsecureTransportException):
        client.o_auth_ropcg.fetch_token()


def test_every_operation_applies_its_requirement(
    srv: TestServer,
) -> None:  # weak spots 14, 20
    from multiauthsample import (
        ApiHeaderCredentials,
        ApiKeyCredentials,
        BasicAuthCredentials,
        OAuthBearerTokenCredentials,
    )

    config = config_for(
        srv.url,
        o_auth_bearer_token_credentials=OAuthBearerTokenCredentials(
            "static-bearer-token"
        ),
        basic_auth_credentials=BasicAuthCredentials("basic-user", "basic-pass"),
        api_key_credentials=ApiKeyCredentials("api-key-value"),
        api_header_credentials=ApiHeaderCredentials("api-key-value"),
    )
    api = MultiauthsampleClient(config).authentication
    assert api.o_auth_bearer_token().status_code == 200
    assert api.basic_auth_and_api_header_auth().status_code == 200
    assert api.custom_query_or_header_authentication().status_code == 200
    assert api.multiple_auth_combination().status_code == 200
    assert api.no_auth().status_code == 200
    assert (
        api.o_auth_grant_types_or_combinations().status_code == 200
    )  # CCG unconfigured: bearer used
    assert srv.token_requests() == []
    with pytest.raises(AuthRequiredException) as info:
        MultiauthsampleClient(
            config_for(srv.url)
        ).authentication.o_auth_authorization_grant()
    assert set(info.value.schemes) == {"OAuthACG", "OAuthROPCG"}


def test_client_credentials_grant_fetches_its_own_token(srv: TestServer) -> None:
    from multiauthsample import OAuthCCGCredentials

    updates: List[Any] = []
    client = MultiauthsampleClient(
        config_for(
            srv.url,
            o_auth_ccg_credentials=OAuthCCGCredentials(
                "ccg-client", "ccg-secret", o_auth_on_token_update=updates.append
            ),
        )
    )
    status = client.authentication.o_auth_client_credentials_grant()
    assert status.status_code == 200 and status.body.status
    client.authentication.o_auth_client_credentials_grant()
    assert len(srv.token_requests()) == 1 and len(updates) == 1
    assert srv.token_requests()[0]["path"] == "/oauth2/auth-server/request_token"


def test_wrong_password_and_secret_free_texts(
    srv: TestServer, caplog: pytest.LogCaptureFixture
) -> None:  # 12
    updates: List[Any] = []
    with caplog.at_level(logging.DEBUG, logger="multiauthsample"):
        client = ropcg_client(srv.url, updates, password="wrong-password-123")
        with pytest.raises(OAuthProviderException) as info:
            client.o_auth_ropcg.fetch_token()
        good = ropcg_client(srv.url, updates)
        token = good.o_auth_ropcg.fetch_token()
        response = good.authentication.o_auth_authorization_grant()
    texts = [
        str(info.value),
        repr(info.value),
        repr(client),
        repr(good.config),
        repr(token),
        repr(response),
        caplog.text,
    ]
    for secret in (
        "wrong-password-123",
        "alice-password",
        "ropcg-secret",
        token.access_token,
        token.refresh_token or "-",
    ):
        for text in texts:
            assert secret not in text
    assert info.value.error_code == "invalid_grant" and isinstance(
        info.value, APIException
    )
    assert OAuthToken.from_json(token.to_json()) == token
    assert REDIRECT not in repr(good)
