"""Names written for a machine-readable zone: ICAO 9303 Part 3's recommended transliterations
(kept as data files), diacritics removed, and anything left reduced to A-Z and fillers."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from anyascii import anyascii

_NOT_NAME = re.compile(r"[^A-Z<]")
_NOT_ALNUM = re.compile(r"[^A-Z0-9<]")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    folder = resources.files("corridor.data").joinpath("transliteration")
    for name in ("icao_latin.csv", "icao_cyrillic.csv"):
        rows = csv.DictReader(folder.joinpath(name).read_text("utf-8").splitlines())
        for row in rows:
            table[row["char"]] = row["mrz"]
            if row["char"].upper() != row["char"].lower():  # Cyrillic rows list capitals only
                table.setdefault(row["char"].lower(), row["mrz"])
    return table


def to_mrz_name_part(text: str) -> str:
    """One name part (``Nguyễn Thị``, ``Đặng``, ``O'Brien``, ``Жанна``) as MRZ characters."""
    return _NOT_NAME.sub("", _fold(text)).strip("<")


def to_mrz_alphanumeric(text: str) -> str:
    """A number or code field (``c 1234-567`` -> ``C1234567``): letters and digits only."""
    return _NOT_ALNUM.sub("", _fold(text)).replace("<", "")


def _fold(text: str) -> str:
    table = _table()
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char in table:
            out.append(table[char])
            continue
        base = unicodedata.normalize("NFKD", char)
        base = "".join(c for c in base if not unicodedata.combining(c))
        out.append(base if base.isascii() else anyascii(base))
    upper = "".join(out).upper()
    upper = re.sub(r"['’`.]", "", upper)  # apostrophes and dots are dropped
    return re.sub(r"[\s,\-]+", "<", upper.strip())  # spaces and hyphens become fillers


def name_field(surname: str, given_names: str, width: int) -> str:
    """``SURNAME<<GIVEN<NAMES`` padded or truncated to ``width`` (ICAO 9303 Part 3 §4.6)."""
    primary = to_mrz_name_part(surname)
    secondary = to_mrz_name_part(given_names)
    field = f"{primary}<<{secondary}" if secondary else primary
    if len(field) > width:
        field = field[:width]
    return field.ljust(width, "<")
