"""The screening model: its evidence weights and thresholds are data (``data/screening/``),
versioned, so that a hit's explanation can name the model that scored it."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Model:
    version: str
    name: dict[str, float]
    birth_date: dict[str, float]
    sex: dict[str, float]
    nationality: dict[str, float]
    document: dict[str, float]
    offset: float
    thresholds: dict[str, float]

    def threshold(self, alert_type: str | None) -> float:
        return self.thresholds.get(alert_type or "default", self.thresholds["default"])

    def score(self, bits: float) -> float:
        return float(1.0 / (1.0 + 2.0 ** (self.offset - bits)))

    def bits_for(self, score: float) -> float:
        """The evidence at which ``score`` is reached: the inverse of ``score``."""
        if score <= 0.0:
            return -math.inf
        if score >= 1.0:
            return math.inf
        return self.offset - math.log2(1.0 / score - 1.0)


@lru_cache(maxsize=4)
def load_model(version: str = "model-v1") -> Model:
    return model_from_text(
        resources.files("corridor.data").joinpath(f"screening/{version}.json").read_text("utf-8")
    )


def model_from_text(text: str) -> Model:
    """A model from its JSON (a shipped version, or one trained on an agency's data)."""
    raw: dict[str, Any] = json.loads(text)
    raw.pop("about", None)
    return Model(**raw)
