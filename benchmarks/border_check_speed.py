"""The whole border check, one API call, on the demo world.

    .venv/bin/python benchmarks/border_check_speed.py [--travellers 20000] [--checks 500]

Loads the demo world (as `make demo` does) into a temporary SQLite store, then sends
`POST /api/v1/border-check` for demo travellers' MRZs at Noi Bai as a border officer would:
document check, screening against the agency's alerts, the document's history and current
stay, the warnings and the crossing recorded, in one transaction with its audit entries. The
peer is the document check alone (`POST /api/v1/documents/check`) in the same run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from corridor.api.app import create_app
from corridor.demo.load import load_demo
from corridor.services.accounts import create_api_token
from corridor.settings import Settings
from corridor.store.database import Database
from corridor.store.migrate import upgrade
from corridor.store.models import TravelDocument, User


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)]
    return f"p50 {statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--travellers", type=int, default=20_000)
    parser.add_argument("--checks", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'demo.sqlite3'}"
        database = Database(url)
        upgrade(database)
        started = time.perf_counter()
        load_demo(database, seed=7, traveller_count=args.travellers)
        loaded = time.perf_counter() - started
        with database.transaction() as session:
            officer = session.scalars(select(User).where(User.username == "vnm.border")).one()
            token = create_api_token(session, officer, "benchmark").secret
            zones = list(
                session.scalars(
                    select(TravelDocument.mrz).where(TravelDocument.document_code == "P")
                )
            )
        rng = random.Random(7)
        sample = rng.sample(zones, min(args.checks, len(zones)))
        app = create_app(Settings(database_url=url), database)
        headers = {"Authorization": f"Bearer {token}"}
        full, plain, hits = [], [], 0
        with TestClient(app) as client:
            client.post(
                "/api/v1/border-check", headers=headers, json={"mrz": sample[0], "point": "HAN"}
            )
            for number, zone in enumerate(sample):
                body = {
                    "mrz": zone,
                    "point": "HAN",
                    "direction": "entry" if number % 2 else "exit",
                    "record": {"permit_type": "visa_exempt", "outcome": "admitted"},
                }
                started = time.perf_counter()
                answer = client.post("/api/v1/border-check", headers=headers, json=body)
                full.append(time.perf_counter() - started)
                assert answer.status_code == 200, answer.text
                hits += len(answer.json()["hits"])
                started = time.perf_counter()
                client.post("/api/v1/documents/check", headers=headers, json={"mrz": zone})
                plain.append(time.perf_counter() - started)
        print(
            f"demo world, {args.travellers:,} travellers (loaded in {loaded:.0f} s); "
            f"{len(sample):,} border checks at HAN; {date.today()}, 2 cores, SQLite"
        )
        print(
            f"border check, MRZ to recorded crossing (one call): {_percentiles(full)}; {hits} hits"
        )
        print(f"peer: the document check alone:                     {_percentiles(plain)}")
        print(f"ratio of medians: {statistics.median(full) / statistics.median(plain):.1f}")


if __name__ == "__main__":
    main()
