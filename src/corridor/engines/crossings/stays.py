"""Stays and overstays: every foreigner's entry with the exit that ended it, if any."""

from __future__ import annotations

from datetime import date

import duckdb

STAY_COLUMNS = (
    "document_key",
    "entry_id",
    "entered_at",
    "exit_id",
    "exited_at",
    "permitted_until",
    "status",
    "days_over",
)


def stays(connection: duckdb.DuckDBPyConnection, as_of: date) -> duckdb.DuckDBPyRelation:
    """One row per foreigner's entry (``STAY_COLUMNS``), ordered by document and entry."""
    return connection.sql(
        f"""
        WITH ordered AS (
          SELECT *, lead(id) OVER w AS next_id, lead(direction) OVER w AS next_direction,
                 lead(ts) OVER w AS next_ts, lead(local_date) OVER w AS next_date
          FROM crossings
          WINDOW w AS (PARTITION BY doc_key, country ORDER BY instant, id)
        ), stays AS (
          SELECT doc_key, id, ts, coalesce(permit_days, rule_days) AS permit_days,
                 CASE WHEN next_direction = 'exit' THEN next_id END AS exit_id,
                 CASE WHEN next_direction = 'exit' THEN next_ts END AS exited_at,
                 CASE WHEN next_direction = 'exit' THEN next_date END AS exit_date,
                 local_date + coalesce(permit_days, rule_days) - 1 AS until
          FROM ordered WHERE direction = 'entry' AND nationality <> country
        )
        SELECT doc_key AS document_key, id AS entry_id, ts AS entered_at,
               coalesce(exit_id, '') AS exit_id, coalesce(exited_at, '') AS exited_at,
               coalesce(cast(until AS VARCHAR), '') AS permitted_until,
               CASE
                 WHEN exit_id IS NOT NULL AND (until IS NULL OR exit_date <= until) THEN 'left'
                 WHEN exit_id IS NOT NULL THEN 'left_late'
                 WHEN until IS NULL OR until >= DATE '{as_of.isoformat()}' THEN 'in_country'
                 ELSE 'overstaying'
               END AS status,
               CASE
                 WHEN until IS NULL THEN 0
                 WHEN exit_id IS NOT NULL THEN greatest(exit_date - until, 0)
                 ELSE greatest(DATE '{as_of.isoformat()}' - until, 0)
               END AS days_over
        FROM stays ORDER BY document_key, entered_at, entry_id
        """  # noqa: S608 - the date is a date object's ISO form
    )
