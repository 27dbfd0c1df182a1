"""The audit trail's chain: each entry's hash covers its fields and the previous entry's hash,
so an entry edited, removed or moved behind the product's back breaks every hash after it."""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def entry_hash(previous: str, fields: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and the entry's fields in a canonical JSON form."""
    body = json.dumps(
        fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(f"{previous}\n{body}".encode()).hexdigest()
