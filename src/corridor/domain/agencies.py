"""Agencies: the organisations a node serves, each identified by a code such as ``VNM-MPS``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corridor.domain.countries import is_country
from corridor.errors import InvalidInput

AGENCY_CODE = re.compile(r"^[A-Z]{3}-[A-Z0-9]{2,12}$")


@dataclass(frozen=True, slots=True)
class AgencySpec:
    code: str
    name: str
    country: str


def validate_agency(code: str, name: str, country: str) -> AgencySpec:
    """Normalise and check an agency's fields; raise ``InvalidInput`` naming the bad one."""
    code = code.strip().upper()
    name = " ".join(name.split())
    country = country.strip().upper()
    if not AGENCY_CODE.fullmatch(code):
        raise InvalidInput(
            f"agency code {code!r} is not of the form CCC-NAME "
            "(ISO alpha-3 country, a hyphen, 2-12 letters or digits), e.g. VNM-MPS"
        )
    if not name or len(name) > 200:
        raise InvalidInput("an agency needs a name of 1 to 200 characters")
    if not is_country(country):
        raise InvalidInput(f"{country!r} is not an ISO 3166-1 alpha-3 country code")
    if code[:3] != country:
        raise InvalidInput(f"agency code {code} should start with its country code {country}")
    return AgencySpec(code=code, name=name, country=country)
