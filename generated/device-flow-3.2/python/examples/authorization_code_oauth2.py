"""OAuth 2 Authorization Code Grant example for the oauth2 scheme of Device Flow.

Reads OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_REDIRECT_URI, OAUTH_SCOPES, API_BASE_URL from the environment (API_BASE_URL replaces the default server's URL), gets a token (prints the consent URL, then reads the URL you were redirected to from stdin), calls GET /device/me and prints its JSON body.

Run: python examples/authorization_code_oauth2.py
"""

import json
import os
import sys

from deviceflow import (
    DeviceflowClient,
    Oauth2AuthorizationCodeCredentials,
    OAuthScopeOauth2AuthorizationCodeEnum,
    Server,
)


def env(name: str) -> str:
    """The value of an environment variable, or an empty string."""
    return os.environ.get(name, "")


def main() -> None:
    base_url = env("API_BASE_URL")
    scopes = []
    for scope in env("OAUTH_SCOPES").split():
        scopes.append(OAuthScopeOauth2AuthorizationCodeEnum(scope))
    client = DeviceflowClient(
        oauth2_authorization_code_credentials=Oauth2AuthorizationCodeCredentials(
            o_auth_client_id=env("OAUTH_CLIENT_ID"),
            o_auth_client_secret=env("OAUTH_CLIENT_SECRET"),
            o_auth_redirect_uri=env("OAUTH_REDIRECT_URI"),
            o_auth_scopes=scopes,
        ),
        base_urls={Server.DEFAULT: base_url} if base_url else None,
    )
    request = client.oauth2_authorization_code.authorization_request()
    print("Open this URL, consent, then paste the URL you were redirected to:")
    print(request.url)
    callback_url = sys.stdin.readline().strip()
    client.oauth2_authorization_code.fetch_token_from_callback(
        callback_url,
        expected_state=request.state,
        code_verifier=request.code_verifier,
    )
    response = client.account.get_me()
    try:
        print(json.dumps(json.loads(response.text), indent=2))
    except ValueError:
        print(response.text)


if __name__ == "__main__":
    main()
