"""The node's stored crossings and the bulk engine: files import through the same validation
as the file commands, and the analyses run on stored crossings through the same SQL (the
store's rows are written out in the file format and loaded like a file)."""

from __future__ import annotations

import csv
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from corridor.engines.crossings.engine import CrossingsEngine
from corridor.engines.crossings.load import CROSSING_COLUMNS, POINT_COLUMNS, LoadReport
from corridor.store.database import Database
from corridor.store.models import Crossing, CrossingPoint

CHUNK = 5_000


@dataclass(slots=True)
class ImportSummary:
    report: LoadReport
    imported: int = 0
    already: int = 0


def import_crossings(
    database: Database,
    agency_id: int,
    crossings_file: Path,
    points_file: Path | None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Valid rows go into the store in one transaction; a row whose id the agency already
    holds is not stored twice (crossings are immutable: a correction is a new row)."""
    engine = CrossingsEngine()
    summary = ImportSummary(engine.load(crossings_file, points_file))
    with database.transaction() as session:
        _store_points(session, engine)  # first: DuckDB keeps one open result per connection
        cursor = engine.connection.execute(
            """SELECT id, ts, instant, local_date, point, direction, doc_key, nationality, full_name,
                      birth_date, sex, permit_type, permit_days, carrier, booking FROM crossings
               ORDER BY rowid"""
        )
        while rows := cursor.fetchmany(CHUNK):
            references = [r[0] for r in rows]
            held = set(
                session.scalars(
                    select(Crossing.reference).where(
                        Crossing.agency_id == agency_id, Crossing.reference.in_(references)
                    )
                )
            )
            fresh = [
                {
                    "agency_id": agency_id,
                    "reference": r[0],
                    "source": crossings_file.name,
                    "timestamp": r[1],
                    "instant": datetime.fromtimestamp(r[2], UTC),
                    "local_date": r[3],
                    "point": r[4],
                    "direction": r[5],
                    "document_key": r[6],
                    "nationality": r[7],
                    "full_name": r[8],
                    "birth_date": r[9],
                    "sex": r[10],
                    "permit_type": r[11],
                    "permit_days": r[12],
                    "carrier": r[13],
                    "booking_ref": r[14],
                }
                for r in rows
                if r[0] not in held
            ]
            if fresh:
                session.execute(insert(Crossing), fresh)
            summary.imported += len(fresh)
            summary.already += len(rows) - len(fresh)
            if progress:
                progress(len(rows))
    return summary


def _store_points(session: Session, engine: CrossingsEngine) -> None:
    """The points the file was checked against become (or update) the node's points."""
    held = {p.code: p for p in session.scalars(select(CrossingPoint))}
    for code, name, country, kind, lat, lon in engine.connection.execute(
        "SELECT code, name, country, kind, lat, lon FROM points"
    ).fetchall():
        point = held.get(code) or CrossingPoint(code=code)
        point.name, point.country, point.kind = name, country, kind
        point.latitude, point.longitude = lat, lon
        session.add(point)


def engine_for_store(database: Database, agency_id: int) -> CrossingsEngine:
    """A bulk engine loaded with the agency's stored crossings and the node's points."""
    engine = CrossingsEngine()
    with tempfile.TemporaryDirectory() as folder, database.transaction() as session:
        points = Path(folder) / "POINTS.csv"
        with points.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(POINT_COLUMNS)
            for p in session.scalars(select(CrossingPoint)):
                writer.writerow([p.code, p.name, p.country, p.kind, p.latitude, p.longitude])
        crossings = Path(folder) / "CROSSINGS.csv"
        with crossings.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(CROSSING_COLUMNS)
            corrected = select(Crossing.corrects_id).where(Crossing.corrects_id.is_not(None))
            rows = session.execute(
                select(Crossing)
                .where(Crossing.agency_id == agency_id, Crossing.id.not_in(corrected))
                .order_by(Crossing.id)
                .execution_options(yield_per=CHUNK)
            ).scalars()
            for c in rows:
                state, _, number = c.document_key.partition(":")
                writer.writerow(
                    [
                        c.reference,
                        c.timestamp,
                        c.point,
                        c.direction,
                        number,
                        state,
                        c.nationality,
                        c.full_name,
                        c.birth_date.isoformat() if c.birth_date else "",
                        c.sex,
                        c.permit_type,
                        "" if c.permit_days is None else c.permit_days,
                        c.carrier,
                        c.booking_ref,
                    ]
                )
        engine.load(crossings, points)
    return engine


class StoreEngines:
    """One loaded engine per agency and store, reloaded only when the agency's crossings or
    the node's points change (crossings are immutable, so their count, newest id and newest
    creation time say when). One analysis runs at a time: a DuckDB connection answers one
    query at a time, and a second engine would double the memory."""

    def __init__(self) -> None:
        self._engines: dict[tuple[str, int], tuple[tuple[str, ...], CrossingsEngine]] = {}
        self._lock = threading.Lock()

    @contextmanager
    def engine(self, database: Database, agency_id: int) -> Iterator[CrossingsEngine]:
        key = (database.engine.url.render_as_string(hide_password=True), agency_id)
        with self._lock:
            fingerprint = _fingerprint(database, agency_id)
            cached = self._engines.get(key)
            if cached is None or cached[0] != fingerprint:
                self._engines.pop(key, None)  # let the old engine go before loading the new
                cached = (fingerprint, engine_for_store(database, agency_id))
                self._engines[key] = cached
            yield cached[1]


def _fingerprint(database: Database, agency_id: int) -> tuple[str, ...]:
    with database.transaction() as session:
        crossings = session.execute(
            select(
                func.count(Crossing.id), func.max(Crossing.id), func.max(Crossing.created_at)
            ).where(Crossing.agency_id == agency_id)
        ).one()
        points = session.execute(
            select(
                func.count(CrossingPoint.code),
                func.max(CrossingPoint.created_at),
                func.sum(CrossingPoint.latitude + CrossingPoint.longitude),
            )
        ).one()
    return tuple(str(value) for value in (*crossings, *points))
