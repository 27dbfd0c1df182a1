"""Crossing points: airports, land gates and seaports, loaded from a data file."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class PointSpec:
    code: str
    name: str
    country: str
    kind: str  # air, land, sea
    latitude: float
    longitude: float
    partner_code: str | None


def reference_points() -> list[PointSpec]:
    """The real crossing points on the corridors Corridor serves (``data/crossing_points.csv``)."""
    text = resources.files("corridor.data").joinpath("crossing_points.csv").read_text("utf-8")
    return [
        PointSpec(
            code=row["code"],
            name=row["name"],
            country=row["country"],
            kind=row["kind"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            partner_code=row["partner_code"] or None,
        )
        for row in csv.DictReader(text.splitlines())
    ]


# The time zone of each country's crossing points, for the local time a booth records.
TIME_ZONES = {
    "VNM": "Asia/Ho_Chi_Minh",
    "CHN": "Asia/Shanghai",
    "KHM": "Asia/Phnom_Penh",
    "LAO": "Asia/Vientiane",
    "THA": "Asia/Bangkok",
    "GBR": "Europe/London",
    "JPN": "Asia/Tokyo",
    "KOR": "Asia/Seoul",
}


def local_now(country: str) -> datetime:
    """Now, with the offset of the country's points (UTC where the country is not listed)."""
    zone = TIME_ZONES.get(country)
    return datetime.now(ZoneInfo(zone)) if zone else datetime.now(UTC)
