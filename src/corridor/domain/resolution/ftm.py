"""Resolved entities as FollowTheMoney ``Person`` entities, each value kept as a statement
that names the record and source it came from, so partners' investigative tools (Aleph,
nomenklatura, yente) can read them and still tell who said what."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pycountry

# the node's record fields and the FtM Person properties they fill
PROPERTIES = {
    "full_name": "name",
    "birth_date": "birthDate",
    "nationality": "nationality",
    "sex": "gender",
    "document_number": "idNumber",
    "phone": "phone",
    "address": "address",
}
GENDERS = {"M": "male", "F": "female", "X": "other"}


def _country(alpha3: str) -> str:
    """FtM writes countries as lower-case ISO 3166-1 alpha-2 codes."""
    found = pycountry.countries.get(alpha_3=alpha3.upper()) if alpha3 else None
    return found.alpha_2.lower() if found else ""


def _value(field: str, raw: str) -> str:
    if field == "nationality":
        return _country(raw)
    if field == "sex":
        return GENDERS.get(raw.upper(), "")
    return raw.strip()


def person(agency: str, entity_id: int, records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """One entity as an FtM ``Person`` with its statements (``dataset`` is the record's
    source, ``entity_id`` the record, ``canonical_id`` the entity)."""
    canonical = f"{agency.lower()}-entity-{entity_id}"
    properties: dict[str, list[str]] = {}
    statements = []
    for record in records:
        for field, prop in PROPERTIES.items():
            value = _value(field, str(record.get(field) or ""))
            if not value:
                continue
            if value not in properties.setdefault(prop, []):
                properties[prop].append(value)
            statements.append(
                {
                    "canonical_id": canonical,
                    "entity_id": f"{agency.lower()}-record-{record['id']}",
                    "schema": "Person",
                    "prop": prop,
                    "value": value,
                    "original_value": str(record.get(field)),
                    "dataset": str(record.get("source") or ""),
                    "origin": str(record.get("source_id") or ""),
                }
            )
    return {
        "id": canonical,
        "schema": "Person",
        "properties": properties,
        "datasets": sorted({s["dataset"] for s in statements}),
        "statements": statements,
    }
