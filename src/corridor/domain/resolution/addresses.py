"""Addresses as one comparable form, whichever way a source punctuated or cased them:
``So 25, Ngõ 181 Quang Trung`` and ``SO 25 NGO 181 QUANG TRUNG`` are one address.

Only the writing is evened out (Latin letters, upper case, no punctuation, single spaces);
the same place written in two languages stays two values. Postal-address parsers (libpostal)
would expand abbreviations and read the parts, but need a 2 GB model per node for evidence
worth at most two bits here, so two records either give the same address or do not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corridor.domain.names.tokens import ascii_upper

_NOT_WORD = re.compile(r"[^A-Z0-9]+")
SHORTEST = 8  # characters: fewer ("HANOI", "LONDON") name a town, not a home


@lru_cache(maxsize=200_000)
def address_key(text: str) -> str | None:
    """The address in its comparable form, or None when too little is written to compare."""
    key = _NOT_WORD.sub(" ", ascii_upper(text)).strip()
    if len(key) < SHORTEST or " " not in key:
        return None
    return key
