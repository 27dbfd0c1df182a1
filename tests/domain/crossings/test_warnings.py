from datetime import UTC, date, datetime, timedelta

from corridor.domain.crossings.warnings import PastCrossing, current_stay, warnings

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def past(
    days_ago: float, point: str, direction: str, permit: int | None = 30, country: str = "VNM"
) -> PastCrossing:
    moment = NOW - timedelta(days=days_ago)
    return PastCrossing(moment, moment.date(), point, country, direction, permit)


def test_a_late_exit_on_the_last_visit_is_told() -> None:
    history = [past(10, "SGN", "exit"), past(45, "HAN", "entry", permit=30)]
    assert (
        "left 6 day(s) late on the last visit"
        in warnings(history, NOW, "HAN", "VNM", "entry", None)[0]
    )


def test_an_exit_on_the_last_permitted_day_is_not() -> None:
    history = [past(16, "SGN", "exit"), past(45, "HAN", "entry", permit=30)]
    assert warnings(history, NOW, "HAN", "VNM", "entry", None) == []


def test_an_entry_after_an_entry_and_a_document_seen_elsewhere_are_told() -> None:
    history = [past(0.02, "SGN", "entry")]  # half an hour ago, in Ho Chi Minh City
    told = warnings(history, NOW, "HAN", "VNM", "entry", None)
    assert any("no exit recorded since the entry at SGN" in w for w in told)
    assert any("crossed at SGN 28 min ago" in w for w in told)


def test_a_minor_is_told_and_an_adult_on_their_birthday_is_not() -> None:
    assert warnings([], NOW, "HAN", "VNM", "entry", date(2008, 3, 2))
    assert warnings([], NOW, "HAN", "VNM", "entry", date(2008, 3, 1)) == []
    assert warnings([], NOW, "HAN", "VNM", "entry", date(2008, 2, 29)) == []  # 18 on 1 March


def _entered(day: date, days: int | None) -> PastCrossing:
    return PastCrossing(
        datetime(day.year, day.month, day.day, 1, tzinfo=UTC), day, "HAN", "VNM", "entry", days
    )


def test_the_current_stay_ends_on_its_last_permitted_day_and_not_a_day_earlier() -> None:
    entry = _entered(date(2026, 1, 1), 45)  # permitted until 14 February
    last_day = current_stay([entry], "VNM", date(2026, 2, 14))
    assert last_day is not None
    assert last_day.permitted_until == date(2026, 2, 14)
    assert last_day.overstay_days == 0
    assert last_day.days_in_country == 45
    day_after = current_stay([entry], "VNM", date(2026, 2, 15))
    assert day_after is not None
    assert day_after.overstay_days == 1


def test_no_stay_is_open_after_an_exit_or_in_another_country() -> None:
    entry = _entered(date(2026, 1, 1), 45)
    left = PastCrossing(
        datetime(2026, 1, 9, tzinfo=UTC), date(2026, 1, 9), "HAN", "VNM", "exit", None
    )
    assert current_stay([left, entry], "VNM", date(2026, 3, 1)) is None
    assert current_stay([entry], "THA", date(2026, 3, 1)) is None
    unlimited = current_stay([_entered(date(2026, 1, 1), None)], "VNM", date(2027, 1, 1))
    assert unlimited is not None
    assert unlimited.permitted_until is None
    assert unlimited.overstay_days == 0


def test_leaving_after_the_permit_warns_and_leaving_on_the_last_day_does_not() -> None:
    entry = _entered(date(2026, 1, 1), 45)
    late = datetime(2026, 2, 16, 12, tzinfo=UTC)
    assert any("2 day(s) over" in w for w in warnings([entry], late, "HAN", "VNM", "exit", None))
    on_time = datetime(2026, 2, 14, 12, tzinfo=UTC)
    assert warnings([entry], on_time, "HAN", "VNM", "exit", None) == []
