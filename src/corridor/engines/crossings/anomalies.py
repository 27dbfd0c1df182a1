"""Anomalies that expose cloned documents, unrecorded exits and unaccompanied children."""

from __future__ import annotations

import duckdb

from corridor.domain.crossings.rules import (
    ADULT_AGE,
    COMPANION_MINUTES,
    EARTH_RADIUS_KM,
    LAND_PAIR_KM,
    MAX_SPEED_KMH,
    NEAR_MINUTES,
)

ANOMALY_COLUMNS = ("crossing_id", "kind", "detail")


HAVERSINE_KM = (
    f"2 * {EARTH_RADIUS_KM} * asin(sqrt(pow(sin(radians(lat - prev_lat) / 2), 2) + "
    "cos(radians(prev_lat)) * cos(radians(lat)) * pow(sin(radians(lon - prev_lon) / 2), 2)))"
)


def companion_pairs(connection: duckdb.DuckDBPyConnection, minors_only: bool = False) -> None:
    """``companions``: for each crossing, the other documents' crossings that accompanied it
    (same point and direction; same booking, or same carrier within the window), with each
    person's age on their own crossing day. Also ``ages``: each crossing's age and adulthood.
    With ``minors_only``, only minors' crossings get their companions (all that the
    minor_without_guardian rule needs, and far fewer pairs on a full flight)."""
    only = "AND m.local_date < m.adult_from" if minors_only else ""
    connection.execute(
        f"""
        CREATE OR REPLACE TABLE ages AS
        SELECT id, doc_key, family, sex, permit_type, point, direction, carrier, booking, instant,
               local_date,
               CASE WHEN birth_date IS NULL THEN NULL
                    WHEN month(birth_date) = 2 AND day(birth_date) = 29
                      THEN make_date(year(birth_date) + {ADULT_AGE}, 3, 1)
                    ELSE make_date(year(birth_date) + {ADULT_AGE}, month(birth_date), day(birth_date))
               END AS adult_from,
               date_diff('year', birth_date, local_date)
                 - CASE WHEN strftime(local_date, '%m%d') < strftime(birth_date, '%m%d') THEN 1 ELSE 0 END
                 AS age
        FROM crossings;
        CREATE OR REPLACE TABLE companions AS
        SELECT m.id AS crossing_id, o.id AS other_id, o.doc_key AS other_doc, o.family AS other_family,
               o.sex AS other_sex, o.age AS other_age, o.local_date >= o.adult_from AS other_adult,
               m.booking <> '' AND o.booking = m.booking AS same_booking
        FROM ages m JOIN ages o
          ON o.point = m.point AND o.direction = m.direction AND o.doc_key <> m.doc_key
         AND m.booking <> '' AND o.booking = m.booking {only}
        UNION
        SELECT m.id, o.id, o.doc_key, o.family, o.sex, o.age, o.local_date >= o.adult_from,
               m.booking <> '' AND o.booking = m.booking
        FROM ages m JOIN ages o
          ON o.point = m.point AND o.direction = m.direction AND o.doc_key <> m.doc_key
         AND m.carrier <> '' AND o.carrier = m.carrier
         AND abs(o.instant - m.instant) <= {COMPANION_MINUTES * 60} {only};
        """  # noqa: S608 - constants only
    )


def anomalies(connection: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
    companion_pairs(connection, minors_only=True)
    first_date = connection.execute("SELECT min(local_date) FROM crossings").fetchall()[0][0]
    return connection.sql(
        f"""
        WITH travel AS (
          SELECT c.*, lag(id) OVER w AS prev_id, lag(point) OVER w AS prev_point,
                 lag(instant) OVER w AS prev_instant, lag(lat) OVER w AS prev_lat,
                 lag(lon) OVER w AS prev_lon, lag(kind) OVER w AS prev_kind,
                 lag(country) OVER w AS prev_country
          FROM crossings c WINDOW w AS (PARTITION BY doc_key ORDER BY instant, id)
        ), moves AS (
          SELECT *, {HAVERSINE_KM} AS km, (instant - prev_instant) / 3600.0 AS hours
          FROM travel WHERE prev_id IS NOT NULL AND prev_point <> point
        ), impossible AS (
          SELECT id AS crossing_id, 'impossible_travel' AS kind,
                 format('{{}} at {{}} {{:.0f}} min after {{}} at {{}}, {{:.0f}} km away ({{}} km/h)', id, point,
                        hours * 60, prev_id, prev_point, km,
                        CASE WHEN hours > 0 THEN format('{{:.0f}}', km / hours) ELSE 'instant' END)
                   AS detail
          FROM moves
          WHERE (hours <= 0 OR km / hours > {MAX_SPEED_KMH})
             OR (hours * 60 <= {NEAR_MINUTES} AND NOT (kind = 'land' AND prev_kind = 'land'
                 AND country <> prev_country AND km < {LAND_PAIR_KM}))
        ), national AS (
          SELECT *, lag(direction) OVER w AS prev_direction, lag(id) OVER w AS prev_id,
                 bool_or(direction = 'entry') OVER (PARTITION BY doc_key, country ORDER BY instant, id
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS entered_before
          FROM crossings WINDOW w AS (PARTITION BY doc_key, country ORDER BY instant, id)
        ), doubles AS (
          SELECT id, 'double_entry',
                 format('entry into {{}} after entry {{}} with no exit between', country, prev_id)
          FROM national WHERE direction = 'entry' AND prev_direction = 'entry'
        ), unentered AS (
          SELECT id, 'exit_without_entry',
                 format('exit from {{}} with no entry on record; the {{}}-day permit began on or after {{}}',
                        country, permit_days, DATE '{first_date}')
          FROM national
          WHERE direction = 'exit' AND nationality <> country AND permit_days IS NOT NULL
            AND NOT coalesce(entered_before, false)
            AND local_date - permit_days + 1 >= DATE '{first_date}'
        ), minors AS (
          SELECT a.id, 'minor_without_guardian',
                 format('aged {{}} with no adult companion named {{}} ({{}} companion(s))', a.age, a.family,
                        (SELECT count(*) FROM companions k WHERE k.crossing_id = a.id))
          FROM ages a
          WHERE a.adult_from IS NOT NULL AND a.local_date < a.adult_from
            AND NOT EXISTS (SELECT 1 FROM companions k WHERE k.crossing_id = a.id
                            AND k.other_adult AND k.other_family = a.family)
        )
        SELECT * FROM impossible UNION ALL SELECT * FROM doubles
        UNION ALL SELECT * FROM unentered UNION ALL SELECT * FROM minors
        ORDER BY 1, 2
        """  # noqa: S608 - constants and a date from the data
    )
