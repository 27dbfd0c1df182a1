"""Phone numbers as one canonical form (E.164), whichever way a source wrote them:
``+84 90 123 4567``, ``0901234567`` and ``0084901234567`` are one number. Google's
libphonenumber rules (the ``phonenumbers`` package) know each country's trunk and exit codes."""

from __future__ import annotations

import re
from functools import lru_cache

# The country a source's numbers are local to, by the source's first three letters.
REGIONS = {
    "VNM": "VN",
    "GBR": "GB",
    "CHN": "CN",
    "JPN": "JP",
    "KOR": "KR",
    "THA": "TH",
    "KHM": "KH",
    "LAO": "LA",
    "PHL": "PH",
    "IDN": "ID",
    "MYS": "MY",
}


_LAYOUT = re.compile(r"[\s\-./()]")  # what sources put between digits; libphonenumber drops it


def normalise_phone(raw: str, region: str | None) -> str | None:
    """The number in E.164, or None when it cannot be read as a possible number."""
    text = _LAYOUT.sub("", raw)
    if text.startswith("00"):
        text = "+" + text[2:]
    return _e164(text, region) if text else None


@lru_cache(maxsize=200_000)  # by the digits: one number written three ways is parsed once
def _e164(text: str, region: str | None) -> str | None:
    import phonenumbers  # here: a bulk run parses phones in a process of its own

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def region_of(source: str, nationality: str) -> str | None:
    return REGIONS.get(source[:3].upper()) or REGIONS.get(nationality.upper())
