"""OAuth 2 Resource Owner Credentials Grant example for the multiAuth scheme of Multi Flow.

Reads OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_REDIRECT_URI, OAUTH_SCOPES, API_BASE_URL from the environment (API_BASE_URL replaces the default server's URL), gets a token, calls GET /projects and prints its JSON body.

Run: python examples/password.py
"""

import json
import os

from multiflow import (
    MultiAuthPasswordCredentials,
    MultiflowClient,
    OAuthScopeMultiAuthPasswordEnum,
    Server,
)


def env(name: str) -> str:
    """The value of an environment variable, or an empty string."""
    return os.environ.get(name, "")


def main() -> None:
    base_url = env("API_BASE_URL")
    scopes = []
    for scope in env("OAUTH_SCOPES").split():
        scopes.append(OAuthScopeMultiAuthPasswordEnum(scope))
    client = MultiflowClient(
        multi_auth_password_credentials=MultiAuthPasswordCredentials(
            o_auth_client_id=env("OAUTH_CLIENT_ID"),
            o_auth_client_secret=env("OAUTH_CLIENT_SECRET"),
            o_auth_username=env("OAUTH_USERNAME"),
            o_auth_password=env("OAUTH_PASSWORD"),
            o_auth_scopes=scopes,
        ),
        base_urls={Server.DEFAULT: base_url} if base_url else None,
    )
    client.multi_auth_password.fetch_token()
    response = client.projects.list_projects()
    try:
        print(json.dumps(json.loads(response.text), indent=2))
    except ValueError:
        print(response.text)


if __name__ == "__main__":
    main()
