"""Reading crossing points and crossings into DuckDB, keeping the valid rows and reporting the
others by line number (the header is line 1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from corridor.errors import InvalidInput

CROSSING_COLUMNS = (
    "id",
    "timestamp",
    "crossing_point",
    "direction",
    "document_number",
    "issuing_state",
    "nationality",
    "full_name",
    "birth_date",
    "sex",
    "permit_type",
    "permit_days",
    "carrier",
    "booking_ref",
)
POINT_COLUMNS = ("code", "name", "country", "kind", "latitude", "longitude")
TIMESTAMP = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)"


@dataclass(slots=True)
class LoadReport:
    rows: int = 0
    valid: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _columns(connection: duckdb.DuckDBPyConnection, path: Path, wanted: tuple[str, ...]) -> None:
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    header = (
        connection.execute(
            "SELECT * FROM read_csv(?, header=true, all_varchar=true) LIMIT 0", [str(path)]
        ).description
        or []
    )
    missing = [c for c in wanted if c not in {d[0] for d in header}]
    if missing:
        raise InvalidInput(f"{path.name} lacks the column(s) {', '.join(missing)}")


def _permit_rules(connection: duckdb.DuckDBPyConnection) -> None:
    """``permit_rules``: the permitted days a country's rules give an entry that states none
    (``data/permit_rules.csv``; a nationality's own rule comes before the rule for all, ``*``)."""
    from importlib import resources

    rules = resources.files("corridor.data").joinpath("permit_rules.csv")
    connection.execute(
        "CREATE OR REPLACE TABLE permit_rules AS SELECT * FROM read_csv(?, header=true)",
        [str(rules)],
    )


def load_points(connection: duckdb.DuckDBPyConnection, path: Path) -> None:
    _columns(connection, path, POINT_COLUMNS)
    connection.execute(
        """CREATE OR REPLACE TABLE points AS
           SELECT upper(trim(code)) AS code, name, upper(trim(country)) AS country,
                  lower(trim(kind)) AS kind, try_cast(latitude AS DOUBLE) AS lat,
                  try_cast(longitude AS DOUBLE) AS lon
           FROM read_csv(?, header=true, all_varchar=true)""",
        [str(path)],
    )
    bad = connection.execute(
        """SELECT code FROM points WHERE lat IS NULL OR lon IS NULL OR kind NOT IN ('air', 'land', 'sea')
           OR length(country) <> 3 UNION ALL
           SELECT code FROM points GROUP BY code HAVING count(*) > 1"""
    ).fetchall()
    if bad:
        raise InvalidInput(
            f"{path.name}: point(s) {', '.join(sorted({b[0] for b in bad}))} lack a"
            " country, kind (air, land, sea) or coordinates, or repeat"
        )


def load_crossings(connection: duckdb.DuckDBPyConnection, path: Path) -> LoadReport:
    """``crossings`` holds the valid rows with their derived values, in one parallel pass over
    the file (at 20 million rows every extra copy costs seconds and gigabytes); the report
    names each rejected line and why. DuckDB preserves insertion order, so a row's ``rowid``
    is its record's place in the file: line = rowid + 2 (the header is line 1). A numbering
    window would do the same but serialise the whole load on one thread."""
    _columns(connection, path, CROSSING_COLUMNS)
    _permit_rules(connection)
    connection.execute(
        f"""CREATE OR REPLACE TABLE crossings AS
           WITH raw AS (
             SELECT * FROM read_csv(?, header=true, all_varchar=true, quote='"', escape='"')),
           checked AS (
             SELECT r.*, p.country, p.kind, p.lat, p.lon,
                    try_cast(r.timestamp AS TIMESTAMPTZ) AS moment,
                    upper(coalesce(r.nationality, '')) AS nat,
                    lower(coalesce(r.permit_type, '')) AS permit,
                    try_cast(r.permit_days AS INTEGER) AS days
             FROM raw r LEFT JOIN points p ON p.code = upper(trim(r.crossing_point)))
           SELECT
             CASE
               WHEN c.timestamp IS NULL OR NOT regexp_full_match(c.timestamp, '{TIMESTAMP}')
                    OR c.moment IS NULL
                 THEN 'timestamp ' || coalesce('''' || c.timestamp || '''', 'missing')
                      || ' is not ISO 8601 with a UTC offset and a real date and time'
               WHEN c.country IS NULL
                 THEN 'crossing point ' || coalesce('''' || c.crossing_point || '''', 'missing')
                      || ' is not in the points file'
               WHEN coalesce(trim(c.document_number), '') = ''
                 THEN 'the document number is empty'
               WHEN coalesce(trim(c.issuing_state), '') = ''
                 THEN 'the issuing state is empty'
               WHEN lower(coalesce(c.direction, '')) NOT IN ('entry', 'exit')
                 THEN 'direction ' || coalesce('''' || c.direction || '''', 'missing')
                      || ' is not entry or exit'
             END AS problem,
             id, timestamp AS ts, upper(trim(crossing_point)) AS point, c.country, kind,
             lat, lon, lower(direction) AS direction,
             upper(trim(issuing_state)) || ':' || upper(trim(document_number)) AS doc_key,
             nat AS nationality, coalesce(full_name, '') AS full_name,
             upper(split_part(trim(coalesce(full_name, '')), ' ', 1)) AS family,
             try_cast(birth_date AS DATE) AS birth_date, upper(coalesce(sex, '')) AS sex,
             permit AS permit_type, c.days AS permit_days,
             coalesce(trim(carrier), '') AS carrier, coalesce(trim(booking_ref), '') AS booking,
             epoch(moment) AS instant, try_cast(left(timestamp, 10) AS DATE) AS local_date,
             CASE WHEN c.days IS NULL AND nat <> c.country
                  THEN CAST(coalesce(own.days, every.days) AS INTEGER) END AS rule_days
           FROM checked c
           LEFT JOIN permit_rules own
             ON own.country = c.country AND own.permit_type = c.permit AND own.nationality = c.nat
           LEFT JOIN permit_rules every
             ON every.country = c.country AND every.permit_type = c.permit
                AND every.nationality = '*'""",  # noqa: S608
        [str(path)],
    )
    report = LoadReport()
    report.errors = [
        (int(line), str(problem))
        for line, problem in connection.execute(
            "SELECT rowid + 2, problem FROM crossings WHERE problem IS NOT NULL ORDER BY rowid"
        ).fetchall()
    ]
    report.rows = connection.execute("SELECT count(*) FROM crossings").fetchall()[0][0]
    if report.errors:
        connection.execute("DELETE FROM crossings WHERE problem IS NOT NULL")
    report.valid = report.rows - len(report.errors)
    return report
