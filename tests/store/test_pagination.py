import pytest

from corridor.errors import InvalidInput
from corridor.services.agencies import add_agency
from corridor.store.database import Database
from corridor.store.pagination import decode_cursor, encode_cursor
from corridor.store.repositories.agencies import AgencyRepository


def test_pages_cover_every_row_once_in_order(database: Database) -> None:
    codes = ["VNM-MPS", "GBR-HO", "CHN-NIA", "THA-IMB", "KHM-GDI"]
    with database.transaction() as session:
        for code in codes:
            add_agency(session, code=code, name=code, country=code[:3])
    seen: list[str] = []
    cursor = None
    while True:
        with database.transaction() as session:
            page = AgencyRepository(session).list(after=decode_cursor(cursor), limit=2)
        seen.extend(a.code for a in page.items)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == codes


def test_a_cursor_round_trips_and_a_forged_one_is_refused() -> None:
    assert decode_cursor(encode_cursor(42)) == 42
    for forged in ("not-a-cursor", "eDo0Mg", "aWQ6eHl6"):
        with pytest.raises(InvalidInput, match="cursor"):
            decode_cursor(forged)
