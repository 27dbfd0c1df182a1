from datetime import date
from pathlib import Path

from corridor.domain.crossings.permits import permit_rules, permitted_days
from corridor.engines.crossings.engine import CrossingsEngine
from tests.engines.test_crossings import row, write_world


def test_each_rule_names_its_source_and_a_nationality_rule_comes_before_the_general_one() -> None:
    assert all(rule.source for rule in permit_rules())
    uk = permitted_days("VNM", "GBR", "visa_exempt")
    assert uk is not None
    assert uk.days == 45
    assert "UK" in uk.source
    assert permitted_days("VNM", "THA", "visa_exempt").days == 30  # type: ignore[union-attr]
    assert permitted_days("VNM", "USA", "e_visa").days == 90  # type: ignore[union-attr]
    assert permitted_days("VNM", "USA", "visa_exempt") is None


def test_a_stay_without_days_takes_them_from_the_rules(tmp_path: Path) -> None:
    crossings, points = write_world(
        tmp_path,
        [
            row("U1", "2026-01-01T10:00:00+07:00", "HAN", "entry", "UK1", days=""),
            row("U2", "2026-01-01T10:00:00+07:00", "HAN", "entry", "US1", nat="USA", days=""),
        ],
    )
    engine = CrossingsEngine()
    engine.load(crossings, points)
    stays = {r[1]: r for r in engine.stays(date(2026, 6, 30)).fetchall()}
    assert stays["U1"][5:] == ("2026-02-14", "overstaying", 136)  # the UK's 45 days
    assert stays["U2"][5:] == ("", "in_country", 0)  # no rule: nothing can be said
