"""Realistic names per nationality, drawn from the weighted tables in ``data/names/``."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from functools import cache
from importlib import resources

from corridor.domain.documents.transliteration import to_mrz_name_part

NATIONALITIES = ("VNM", "CHN", "KOR", "JPN", "GBR", "THA", "KHM", "RUS")
# Scripts as ISO 15924 codes; Vietnamese and British names are Latin already.
SCRIPTS = {
    "VNM": "Latn",
    "CHN": "Hans",
    "KOR": "Hang",
    "JPN": "Jpan",
    "GBR": "Latn",
    "THA": "Thai",
    "KHM": "Khmr",
    "RUS": "Cyrl",
}
# Order in which the native form is written: family name first except in British and Russian use.
FAMILY_FIRST = {"VNM", "CHN", "KOR", "JPN", "KHM"}
NATIVE_SEPARATOR = {"CHN": "", "JPN": "", "KOR": ""}


@dataclass(frozen=True, slots=True)
class NamePart:
    native: str
    latin: str
    sex: str
    weight: int


@dataclass(frozen=True, slots=True)
class PersonName:
    family_name: str  # Latin, as in the passport's MRZ (spaces between parts)
    given_names: str
    native_name: str | None  # in its own script, as the person writes it
    script: str


@cache
def _table(nationality: str) -> dict[str, list[NamePart]]:
    path = resources.files("corridor.data").joinpath(f"names/{nationality}.csv")
    parts: dict[str, list[NamePart]] = {"family": [], "middle": [], "given": []}
    for row in csv.DictReader(path.read_text("utf-8").splitlines()):
        native = row["native"]
        latin = row["latin"] or to_mrz_name_part(native).replace("<", " ")
        parts[row["kind"]].append(NamePart(native, latin, row["sex"], int(row["weight"])))
    return parts


def _pick(rng: random.Random, parts: list[NamePart], sex: str) -> NamePart:
    fitting = [p for p in parts if p.sex in ("", sex)]
    return rng.choices(fitting, weights=[p.weight for p in fitting])[0]


def draw_name(rng: random.Random, nationality: str, sex: str) -> PersonName:
    table = _table(nationality)
    family = _pick(rng, table["family"], sex)
    given = [_pick(rng, table["given"], sex)]
    if table["middle"] and rng.random() < (0.9 if nationality == "VNM" else 0.3):
        given.insert(0, _pick(rng, table["middle"], sex))
    latin_given = " ".join(p.latin for p in given)
    if not family.native:
        return PersonName(family.latin, latin_given, None, SCRIPTS[nationality])
    separator = NATIVE_SEPARATOR.get(nationality, " ")
    native_given = " ".join(p.native for p in given)
    if nationality in FAMILY_FIRST:
        native = f"{family.native}{separator}{native_given}"
    else:
        native = f"{native_given} {family.native}"
    return PersonName(family.latin, latin_given, native, SCRIPTS[nationality])
