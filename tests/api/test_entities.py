"""Entities through the API: records in, resolved, reviewed, judged, merged and undone."""

from fastapi.testclient import TestClient
from sqlalchemy import select

from corridor.domain.roles import Role
from corridor.store.database import Database
from corridor.store.models import Agency, Alert, PersonRecord
from tests.conftest import World

RECORDS = [
    {
        "id": "R1",
        "source": "VNM-MPS-residents",
        "full_name": "Nguyễn Thị Hương",
        "birth_date": "1992-04-17",
        "nationality": "VNM",
        "document_number": "C4455667",
    },
    {
        "id": "R2",
        "source": "GBR-HO-visa",
        "full_name": "HUONG THI NGUYEN",
        "birth_date": "1992-04-17",
        "nationality": "VNM",
        "document_number": "C4455667",
    },
    {"id": "R3", "source": "GBR-HO-visa", "full_name": "TRAN VAN MINH", "birth_date": "1985"},
    {"id": "R4", "source": "", "full_name": "NO SOURCE"},
]


def _ids(database: Database) -> dict[str, int]:
    with database.transaction() as session:
        return {r.source_id: r.id for r in session.scalars(select(PersonRecord))}


def test_records_are_resolved_judged_merged_and_undone_through_the_api(
    client: TestClient, world: World, database: Database
) -> None:
    analyst = world.officer("vnm.analyst", "VNM-MPS", Role.ANALYST)
    stored = client.post(
        "/api/v1/entities/records", json={"records": RECORDS}, headers=analyst.headers
    ).json()
    assert (stored["imported"], stored["errors"]) == (3, ["record 4: source is empty"])
    resolved = client.post(
        "/api/v1/entities/resolve", json={"reason": "first run"}, headers=analyst.headers
    ).json()
    assert (resolved["records"], resolved["entities"]) == (3, 2)
    ids = _ids(database)
    r1, r2, r3 = ids["R1"], ids["R2"], ids["R3"]
    hers = client.get(f"/api/v1/entities/{r1}", headers=analyst.headers).json()
    assert sorted(r["source_id"] for r in hers["records"]) == ["R1", "R2"]
    merged = client.post(
        "/api/v1/entities/merges",
        json={"entity_ids": [r1, r3], "reason": "one household"},
        headers=analyst.headers,
    ).json()
    assert merged["moved"] == {str(r3): r1}
    undone = client.post(
        f"/api/v1/entities/changes/{merged['id']}/undo",
        json={"reason": "not one household"},
        headers=analyst.headers,
    )
    assert undone.json()["moved"] == {str(r3): r3}
    judged = client.post(
        "/api/v1/entities/judgements",
        json={"left_id": r1, "right_id": r2, "verdict": "not_same", "reason": "different women"},
        headers=analyst.headers,
    )
    assert judged.status_code == 200, judged.text
    again = client.post(
        "/api/v1/entities/resolve", json={"reason": "re-run"}, headers=analyst.headers
    ).json()
    assert again["entities"] == 3  # the judgement holds through the re-run
    uk = world.officer("gbr.analyst", "GBR-HO", Role.ANALYST)
    assert client.get(f"/api/v1/entities/{r1}", headers=uk.headers).status_code == 404


def test_partner_matches_need_a_reason_and_the_analyst_role(
    client: TestClient, world: World, database: Database
) -> None:
    analyst = world.officer("vnm.analyst", "VNM-MPS", Role.ANALYST)
    booth = world.officer("vnm.booth", "VNM-MPS", Role.BORDER_OFFICER)
    client.post("/api/v1/entities/records", json={"records": RECORDS}, headers=analyst.headers)
    client.post("/api/v1/entities/resolve", json={"reason": "first"}, headers=analyst.headers)
    url = "/api/v1/entities/partner-matches"
    read = client.post(url, json={"reason": "wanted persons review"}, headers=analyst.headers)
    assert (read.status_code, read.json()) == (200, [])  # no partner has shared anything
    with database.transaction() as session:
        home = session.scalars(select(Agency.id).where(Agency.code == "VNM-MPS")).one()
        session.add(
            Alert(
                agency_id=home,
                reference="GBR-HO:W1",
                alert_type="wanted",
                names=[{"name": "HUONG THI NGUYEN", "kind": "primary"}],
                birth_date="1992-04-17",
                nationalities=["VNM"],
                documents=["C4455667"],
                action="detain and inform the owner",
                handling_code="LE-RESTRICTED",
                owner_agency="GBR-HO",
                origin_id=1,
            )
        )
    [match] = client.post(url, json={"reason": "wanted"}, headers=analyst.headers).json()
    assert (match["reference"], match["handling_code"]) == ("GBR-HO:W1", "LE-RESTRICTED")
    assert match["entity_id"] == _ids(database)["R1"]
    assert client.post(url, json={"reason": ""}, headers=analyst.headers).status_code == 422
    refused = client.post(url, json={"reason": "curious"}, headers=booth.headers)
    assert refused.status_code == 403
