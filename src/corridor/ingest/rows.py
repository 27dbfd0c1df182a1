"""Rows of a CSV or JSON Lines file as ``(line number, dict)``; unreadable rows as errors.

Line numbers count the header as line 1 (CSV), so an officer can open the file at the line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from corridor.errors import CorridorError, InvalidInput

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


Row = tuple[int, dict[str, Any]]


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    raise InvalidInput(f"{path.name}: give a .csv or .jsonl file (JSON Lines, one object a line)")


def read_rows(path: Path, required: tuple[str, ...] = ()) -> Iterator[Row | RowError]:
    """Each row of ``path`` in order; a row that cannot be read yields a ``RowError``."""
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    kind = file_format(path)
    with path.open("rb") as handle:
        if kind == "csv":
            yield from _csv_rows(handle, path.name, required)
        else:
            yield from _jsonl_rows(handle)


def _csv_rows(
    handle: io.BufferedReader, name: str, required: tuple[str, ...]
) -> Iterator[Row | RowError]:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="replace", newline="")
    reader = csv.reader(text)
    header = next(reader, None)
    if header is None:
        raise InvalidInput(f"{name} is empty: it needs a header line")
    columns = [column.strip().lower() for column in header]
    missing = [column for column in required if column not in columns]
    if missing:
        raise InvalidInput(f"{name} lacks the column(s) {', '.join(missing)}")
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if "\ufffd" in "".join(values):
            yield RowError(line, "the row is not valid UTF-8")
            continue
        if len(values) != len(columns):
            yield RowError(line, f"{len(values)} fields where the header has {len(columns)}")
            continue
        yield line, dict(zip(columns, values, strict=True))


def _jsonl_rows(handle: io.BufferedReader) -> Iterator[Row | RowError]:
    for line, raw in enumerate(handle, 1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            yield RowError(line, "the line is not valid UTF-8")
            continue
        except json.JSONDecodeError as error:
            yield RowError(line, f"not valid JSON ({error.msg})")
            continue
        if not isinstance(value, dict):
            yield RowError(line, "each line must be one JSON object")
            continue
        yield line, {str(k).lower(): v for k, v in value.items()}


def read_identified(
    path: Path, required: tuple[str, ...], build: Callable[[str, dict[str, Any]], T]
) -> Iterator[tuple[int, T] | RowError]:
    """Rows with an ``id`` that must be present and must not repeat, each made into ``build``'s
    value; a row ``build`` refuses (``CorridorError``) becomes a ``RowError`` with its line."""
    seen: dict[str, int] = {}
    for row in read_rows(path, required=required):
        if isinstance(row, RowError):
            yield row
            continue
        line, values = row
        try:
            record_id = str(values.get("id") or "").strip()
            if not record_id:
                raise InvalidInput("id is empty")
            if record_id in seen:
                raise InvalidInput(f"id {record_id} repeats line {seen[record_id]}")
            built = build(record_id, values)
        except CorridorError as error:
            yield RowError(line, error.detail)
            continue
        seen[record_id] = line
        yield line, built
