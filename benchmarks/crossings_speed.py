"""Stays and anomalies over millions of crossings, beside plain DuckDB SQL doing the same.

    .venv/bin/python benchmarks/crossings_speed.py [--copies 48] [--world ../shared/data/crossings-dev]

The development world is repeated ``--copies`` times with fresh ids, documents, bookings and
carriers (48 copies: 2,026,416 crossings; 480: about 20 million). Corridor's engine validates
every row, builds stays, and finds all four anomaly kinds; the peer is the plain SQL a
competent analyst would write for stays and impossible travel alone, on the same file, in the
same run. Peak memory is the process's.
"""

from __future__ import annotations

import argparse
import csv
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from corridor.engines.crossings.engine import CrossingsEngine

PLAIN_STAYS = """
WITH c AS (SELECT *, epoch(cast(timestamp AS TIMESTAMPTZ)) AS t, cast(left(timestamp, 10) AS DATE) AS d,
                  issuing_state || ':' || document_number AS k
           FROM read_csv(?, header=true, all_varchar=true) x JOIN points p ON p.code = x.crossing_point
           WHERE try_cast(timestamp AS TIMESTAMPTZ) IS NOT NULL AND document_number IS NOT NULL),
o AS (SELECT *, lead(direction) OVER w AS nd, lead(d) OVER w AS ndate FROM c
      WINDOW w AS (PARTITION BY k, country ORDER BY t, id))
SELECT count(*) AS stays, count(CASE WHEN nd = 'exit' THEN 1 END) AS left_,
       sum(CASE WHEN nd = 'exit' THEN ndate - d ELSE 0 END) AS days
FROM o WHERE direction = 'entry' AND nationality <> country
"""
PLAIN_TRAVEL = """
WITH c AS (SELECT x.id, x.crossing_point, p.lat, p.lon, epoch(cast(timestamp AS TIMESTAMPTZ)) AS t,
                  issuing_state || ':' || document_number AS k
           FROM read_csv(?, header=true, all_varchar=true) x JOIN points p ON p.code = x.crossing_point
           WHERE try_cast(timestamp AS TIMESTAMPTZ) IS NOT NULL AND document_number IS NOT NULL),
o AS (SELECT *, lag(lat) OVER w AS pl, lag(lon) OVER w AS po, lag(t) OVER w AS pt FROM c
      WINDOW w AS (PARTITION BY k ORDER BY t, id))
SELECT count(*) FROM o WHERE pt IS NOT NULL AND t > pt
  AND 2 * 6371 * asin(sqrt(pow(sin(radians(lat - pl) / 2), 2) + cos(radians(pl)) * cos(radians(lat))
      * pow(sin(radians(lon - po) / 2), 2))) / ((t - pt) / 3600) > 1000
"""


def scale(world: Path, copies: int, out: Path) -> int:
    with (world / "CROSSINGS.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(rows[0])
        for copy in range(copies):
            for row in rows[1:]:
                new = list(row)
                new[0] = f"{row[0]}-{copy}"
                new[4] = f"{row[4]}{copy:03d}" if row[4] else ""
                new[12] = f"{row[12]}-{copy}" if row[12] else ""
                new[13] = f"{row[13]}{copy}" if row[13] else ""
                writer.writerow(new)
    return copies * (len(rows) - 1)


def timed(action: object) -> float:
    assert callable(action)
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--world", type=Path, default=Path("../shared/data/crossings-dev"))
    parser.add_argument("--copies", type=int, default=48)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        crossings = Path(folder) / "CROSSINGS.csv"
        rows = scale(args.world, args.copies, crossings)
        points = args.world / "POINTS.csv"
        print(
            f"{rows:,} crossings ({args.copies} copies of {args.world.name}); {date.today()}, 2 cores"
        )
        engine = CrossingsEngine()
        load = timed(lambda: engine.load(crossings, points))
        stays = timed(lambda: engine.stays(date(2026, 6, 30)).fetchall())
        anomalies = timed(lambda: engine.anomalies().fetchall())
        peer = duckdb.connect()
        peer.execute(
            "CREATE TABLE points AS SELECT code, country, try_cast(latitude AS DOUBLE) AS lat, "
            "try_cast(longitude AS DOUBLE) AS lon FROM read_csv(?, header=true, all_varchar=true)",
            [str(points)],
        )
        plain_stays = timed(lambda: peer.execute(PLAIN_STAYS, [str(crossings)]).fetchall())
        plain_travel = timed(lambda: peer.execute(PLAIN_TRAVEL, [str(crossings)]).fetchall())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"corridor: load and validate {load:.1f} s, stays {stays:.1f} s, all four anomalies {anomalies:.1f} s"
        )
        print(
            f"  stays end to end {load + stays:.1f} s; anomalies end to end {load + anomalies:.1f} s"
        )
        print(
            f"plain DuckDB SQL: stays {plain_stays:.1f} s, impossible travel {plain_travel:.1f} s"
        )
        print(
            f"ratios corridor/plain: stays {(load + stays) / plain_stays:.2f}, "
            f"anomalies (four kinds) / impossible travel alone {(load + anomalies) / plain_travel:.2f}"
        )
        print(f"peak memory of the process: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
