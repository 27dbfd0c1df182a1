"""Demo alerts: every type, on some of the demo travellers (so the border check finds them
under the variations screening must survive) and on people who never cross."""

from __future__ import annotations

import random
from collections.abc import Sequence

from corridor.demo.names import draw_name
from corridor.demo.world import TravellerSpec
from corridor.domain.screening.alerts import (
    DEFAULT_ACTION,
    AlertName,
    AlertSpec,
    AlertType,
    NameKind,
)

TYPES = list(AlertType)
TYPE_WEIGHTS = [20, 15, 8, 15, 12, 15, 15]
OWNERS = ["VNM-MPS"] * 8 + ["GBR-HO", "CHN-NIA"]


def demo_alerts(
    rng: random.Random, subjects: Sequence[TravellerSpec], strangers: int
) -> list[tuple[str, AlertSpec]]:
    """Alerts on ``subjects`` (demo travellers) and on ``strangers`` people who never travel."""
    out = []
    for number, person in enumerate(subjects):
        alert_type = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        names = [AlertName(person.native_name or f"{person.family_name} {person.given_names}")]
        if person.native_name and rng.random() < 0.5:
            names.append(AlertName(f"{person.family_name} {person.given_names}", NameKind.ALIAS))
        born = person.birth_date.isoformat()
        if rng.random() < 0.25:
            born = born[:4]  # the owner knows only the year
        documents = tuple(d.number for d in person.documents[:1]) if rng.random() < 0.5 else ()
        out.append(
            (
                rng.choice(OWNERS),
                AlertSpec(
                    reference=f"DEMO-{number:05d}",
                    alert_type=alert_type,
                    names=tuple(names),
                    birth_date=born,
                    nationalities=(person.nationality,),
                    sex=person.sex,
                    documents=documents,
                    action=DEFAULT_ACTION[alert_type],
                    handling_code=rng.choice(["restricted", "law_enforcement_only"]),
                ),
            )
        )
    for number in range(strangers):
        nationality = rng.choice(["VNM", "VNM", "CHN", "KOR", "GBR", "THA", "KHM", "RUS"])
        sex = rng.choice("MF")
        name = draw_name(rng, nationality, sex)
        alert_type = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        year = rng.randint(1955, 2015)
        out.append(
            (
                rng.choice(OWNERS),
                AlertSpec(
                    reference=f"DEMO-X{number:05d}",
                    alert_type=alert_type,
                    names=(
                        AlertName(name.native_name or f"{name.family_name} {name.given_names}"),
                    ),
                    birth_date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    nationalities=(nationality,),
                    sex=sex,
                    action=DEFAULT_ACTION[alert_type],
                ),
            )
        )
    return out
