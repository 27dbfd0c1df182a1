"""One score per traveller-alert pair, from names, birth date, sex, nationality and document,
with every feature's contribution kept for the explanation."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from corridor.domain.names.compare import NameMatch, Variant, align, align_variants, variants
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


class PairScorer:
    """Pairs scored under one model and one set of weights, the name comparison remembered
    per pair of names: in a register the same two names meet again and again (a person's
    records from one source, a common name's namesakes), and the alignment is the costly
    part of a score."""

    LIMIT = 1_000_000

    def __init__(self, model: Model, weight: Weight) -> None:
        self.model = model
        self.weight = weight
        self._names: dict[tuple[tuple[NameForm, ...], tuple[NameForm, ...]], BestMatch] = {}
        self._aligned: dict[tuple[tuple[str, ...], tuple[str, ...]], NameMatch] = {}
        self._variants: dict[tuple[str, ...], list[Variant]] = {}

    def _best(self, traveller: Person, alert: Person) -> BestMatch:
        return _remembered(
            self._names,
            (traveller.names, alert.names),
            lambda: best_name_match(traveller, alert, self.model, self.weight, self._align),
        )

    def _align(self, left: Sequence[str], right: Sequence[str], weight: Weight) -> NameMatch:
        """``align``, remembered per pair of readings: names written differently (case,
        marks, script) often read alike."""
        return _remembered(
            self._aligned,
            (tuple(left), tuple(right)),
            lambda: align_variants(self._variants_of(tuple(left)), self._variants_of(tuple(right))),
        )

    def _variants_of(self, reading: tuple[str, ...]) -> list[Variant]:
        """A reading's weighted variants, made once per reading."""
        return _remembered(self._variants, reading, lambda: variants(reading, self.weight))

    def bits(self, traveller: Person, alert: Person, floor: float = -math.inf) -> float | None:
        """The pair's evidence alone, without the explanation: what ``score`` would give
        as ``bits``; None when it cannot reach ``floor`` bits even with a perfect name. The
        fast path for weighing many pairs of which few are kept."""
        model = self.model
        partial = (
            date_bits(traveller, alert, model)
            + sex_bits(traveller, alert, model)
            + nationality_bits(traveller, alert, model)
            + document_bits(traveller, alert, model)
        )
        if partial + model.name["cap_bits"] < floor:
            return None
        return partial + self._best(traveller, alert)[0]

    def score(self, traveller: Person, alert: Person, floor: float = 0.0) -> Scored | None:
        """The pair's score, every feature explained; None when it cannot reach ``floor``
        even with a perfect name (the cheap features are weighed first, so most candidates
        never need a name alignment)."""
        model = self.model
        others = _other_features(traveller, alert, model)
        partial = sum(f.bits for f in others)
        if model.score(partial + model.name["cap_bits"]) < floor:
            return None
        name = _name_feature(self._best(traveller, alert))
        bits = partial + name.bits
        return Scored(
            traveller.id, alert.id, bits, model.score(bits), (name, *others), model.version
        )


K = TypeVar("K")
V = TypeVar("V")


def _remembered(cache: dict[K, V], key: K, make: Callable[[], V]) -> V:
    """``cache[key]``, made on first asking; a full cache (``PairScorer.LIMIT``) starts
    again rather than growing without bound in a long-running node."""
    value = cache.get(key)
    if value is None:
        if len(cache) >= PairScorer.LIMIT:
            cache.clear()
        value = cache[key] = make()
    return value


def date_bits(traveller: Person, alert: Person, model: Model) -> float:
    return compare_birth_dates(traveller.birth_date, alert.birth_date, model.birth_date).bits


def sex_bits(traveller: Person, alert: Person, model: Model) -> float:
    return model.sex[_sex_how(traveller, alert)]


def nationality_bits(traveller: Person, alert: Person, model: Model) -> float:
    return model.nationality[_nationality_how(traveller, alert)]


def document_bits(traveller: Person, alert: Person, model: Model) -> float:
    return model.document[_document_how(traveller, alert)]


Rule = Callable[[Person, Person, Model], float]
# Every feature but the name, in the order a pair's bits add them up, each beside the one value
# of a person its rule reads: many pairs can then be weighed once per distinct pair of values.
CHEAP_FEATURES: tuple[tuple[Callable[[Person], Hashable], Rule], ...] = (
    (lambda person: person.birth_date, date_bits),
    (lambda person: person.sex, sex_bits),
    (lambda person: person.nationalities, nationality_bits),
    (lambda person: person.documents, document_bits),
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


BestMatch = tuple[float, NameMatch | None, str, str]  # bits, alignment, the two names


def best_name_match(
    traveller: Person,
    alert: Person,
    model: Model,
    weight: Weight,
    aligner: Callable[[Sequence[str], Sequence[str], Weight], NameMatch] = align,
) -> BestMatch:
    """The best alignment over every reading of every name on both sides, in bits."""
    penalty, conflict = model.name["unmatched_penalty"], model.name["conflict_bits"]
    middle = model.name["middle_factor"]
    best: BestMatch = (model.name["no_match_bits"], None, "", "")
    for tform in traveller.names:
        for treading in tform.readings:
            for aform in alert.names:
                for areading in aform.readings:
                    match = aligner(treading, areading, weight)
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


def _name_feature(best: BestMatch) -> Feature:
    bits, match, twritten, awritten = best
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


def _sex_how(traveller: Person, alert: Person) -> str:
    if not traveller.sex or not alert.sex or "X" in (traveller.sex, alert.sex):
        return "missing"
    return "same" if traveller.sex == alert.sex else "different"


def _sex(traveller: Person, alert: Person, model: Model) -> Feature:
    how = _sex_how(traveller, alert)
    if how == "missing":
        return Feature("sex", how, model.sex[how], "unknown")
    return Feature("sex", how, model.sex[how], f"{how} ({traveller.sex}/{alert.sex})")


def _nationality_how(traveller: Person, alert: Person) -> str:
    if not traveller.nationalities or not alert.nationalities:
        return "missing"
    return "same" if traveller.nationalities & alert.nationalities else "different"


def _nationality(traveller: Person, alert: Person, model: Model) -> Feature:
    how = _nationality_how(traveller, alert)
    if how == "missing":
        return Feature("nationality", how, model.nationality[how], "unknown")
    shown = ",".join(
        sorted(traveller.nationalities & alert.nationalities)
        or sorted(traveller.nationalities | alert.nationalities)
    )
    return Feature("nationality", how, model.nationality[how], f"{how} ({shown})")


def _document_how(traveller: Person, alert: Person) -> str:
    if not traveller.documents or not alert.documents:
        return "missing"
    return "same" if traveller.documents & alert.documents else "different"


def _document(traveller: Person, alert: Person, model: Model) -> Feature:
    how = _document_how(traveller, alert)
    if how == "missing":
        return Feature("document", how, model.document[how], "not compared")
    if how == "same":
        exact = set(traveller.document_numbers) & set(alert.document_numbers)
        detail = "same number" if exact else "same number read with OCR confusions undone"
        return Feature("document", how, model.document[how], detail)
    return Feature("document", how, model.document[how], "different numbers")
