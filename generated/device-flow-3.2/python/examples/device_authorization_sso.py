"""OAuth 2 Device Authorization Grant example for the sso scheme of Device Flow.

Reads OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_REDIRECT_URI, OAUTH_SCOPES, API_BASE_URL from the environment (API_BASE_URL replaces the default server's URL), gets a token (prints where to sign in on another device and the code to enter, then waits for the approval), calls GET /device/me and prints its JSON body.

Run: python examples/device_authorization_sso.py
"""

import json
import os

from deviceflow import (
    DeviceflowClient,
    OAuthScopeSsoDeviceAuthorizationEnum,
    Server,
    SsoDeviceAuthorizationCredentials,
)


def env(name: str) -> str:
    """The value of an environment variable, or an empty string."""
    return os.environ.get(name, "")


def main() -> None:
    base_url = env("API_BASE_URL")
    scopes = []
    for scope in env("OAUTH_SCOPES").split():
        scopes.append(OAuthScopeSsoDeviceAuthorizationEnum(scope))
    client = DeviceflowClient(
        sso_device_authorization_credentials=SsoDeviceAuthorizationCredentials(
            o_auth_client_id=env("OAUTH_CLIENT_ID"),
            o_auth_client_secret=env("OAUTH_CLIENT_SECRET"),
            o_auth_scopes=scopes,
        ),
        base_urls={Server.DEFAULT: base_url} if base_url else None,
    )
    start = client.sso_device_authorization.start_device_authorization()
    print(f"Open {start.verification_uri} and enter {start.user_code}")
    client.sso_device_authorization.wait_for_device_token(start)
    response = client.account.get_me()
    try:
        print(json.dumps(json.loads(response.text), indent=2))
    except ValueError:
        print(response.text)


if __name__ == "__main__":
    main()
