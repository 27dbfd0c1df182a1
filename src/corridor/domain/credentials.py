"""Passwords (Argon2id) and API tokens (random, stored only as a SHA-256 digest)."""

from __future__ import annotations

import hashlib
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from corridor.errors import InvalidInput

_HASHER = PasswordHasher()
TOKEN_PREFIX = "cor_"  # noqa: S105 - a marker that makes leaked tokens easy to find
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}$")
MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def validate_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME.fullmatch(name):
        raise InvalidInput(
            f"username {username!r} must be 2-63 characters of a-z, 0-9, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return name


def new_token() -> tuple[str, str]:
    """A fresh token and the digest to store; the token itself is shown once and never kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, token_digest(token)


def token_digest(token: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough: no dictionary attack applies.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
