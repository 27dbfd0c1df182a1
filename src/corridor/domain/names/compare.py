"""Comparing two names token by token, in any order, and saying how each pair matched.

Both names arrive as token lists (already romanised). Tokens pair up one-to-one, best first;
a token may also match two adjacent tokens of the other name written together (JIANPING and
JIAN PING, SEONGHUN and SEONG HUN). Each pair says *how* it matched, for the explanation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from rapidfuzz.distance import OSA

from corridor.domain.names.fold import fold, skeleton
from corridor.domain.names.variants import same_name

Weight = Callable[[str], float]


class TokenMatch(NamedTuple):
    left: str
    right: str
    how: str  # exact, spelling, variant, typo, slip, consonants, initial
    similarity: float


class NameMatch(NamedTuple):
    """The best alignment of two names: matched pairs, and what is left on each side."""

    matches: tuple[TokenMatch, ...]
    left_unmatched: tuple[str, ...]
    right_unmatched: tuple[str, ...]
    matched_weight: float
    total_weight: float  # of every token, matched or not: the tie-breaker between alignments


_SIMILARITY_CACHE: dict[tuple[str, str], tuple[float, str]] = {}
_CACHE_LIMIT = 1_000_000


def token_similarity(a: str, b: str) -> tuple[float, str]:
    """How alike two upper-case tokens are (0 to 1), and why (memoised: names repeat)."""
    key = (a, b)
    cached = _SIMILARITY_CACHE.get(key)
    if cached is None:
        cached = _token_similarity(a, b)
        if len(_SIMILARITY_CACHE) >= _CACHE_LIMIT:
            _SIMILARITY_CACHE.clear()
        _SIMILARITY_CACHE[key] = cached
    return cached


def _token_similarity(a: str, b: str) -> tuple[float, str]:
    # A rule added here must be known to ``NameTable._may_be_alike`` (bulk_names.py), which
    # leaves unasked the pairs that no rule of this function can find alike.
    if a == b:
        return 1.0, "exact"
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return 0.97, "spelling"
    if same_name(a, b):
        return 0.95, "variant"
    shortest, longest = min(len(a), len(b)), max(len(a), len(b))
    one_edit = OSA.distance(a, b, score_cutoff=1) <= 1 or OSA.distance(fa, fb, score_cutoff=1) <= 1
    # A slip in a long part, or in a four-letter one after its first letter, is a typo. In a
    # short part it may as well be another name (WANG and YANG, TUNG and HUNG, HU and THU), so
    # it counts for less and the rest of the evidence decides.
    if one_edit and shortest >= 3 and (longest >= 5 or (longest == 4 and a[0] == b[0])):
        return 0.9, "typo"
    if one_edit and longest >= 2:
        return 0.6, "slip"
    sa, sb = skeleton(a), skeleton(b)
    if len(sa) >= 3 and sa == sb and fa[0] == fb[0]:
        return 0.88, "consonants"
    if shortest == 1 and a[0] == b[0]:
        return 0.6, "initial"
    return 0.0, ""


Variant = tuple[tuple[str, ...], tuple[float, ...]]


def _plain(tokens: Sequence[str], weight: Weight) -> Variant:
    return tuple(tokens), tuple(weight(t) for t in tokens)


def variants(tokens: Sequence[str], weight: Weight) -> list[Variant]:
    """A reading's parts with their weights, then each way of writing two adjacent parts as
    one (what ``align_variants`` takes; a caller that meets the same readings again and again
    makes them once per reading). A merged part weighs what the heavier of its two does:
    NGUYEN+VAN is no rarer than NGUYEN."""
    weights = tuple(weight(t) for t in tokens)
    out = [(tuple(tokens), weights)]
    for i in range(len(tokens) - 1):
        merged = (*tokens[:i], tokens[i] + tokens[i + 1], *tokens[i + 2 :])
        merged_weights = (*weights[:i], max(weights[i], weights[i + 1]), *weights[i + 2 :])
        out.append((merged, merged_weights))
    return out


def align(left: Sequence[str], right: Sequence[str], weight: Weight) -> NameMatch:
    """The alignment of ``left`` with ``right`` that carries the most weight. A matched pair
    counts at the lighter of its two weights, so a misspelt (unseen, hence "rare") token
    cannot weigh more than the name it stands for."""
    # Only the name with more parts can have written two of them apart (JIAN PING, JIANPING).
    left_variants = variants(left, weight) if len(left) > len(right) else [_plain(left, weight)]
    right_variants = variants(right, weight) if len(right) > len(left) else [_plain(right, weight)]
    return align_variants(left_variants, right_variants)


def align_variants(left: Sequence[Variant], right: Sequence[Variant]) -> NameMatch:
    """``align`` of two readings given as their ``variants`` (the first of each, the parts as
    written; the rest are looked at only on the side with more parts)."""
    left_count, right_count = len(left[0][0]), len(right[0][0])
    best: NameMatch | None = None
    for left_variant in left if left_count > right_count else left[:1]:
        for right_variant in right if right_count > left_count else right[:1]:
            candidate = _align(left_variant, right_variant)
            if best is None or (candidate.matched_weight, -candidate.total_weight) > (
                best.matched_weight,
                -best.total_weight,
            ):
                best = candidate
    assert best is not None
    return best


def _align(left_variant: Variant, right_variant: Variant) -> NameMatch:
    (left, left_w), (right, right_w) = left_variant, right_variant
    known = _SIMILARITY_CACHE.get
    pairs = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            similarity, how = known((a, b)) or token_similarity(a, b)
            if similarity > 0:
                pairs.append((similarity * min(left_w[i], right_w[j]), similarity, i, j, how))
    pairs.sort(reverse=True)
    used_left: set[int] = set()
    used_right: set[int] = set()
    matches = []
    matched_weight = total = 0.0
    for gain, similarity, i, j, how in pairs:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        matches.append(TokenMatch(left[i], right[j], how, similarity))
        matched_weight += gain
        total += min(left_w[i], right_w[j])
    left_rest = tuple(t for i, t in enumerate(left) if i not in used_left)
    right_rest = tuple(t for j, t in enumerate(right) if j not in used_right)
    total += sum(w for i, w in enumerate(left_w) if i not in used_left)
    total += sum(w for j, w in enumerate(right_w) if j not in used_right)
    return NameMatch(tuple(matches), left_rest, right_rest, matched_weight, total)
