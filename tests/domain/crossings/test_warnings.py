from datetime import UTC, date, datetime, timedelta

from corridor.domain.crossings.warnings import PastCrossing, warnings

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
