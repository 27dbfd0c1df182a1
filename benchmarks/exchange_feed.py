"""Feed throughput between two nodes on loopback, and a new partner receiving a large share.

    .venv/bin/python benchmarks/exchange_feed.py [--alerts 100000]

VNM-MPS runs as its own ``corridor serve`` process (SQLite store, its own key) and shares
``--alerts`` wanted alerts with GBR-HO under an agreement; GBR-HO, a new partner, then syncs in
this process: every page of the feed is fetched over HTTP with a signed request, checked, and
applied as read-only copies with its cursor. Printed: the owner's time to share, the partner's
time to receive everything, changes applied per second, and beside it the peer: the same rows
copied between the two SQLite files with plain INSERTs (no HTTP, no signature, no checks).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy import insert, select, text

from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.services.agencies import add_agency
from corridor.services.agreements import add_agreement
from corridor.services.exchange_sync import sync
from corridor.services.partners import add_partner
from corridor.services.sharing import share_alerts
from corridor.settings import Settings
from corridor.store.database import Database
from corridor.store.migrate import upgrade
from corridor.store.models import Agency, Alert
from corridor.transport.client import PartnerClient
from corridor.transport.keys import create_key, load_key, public_text

AGREEMENT = "VNM-GBR-2026"


def _node(folder: Path, agency: str, keys: dict[str, str], other: str, other_url: str) -> Database:
    database = Database(f"sqlite:///{folder / 'corridor.sqlite3'}")
    upgrade(database)
    with database.transaction() as session:
        for code, country in (("VNM-MPS", "VNM"), ("GBR-HO", "GBR")):
            add_agency(session, code=code, name=code, country=country)
        add_agreement(
            session,
            None,
            code=AGREEMENT,
            title="MoU",
            parties=["VNM-MPS", "GBR-HO"],
            terms=["alerts:*:VNM-MPS>GBR-HO:border_control"],
            valid_from=date(2026, 1, 1),
        )
        add_partner(session, None, other, other_url, keys[other])
    return database


def _alerts(database: Database, count: int) -> list[int]:
    with database.transaction() as session:
        agency_id = session.scalars(select(Agency.id).where(Agency.code == "VNM-MPS")).one()
        rows = [
            {
                "agency_id": agency_id,
                "reference": f"VN-W-{n:07d}",
                "alert_type": "wanted",
                "names": [{"name": f"NGUYEN VAN {n}", "kind": "primary"}],
                "birth_date": f"{1950 + n % 50}-0{1 + n % 9}-1{n % 10}",
                "nationalities": ["VNM"],
                "sex": "M",
                "documents": [f"C{n:07d}"],
                "action": "detain and inform the owner agency",
                "handling_code": "restricted",
                "status": "active",
            }
            for n in range(count)
        ]
        session.execute(insert(Alert), rows)
        return list(session.scalars(select(Alert.id).order_by(Alert.id)))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--alerts", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "vnm").mkdir()
        (root / "gbr").mkdir()
        keys = {
            "VNM-MPS": public_text(create_key(root / "vnm" / "key.pem")),
            "GBR-HO": public_text(create_key(root / "gbr" / "key.pem")),
        }
        port = _free_port()
        owner = _node(root / "vnm", "VNM-MPS", keys, "GBR-HO", "http://127.0.0.1:9")
        partner = _node(root / "gbr", "GBR-HO", keys, "VNM-MPS", f"http://127.0.0.1:{port}")
        ids = _alerts(owner, args.alerts)
        with owner.transaction() as session:
            agency_id = session.scalars(select(Agency.id).where(Agency.code == "VNM-MPS")).one()
        sharer = Principal(0, "bench", "bench", agency_id, "VNM-MPS", frozenset({Role.ADMIN}), 0)
        started = time.perf_counter()
        with owner.transaction() as session:
            share_alerts(session, sharer, ids, AGREEMENT)
        shared = time.perf_counter() - started
        env = {
            **os.environ,
            "CORRIDOR_DATABASE_URL": str(owner.engine.url),
            "CORRIDOR_NODE_AGENCY": "VNM-MPS",
            "CORRIDOR_NODE_KEY_FILE": str(root / "vnm" / "key.pem"),
        }
        corridor = Path(sys.executable).parent / "corridor"
        server = subprocess.Popen(  # noqa: S603 - our own command
            [str(corridor), "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            settings = Settings(node_agency="GBR-HO", node_key_file=str(root / "gbr" / "key.pem"))
            key = load_key(root / "gbr" / "key.pem")
            started = time.perf_counter()
            [report] = sync(partner, settings, lambda p: PartnerClient(p.base_url, "GBR-HO", key))
            received = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait()
        peer_started = time.perf_counter()
        with partner.engine.begin() as connection:
            connection.execute(text(f"ATTACH DATABASE '{root / 'vnm' / 'corridor.sqlite3'}' AS o"))
            connection.execute(text("CREATE TEMP TABLE plain AS SELECT * FROM o.alerts WHERE 0"))
            connection.execute(text("INSERT INTO plain SELECT * FROM o.alerts"))
        peer = time.perf_counter() - peer_started
        print(
            f"{args.alerts:,} alerts shared VNM-MPS -> GBR-HO over loopback; {date.today()}, 2 cores, SQLite"
        )
        print(
            f"owner: share {args.alerts:,} alerts (agreement check + feed entries): {shared:.1f} s"
        )
        print(
            f"new partner: receive the whole share (signed pages of 500, checked, applied): "
            f"{received:.1f} s, {report.pulled / received:,.0f} changes applied per second"
        )
        print(f"  pulled {report.pulled:,}, upserted {report.upserted:,}, error {report.error!r}")
        print(f"peer: plain INSERT ... SELECT of the same rows between the two files: {peer:.2f} s")
        print(f"ratio corridor/plain: {received / peer:.0f}")


if __name__ == "__main__":
    main()
