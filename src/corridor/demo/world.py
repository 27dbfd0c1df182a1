"""The demo world's contents, generated from a seed: the same seed gives the same world."""

from __future__ import annotations

import random
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from corridor.demo.names import draw_name
from corridor.domain.agencies import AgencySpec
from corridor.domain.documents import ocr
from corridor.domain.documents.check_digit import check_digit
from corridor.domain.documents.mrz_writer import DocumentFields, make_td1, make_td3
from corridor.domain.roles import Role

DEMO_PASSWORD = "corridor-demo"  # noqa: S105 - printed to the user; the demo refuses production
TODAY = date(2026, 11, 1)  # fixed so that a seed always yields the same expiries

AGENCIES = (
    AgencySpec("VNM-MPS", "Ministry of Public Security of Viet Nam", "VNM"),
    AgencySpec("GBR-HO", "UK Home Office", "GBR"),
    AgencySpec("CHN-NIA", "National Immigration Administration of China", "CHN"),
    AgencySpec("THA-IMB", "Immigration Bureau, Royal Thai Police", "THA"),
    AgencySpec("KHM-GDI", "General Department of Immigration of Cambodia", "KHM"),
    AgencySpec("JPN-ISA", "Immigration Services Agency of Japan", "JPN"),
    AgencySpec("KOR-KIS", "Korea Immigration Service", "KOR"),
)
# Agencies whose officers get every role in the demo; the others get an admin and an officer.
FULL_STAFF = ("VNM-MPS", "GBR-HO", "CHN-NIA")
ROLE_LOGIN = {
    Role.ADMIN: "admin",
    Role.BORDER_OFFICER: "border",
    Role.ANALYST: "analyst",
    Role.CASE_OFFICER: "case",
    Role.LIAISON: "liaison",
    Role.AUDITOR: "auditor",
}
# Share of travellers by nationality, as a Vietnamese node would see them.
NATIONALITY_WEIGHTS = {
    "VNM": 45,
    "CHN": 20,
    "KOR": 9,
    "JPN": 6,
    "GBR": 8,
    "THA": 5,
    "KHM": 4,
    "RUS": 3,
}
# Shape of each state's current passport numbers: L a letter, D a digit, others as written.
PASSPORT_SHAPES = {
    "VNM": "CDDDDDDD",
    "CHN": "EDDDDDDDD",
    "KOR": "MDDDDDDDD",
    "JPN": "LLDDDDDDD",
    "THA": "ALDDDDDDD",
    "KHM": "NDDDDDDD",
}
AGENCY_OF = {spec.country: spec.code for spec in AGENCIES}


@dataclass(frozen=True, slots=True)
class UserSpec:
    agency_code: str
    username: str
    display_name: str
    roles: frozenset[Role]


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    document_code: str
    number: str
    issuing_state: str
    issued_on: date
    expires_on: date
    mrz: tuple[str, ...]  # as printed: a badly printed one carries an OCR slip
    reported: str | None = None  # registry reason, if the issuing agency reported it


# Shares of passports that the issuing agency has reported, and that are badly printed.
REPORTED_SHARE = 0.015
REPORT_REASONS = ("lost", "lost", "stolen", "stolen", "revoked", "invalidated", "forged")
BADLY_PRINTED_SHARE = 0.01


@dataclass(frozen=True, slots=True)
class TravellerSpec:
    agency_code: str
    family_name: str
    given_names: str
    native_name: str | None
    script: str
    birth_date: date
    sex: str
    nationality: str
    source: str
    documents: tuple[DocumentSpec, ...] = field(default_factory=tuple)


def demo_users() -> list[UserSpec]:
    users = []
    for agency in AGENCIES:
        prefix = agency.country.lower()
        roles = list(Role) if agency.code in FULL_STAFF else [Role.ADMIN, Role.BORDER_OFFICER]
        for role in roles:
            users.append(
                UserSpec(
                    agency_code=agency.code,
                    username=f"{prefix}.{ROLE_LOGIN[role]}",
                    display_name=f"{role.label} ({agency.code})",
                    roles=frozenset({role}),
                )
            )
    return users


