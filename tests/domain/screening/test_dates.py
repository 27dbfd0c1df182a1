import numpy as np
import pytest

from corridor.domain.screening.dates import compare_birth_dates, parse_birth_date
from corridor.domain.screening.model import load_model
from corridor.domain.screening.prefilter import DateFilter
from corridor.errors import InvalidInput

BITS = load_model().birth_date


@pytest.mark.parametrize(
    ("left", "right", "how"),
    [
        ("1990-03-01", "1990-03-01", "exact"),
        ("1972-04-05", "1972-05-04", "day_month_swapped"),
        ("1985-05-22", "1985-05-23", "one_digit"),
        ("1964-07-09", "1964", "same_year"),
        ("1964-07-09", "1964-07", "same_year_month"),
        ("1982-01-01", "1980/1985", "in_range"),
        ("1990-03-01", "1975-11-20", "conflict"),
        ("1964-07-09", "1965", "conflict"),
        ("", "1990", "missing"),
    ],
)
def test_birth_dates_compare(left: str, right: str, how: str) -> None:
    assert compare_birth_dates(parse_birth_date(left), parse_birth_date(right), BITS).how == how


@pytest.mark.parametrize("text", ["1990-02-30", "90-01-01", "1990/1980", "tomorrow"])
def test_a_bad_birth_date_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_birth_date(text)


def test_the_filter_for_a_whole_dataset_keeps_exactly_the_dates_that_do_not_disagree() -> None:
    texts = [
        "1990-03-01", "1990-01-03", "1990-03-02", "1990-03", "1990-04", "1990", "1991",
        "1985-05-22", "1985-05-23", "1988/1992", "1993/1995", "",
    ]  # fmt: skip
    dates = [parse_birth_date(t) for t in texts]
    lefts, rights = np.array(
        [(i, j) for i in range(len(dates)) for j in range(len(dates))], dtype=np.int32
    ).T
    kept = set(DateFilter(dates).compatible_pairs(lefts, rights).tolist())
    for k, (i, j) in enumerate(zip(lefts.tolist(), rights.tolist(), strict=True)):
        disagree = compare_birth_dates(dates[i], dates[j], BITS).how == "conflict"
        assert (k in kept) != disagree, (texts[i], texts[j])
