"""Crossings in bulk on DuckDB: a year of a country's crossings in seconds. The same SQL runs
whether the rows come from a file or from the node's store."""
