"""Document checks against a registry of ten million reported documents.

    .venv/bin/python benchmarks/registry_lookup.py [--reports 10000000] [--checks 5000]
        [--database-url sqlite:///var/bench-registry.sqlite3]

Loads the reports once (kept between runs when the count matches), then times full document
checks through the service (MRZ parsed, exact and OCR-normalised look-up) beside the peer:
the same indexed look-up as a bare SELECT, with no MRZ to read, in the same run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import time
from datetime import date

from sqlalchemy import func, insert, select, text

from corridor.domain.documents.mrz_writer import DocumentFields, make_mrz
from corridor.domain.documents.ocr import number_key
from corridor.services.agencies import add_agency
from corridor.services.documents import check_document
from corridor.store.database import Database
from corridor.store.migrate import upgrade
from corridor.store.models import Agency, DocumentReport

BATCH = 100_000
REASONS = ("lost", "stolen", "revoked", "invalidated", "forged")
STATES = ("VNM", "CHN", "GBR", "KOR", "JPN", "THA", "KHM", "USA", "FRA", "DEU")


def _number(rng: random.Random) -> str:
    return rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.digits, k=8))


def _load(database: Database, count: int) -> int:
    with database.transaction() as session:
        agency = session.scalar(select(Agency).where(Agency.code == "VNM-MPS"))
        if agency is None:
            agency = add_agency(session, code="VNM-MPS", name="MPS", country="VNM")
        held = session.scalar(select(func.count(DocumentReport.id))) or 0
        agency_id = agency.id
    if held == count:
        return agency_id
    rng = random.Random(2026)
    started = time.perf_counter()
    with database.transaction() as session:
        session.execute(text("DELETE FROM document_reports"))
        for offset in range(0, count, BATCH):
            rows = []
            for _ in range(min(BATCH, count - offset)):
                number = _number(rng)
                rows.append(
                    {
                        "agency_id": agency_id,
                        "issuing_state": rng.choice(STATES),
                        "document_number": number,
                        "number_key": number_key(number),
                        "document_type": "passport",
                        "reason": rng.choice(REASONS),
                        "reported_on": date(2025, 1, 1),
                        "note": "",
                    }
                )
            session.execute(insert(DocumentReport), rows)
            print(f"\r  loaded {offset + len(rows):,} reports", end="", flush=True)
    print(f"\n  load took {time.perf_counter() - started:.0f} s")
    return agency_id


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    return f"p50 {p50 * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=10_000_000)
    parser.add_argument("--checks", type=int, default=5_000)
    parser.add_argument("--database-url", default="sqlite:///var/bench-registry.sqlite3")
    args = parser.parse_args()
    database = Database(args.database_url)
    upgrade(database)
    agency_id = _load(database, args.reports)
    rng = random.Random(7)
    today = date.today()
    zones = []
    for _ in range(args.checks):
        fields = DocumentFields(
            "P",
            rng.choice(STATES),
            "NGUYEN",
            "THI HUONG",
            _number(rng),
            "VNM",
            date(1990, 3, 1),
            "F",
            date(2031, 1, 1),
        )
        zones.append((fields, "\n".join(make_mrz(fields))))
    full, plain = [], []
    with database.transaction() as session:
        for fields, zone in zones:
            started = time.perf_counter()
            check_document(session, agency_id, today, mrz=zone)
            full.append(time.perf_counter() - started)
            started = time.perf_counter()
            session.execute(
                select(DocumentReport.id).where(
                    DocumentReport.number_key == number_key(fields.document_number),
                    DocumentReport.issuing_state == fields.issuing_state,
                    DocumentReport.agency_id == agency_id,
                )
            ).all()
            plain.append(time.perf_counter() - started)
    print(f"store: {database.backend}, {args.reports:,} reported documents; {args.checks:,} checks")
    print(f"corridor document check (parse + exact + OCR-normalised look-up): {_percentiles(full)}")
    print(f"peer: the bare indexed SELECT on the same store:                 {_percentiles(plain)}")
    print(
        f"ratio of medians corridor/plain: {statistics.median(full) / statistics.median(plain):.1f}"
    )


if __name__ == "__main__":
    main()
