"""OAuth 2 Resource Owner Credentials Grant example for the vaultPassword scheme of Password Vault.

Reads OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_REDIRECT_URI, OAUTH_SCOPES, API_BASE_URL from the environment (API_BASE_URL replaces the default server's URL), gets a token, calls GET /secrets and prints its JSON body.

Run: python examples/password.py
"""

import json
import os

from passwordvault import (
    PasswordvaultClient,
    Server,
    VaultPasswordCredentials,
)


def env(name: str) -> str:
    """The value of an environment variable, or an empty string."""
    return os.environ.get(name, "")


def main() -> None:
    base_url = env("API_BASE_URL")
    client = PasswordvaultClient(
        vault_password_credentials=VaultPasswordCredentials(
            o_auth_client_id=env("OAUTH_CLIENT_ID"),
            o_auth_client_secret=env("OAUTH_CLIENT_SECRET"),
            o_auth_username=env("OAUTH_USERNAME"),
            o_auth_password=env("OAUTH_PASSWORD"),
        ),
        base_urls={Server.DEFAULT: base_url} if base_url else None,
    )
    client.vault_password.fetch_token()
    response = client.secrets.list_secrets()
    try:
        print(json.dumps(json.loads(response.text), indent=2))
    except ValueError:
        print(response.text)


if __name__ == "__main__":
    main()
