"""Three nodes as separate processes: sharing, pulling, screening on a shared copy,
withdrawal reaching every copy, a confirmed hit notifying the owner, refusals with reasons,
and the faults a real network brings (a node down mid-sync, repeats, replays, tampering,
a clock ten minutes off)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from corridor.store.models import AuditEntry
from corridor.transport.keys import load_key
from corridor.transport.signing import sign
from tests.integration.conftest import Node

WANTED = {
    "id": "VN-W-0001",
    "alert_type": "wanted",
    "full_name": "Nguyễn Văn Bình|NGUYEN VAN BINH",
    "birth_date": "1985-07-12",
    "nationality": "VNM",
    "sex": "M",
    "document_number": "C7654321",
}
TRAVELLER = {
    "full_name": "NGUYEN VAN BINH",
    "birth_date": "1985-07-12",
    "nationality": "VNM",
    "sex": "M",
}


def _sync(node: Node) -> dict[str, Any]:
    response = node.api("POST", "/api/v1/exchange/sync")
    assert response.status_code == 200, response.text
    return {r["partner"]: r for r in response.json()}


def _alert(node: Node, values: dict[str, str]) -> int:
    created = node.api("POST", "/api/v1/alerts", json=values)
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


def _hits(node: Node) -> list[dict[str, Any]]:
    found = node.api("POST", "/api/v1/screening/check", json=TRAVELLER)
    assert found.status_code == 200, found.text
    return list(found.json())


def _audit_actions(node: Node) -> list[str]:
    database = node.database
    with database.transaction() as session:
        actions = list(session.scalars(select(AuditEntry.action)))
    database.dispose()
    return actions


def test_an_alert_is_shared_screened_confirmed_and_withdrawn_across_three_nodes(
    nodes: dict[str, Node],
) -> None:
    vnm, gbr, chn = nodes["VNM-MPS"], nodes["GBR-HO"], nodes["CHN-NIA"]
    alert_id = _alert(vnm, WANTED)
    assert _hits(gbr) == []  # nothing shared yet

    for agreement, partner in (("VNM-GBR-2026", "GBR-HO"), ("VNM-CHN-2026", "CHN-NIA")):
        shared = vnm.api("POST", f"/api/v1/alerts/{alert_id}/share", json={"agreement": agreement})
        assert shared.status_code == 200, shared.text
        assert shared.json()["recipients"] == [partner]

    assert _sync(gbr)["VNM-MPS"]["upserted"] == 1
    assert _sync(chn)["VNM-MPS"]["upserted"] == 1
    assert _sync(gbr)["VNM-MPS"]["pulled"] == 0  # nothing new, nothing applied twice

    [hit] = _hits(gbr)
    assert hit["owner_agency"] == "VNM-MPS"
    assert hit["alert_reference"] == "VNM-MPS:VN-W-0001"
    copies = gbr.api("GET", "/api/v1/alerts").json()["items"]
    assert [(c["owner_agency"], c["handling_code"]) for c in copies] == [("VNM-MPS", "restricted")]
    edit = gbr.api("POST", "/api/v1/alerts", json={**WANTED, "id": "VNM-MPS:VN-W-0001"})
    assert edit.status_code == 409  # a copy is read-only

    confirmed = gbr.api(
        "POST",
        f"/api/v1/hits/{hit['id']}/confirm",
        json={
            "reason": "same person, passport checked",
            "action_taken": "detained",
            "where": "LHR",
        },
    )
    assert confirmed.status_code == 200, confirmed.text
    assert _sync(gbr)["VNM-MPS"]["delivered"] == 1
    [notice] = vnm.api("GET", "/api/v1/notifications").json()
    assert notice["payload"]["reported_by"] == "GBR-HO"
    assert notice["payload"]["where"] == "LHR"
    assert notice["payload"]["action_taken"] == "detained"
    inbox = vnm.api("GET", "/api/v1/exchange/messages", params={"direction": "in"}).json()
    assert [(m["partner"], m["kind"]) for m in inbox] == [("GBR-HO", "hit_notification")]

    withdrawn = vnm.api(
        "POST", f"/api/v1/alerts/{alert_id}/withdraw", json={"reason": "arrested in London"}
    )
    assert withdrawn.status_code == 200, withdrawn.text
    assert _sync(gbr)["VNM-MPS"]["withdrawn"] == 1
    assert _sync(chn)["VNM-MPS"]["withdrawn"] == 1
    assert _hits(gbr) == []
    assert _hits(chn) == []
    assert "exchange.received" in _audit_actions(vnm)
    assert "exchange.pulled" in _audit_actions(gbr)


def test_a_flow_no_agreement_allows_is_refused_with_the_term_that_blocked_it(
    nodes: dict[str, Node],
) -> None:
    vnm = nodes["VNM-MPS"]
    victim = _alert(vnm, {**WANTED, "id": "VN-V-0002", "alert_type": "victim"})
    refused = vnm.api("POST", f"/api/v1/alerts/{victim}/share", json={"agreement": "VNM-CHN-2026"})
    assert refused.status_code == 403
    assert "no term lets alerts:victim go from VNM-MPS to CHN-NIA" in refused.json()["detail"]
    assert "exchange.refused_outbound" in _audit_actions(vnm)
    unknown = vnm.api("POST", f"/api/v1/alerts/{victim}/share", json={"agreement": "NOPE"})
    assert unknown.status_code == 404


def test_a_suspended_agreement_stops_sharing_and_says_so(nodes: dict[str, Node]) -> None:
    vnm = nodes["VNM-MPS"]
    alert_id = _alert(vnm, {**WANTED, "id": "VN-W-0003"})
    suspended = vnm.api(
        "POST",
        "/api/v1/agreements/VNM-GBR-2026/versions",
        json={"reason": "review of data protection terms", "status": "suspended"},
    )
    assert suspended.status_code == 201, suspended.text
    refused = vnm.api(
        "POST", f"/api/v1/alerts/{alert_id}/share", json={"agreement": "VNM-GBR-2026"}
    )
    assert refused.status_code == 403
    assert "the agreement is suspended" in refused.json()["detail"]
    resumed = vnm.api(
        "POST",
        "/api/v1/agreements/VNM-GBR-2026/versions",
        json={"reason": "review done", "status": "active"},
    )
    assert resumed.json()["version"] == 3
    history = vnm.api("GET", "/api/v1/agreements").json()
    versions = next(v for v in history if v[0]["code"] == "VNM-GBR-2026")
    assert [v["status"] for v in versions] == ["active", "suspended", "active"]


def test_a_partner_down_mid_sync_is_caught_up_with_nothing_lost_or_doubled(
    nodes: dict[str, Node],
) -> None:
    vnm, gbr = nodes["VNM-MPS"], nodes["GBR-HO"]
    before = len(gbr.api("GET", "/api/v1/alerts", params={"limit": 500}).json()["items"])
    ids = [_alert(vnm, {**WANTED, "id": f"VN-W-1{n:03d}"}) for n in range(3)]
    vnm.stop()
    report = _sync(gbr)["VNM-MPS"]
    assert report["error"]  # unreachable: said so, nothing applied, the cursor kept
    vnm.start()
    for alert_id in ids:
        shared = vnm.api(
            "POST", f"/api/v1/alerts/{alert_id}/share", json={"agreement": "VNM-GBR-2026"}
        )
        assert shared.status_code == 200, shared.text
    assert _sync(gbr)["VNM-MPS"]["upserted"] == 3
    assert _sync(gbr)["VNM-MPS"]["pulled"] == 0
    after = gbr.api("GET", "/api/v1/alerts", params={"limit": 500}).json()["items"]
    assert len(after) == before + 3


def _signed(
    node_from: Node, method: str, url: str, body: bytes | None, **kw: Any
) -> dict[str, str]:
    key = load_key(Path(node_from.env["CORRIDOR_NODE_KEY_FILE"]))
    return sign(key, node_from.agency, method, url, body, **kw)


def test_replayed_tampered_stale_and_unsigned_requests_are_refused_and_logged(
    nodes: dict[str, Node],
) -> None:
    vnm, gbr = nodes["VNM-MPS"], nodes["GBR-HO"]
    url = f"{vnm.url}/exchange/v1/feed?after=0&limit=10"
    headers = _signed(gbr, "GET", url, None)
    assert httpx.get(url, headers=headers).status_code == 200
    replayed = httpx.get(url, headers=headers)
    assert replayed.status_code == 401
    assert "replayed" in replayed.json()["detail"]

    tampered = dict(_signed(gbr, "GET", url, None))
    signature = tampered["Signature"]
    tampered["Signature"] = signature[:12] + ("B" if signature[12] == "A" else "A") + signature[13:]
    assert httpx.get(url, headers=tampered).status_code == 401
    other = f"{vnm.url}/exchange/v1/feed?after=0&limit=5000"  # signed for one URL, sent to another
    assert httpx.get(other, headers=_signed(gbr, "GET", url, None)).status_code == 401

    for skew in (timedelta(minutes=-10), timedelta(minutes=10)):
        late = _signed(gbr, "GET", url, None, now=datetime.now(UTC) + skew)
        assert httpx.get(url, headers=late).status_code == 401
    assert httpx.get(url).status_code == 401
    assert _audit_actions(vnm).count("exchange.refused_request") == 6  # every refusal logged
    chn_to_gbr = f"{gbr.url}/exchange/v1/feed?after=0"
    stranger = httpx.get(chn_to_gbr, headers=_signed(nodes["CHN-NIA"], "GET", chn_to_gbr, None))
    assert stranger.status_code == 401  # GBR has no agreement with CHN, so no key for it
    assert "exchange.refused_request" in _audit_actions(gbr)


def test_a_message_delivered_twice_is_applied_once(nodes: dict[str, Node]) -> None:
    vnm, gbr = nodes["VNM-MPS"], nodes["GBR-HO"]
    alert_id = _alert(vnm, {**WANTED, "id": "VN-W-0009"})
    vnm.api("POST", f"/api/v1/alerts/{alert_id}/share", json={"agreement": "VNM-GBR-2026"})
    before = len(vnm.api("GET", "/api/v1/notifications").json())
    message = {
        "uid": "6f1c2a4e-0000-4000-8000-000000000009",
        "kind": "hit_notification",
        "agreement": "VNM-GBR-2026",
        "payload": {"alert_id": alert_id, "where": "LHR", "action_taken": "detained"},
    }
    body = json.dumps(message).encode()
    url = f"{vnm.url}/exchange/v1/messages"
    answers = [
        httpx.post(url, content=body, headers=_signed(gbr, "POST", url, body)).json()
        for _ in range(2)
    ]
    assert [a["duplicate"] for a in answers] == [False, True]
    assert len(vnm.api("GET", "/api/v1/notifications").json()) == before + 1
    wrong = json.dumps({**message, "payload": {"alert_id": alert_id, "where": "X"}}).encode()
    forged = _signed(gbr, "POST", url, body)  # signed for another body
    assert httpx.post(url, content=wrong, headers=forged).status_code == 401


def test_a_request_for_information_is_asked_back_clarified_and_answered_across_nodes(
    nodes: dict[str, Node],
) -> None:
    vnm, gbr = nodes["VNM-MPS"], nodes["GBR-HO"]
    sent = vnm.api(
        "POST",
        "/api/v1/requests",
        json={
            "partner": "GBR-HO",
            "about": "person",
            "subject": "NGUYEN VAN BINH, born 1985-07-12: held in Kent? For return to Viet Nam.",
            "purpose": "readmission",
            "agreement": "VNM-GBR-2026",
            "grading": "4x4:B2",
        },
    )
    assert sent.status_code == 201, sent.text
    mine = sent.json()
    assert mine["status"] == "open"
    assert mine["handling_code"] == "restricted"  # the agreement's default
    assert _sync(vnm)["GBR-HO"]["delivered"] == 1
    [theirs] = gbr.api("GET", "/api/v1/requests", params={"direction": "in"}).json()
    assert (theirs["uid"], theirs["deadline"], theirs["grading"]) == (
        mine["uid"],
        mine["deadline"],
        "4x4:B2",
    )

    def say(node: Node, request_id: int, kind: str, text: str) -> None:
        said = node.api(
            "POST", f"/api/v1/requests/{request_id}/replies", json={"kind": kind, "text": text}
        )
        assert said.status_code == 200, said.text
        assert _sync(node)[("GBR-HO" if node is vnm else "VNM-MPS")]["delivered"] == 1

    say(gbr, theirs["id"], "ask_back", "Which passport did he travel on?")
    [now] = vnm.api("GET", "/api/v1/requests", params={"direction": "out"}).json()
    assert now["status"] == "asked_back"
    wrong = vnm.api(
        "POST", f"/api/v1/requests/{mine['id']}/replies", json={"kind": "answer", "text": "x"}
    )
    assert wrong.status_code == 422  # the requester clarifies; only the partner answers
    say(vnm, mine["id"], "clarify", "Passport C7654321, issued 2019.")
    say(gbr, theirs["id"], "answer", "Detained at Dover on 2026-11-20; papers for return started.")
    [done] = vnm.api("GET", "/api/v1/requests", params={"direction": "out"}).json()
    assert done["status"] == "answered"
    assert [c["kind"] for c in done["conversation"]] == ["ask_back", "clarify", "answer"]
    assert done["closed_at"]


def test_a_request_for_a_purpose_the_agreement_does_not_name_is_refused(
    nodes: dict[str, Node],
) -> None:
    refused = nodes["VNM-MPS"].api(
        "POST",
        "/api/v1/requests",
        json={
            "partner": "GBR-HO",
            "about": "crossing",
            "subject": "every crossing at Noi Bai in May",
            "purpose": "migration_statistics",
            "agreement": "VNM-GBR-2026",
            "grading": "3x5x2:1BP",
        },
    )
    assert refused.status_code == 403
    assert "purpose migration_statistics" in refused.json()["detail"]


def test_a_shared_stolen_passport_is_found_by_the_partners_document_check(
    nodes: dict[str, Node],
) -> None:
    vnm, gbr, chn = nodes["VNM-MPS"], nodes["GBR-HO"], nodes["CHN-NIA"]
    stolen = {"issuing_state": "VNM", "document_number": "C9876543", "reason": "stolen"}
    reported = vnm.api("POST", "/api/v1/documents/reports", json=stolen)
    assert reported.status_code == 201, reported.text
    check = {"issuing_state": "VNM", "document_number": "C9876543"}
    assert gbr.api("POST", "/api/v1/documents/check", json=check).json()["verdict"] == "clear"
    shared = vnm.api(
        "POST",
        "/api/v1/documents/reports/shares",
        json={"agreement": "VNM-GBR-2026", "report_ids": [reported.json()["id"]]},
    )
    assert shared.status_code == 200, shared.text
    assert shared.json()["recipients"] == ["GBR-HO"]
    refused = vnm.api(
        "POST",
        "/api/v1/documents/reports/shares",
        json={"agreement": "VNM-CHN-2026", "report_ids": [reported.json()["id"]]},
    )
    assert refused.status_code == 403  # VNM-CHN-2026 carries no document reports
    _sync(gbr)
    found = gbr.api("POST", "/api/v1/documents/check", json=check).json()
    assert found["verdict"] == "reported"
    assert found["reports"][0]["reporting_agency"] == "VNM-MPS"
    assert chn.api("POST", "/api/v1/documents/check", json=check).json()["verdict"] == "clear"
