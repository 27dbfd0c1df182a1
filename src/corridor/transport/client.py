"""Talking to a partner node: every request signed with this node's key (RFC 9421)."""

from __future__ import annotations

import json
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from corridor.transport.signing import sign

TIMEOUT = httpx.Timeout(10.0, connect=3.0)


class PartnerUnavailable(Exception):
    """The partner could not be reached, or failed (5xx) or could not check the signature
    (401: keys or clocks out of step); worth trying again later."""


class PartnerRefused(Exception):
    """The partner understood the request and refused it for good (403, 404, 409, 422):
    sending it again would be refused again."""


class PartnerClient:
    def __init__(
        self, base_url: str, agency: str, key: Ed25519PrivateKey, client: httpx.Client | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.agency = agency
        self.key = key
        self.http = client or httpx.Client(timeout=TIMEOUT)

    def _send(self, method: str, path: str, body: Any = None) -> Any:
        url = f"{self.base_url}{path}"
        content = json.dumps(body, separators=(",", ":")).encode() if body is not None else b""
        headers = sign(self.key, self.agency, method, url, content or None)
        try:
            response = self.http.request(method, url, content=content or None, headers=headers)
        except httpx.HTTPError as error:
            raise PartnerUnavailable(f"{url}: {error}") from None
        if response.status_code in (400, 403, 404, 409, 413, 422):
            raise PartnerRefused(f"{response.status_code} {response.text[:300]}")
        if response.status_code >= 400:
            raise PartnerUnavailable(f"{url}: {response.status_code} {response.text[:300]}")
        return response.json()

    def feed(self, after: int, limit: int) -> dict[str, Any]:
        """The partner's feed entries for this node's agency after sequence ``after``."""
        result: dict[str, Any] = self._send("GET", f"/exchange/v1/feed?after={after}&limit={limit}")
        return result

    def deliver(self, message: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = self._send("POST", "/exchange/v1/messages", message)
        return result

    def close(self) -> None:
        self.http.close()
