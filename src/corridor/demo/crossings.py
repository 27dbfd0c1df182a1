"""A year of the demo travellers' crossings on the real corridors, as VNM-MPS records them,
with one of each case the analyses must find: overstayers, a late leaver, a cloned passport,
a double entry, an unaccompanied child and an escort who keeps crossing with young women."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from corridor.demo.world import TODAY, TravellerSpec

VN = timezone(timedelta(hours=7))
CN = timezone(timedelta(hours=8))
AIRPORTS = ("HAN", "SGN", "DAD", "CXR", "PQC")
EXEMPT = {"GBR": 45, "JPN": 45, "KOR": 45, "THA": 30, "KHM": 30}
START = TODAY - timedelta(days=365)


@dataclass(frozen=True, slots=True)
class DemoCrossing:
    reference: str
    moment: datetime
    point: str
    direction: str
    traveller: TravellerSpec
    permit_type: str
    permit_days: int | None
    carrier: str = ""
    booking_ref: str = ""

    @property
    def document_key(self) -> str:
        document = self.traveller.documents[0]
        return f"{document.issuing_state}:{document.number}"


def _at(day: date, hour: int, minute: int, zone: timezone = VN) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def demo_crossings(rng: random.Random, people: Sequence[TravellerSpec]) -> Iterator[DemoCrossing]:
    counter = iter(range(1, 10**9))

    def ref() -> str:
        return f"DX{next(counter):08d}"

    # Children travel only in the planted cases: the demo has no families to put beside them.
    adults = [p for p in people if (TODAY - p.birth_date).days >= 19 * 366]  # 18 all year
    foreigners = [p for p in adults if p.nationality != "VNM"]
    citizens = [p for p in adults if p.nationality == "VNM"]
    children = [
        p for p in people if p.nationality == "VNM" and (TODAY - p.birth_date).days < 16 * 365
    ]
    for person in foreigners:
        days = EXEMPT.get(person.nationality, 90)
        permit = "visa_exempt" if person.nationality in EXEMPT else "e_visa"
        arrive = START + timedelta(days=rng.randrange(330))
        flight = f"VN{rng.randrange(10, 999)}"
        yield DemoCrossing(
            ref(),
            _at(arrive, rng.randrange(6, 23), rng.randrange(60)),
            rng.choice(AIRPORTS),
            "entry",
            person,
            permit,
            days,
            flight,
        )
        fate = rng.random()
        if fate < 0.03:
            continue  # never left: an overstayer once the permit ends
        stay = days + rng.randrange(1, 20) if fate < 0.05 else rng.randrange(2, days + 1)
        leave = arrive + timedelta(days=stay - 1)
        if leave < TODAY:
            yield DemoCrossing(
                ref(),
                _at(leave, rng.randrange(6, 23), rng.randrange(60)),
                rng.choice(AIRPORTS),
                "exit",
                person,
                permit,
                days,
                f"VN{rng.randrange(10, 999)}",
            )
    for person in citizens[: len(citizens) // 3]:  # Vietnamese to China and back at Mong Cai
        out = START + timedelta(days=rng.randrange(350))
        yield DemoCrossing(ref(), _at(out, 8, 0), "MONGCAI", "exit", person, "citizen", None)
        yield DemoCrossing(
            ref(), _at(out, 9, 10, CN), "DONGXING", "entry", person, "border_pass", 3
        )
        if rng.random() < 0.95:
            back = out + timedelta(days=rng.randrange(0, 3))
            yield DemoCrossing(
                ref(), _at(back, 16, 0, CN), "DONGXING", "exit", person, "border_pass", 3
            )
            yield DemoCrossing(
                ref(), _at(back, 15, 10), "MONGCAI", "entry", person, "citizen", None
            )
    yield from _planted(rng, foreigners, citizens, children, ref)


def _planted(
    rng: random.Random,
    foreigners: Sequence[TravellerSpec],
    citizens: Sequence[TravellerSpec],
    children: Sequence[TravellerSpec],
    ref: Callable[[], str],
) -> Iterator[DemoCrossing]:
    clone = foreigners[-1]  # one passport at Noi Bai and Tan Son Nhat half an hour apart
    day = TODAY - timedelta(days=40)
    yield DemoCrossing(ref(), _at(day, 10, 0), "HAN", "entry", clone, "visa_exempt", 45, "VN1")
    yield DemoCrossing(ref(), _at(day, 10, 30), "SGN", "entry", clone, "visa_exempt", 45, "VJ2")
    twice = foreigners[-2]  # came back with no exit recorded
    yield DemoCrossing(
        ref(), _at(day - timedelta(days=90), 9, 0), "DAD", "entry", twice, "visa_exempt", 45
    )
    yield DemoCrossing(ref(), _at(day, 9, 0), "DAD", "entry", twice, "visa_exempt", 45)
    if children:  # a child alone on foot at Mong Cai
        yield DemoCrossing(ref(), _at(day, 7, 30), "MONGCAI", "exit", children[0], "citizen", None)
    young_women = [
        p for p in citizens if p.sex == "F" and 18 * 365 < (TODAY - p.birth_date).days < 25 * 365
    ]
    escort = next(
        (p for p in citizens if p.sex == "M" and (TODAY - p.birth_date).days > 30 * 365), None
    )
    if escort is None:
        return
    for trip in range(min(8, len(young_women) // 2)):  # an escort, each time with new young women
        when = _at(START + timedelta(days=30 + trip * 40), 6, 15)
        booking = f"ESC{trip:03d}"
        yield DemoCrossing(
            ref(), when, "MOCBAI", "exit", escort, "citizen", None, "51B-123.45", booking
        )
        for woman in young_women[trip * 2 : trip * 2 + 2]:
            if woman.family_name != escort.family_name:
                yield DemoCrossing(
                    ref(),
                    when + timedelta(minutes=2),
                    "MOCBAI",
                    "exit",
                    woman,
                    "citizen",
                    None,
                    "51B-123.45",
                    booking,
                )


def as_rows(crossings: Iterator[DemoCrossing], agency_id: int) -> Iterator[dict[str, object]]:
    for c in crossings:
        t = c.traveller
        yield {
            "agency_id": agency_id,
            "reference": c.reference,
            "source": "demo",
            "timestamp": c.moment.isoformat(),
            "instant": c.moment.astimezone(UTC),
            "local_date": c.moment.date(),
            "point": c.point,
            "direction": c.direction,
            "document_key": c.document_key,
            "nationality": t.nationality,
            "full_name": f"{t.family_name} {t.given_names}",
            "birth_date": t.birth_date,
            "sex": t.sex,
            "permit_type": c.permit_type,
            "permit_days": c.permit_days,
            "carrier": c.carrier,
            "booking_ref": c.booking_ref,
            "outcome": "admitted",
        }
