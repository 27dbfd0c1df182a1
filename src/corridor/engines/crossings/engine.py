"""One DuckDB database per run: load the files, then ask for stays, anomalies, companions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from corridor.engines.crossings.anomalies import anomalies
from corridor.engines.crossings.companions import companions
from corridor.engines.crossings.load import LoadReport, load_crossings, load_points
from corridor.engines.crossings.stays import stays


class CrossingsEngine:
    def __init__(self, threads: int | None = None) -> None:
        self.connection = duckdb.connect()
        if threads:
            self.connection.execute(f"SET threads = {int(threads)}")

    def load(self, crossings_file: Path, points_file: Path | None) -> LoadReport:
        if points_file is None:
            self._reference_points()
        else:
            load_points(self.connection, points_file)
        return load_crossings(self.connection, crossings_file)

    def _reference_points(self) -> None:
        from importlib import resources

        path = resources.files("corridor.data").joinpath("crossing_points.csv")
        load_points(self.connection, Path(str(path)))

    def stays(self, as_of: date) -> duckdb.DuckDBPyRelation:
        return stays(self.connection, as_of)

    def anomalies(self) -> duckdb.DuckDBPyRelation:
        return anomalies(self.connection)

    def companions(self) -> duckdb.DuckDBPyRelation:
        return companions(self.connection)

    def write(self, relation: duckdb.DuckDBPyRelation, out: Path) -> int:
        """Write ``relation`` as CSV (header, UTF-8); the number of rows written."""
        out.parent.mkdir(parents=True, exist_ok=True)
        relation.write_csv(str(out), header=True)
        return int(relation.shape[0])
