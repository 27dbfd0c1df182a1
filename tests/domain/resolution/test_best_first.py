"""Scored pairs come best first, ties in the order of their ids."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corridor.domain.resolution.resolver import ScoredPair, best_first

IDS = st.sampled_from(["R1", "R10", "R2", "A", "b"])
PAIRS = st.lists(
    st.builds(
        ScoredPair,
        IDS,
        IDS,
        st.sampled_from([-3.5, 0.0, 12.0, 12.5, 40.0]),
        st.just(0.5),
        st.just(""),
    ),
    max_size=40,
)


@given(PAIRS)
def test_best_first_is_by_descending_bits_then_ids(pairs: list[ScoredPair]) -> None:
    assert best_first(pairs) == sorted(pairs, key=lambda p: (-p.bits, p.left, p.right))


def test_best_first_takes_any_iterable() -> None:
    pairs = [ScoredPair("A", "B", 1.0, 0.1, ""), ScoredPair("A", "C", 2.0, 0.2, "")]
    assert [p.right for p in best_first(iter(pairs))] == ["C", "B"]
