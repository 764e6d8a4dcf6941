"""OAuth 2 Client Credentials Grant example for the multiAuth scheme of Multi Flow.

Reads OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_REDIRECT_URI, OAUTH_SCOPES, API_BASE_URL from the environment (API_BASE_URL replaces the default server's URL), gets a token, calls GET /projects and prints its JSON body.

Run: python examples/client_credentials.py
"""

import json
import os

from multiflow import (
    MultiAuthClientCredentialsCredentials,
    MultiflowClient,
    Server,
)


def env(name: str) -> str:
    """The value of an environment variable, or an empty string."""
    return os.environ.get(name, "")


def main() -> None:
    base_url = env("API_BASE_URL")
    client = MultiflowClient(
        multi_auth_client_credentials_credentials=MultiAuthClientCredentialsCredentials(
            o_auth_client_id=env("OAUTH_CLIENT_ID"),
            o_auth_client_secret=env("OAUTH_CLIENT_SECRET"),
        ),
        base_urls={Server.DEFAULT: base_url} if base_url else None,
    )
    client.multi_auth_client_credentials.fetch_token()
    response = client.projects.list_projects()
    try:
        print(json.dumps(json.loads(response.text), indent=2))
    except ValueError:
        print(response.text)


if __name__ == "__main__":
    main()