def _passport_number(rng: random.Random, state: str) -> str:
    shape = PASSPORT_SHAPES.get(state, "DDDDDDDDD")
    return "".join(
        rng.choice(string.ascii_uppercase)
        if c == "L"
        else rng.choice(string.digits)
        if c == "D"
        else c
        for c in shape
    )


def _birth_date(rng: random.Random) -> date:
    age_days = int(rng.triangular(2 * 365, 80 * 365, 32 * 365))
    return TODAY - timedelta(days=age_days)


def _fields(
    code: str,
    state: str,
    family: str,
    given: str,
    number: str,
    born: date,
    sex: str,
    expires: date,
    optional: str = "",
) -> DocumentFields:
    return DocumentFields(
        document_code=code,
        issuing_state=state,
        surname=family,
        given_names=given,
        document_number=number,
        nationality=state,
        birth_date=born,
        sex=sex,
        expiry_date=expires,
        optional_data=optional,
    )


def _add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _smudged(rng: random.Random, mrz: tuple[str, ...]) -> tuple[str, ...]:
    """The MRZ with one digit of the document number printed so OCR reads it as a letter,
    where the check digit still points back to one reading (else the print is left clean)."""
    line = mrz[1]
    digit = line[9]
    slots = [i for i in range(9) if line[i] in ocr.DIGIT_TO_LETTER]
    rng.shuffle(slots)
    for i in slots:
        smudged = line[:i] + ocr.DIGIT_TO_LETTER[line[i]] + line[i + 1 : 9]
        if check_digit(smudged) == digit:  # 6 and G weigh alike: no check digit can tell
            continue
        readings = [n for n in ocr.single_substitutions(smudged) if check_digit(n) == digit]
        if readings == [line[:9]]:
            return (mrz[0], smudged + line[9:], *mrz[2:])
    return mrz


def _documents(
    rng: random.Random, nationality: str, family: str, given: str, born: date, sex: str
) -> tuple[DocumentSpec, ...]:
    adult = (TODAY - born).days >= 18 * 365
    years = 10 if adult else 5
    issued = TODAY - timedelta(days=rng.randint(0, years * 365 + 400))  # some have expired
    expires = _add_years(issued, years) - timedelta(days=1)
    number = _passport_number(rng, nationality)
    mrz = make_td3(_fields("P", nationality, family, given, number, born, sex, expires))
    if rng.random() < BADLY_PRINTED_SHARE:
        mrz = _smudged(rng, mrz)
    reported = rng.choice(REPORT_REASONS) if rng.random() < REPORTED_SHARE else None
    documents = [DocumentSpec("P", number, nationality, issued, expires, mrz, reported)]
    if nationality == "VNM" and adult and rng.random() < 0.3:
        # Citizen identity card: a 12-digit number, so the TD1 long-number rule applies.
        card = "0" + "".join(rng.choices(string.digits, k=11))
        card_expires = _add_years(born, 60)
        lines = make_td1(_fields("ID", "VNM", family, given, card, born, sex, card_expires))
        documents.append(DocumentSpec("ID", card, "VNM", issued, card_expires, lines))
    return tuple(documents)


def travellers(seed: int, count: int) -> Iterator[TravellerSpec]:
    """``count`` travellers with names for their nationality and valid machine-readable zones."""
    rng = random.Random(seed)
    nationalities = list(NATIONALITY_WEIGHTS)
    weights = list(NATIONALITY_WEIGHTS.values())
    for _ in range(count):
        nationality = rng.choices(nationalities, weights)[0]
        sex = rng.choice("MF")
        name = draw_name(rng, nationality, sex)
        born = _birth_date(rng)
        own = AGENCY_OF.get(nationality)
        agency = own if own and rng.random() < 0.4 else "VNM-MPS"
        source = "border-crossings" if agency == "VNM-MPS" else "passport-register"
        yield TravellerSpec(
            agency_code=agency,
            family_name=name.family_name,
            given_names=name.given_names,
            native_name=name.native_name,
            script=name.script,
            birth_date=born,
            sex=sex,
            nationality=nationality,
            source=source,
            documents=_documents(rng, nationality, name.family_name, name.given_names, born, sex),
        )
