import re
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from corridor.cli.context import administrator
from corridor.domain.roles import Role
from corridor.services.agreements import add_agreement
from corridor.services.entities import import_records, resolve_all
from corridor.store.database import Database
from corridor.store.models import Agency, Notification, PersonRecord, ReviewPair
from tests.conftest import PASSWORD, World


def _log_in(client: TestClient, username: str) -> None:
    response = client.post(
        "/login", data={"username": username, "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 303, response.text


def test_pages_send_a_visitor_to_the_login_page(client: TestClient) -> None:
    for path in ("/", "/travellers", "/users", "/tokens"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/login"


def test_a_wrong_password_says_so_without_saying_which_part(
    client: TestClient, world: World
) -> None:
    world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    for username, password in (("vnm.border", "wrong-password"), ("nobody", PASSWORD)):
        response = client.post("/login", data={"username": username, "password": password})
        assert response.status_code == 401
        assert "unknown username or wrong password" in response.text


def test_an_officer_logs_in_and_sees_the_shell(client: TestClient, world: World) -> None:
    world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    _log_in(client, "vnm.border")
    page = client.get("/").text
    assert "Overview" in page
    assert "VNM-MPS" in page
    assert "Travellers" in page
    assert 'href="/users"' not in page  # the user list is for administrators and auditors
    cookie = client.cookies.get("corridor_session")
    assert cookie
    assert client.get("/api/v1/me").json()["username"] == "vnm.border"


def test_logging_out_ends_the_session(client: TestClient, world: World) -> None:
    world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    _log_in(client, "vnm.border")
    page = client.get("/").text
    assert client.post("/logout", follow_redirects=False).status_code == 303
    assert "Overview" in page
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_token_made_in_the_browser_is_shown_once_and_needs_the_form_token(
    client: TestClient, world: World
) -> None:
    world.officer("gbr.liaison", "GBR-HO", Role.LIAISON)
    _log_in(client, "gbr.liaison")
    form = client.get("/tokens").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form)
    assert csrf is not None
    refused = client.post("/tokens", data={"csrf": "forged", "name": "x"})
    assert refused.status_code == 422
    assert "form has expired" in refused.text
    created = client.post("/tokens", data={"csrf": csrf.group(1), "name": "sync", "days": "7"})
    assert created.status_code == 200
    secret = re.search(r"(cor_[A-Za-z0-9_-]+)", created.text)
    assert secret is not None
    assert secret.group(1) not in client.get("/tokens").text


def test_pages_load_nothing_from_outside_the_node(client: TestClient, world: World) -> None:
    world.officer("vnm.admin", "VNM-MPS", Role.ADMIN)
    pages = [client.get("/login").text]
    _log_in(client, "vnm.admin")
    pages += [client.get(p).text for p in ("/", "/agencies", "/users", "/tokens")]
    for page in pages:
        assert not re.search(r'(src|href)="(https?:)?//', page)
    assert client.get("/static/corridor.css").status_code == 200


def test_the_document_check_page_reads_an_mrz_from_the_form(
    client: TestClient, world: World
) -> None:
    world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    _log_in(client, "vnm.border")
    form = client.get("/documents/check").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form)
    assert csrf is not None
    mrz = (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8989O2C36UTO7408122F1204159ZE184226B<<<<<10"
    )
    page = client.post("/documents/check", data={"csrf": csrf.group(1), "mrz": mrz}).text
    assert 'data-testid="verdict"' in page
    assert "EXPIRED" in page
    assert "Corrected document number" in page
    bad = client.post("/documents/check", data={"csrf": csrf.group(1), "mrz": "nonsense"})
    assert bad.status_code == 422
    assert "lower-case" in bad.text


def test_the_exchange_page_shows_notifications_messages_partners_and_agreements(
    client: TestClient, world: World, database: Database
) -> None:
    world.officer("vnm.liaison", "VNM-MPS", Role.LIAISON)
    world.officer("gbr.admin", "GBR-HO")
    with database.transaction() as session:
        add_agreement(
            session,
            None,
            code="VNM-GBR-2026",
            title="MoU",
            parties=["VNM-MPS", "GBR-HO"],
            terms=["alerts:wanted:VNM-MPS>GBR-HO:border_control"],
            valid_from=date(2026, 1, 1),
        )
        agency_id = session.scalars(select(Agency.id).where(Agency.code == "VNM-MPS")).one()
        session.add(
            Notification(
                agency_id=agency_id,
                kind="hit_confirmed",
                payload={
                    "alert_reference": "VN-W-1",
                    "where": "LHR",
                    "reported_by": "GBR-HO",
                    "action_taken": "detained",
                },
            )
        )
    _log_in(client, "vnm.liaison")
    page = client.get("/exchange")
    assert page.status_code == 200
    assert "VN-W-1" in page.text
    assert "LHR" in page.text
    assert "alerts:wanted:VNM-MPS&gt;GBR-HO:border_control" in page.text
    assert "Nothing to send." in page.text


def test_a_judgement_made_in_the_review_page_survives_a_full_bulk_re_run(
    client: TestClient, world: World, database: Database, fixtures_dir: Path
) -> None:
    world.officer("vnm.analyst", "VNM-MPS", Role.ANALYST)
    with database.transaction() as session:
        analyst = administrator(session, "VNM-MPS", Role.ANALYST)
        import_records(session, analyst, fixtures_dir / "entity_records.csv")
    resolve_all(database, analyst)
    with database.transaction() as session:
        ids = {r.source_id: r.id for r in session.scalars(select(PersonRecord))}
        entity = {r.source_id: r.entity_id for r in session.scalars(select(PersonRecord))}
        assert entity["R1"] == entity["R3"]  # linked by the bulk run
        session.add(
            ReviewPair(
                agency_id=analyst.agency_id,
                left_id=ids["R1"],
                right_id=ids["R3"],
                score=0.4,
                explanation="name same; birth_date exact",
            )
        )
    _log_in(client, "vnm.analyst")
    page = client.get("/entities/review").text
    assert "Nguyễn Thị Hương" in page
    assert "review.js" in page
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert csrf is not None
    judged = client.post(
        "/entities/review",
        data={
            "csrf": csrf.group(1),
            "left_id": ids["R1"],
            "right_id": ids["R3"],
            "verdict": "not_same",
        },
        follow_redirects=False,
    )
    assert judged.status_code == 303
    resolve_all(database, analyst)
    with database.transaction() as session:
        after = {r.source_id: r.entity_id for r in session.scalars(select(PersonRecord))}
    assert after["R1"] != after["R3"]
    assert after["R1"] == after["R2"]
    shown = client.get(f"/entities/{after['R1']}").text
    assert "GBR-HO-visa" in shown
    assert "C4455667" in shown
