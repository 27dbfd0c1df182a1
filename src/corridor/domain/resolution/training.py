"""Training the model's weights from the data, as Splink's EM does, and from analysts'
judgements when there are some.

Each candidate pair becomes a comparison vector: the level of every feature (birth date
exact, day and month swapped, same year...; sex, nationality and document same, different or
missing) and the name's evidence in four bands. Expectation-maximisation then estimates, for
every level, how often it occurs among true matches (m) and among non-matches (u); a level's
weight is log2(m / u). Pairs an analyst judged are not estimated: they count as the match or
non-match they were judged. The result is a new model file (JSON, versioned), never a pickle:
names keep the model's own weights (they come from token rarity, not from a table).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from typing import Any

import numpy as np

from corridor.domain.screening.model import Model
from corridor.domain.screening.score import Scored

TRAINED = ("birth_date", "sex", "nationality", "document")
NAME_BANDS = ((10.0, "strong"), (6.0, "good"), (2.0, "weak"), (float("-inf"), "poor"))
NAME_START_BITS = {"strong": 10.0, "good": 6.0, "weak": 1.0, "poor": -6.0}
LIMIT_BITS = 20.0
FLOOR = 1e-6  # a level never seen on one side still has a little probability


def comparison(scored: Scored) -> dict[str, str]:
    """The levels of a scored pair's features, the name in bands of evidence."""
    levels = {f.name: f.how for f in scored.features if f.name != "name"}
    name_bits = next((f.bits for f in scored.features if f.name == "name"), 0.0)
    levels["name"] = next(band for bound, band in NAME_BANDS if name_bits >= bound)
    return levels


def train(
    vectors: Sequence[Mapping[str, str]],
    model: Model,
    labels: Mapping[int, bool] | None = None,
    iterations: int = 30,
    version: str = "",
) -> Model:
    """A model whose birth date, sex, nationality and document weights are estimated from
    ``vectors`` (``labels``: vector index -> judged a match or not). "missing" stays 0 bits."""
    if not vectors:
        raise ValueError("no candidate pairs to train on")
    start = {feature: dict(getattr(model, feature)) for feature in TRAINED}
    start["name"] = dict(NAME_START_BITS)
    # each feature's levels as small integers, one column per feature
    levels = {f: sorted({v.get(f, "missing") for v in vectors}) for f in start}
    codes = {
        f: np.array([levels[f].index(v.get(f, "missing")) for v in vectors], dtype=np.int64)
        for f in start
    }
    known = np.array(sorted((labels or {}).keys()), dtype=np.int64)
    known_values = np.array([1.0 if (labels or {})[i] else 0.0 for i in known])
    u = {f: np.bincount(codes[f], minlength=len(levels[f])) / len(vectors) for f in start}
    m = {}
    for f in start:
        raw = u[f] * np.array([2.0 ** start[f].get(level, 0.0) for level in levels[f]])
        m[f] = raw / raw.sum()
    prior = 0.1
    for _ in range(iterations):
        log_match = np.full(len(vectors), math.log(prior))
        log_other = np.full(len(vectors), math.log(1.0 - prior))
        for f in start:
            log_match += np.log(np.maximum(m[f], FLOOR))[codes[f]]
            log_other += np.log(np.maximum(u[f], FLOOR))[codes[f]]
        posterior = 1.0 / (1.0 + np.exp(np.clip(log_other - log_match, -700.0, 700.0)))
        if known.size:
            posterior[known] = known_values  # judged pairs count as judged
        prior = float(min(max(posterior.mean(), 1e-4), 1 - 1e-4))
        for f in start:
            matched = np.bincount(codes[f], weights=posterior, minlength=len(levels[f]))
            other = np.bincount(codes[f], weights=1.0 - posterior, minlength=len(levels[f]))
            m[f] = matched / max(matched.sum(), FLOOR)
            u[f] = other / max(other.sum(), FLOOR)
    trained: dict[str, dict[str, float]] = {}
    for feature in TRAINED:
        weights = dict(getattr(model, feature))
        for level in weights:
            if level == "missing" or level not in levels[feature]:
                continue  # not seen: the model's own weight stands
            at = levels[feature].index(level)
            ratio = max(float(m[feature][at]), FLOOR) / max(float(u[feature][at]), FLOOR)
            weights[level] = round(max(min(math.log2(ratio), LIMIT_BITS), -LIMIT_BITS), 2)
        trained[feature] = weights
    return replace(
        model,
        version=version or f"{model.version}+trained",
        birth_date=trained["birth_date"],
        sex=trained["sex"],
        nationality=trained["nationality"],
        document=trained["document"],
    )


def as_data(model: Model, about: str) -> dict[str, Any]:
    """The model as the JSON a model file holds."""
    return {
        "version": model.version,
        "about": about,
        **{k: v for k, v in asdict(model).items() if k != "version"},
    }
