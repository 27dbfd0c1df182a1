"""Three real nodes (Viet Nam's MPS, the UK Home Office, China's NIA), each a separate
``corridor serve`` process on a loopback port with its own database and key, registered as
each other's partners under the agreements each is party to."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx
import pytest

from corridor.domain.roles import Role
from corridor.services.accounts import add_user, create_api_token
from corridor.services.agencies import add_agency
from corridor.services.agreements import add_agreement
from corridor.services.partners import add_partner
from corridor.store.database import Database
from corridor.store.migrate import upgrade
from corridor.store.models import User
from corridor.transport.keys import create_key, public_text

AGENCIES = {"VNM-MPS": "VNM", "GBR-HO": "GBR", "CHN-NIA": "CHN"}
AGREEMENTS = {
    "VNM-GBR-2026": (
        ["VNM-MPS", "GBR-HO"],
        [
            "alerts:*:VNM-MPS>GBR-HO:border_control,criminal_investigation",
            "alerts:*:GBR-HO>VNM-MPS:border_control",
            "requests:VNM-MPS>GBR-HO:readmission,criminal_investigation",
            "requests:GBR-HO>VNM-MPS:readmission,criminal_investigation",
            "document_reports:VNM-MPS>GBR-HO:border_control",
        ],
    ),
    "VNM-CHN-2026": (
        ["VNM-MPS", "CHN-NIA"],
        ["alerts:wanted:VNM-MPS>CHN-NIA:border_control", "alerts:wanted:CHN-NIA>VNM-MPS"],
    ),
}


@dataclass
class Node:
    agency: str
    port: int
    folder: Path
    token: str = ""
    process: subprocess.Popen[bytes] | None = None
    env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> Database:
        return Database(self.env["CORRIDOR_DATABASE_URL"])

    def api(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}"}
        return httpx.request(method, f"{self.url}{path}", headers=headers, timeout=30, **kwargs)  # type: ignore[arg-type]

    def start(self) -> None:
        corridor = Path(sys.executable).parent / "corridor"
        log = (self.folder / "serve.log").open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            [str(corridor), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env={**os.environ, **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError(
            f"{self.agency} node did not start: {(self.folder / 'serve.log').read_text()}"
        )

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)
            self.process = None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _set_up(node: Node, keys: dict[str, str], nodes: dict[str, Node]) -> None:
    database = node.database
    upgrade(database)
    with database.transaction() as session:
        for code, country in AGENCIES.items():
            add_agency(session, code=code, name=code, country=country)
        user = add_user(
            session,
            agency_code=node.agency,
            username=f"{node.agency.lower()}.liaison",
            password="correct-horse-battery",
            roles=frozenset({Role.ADMIN, Role.LIAISON, Role.ANALYST, Role.BORDER_OFFICER}),
        )
        node.token = create_api_token(session, session.get_one(User, user.id), "tests").secret
        for code, (parties, terms) in AGREEMENTS.items():
            if node.agency in parties:
                add_agreement(
                    session,
                    None,
                    code=code,
                    title=code,
                    parties=parties,
                    terms=terms,
                    valid_from=date(2026, 1, 1),
                )
                for other in parties:
                    if other != node.agency:
                        add_partner(session, None, other, nodes[other].url, keys[other])
    database.dispose()


@pytest.fixture(scope="module")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Node]]:
    found: dict[str, Node] = {}
    keys: dict[str, str] = {}
    for agency in AGENCIES:
        folder = tmp_path_factory.mktemp(agency.lower())
        node = Node(agency, _free_port(), folder)
        node.env = {
            "CORRIDOR_ENV": "test",
            "CORRIDOR_DATABASE_URL": f"sqlite:///{folder / 'corridor.sqlite3'}",
            "CORRIDOR_NODE_AGENCY": agency,
            "CORRIDOR_NODE_KEY_FILE": str(folder / "node-key.pem"),
        }
        keys[agency] = public_text(create_key(folder / "node-key.pem"))
        found[agency] = node
    for node in found.values():
        _set_up(node, keys, found)
        node.start()
    yield found
    for node in found.values():
        node.stop()
