"""One score per traveller-alert pair, from names, birth date, sex, nationality and document,
with every feature's contribution kept for the explanation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from corridor.domain.names.compare import NameMatch, align
from corridor.domain.screening.dates import compare_birth_dates
from corridor.domain.screening.model import Model
from corridor.domain.screening.records import NameForm, Person

Weight = Callable[[str], float]


@dataclass(frozen=True, slots=True)
class Feature:
    name: str  # name, birth_date, sex, nationality, document
    how: str
    bits: float
    detail: str


@dataclass(frozen=True, slots=True)
class Scored:
    traveller_id: str
    alert_id: str
    bits: float
    score: float
    features: tuple[Feature, ...]
    model: str

    def explanation(self) -> str:
        parts = [
            f"{f.name} {f.detail} ({f.bits:+.1f})"
            for f in self.features
            if f.bits or f.how not in ("missing",)
        ]
        return f"{'; '.join(parts)} [{self.model}]"


def score_pair(
    traveller: Person, alert: Person, model: Model, weight: Weight, floor: float = 0.0
) -> Scored | None:
    """The pair's score; None when it cannot reach ``floor`` even with a perfect name (the
    cheap features are scored first, so most candidates never need a name alignment)."""
    others = _other_features(traveller, alert, model)
    partial = sum(f.bits for f in others)
    if model.score(partial + model.name["cap_bits"]) < floor:
        return None
    name = _name_feature(traveller, alert, model, weight)
    bits = partial + name.bits
    return Scored(traveller.id, alert.id, bits, model.score(bits), (name, *others), model.version)


class PairScorer:
    """``score_pair`` for many pairs under one model and one set of weights, remembering the
    name comparison per pair of names: in a register the same two names meet again and again
    (a person's records from one source, a common name's namesakes), and the alignment is
    the costly part of a score."""

    LIMIT = 1_000_000

    def __init__(self, model: Model, weight: Weight) -> None:
        self.model = model
        self.weight = weight
        self._names: dict[tuple[tuple[NameForm, ...], tuple[NameForm, ...]], Feature] = {}

    def score(self, traveller: Person, alert: Person, floor: float = 0.0) -> Scored | None:
        model = self.model
        others = _other_features(traveller, alert, model)
        partial = sum(f.bits for f in others)
        if model.score(partial + model.name["cap_bits"]) < floor:
            return None
        key = (traveller.names, alert.names)
        name = self._names.get(key)
        if name is None:
            if len(self._names) >= self.LIMIT:
                self._names.clear()
            name = self._names[key] = _name_feature(traveller, alert, model, self.weight)
        bits = partial + name.bits
        return Scored(
            traveller.id, alert.id, bits, model.score(bits), (name, *others), model.version
        )


def _other_features(traveller: Person, alert: Person, model: Model) -> tuple[Feature, ...]:
    """Every feature but the name: cheap, so they decide first whether the name is needed."""
    date = compare_birth_dates(traveller.birth_date, alert.birth_date, model.birth_date)
    return (
        Feature(
            "birth_date",
            date.how,
            date.bits,
            f"{date.how.replace('_', ' ')} ({traveller.birth_date or '?'} / "
            f"{alert.birth_date or '?'})",
        ),
        _sex(traveller, alert, model),
        _nationality(traveller, alert, model),
        _document(traveller, alert, model),
    )


def best_name_match(
    traveller: Person, alert: Person, model: Model, weight: Weight
) -> tuple[float, NameMatch | None, str, str]:
    """The best alignment over every reading of every name on both sides, in bits."""
    penalty, conflict = model.name["unmatched_penalty"], model.name["conflict_bits"]
    middle = model.name["middle_factor"]
    best: tuple[float, NameMatch | None, str, str] = (model.name["no_match_bits"], None, "", "")
    for tform in traveller.names:
        for treading in tform.readings:
            for aform in alert.names:
                for areading in aform.readings:
                    match = align(treading, areading, weight)
                    if not match.matches:
                        continue
                    left = _certain(
                        match.left_unmatched,
                        tform.uncertain,
                        match.right_unmatched,
                        aform.uncertain,
                        weight,
                    )
                    right = _certain(
                        match.right_unmatched,
                        aform.uncertain,
                        match.left_unmatched,
                        tform.uncertain,
                        weight,
                    )
                    unmatched = _unmatched_weight(left, treading, weight, middle)
                    unmatched += _unmatched_weight(right, areading, weight, middle)
                    replaced = min(len(left), len(right))
                    bits = match.matched_weight - penalty * unmatched - conflict * replaced
                    bits = min(bits, model.name["cap_bits"])
                    if bits > best[0]:
                        best = (bits, match, tform.written, aform.written)
    return best


def _unmatched_weight(
    tokens: list[str], reading: tuple[str, ...], weight: Weight, middle: float
) -> float:
    """Weight of unmatched parts; a middle part (neither first nor last of three or more, as
    Văn, Thị or a second given name) is often dropped and costs ``middle`` of its weight."""
    inner = set(reading[1:-1]) if len(reading) >= 3 else set()
    return sum(weight(t) * (middle if t in inner else 1.0) for t in tokens)


def _certain(
    mine: tuple[str, ...],
    my_guesses: frozenset[str],
    theirs: tuple[str, ...],
    their_guesses: frozenset[str],
    weight: Weight,
) -> list[str]:
    """My unmatched tokens that count against the match: not my own guessed readings, and not
    as many of mine as the other side has guessed readings left over (my NANAMI may be the
    true reading of their 七夏, guessed as SHICHI NATSU)."""
    certain = sorted((t for t in mine if t not in my_guesses), key=weight)
    absorbed = sum(t in their_guesses for t in theirs)
    return certain[: max(0, len(certain) - absorbed)]


def _name_feature(traveller: Person, alert: Person, model: Model, weight: Weight) -> Feature:
    bits, match, twritten, awritten = best_name_match(traveller, alert, model, weight)
    if match is None:
        return Feature("name", "none", bits, "no name part in common")
    pairs = ", ".join(
        f"{m.left}={m.right}" if m.how == "exact" else f"{m.left}~{m.right} {m.how}"
        for m in match.matches
    )
    dropped = [*match.left_unmatched, *match.right_unmatched]
    detail = f'"{twritten}" ~ "{awritten}" ({pairs}'
    detail += f"; unmatched {' '.join(dropped)})" if dropped else ")"
    return Feature("name", "matched", bits, detail)


def _sex(traveller: Person, alert: Person, model: Model) -> Feature:
    if not traveller.sex or not alert.sex or "X" in (traveller.sex, alert.sex):
        return Feature("sex", "missing", model.sex["missing"], "unknown")
    how = "same" if traveller.sex == alert.sex else "different"
    return Feature("sex", how, model.sex[how], f"{how} ({traveller.sex}/{alert.sex})")


def _nationality(traveller: Person, alert: Person, model: Model) -> Feature:
    if not traveller.nationalities or not alert.nationalities:
        return Feature("nationality", "missing", model.nationality["missing"], "unknown")
    shared = traveller.nationalities & alert.nationalities
    how = "same" if shared else "different"
    shown = ",".join(sorted(shared or traveller.nationalities | alert.nationalities))
    return Feature("nationality", how, model.nationality[how], f"{how} ({shown})")


def _document(traveller: Person, alert: Person, model: Model) -> Feature:
    if not traveller.documents or not alert.documents:
        return Feature("document", "missing", model.document["missing"], "not compared")
    if traveller.documents & alert.documents:
        exact = set(traveller.document_numbers) & set(alert.document_numbers)
        detail = "same number" if exact else "same number read with OCR confusions undone"
        return Feature("document", "same", model.document["same"], detail)
    return Feature("document", "different", model.document["different"], "different numbers")
