"""partnerKey: API key."""

from __future__ import annotations

from . import _simple


class PartnerKeyCredentials(_simple.ApiKeyCredentials):
    """Credentials of the partnerKey scheme (API key)."""

    __slots__ = ()
    ENV_PREFIX = "PARTNER_KEY_"


class PartnerKey(_simple.ApiKeyAuthManager):
    """Manager of the partnerKey scheme (API key)."""

    SCHEME_NAME = "partnerKey"
    PARAM_NAME = "X-Partner-Key"
    LOCATION = "header"
