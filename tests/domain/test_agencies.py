import pytest

from corridor.domain.agencies import validate_agency
from corridor.errors import InvalidInput


def test_an_agency_is_normalised_to_its_code_name_and_country() -> None:
    spec = validate_agency(" vnm-mps ", "Ministry of  Public Security", "vnm")
    assert (spec.code, spec.name, spec.country) == ("VNM-MPS", "Ministry of Public Security", "VNM")


@pytest.mark.parametrize(
    ("code", "country", "message"),
    [
        ("VNMMPS", "VNM", "not of the form"),
        ("VNM-MPS'; DROP TABLE agencies; --", "VNM", "not of the form"),
        ("XYZ-MPS", "XYZ", "not an ISO 3166-1"),
        ("GBR-HO", "VNM", "should start with its country code"),
    ],
)
def test_a_wrong_agency_is_refused_with_the_reason(code: str, country: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        validate_agency(code, "Some agency", country)
