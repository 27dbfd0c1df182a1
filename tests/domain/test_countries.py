from corridor.domain.countries import country_name, is_country, is_document_state


def test_agencies_use_iso_codes_while_documents_also_accept_icao_codes() -> None:
    assert is_country("VNM")
    assert is_country("GBR")
    assert not is_country("D")
    assert not is_country("XXA")
    for code in (
        "D",
        "GBD",
        "GBN",
        "GBO",
        "GBP",
        "GBS",
        "UNA",
        "UNK",
        "UNO",
        "XOM",
        "XXA",
        "XXB",
        "XXC",
        "XXX",
        "EUE",
        "RKS",
        "UTO",
    ):
        assert is_document_state(code), code
    assert not is_document_state("ZZZ")
    assert country_name("XXA") == "Stateless person"
