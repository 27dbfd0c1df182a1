"""State codes: ISO 3166-1 alpha-3, and the codes ICAO 9303 adds for travel documents."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

import pycountry


@lru_cache(maxsize=1)
def iso_alpha3() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> English short name."""
    return {c.alpha_3: c.name for c in pycountry.countries}


@lru_cache(maxsize=1)
def icao_extra_codes() -> dict[str, str]:
    """MRZ codes that are not ISO alpha-3 (``D``, ``XXA``, ``UTO``...)."""
    text = resources.files("corridor.data").joinpath("icao_codes.csv").read_text("utf-8")
    return {row["code"]: row["name"] for row in csv.DictReader(text.splitlines())}


def is_country(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 code, as agencies and nationalities use."""
    return code in iso_alpha3()


def is_document_state(code: str) -> bool:
    """True for any state or organisation code an ICAO 9303 document may carry."""
    return code in iso_alpha3() or code in icao_extra_codes()


def country_name(code: str) -> str:
    return iso_alpha3().get(code) or icao_extra_codes().get(code) or code
