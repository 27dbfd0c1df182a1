"""FollowTheMoney entities in and out: published lists (OpenSanctions and others) load as they
are, and alerts leave in the same shape for partners' investigative tools.

A ``Person`` carries the names, birth date, nationality and gender; ``Passport`` and
``Identification`` entities point at it through ``holder``; a ``Sanction`` through ``entity``
(a sanctioned person becomes a ``watch`` alert unless the row says otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from corridor.domain.screening.alerts import AlertSpec, AlertType, NameKind

Entity = dict[str, Any]
# FollowTheMoney topics for each alert type ("poi": person of interest).
TOPICS = {
    AlertType.WANTED: "wanted",
    AlertType.SUSPECT_TRAFFICKER: "crime.traffick",
    AlertType.SUSPECT_SMUGGLER: "crime",
}


def _values(entity: Entity, prop: str) -> list[str]:
    return [str(v) for v in entity.get("properties", {}).get(prop, []) if str(v).strip()]


def alert_rows(entities: Iterable[Entity]) -> Iterator[dict[str, Any]]:
    """Alert rows (as ``validate_alert`` reads them) from FtM entities, one per Person."""
    people: dict[str, Entity] = {}
    documents: dict[str, list[str]] = {}
    sanctioned: set[str] = set()
    for entity in entities:
        schema = entity.get("schema")
        if schema == "Person":
            people[str(entity.get("id"))] = entity
        elif schema in ("Passport", "Identification"):
            for holder in _values(entity, "holder"):
                documents.setdefault(holder, []).extend(_values(entity, "number"))
        elif schema == "Sanction":
            sanctioned.update(_values(entity, "entity"))
    for person_id, person in people.items():
        names = _values(person, "name")
        if not names:
            first, last = _values(person, "firstName"), _values(person, "lastName")
            names = [" ".join([*last[:1], *first[:1]])] if first or last else []
        numbers = (
            documents.get(person_id, [])
            + _values(person, "passportNumber")
            + _values(person, "idNumber")
        )
        gender = (_values(person, "gender") or [""])[0].lower()
        yield {
            "id": person_id,
            "full_name": "|".join(names),
            "aliases": "|".join(_values(person, "alias") + _values(person, "weakAlias")),
            "birth_date": (_values(person, "birthDate") or [""])[0],
            "nationality": "|".join(
                _country(c) for c in _values(person, "nationality") + _values(person, "citizenship")
            ),
            "sex": {"male": "M", "female": "F"}.get(gender, ""),
            "document_number": "|".join(dict.fromkeys(numbers)),
            "alert_type": "watch" if person_id in sanctioned else "",
        }


def _country(code: str) -> str:
    """FtM countries are ISO alpha-2 (lower case); alerts keep alpha-3."""
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    return found.alpha_3 if found else code.upper()


def _alpha2(code: str) -> str:
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return found.alpha_2.lower() if found else code.lower()


def to_entities(alert: AlertSpec, owner: str) -> list[Entity]:
    """A Person (and a Passport per document) for one alert, ids prefixed by the owner."""
    person_id = f"{owner.lower()}-{alert.reference}"
    primary = [n.name for n in alert.names if n.kind is not NameKind.ALIAS]
    properties: dict[str, list[str]] = {
        "name": primary or [alert.names[0].name],
        "alias": [n.name for n in alert.names if n.kind is NameKind.ALIAS],
        "birthDate": [alert.birth_date] if alert.birth_date else [],
        "nationality": [_alpha2(c) for c in alert.nationalities],
        "gender": {"M": ["male"], "F": ["female"]}.get(alert.sex, []),
        "topics": [TOPICS.get(alert.alert_type, "poi")],
        "notes": [f"{alert.alert_type.value}: {alert.action}"],
    }
    entities: list[Entity] = [
        {
            "id": person_id,
            "schema": "Person",
            "properties": {k: v for k, v in properties.items() if v},
        }
    ]
    for number in alert.documents:
        entities.append(
            {
                "id": f"{person_id}-doc-{number}",
                "schema": "Passport",
                "properties": {"holder": [person_id], "number": [number]},
            }
        )
    return entities
