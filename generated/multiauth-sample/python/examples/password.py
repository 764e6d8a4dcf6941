"""OAuth 2 Resource Owner Credentials Grant example for the OAuthROPCG scheme of MultiAuth-Sample.

Reads OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_REDIRECT_URI, OAUTH_SCOPES, API_BASE_URL from the environment (API_BASE_URL replaces the default server's URL), gets a token, calls GET /oauth2/non-auth-server/user and prints its JSON body.

Run: python examples/password.py
"""

import json
import os

from multiauthsample import (
    MultiauthsampleClient,
    OAuthROPCGCredentials,
    Server,
)


def env(name: str) -> str:
    """The value of an environment variable, or an empty string."""
    return os.environ.get(name, "")


def main() -> None:
    base_url = env("API_BASE_URL")
    client = MultiauthsampleClient(
        o_auth_ropcg_credentials=OAuthROPCGCredentials(
            o_auth_client_id=env("OAUTH_CLIENT_ID"),
            o_auth_client_secret=env("OAUTH_CLIENT_SECRET"),
            o_auth_username=env("OAUTH_USERNAME"),
            o_auth_password=env("OAUTH_PASSWORD"),
        ),
        base_urls={Server.DEFAULT: base_url} if base_url else None,
    )
    client.o_auth_ropcg.fetch_token()
    response = client.authentication.o_auth_authorization_grant()
    try:
        print(json.dumps(json.loads(response.text), indent=2))
    except ValueError:
        print(response.text)


if __name__ == "__main__":
    main()
