from datetime import date

import pytest

from corridor.domain.exchange.agreements import AgreementVersion, Term, check_flow, in_force
from corridor.errors import InvalidInput


def _version(
    version: int, effective: date, status: str = "active", **kw: object
) -> AgreementVersion:
    values: dict[str, object] = {
        "code": "VNM-GBR",
        "version": version,
        "title": "MoU",
        "parties": ("GBR-HO", "VNM-MPS"),
        "status": status,
        "valid_from": date(2026, 1, 1),
        "valid_until": date(2026, 12, 31),
        "handling_code": "restricted",
        "answer_days": 10,
        "terms": (Term.parse("alerts:wanted:VNM-MPS>GBR-HO:border_control"),),
        "effective": effective,
    }
    values.update(kw)
    return AgreementVersion(**values)  # type: ignore[arg-type]


MOU = {"VNM-GBR": [_version(1, date(2026, 1, 1)), _version(2, date(2026, 6, 1), "suspended")]}


def test_a_term_reads_its_category_direction_and_purposes() -> None:
    term = Term.parse(" alerts:* : VNM-MPS > GBR-HO ")
    assert term.carries("alerts:missing")
    assert not term.carries("crossings")
    assert "readmission" in term.purposes
    for bad in (
        "alerts:wanted:VNM-MPS",
        "gossip:VNM-MPS>GBR-HO",
        "crossings:A-B>A-B",
        "crossings:VNM-MPS>GBR-HO:curiosity",
    ):
        with pytest.raises(InvalidInput):
            Term.parse(bad)


def test_the_flow_is_allowed_only_in_its_direction_category_purpose_and_dates() -> None:
    ok = check_flow(MOU, "alerts:wanted", "VNM-MPS", "GBR-HO", "border_control", date(2026, 3, 1))
    assert ok.allowed
    assert ok.agreement == "VNM-GBR"
    assert ok.version == 1
    march, early, july = date(2026, 3, 1), date(2025, 12, 31), date(2026, 7, 1)
    vnm, gbr, wanted, border = "VNM-MPS", "GBR-HO", "alerts:wanted", "border_control"
    for category, source, recipient, purpose, on, why in (
        (wanted, gbr, vnm, border, march, "no term lets"),
        ("alerts:victim", vnm, gbr, border, march, "no term lets"),
        (wanted, vnm, gbr, "readmission", march, "purpose"),
        (wanted, vnm, "CHN-NIA", border, march, "not both parties"),
        (wanted, vnm, gbr, border, early, "not yet in force"),
        (wanted, vnm, gbr, border, july, "suspended"),
    ):
        verdict = check_flow(MOU, category, source, recipient, purpose, on)
        assert not verdict.allowed, (category, source, recipient, purpose, on)
        assert why in verdict.reason


def test_what_an_agreement_allowed_on_a_past_day_stays_explainable() -> None:
    versions = MOU["VNM-GBR"]
    assert in_force(versions, date(2026, 5, 31)) == versions[0]
    assert in_force(versions, date(2026, 6, 1)) == versions[1]
    assert in_force(versions, date(2025, 1, 1)) is None
    ended = {"VNM-GBR": [_version(1, date(2026, 1, 1), valid_until=date(2026, 2, 1))]}
    late = check_flow(ended, "alerts:wanted", "VNM-MPS", "GBR-HO", None, date(2026, 2, 2))
    assert "ended on 2026-02-01" in late.reason
