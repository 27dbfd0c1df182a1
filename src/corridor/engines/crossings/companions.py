"""Who keeps crossing with different companions: escorts rise above guides, crews, families."""

from __future__ import annotations

import duckdb

from corridor.domain.crossings.rules import (
    CREW_WEIGHT,
    GROUP_EXPONENT,
    MINOR_WEIGHT,
    YOUNG_WOMAN_AGES,
)
from corridor.engines.crossings.anomalies import companion_pairs

COMPANION_COLUMNS = (
    "document_key",
    "trips",
    "distinct_companions",
    "minor_companions",
    "female_companions_18_25",
    "score",
)


def companions(
    connection: duckdb.DuckDBPyConnection, fresh: bool = True
) -> duckdb.DuckDBPyRelation:
    """One row per document that had companions on a crossing, highest score first."""
    if fresh:
        companion_pairs(connection)
    low, high = YOUNG_WOMAN_AGES
    return connection.sql(
        f"""
        WITH joined AS (
          SELECT a.doc_key, a.id, a.family, a.permit_type, k.other_doc, k.other_family,
                 k.other_adult, k.other_sex, k.other_age,
                 NOT coalesce(k.other_adult, true) AS minor,
                 k.other_sex = 'F' AND k.other_age BETWEEN {low} AND {high} AS young_woman
          FROM companions k JOIN ages a ON a.id = k.crossing_id
        ), trips AS (
          SELECT doc_key, id, any_value(permit_type) AS permit_type, count(DISTINCT other_doc) AS size,
                 sum(CASE WHEN other_family = family THEN 0
                          WHEN minor THEN {MINOR_WEIGHT} WHEN young_woman THEN 1 ELSE 0 END)
                   AS vulnerable
          FROM joined GROUP BY doc_key, id
        ), scored AS (
          SELECT doc_key, count(*) AS trips,
                 sum(vulnerable / pow(size, {GROUP_EXPONENT})
                     * CASE WHEN permit_type = 'crew' THEN {CREW_WEIGHT} ELSE 1 END) AS score
          FROM trips GROUP BY doc_key
        ), people AS (
          SELECT doc_key, count(DISTINCT other_doc) AS distinct_companions,
                 count(DISTINCT CASE WHEN minor THEN other_doc END) AS minor_companions,
                 count(DISTINCT CASE WHEN young_woman THEN other_doc END) AS female_companions_18_25
          FROM joined GROUP BY doc_key
        )
        SELECT s.doc_key AS document_key, s.trips, p.distinct_companions, p.minor_companions,
               p.female_companions_18_25, round(s.score, 4) AS score
        FROM scored s JOIN people p USING (doc_key)
        ORDER BY score DESC, document_key
        """  # noqa: S608 - constants only
    )
