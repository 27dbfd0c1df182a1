from __future__ import annotations

from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from corridor.store.models.base import Base, Timestamped


class CrossingPoint(Timestamped, Base):
    """An airport, land border gate or seaport; land gates name the gate opposite them."""

    __tablename__ = "crossing_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(8))  # air, land, sea
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    partner_code: Mapped[str | None] = mapped_column(String(16))
