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


def _rule_days(connection: duckdb.DuckDBPyConnection) -> None:
    """``rule_days``: the permitted days the country's rules give an entry that states none
    (``data/permit_rules.csv``, the nationality's own rule before the rule for every one)."""
    from importlib import resources

    rules = resources.files("corridor.data").joinpath("permit_rules.csv")
    connection.execute(
        "CREATE OR REPLACE TABLE permit_rules AS SELECT * FROM read_csv(?, header=true)",
        [str(rules)],
    )
    connection.execute(
        """ALTER TABLE crossings ADD COLUMN rule_days INTEGER;
           UPDATE crossings c SET rule_days = (
             SELECT r.days FROM permit_rules r
             WHERE r.country = c.country AND r.permit_type = c.permit_type
               AND r.nationality IN (c.nationality, '*')
             ORDER BY r.nationality = '*' LIMIT 1)
           WHERE c.permit_days IS NULL AND c.nationality <> c.country"""
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
    """``crossings`` holds the valid rows with their derived values; ``rejected`` the others."""
    _columns(connection, path, CROSSING_COLUMNS)
    connection.execute(
        """CREATE OR REPLACE TABLE raw AS
           SELECT row_number() OVER () + 1 AS line, *
           FROM read_csv(?, header=true, all_varchar=true, quote='"', escape='"')""",
        [str(path)],
    )
    connection.execute(
        f"""CREATE OR REPLACE TABLE checked AS
           SELECT r.*, p.country, p.kind, p.lat, p.lon,
             CASE
               WHEN r.timestamp IS NULL OR NOT regexp_full_match(r.timestamp, '{TIMESTAMP}')
                    OR try_cast(r.timestamp AS TIMESTAMPTZ) IS NULL
                 THEN 'timestamp ' || coalesce('''' || r.timestamp || '''', 'missing')
                      || ' is not ISO 8601 with a UTC offset and a real date and time'
               WHEN p.code IS NULL
                 THEN 'crossing point ' || coalesce('''' || r.crossing_point || '''', 'missing')
                      || ' is not in the points file'
               WHEN coalesce(trim(r.document_number), '') = ''
                 THEN 'the document number is empty'
               WHEN coalesce(trim(r.issuing_state), '') = ''
                 THEN 'the issuing state is empty'
               WHEN lower(coalesce(r.direction, '')) NOT IN ('entry', 'exit')
                 THEN 'direction ' || coalesce('''' || r.direction || '''', 'missing')
                      || ' is not entry or exit'
             END AS problem
           FROM raw r LEFT JOIN points p ON p.code = upper(trim(r.crossing_point))"""  # noqa: S608
    )
    connection.execute(
        """CREATE OR REPLACE TABLE crossings AS
           SELECT line, id, timestamp AS ts, upper(trim(crossing_point)) AS point, country, kind,
                  lat, lon, lower(direction) AS direction,
                  upper(trim(issuing_state)) || ':' || upper(trim(document_number)) AS doc_key,
                  upper(coalesce(nationality, '')) AS nationality, coalesce(full_name, '') AS full_name,
                  upper(split_part(trim(coalesce(full_name, '')), ' ', 1)) AS family,
                  try_cast(birth_date AS DATE) AS birth_date, upper(coalesce(sex, '')) AS sex,
                  lower(coalesce(permit_type, '')) AS permit_type,
                  try_cast(permit_days AS INTEGER) AS permit_days,
                  coalesce(trim(carrier), '') AS carrier, coalesce(trim(booking_ref), '') AS booking,
                  epoch(cast(timestamp AS TIMESTAMPTZ)) AS instant,
                  cast(left(timestamp, 10) AS DATE) AS local_date
           FROM checked WHERE problem IS NULL"""
    )
    _rule_days(connection)
    report = LoadReport()
    report.rows = connection.execute("SELECT count(*) FROM raw").fetchall()[0][0]
    report.valid = connection.execute("SELECT count(*) FROM crossings").fetchall()[0][0]
    report.errors = [
        (int(line), str(problem))
        for line, problem in connection.execute(
            "SELECT line, problem FROM checked WHERE problem IS NOT NULL ORDER BY line"
        ).fetchall()
    ]
    connection.execute("DROP TABLE raw; DROP TABLE checked")
    return report
