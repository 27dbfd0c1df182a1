"""HTTP Message Signatures (RFC 9421) with Ed25519, through ``http-message-signatures``.

A request covers its method, target URI and, with a body, its Content-Digest (RFC 9530); it
carries the signer's agency as ``keyid``, a creation time and a nonce. The receiver accepts it
only from a registered partner, within ``max_age`` of its creation (and not from the future
beyond the allowed skew), and only once: the nonce store refuses a replay.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from http_message_signatures import (
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    algorithms,
)
from http_message_signatures.exceptions import HTTPMessageSignaturesException

TAG = "corridor-exchange"
COVERED = ("@method", "@target-uri")


class SignatureRefused(Exception):
    """A request whose signature cannot be trusted; the message says why."""


@dataclass(slots=True)
class Message:
    """The parts of a request a signature covers."""

    method: str
    url: str
    headers: dict[str, str]


class _Keys(HTTPSignatureKeyResolver):
    def __init__(
        self,
        private: Ed25519PrivateKey | None = None,
        public: Callable[[str], Ed25519PublicKey | None] | None = None,
    ) -> None:
        self._private = private
        self._public = public

    def resolve_private_key(self, key_id: str) -> Ed25519PrivateKey:
        assert self._private is not None
        return self._private

    def resolve_public_key(self, key_id: str) -> Ed25519PublicKey | None:
        return self._public(key_id) if self._public else None


def sign(
    key: Ed25519PrivateKey,
    key_id: str,
    method: str,
    url: str,
    body: bytes | None,
    now: datetime | None = None,
) -> dict[str, str]:
    """The headers to add to the request: Signature-Input, Signature, Content-Digest."""
    message = Message(method.upper(), url, {})
    if body:
        message.headers["Content-Type"] = "application/json"
    signer = HTTPMessageSigner(signature_algorithm=algorithms.ED25519, key_resolver=_Keys(key))
    signer.sign(
        message,
        key_id=key_id,
        created=now or datetime.now(UTC),
        nonce=secrets.token_hex(16),
        tag=TAG,
        covered_component_ids=COVERED,
        body=body if body else None,
    )
    return message.headers


@dataclass(frozen=True, slots=True)
class Verified:
    key_id: str
    nonce: str
    created: datetime


def verify(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    public_key: Callable[[str], Ed25519PublicKey | None],
    max_age: timedelta,
    skew: timedelta,
) -> Verified:
    """Check a received request's signature; raise ``SignatureRefused`` saying why."""
    message = Message(method.upper(), url, {k.lower(): v for k, v in headers.items()})
    verifier = HTTPMessageVerifier(
        signature_algorithm=algorithms.ED25519, key_resolver=_Keys(public=public_key)
    )
    verifier.max_clock_skew = skew
    required: tuple[str, ...] = (*COVERED, "content-digest") if body else COVERED
    try:
        [result] = verifier.verify(
            message,
            max_age=max_age,
            expect_tag=TAG,
            require_components=required,
            body=body if body else None,
        )
    except ValueError:
        raise SignatureRefused("more than one signature, or none, with the exchange tag") from None
    except HTTPMessageSignaturesException as error:
        raise SignatureRefused(str(error) or type(error).__name__) from None
    params: dict[str, Any] = dict(result.parameters)
    nonce = params.get("nonce")
    if not isinstance(nonce, str) or len(nonce) < 16:
        raise SignatureRefused("the signature carries no nonce")
    return Verified(
        str(params.get("keyid")), nonce, datetime.fromtimestamp(int(params["created"]), UTC)
    )
