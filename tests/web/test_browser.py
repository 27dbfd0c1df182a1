"""A real browser logs in as a demo user and sees the shell (Debian's Chromium via Playwright)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn

from corridor.api.app import create_app
from corridor.demo.load import load_demo
from corridor.demo.world import DEMO_PASSWORD
from corridor.settings import Settings
from corridor.store.database import Database

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="browser test skipped: no Chromium here (apt-get install chromium; .ci/run does)",
    ),
]


ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def logged_in(playwright: Any, node: str, username: str) -> tuple[Any, Any]:
    """Debian's Chromium, logged in to the test node as a demo user."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    page = browser.new_page()
    page.goto(f"{node}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{node}/")
    return browser, page


@pytest.fixture
def node(settings: Settings, database: Database) -> Iterator[str]:
    load_demo(database, seed=7, traveller_count=200)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings, database), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test node did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_a_border_officer_logs_in_and_opens_a_traveller(node: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser, page = logged_in(playwright, node, "vnm.border")
        assert page.text_content("[data-testid=current-user]") == "Border officer (VNM-MPS)"
        assert int(page.text_content("[data-testid=count-travellers]") or "0") > 0
        page.click("nav >> text=Travellers")
        page.click("table tbody tr:first-child a")
        assert page.locator("pre.mrz").count() >= 1
        page.click("text=Log out")
        page.wait_for_url(f"{node}/login")
        browser.close()


def test_a_border_officer_checks_a_wanted_traveller_and_confirms_the_hit(
    node: str, database: Database
) -> None:
    from datetime import date

    from playwright.sync_api import sync_playwright

    from corridor.domain.documents.mrz_writer import DocumentFields, make_mrz
    from corridor.domain.screening.alerts import AlertName, AlertSpec, AlertType
    from corridor.store.repositories.agencies import AgencyRepository
    from corridor.store.repositories.alerts import AlertRepository

    with database.transaction() as session:
        agency = AgencyRepository(session).get("VNM-MPS")
        AlertRepository(session).upsert(
            agency.id,
            AlertSpec(
                reference="TEST-WANTED",
                alert_type=AlertType.WANTED,
                names=(AlertName("Đặng Văn Hùng"),),
                birth_date="1985-07-12",
                nationalities=("VNM",),
                sex="M",
                action="detain and inform VNM-MPS",
            ),
        )
    mrz = "\n".join(
        make_mrz(
            DocumentFields(
                "P",
                "VNM",
                "Đặng",
                "Văn Hùng",
                "C7654321",
                "VNM",
                date(1985, 7, 12),
                "M",
                date(2031, 1, 1),
            )
        )
    )
    with sync_playwright() as playwright:
        browser, page = logged_in(playwright, node, "vnm.border")
        page.click("nav >> text=Border check")
        page.fill("textarea[name=mrz]", mrz)
        page.click("button.primary")
        assert "1 HIT" in (page.text_content("[data-testid=screening-verdict]") or "")
        assert "detain and inform VNM-MPS" in (page.text_content("[data-testid=hit]") or "")
        page.fill("[data-testid=hit] input[name=reason]", "face and fingerprints match")
        page.click("[data-testid=hit] button[value=confirmed]")
        page.wait_for_url(f"{node}/hits")
        assert "No pending hits." in (page.text_content("main") or "")
        browser.close()


def test_the_border_check_goes_from_mrz_to_a_recorded_crossing(node: str) -> None:
    from datetime import date

    from playwright.sync_api import sync_playwright

    from corridor.domain.documents.mrz_writer import DocumentFields, make_mrz

    mrz = "\n".join(
        make_mrz(
            DocumentFields(
                "P",
                "GBR",
                "Swift",
                "Martin",
                "123456789",
                "GBR",
                date(1993, 1, 21),
                "M",
                date(2031, 1, 1),
            )
        )
    )
    with sync_playwright() as playwright:
        browser, page = logged_in(playwright, node, "vnm.border")
        page.click("nav >> text=Border check")
        page.fill("textarea[name=mrz]", mrz)
        page.select_option("select[name=point]", "HAN")
        page.click("button.primary")
        page.select_option("[data-testid=record-form] select[name=permit_type]", "visa_exempt")
        page.fill("[data-testid=record-form] input[name=permit_days]", "45")
        page.click("[data-testid=record-form] button[type=submit]")
        assert "Recorded: entry of GBR:123456789 at HAN" in (
            page.text_content("[data-testid=recorded]") or ""
        )
        page.fill("textarea[name=mrz]", mrz)  # the same document comes back through the booth
        page.select_option("select[name=point]", "HAN")
        page.click("button.primary")
        assert "no exit recorded since the entry at HAN" in (page.text_content("main") or "")
        browser.close()
