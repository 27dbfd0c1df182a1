"""Screening a traveller against a watchlist: candidates from the index, every candidate
scored and explained, hits at or above the threshold ranked best first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property

from corridor.domain.screening.index import CandidateIndex
from corridor.domain.screening.model import Model, load_model
from corridor.domain.screening.prefilter import DateFilter
from corridor.domain.screening.records import Person
from corridor.domain.screening.score import PairScorer, Scored
from corridor.domain.screening.weights import TokenWeights


class Screener:
    def __init__(
        self,
        alerts: Sequence[Person],
        *,
        model: Model | None = None,
        alert_types: dict[str, str] | None = None,
        corpus: Iterable[Person] = (),
    ) -> None:
        """``alert_types`` maps alert ids to types (for per-type thresholds); ``corpus`` adds
        other people (a passenger list) to the name-frequency estimate."""
        self.model = model or load_model()
        self.alerts = list(alerts)
        self.alert_types = alert_types or {}
        names = self.model.name
        self.weights = TokenWeights(
            [*self.alerts, *corpus],
            names["weight_floor"],
            names["weight_ceiling"],
            names["prior_people"],
            names["prior_bits"],
        )
        self.scorer = PairScorer(self.model, self.weights)
        self.dates = DateFilter([alert.birth_date for alert in self.alerts])
        # A disagreeing birth date rules a candidate out when even every other feature at its
        # best could not lift it to the lowest threshold; then the date filter may drop it.
        model = self.model
        best_others = (
            model.birth_date["conflict"]
            + names["cap_bits"]
            + max(model.document.values())
            + max(model.sex.values())
            + max(model.nationality.values())
        )
        self.dates_decide = model.score(best_others) < min(model.thresholds.values())

    @cached_property
    def index(self) -> CandidateIndex:
        """The alerts' candidate index, built on the first check (a bulk run that finds its
        candidates by a join, ``engines/resolution.py``, never needs it)."""
        return CandidateIndex(self.alerts)

    def check(self, traveller: Person, threshold: float | None = None) -> list[Scored]:
        """Hits for ``traveller``, best first. Without ``threshold``, each alert type's own."""
        hits = []
        positions = self.index.candidates(traveller)
        if self.dates_decide:
            positions = self.dates.compatible(positions, traveller.birth_date)
        for position in positions:
            alert = self.alerts[position]
            limit = (
                threshold
                if threshold is not None
                else self.model.threshold(self.alert_types.get(alert.id))
            )
            scored = self.scorer.score(traveller, alert, floor=limit)
            if scored is not None and scored.score >= limit:
                hits.append(scored)
        hits.sort(key=lambda s: (-s.score, s.alert_id))
        return hits
