"""The node's Ed25519 key pair: made once, kept in a file only the node's user can read."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from corridor.errors import InvalidInput


def create_key(path: Path) -> Ed25519PrivateKey:
    """Write a new private key to ``path`` (PKCS#8 PEM, mode 0600); never overwrites one."""
    if path.exists():
        raise InvalidInput(f"{path} already holds a key; a node keeps its key (move it away first)")
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    return key


def load_key(path: Path) -> Ed25519PrivateKey:
    if not path.is_file():
        raise InvalidInput(f"no node key at {path}: run `corridor node init` first")
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInput(f"{path} does not hold an Ed25519 private key")
    return key


def public_text(key: Ed25519PrivateKey) -> str:
    """The public key as partners register it: 32 raw bytes in base64 (44 characters)."""
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def parse_public(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise InvalidInput(
            "a public key is 32 bytes of Ed25519 in base64 (44 characters)"
        ) from None
