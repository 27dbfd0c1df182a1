"""Latin names as upper-case ASCII tokens: diacritics gone (``Nguyễn Thị`` -> NGUYEN THI),
titles and punctuation dropped, hyphens and commas splitting like spaces."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from anyascii import anyascii

TITLES = frozenset({"MR", "MRS", "MS", "MISS", "MX", "DR", "PROF", "SIR", "MADAM", "MDM"})
SUFFIXES = frozenset({"JR", "SR", "JNR", "SNR", "II", "III", "IV"})
_SPLIT = re.compile(r"[^A-Z0-9]+")
_SPECIAL = str.maketrans(
    {
        "Đ": "D",
        "đ": "D",
        "Ø": "O",
        "ø": "O",
        "Ł": "L",
        "ł": "L",
        "ß": "SS",
        "Æ": "AE",
        "æ": "AE",
        "Œ": "OE",
        "œ": "OE",
    }
)


class _Marks(dict[int, int | None]):
    """``str.translate``'s table that drops combining marks, filled in as characters are met
    (the marks are scattered over the whole of Unicode)."""

    def __missing__(self, point: int) -> int | None:
        kept = None if unicodedata.combining(chr(point)) else point
        self[point] = kept
        return kept


_MARKS = _Marks()


def ascii_upper(text: str) -> str:
    """Diacritics removed and upper-cased; other scripts are left to ``transliterate``."""
    if text.isascii():  # most names and addresses: nothing to fold
        return text.upper()
    folded = unicodedata.normalize("NFKD", text.translate(_SPECIAL)).translate(_MARKS)
    if not folded.isascii():
        folded = anyascii(folded)
    return folded.upper()


ARTICLES = frozenset({"AL", "EL", "UL"})


def latin_tokens(text: str) -> list[str]:
    """``"Mr. O'Brien-Smith, John"`` -> ``["OBRIEN", "SMITH", "JOHN"]``. An Arabic article is
    joined to the name it precedes (AL-AMIN, EL AMIN and ALAMIN all give one token)."""
    upper = ascii_upper(text).replace("'", "").replace("’", "")
    tokens = [t for t in _SPLIT.split(upper) if t]
    tokens = [t for t in tokens if t not in TITLES and t not in SUFFIXES] or tokens
    joined: list[str] = []
    for token in tokens:
        if joined and joined[-1] in ARTICLES and len(tokens) > 2:
            joined[-1] += token
        else:
            joined.append(token)
    return joined


@lru_cache(maxsize=1)
def middle_names() -> frozenset[str]:
    """Name parts that say little on their own (Văn, Thị, bin, al...), from a data file."""
    text = resources.files("corridor.data").joinpath("names/middle_names.csv").read_text("utf-8")
    return frozenset(row["name"] for row in csv.DictReader(text.splitlines()))
